#pragma once
// A prepared session made ready to play live: voice levels measured, clips at another rate
// resampled ahead, and the Player built. UI thread (or a worker), never the audio thread.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "session/PrepareSession.hpp"
#include "player/Player.hpp"
#include "sources/ResampleCache.hpp"

namespace kindly {

struct LiveSession {
    std::filesystem::path file;
    PreparedSession prepared;
    std::unique_ptr<ResampleCache> resampled;  // outlives the player, which reads through it
    std::unique_ptr<Player> player;
    std::vector<std::string> warnings;         // from measuring the voices' loudness
    std::vector<double> voiceGainsDb;          // each voice clip's gain, from its loudness

    const Script& script() const { return *prepared.script; }
    const Timeline& timeline() const { return *prepared.timeline; }
};

/// Builds the player (paused) at the start of `startStep`. `prepared` must be ok().
std::unique_ptr<LiveSession> makeLiveSession(std::filesystem::path file, PreparedSession prepared, int startStep);

/// The slow half of makeLiveSession (a worker may run it): the voices' loudness measured and
/// clips at another rate resampled ahead; no player yet.
std::unique_ptr<LiveSession> readyLiveSession(std::filesystem::path file, PreparedSession prepared);
/// The quick half: the player, paused at `startFrame`.
void makePlayer(LiveSession& live, Frames startFrame);

/// The index of the step with this id, or -1.
int findStep(const Script& script, const std::string& id);

/// Prints each of a session's warnings as "FILE: warning: TEXT" (the word in the listener's
/// language), once, as it starts: the window and the terminal player alike.
void printWarnings(std::ostream& err, const std::filesystem::path& file, const std::vector<std::string>& warnings);

}  // namespace kindly
