#pragma once
// Script file -> checked script, resolved media and timeline, with every diagnostic:
// the common first half of `check`, `timeline` (and later `render` and `play`).

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <vector>

#include "platform/OutputSafety.hpp"
#include "script/ScriptLoader.hpp"
#include "sources/SessionMedia.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

struct PrepareOptions {
    int rate = 48000;
    std::optional<Nanos> targetLength;  ///< the command line's --length
    /// Where synthesized speech is cached; default: cacheDir()/speech.
    std::optional<std::filesystem::path> speechCacheDir;
    /// A kiosk's library folders: the script may read no file outside them (see MediaResolver).
    std::vector<std::filesystem::path> confineTo;
    /// A kiosk: the listener-defined voice engines its config allows; nullopt: all of them.
    std::optional<std::vector<std::string>> allowedUserEngines;
    std::optional<Nanos> fadeOut;  ///< render --fade-out (see TimelineOptions)
    /// Told as the speech of the spoken steps is verified or made (see MediaResolverConfig).
    std::function<void(int done, int total)> speechProgress;
};

struct PreparedSession {
    std::optional<Script> script;
    SessionMedia media;
    std::optional<Timeline> timeline;
    Diagnostics diagnostics;
    bool unreadable = false;  ///< the path could not be read at all
    int synthesized = 0;      ///< speech clips synthesized by this call (0 when all were cached)

    bool ok() const { return timeline.has_value() && !diagnostics.hasErrors(); }
};

PreparedSession prepareSession(const std::filesystem::path& file, const PrepareOptions& options);

/// Every file of the user's that a prepared session reads, named as a person would say it: the
/// script, the clips and recordings of its steps, its bells and beds, and voices.toml. For
/// refusing an output that would replace one of them (platform/OutputSafety.hpp).
std::vector<NamedFile> filesRead(const PreparedSession& session, const std::filesystem::path& script);

class ResampleCache;
/// Resamples every file the timeline plays at another rate into `cache` now, before the
/// sound starts, rather than when each is first due.
void resampleAhead(const Timeline& timeline, ResampleCache& cache);

}  // namespace kindly
