#pragma once
// Captions as WebVTT: one cue per step that has a caption, from the step's start to its
// end, times to the millisecond.

#include <string>

#include "timeline/Timeline.hpp"

namespace kindly {

std::string webVttCaptions(const Timeline& timeline);

/// "hh:mm:ss.mmm", as WebVTT writes cue times.
std::string webVttTime(Frames frame, int rate);

}  // namespace kindly
