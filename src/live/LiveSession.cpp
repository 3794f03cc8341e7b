#include "live/LiveSession.hpp"

#include <algorithm>

#include "engine/VoiceLevels.hpp"
#include "platform/Paths.hpp"
#include "sources/Loudness.hpp"

namespace kindly {

std::unique_ptr<LiveSession> makeLiveSession(std::filesystem::path file, PreparedSession prepared, int startStep) {
    auto live = std::make_unique<LiveSession>();
    live->file = std::move(file);
    live->prepared = std::move(prepared);
    const Script& s = live->script();
    const Timeline& timeline = live->timeline();
    LoudnessCache loudness(cacheDir() / "loudness.tsv");
    VoiceLevels levels = computeVoiceLevels(s, timeline, loudness);
    live->warnings = std::move(levels.warnings);
    // Clips and loops at another rate are resampled into the cache before the sound starts.
    live->resampled = std::make_unique<ResampleCache>(cacheDir() / "resampled", timeline.rate);
    resampleAhead(timeline, *live->resampled);
    const auto step = static_cast<std::size_t>(std::clamp(startStep, 0, static_cast<int>(timeline.steps.size()) - 1));
    live->player = std::make_unique<Player>(s, timeline, levels.gainsDb,
                                            std::make_unique<DirectSourceProvider>(live->resampled.get()),
                                            timeline.steps[step].start);
    return live;
}

int findStep(const Script& script, const std::string& id) {
    for (std::size_t i = 0; i < script.steps.size(); ++i)
        if (script.steps[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace kindly
