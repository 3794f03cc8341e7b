#pragma once
// The loudness correction of every voice clip: with [mix] voice_lufs set, each clip is
// scaled so its EBU R128 integrated loudness, as played in stereo, equals voice_lufs.
// Runs before playback (it reads files); the engine only applies the result.

#include <string>
#include <vector>

#include "script/Script.hpp"
#include "sources/Loudness.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

struct VoiceLevels {
    std::vector<double> gainsDb;  ///< parallel to Timeline::voices
    std::vector<std::string> warnings;
};

VoiceLevels computeVoiceLevels(const Script& script, const Timeline& timeline, LoudnessCache& loudness);

}  // namespace kindly
