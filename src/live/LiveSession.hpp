#pragma once
// A prepared session made ready to play live: voice levels measured, clips at another rate
// resampled ahead, and the Player built. UI thread (or a worker), never the audio thread.

#include <memory>
#include <string>
#include <vector>

#include "app/PrepareSession.hpp"
#include "player/Player.hpp"
#include "sources/ResampleCache.hpp"

namespace kindly {

struct LiveSession {
    std::filesystem::path file;
    PreparedSession prepared;
    std::unique_ptr<ResampleCache> resampled;  // outlives the player, which reads through it
    std::unique_ptr<Player> player;
    std::vector<std::string> warnings;         // from measuring the voices' loudness

    const Script& script() const { return *prepared.script; }
    const Timeline& timeline() const { return *prepared.timeline; }
};

/// Builds the player (paused) at the start of `startStep`. `prepared` must be ok().
std::unique_ptr<LiveSession> makeLiveSession(std::filesystem::path file, PreparedSession prepared, int startStep);

/// The index of the step with this id, or -1.
int findStep(const Script& script, const std::string& id);

}  // namespace kindly
