#pragma once
// The spec's scheduled ducking (internal to the timeline): ambient layers sit duck_db lower
// while the voice speaks, fully down when the first word begins.

#include <vector>

#include "timeline/Timeline.hpp"

namespace kindly {

struct SpeechSpan {
    Frames start = 0;
    Frames end = 0;
};

/// Ramps for `speech` (sorted by start): down over `attack` frames ending at each speech
/// start, up over `release` frames from each speech end. Gaps shorter than attack + release
/// stay ducked. A ramp that would start before frame 0 starts there, part-way down.
std::vector<DuckRamp> scheduleDucking(const std::vector<SpeechSpan>& speech, Frames attack, Frames release, double duckDb);

}  // namespace kindly
