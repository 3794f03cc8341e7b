#include "engine/VoiceLevels.hpp"

#include <cmath>
#include <cstdio>

namespace kindly {

VoiceLevels computeVoiceLevels(const Script& script, const Timeline& timeline, LoudnessCache& loudness) {
    VoiceLevels levels;
    levels.gainsDb.assign(timeline.voices.size(), 0.0);
    if (!script.mix.voiceLufs) return levels;
    for (std::size_t i = 0; i < timeline.voices.size(); ++i) {
        const VoiceEvent& voice = timeline.voices[i];
        const auto lufs = loudness.integratedLufs(voice.file);
        if (!lufs) {
            levels.warnings.push_back("the voice of step '" + script.steps[static_cast<std::size_t>(voice.step)].id +
                                      "' (" + voice.file.path.string() +
                                      ") has no measurable loudness (silent?); it plays as recorded");
            continue;
        }
        // Never boost by more than 30 dB: a near-silent clip would only bring up its noise.
        levels.gainsDb[i] = std::min(30.0, *script.mix.voiceLufs - *lufs);
    }
    return levels;
}

}  // namespace kindly
