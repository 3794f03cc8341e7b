#include "live/LiveSession.hpp"

#include <algorithm>
#include <ostream>

#include "engine/VoiceLevels.hpp"
#include "platform/Language.hpp"
#include "platform/Paths.hpp"
#include "sources/Loudness.hpp"

namespace kindly {

std::unique_ptr<LiveSession> readyLiveSession(std::filesystem::path file, PreparedSession prepared) {
    auto live = std::make_unique<LiveSession>();
    live->file = std::move(file);
    live->prepared = std::move(prepared);
    const Timeline& timeline = live->timeline();
    LoudnessCache loudness(cacheDir() / "loudness.tsv");
    VoiceLevels levels = computeVoiceLevels(live->script(), timeline, loudness);
    live->warnings = std::move(levels.warnings);
    live->voiceGainsDb = std::move(levels.gainsDb);
    // Clips and loops at another rate are resampled into the cache before the sound starts.
    live->resampled = std::make_unique<ResampleCache>(cacheDir() / "resampled", timeline.rate);
    resampleAhead(timeline, *live->resampled);
    return live;
}

void makePlayer(LiveSession& live, Frames startFrame) {
    live.player = std::make_unique<Player>(live.script(), live.timeline(), live.voiceGainsDb,
                                           std::make_unique<DirectSourceProvider>(live.resampled.get()),
                                           std::clamp<Frames>(startFrame, 0, live.timeline().length));
}

std::unique_ptr<LiveSession> makeLiveSession(std::filesystem::path file, PreparedSession prepared, int startStep) {
    auto live = readyLiveSession(std::move(file), std::move(prepared));
    const Timeline& timeline = live->timeline();
    const auto step = static_cast<std::size_t>(std::clamp(startStep, 0, static_cast<int>(timeline.steps.size()) - 1));
    makePlayer(*live, timeline.steps[step].start);
    return live;
}

void printWarnings(std::ostream& err, const std::filesystem::path& file, const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) err << file.string() << ": " << tr("warning") << ": " << w << "\n";
}

int findStep(const Script& script, const std::string& id) {
    for (std::size_t i = 0; i < script.steps.size(); ++i)
        if (script.steps[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace kindly
