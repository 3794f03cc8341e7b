#pragma once
// The one owner of a session played live, below every front end (the window, the kiosk, the
// terminal player and `play --watch`): it starts the session on the output once the player's
// buffer is filled, takes over a new version of the script from the same place, and ends it,
// remembering where the listener stopped (or forgetting it once the session is complete).
// No SDL, no terminal. Every method is called from the front end's own loop thread, never from
// the audio callback or the player's streaming thread.

#include <memory>
#include <optional>

#include "live/LiveOutput.hpp"
#include "live/LiveSession.hpp"
#include "player/Player.hpp"

namespace kindly {

class SessionRunner {
public:
    /// Starts `session` on `output` (which must outlive it, or the next end()): the output
    /// starts pulling, the player's ring fills (up to 0.4 s), then it plays unless `play` is false.
    void start(LiveOutput& output, std::unique_ptr<LiveSession> session, bool play = true);

    /// A new version of the script goes on from the same place, paused if the old one was.
    void takeOver(std::unique_ptr<LiveSession> next);

    struct Ending {
        PlayerSnapshot last;  ///< where it was when it ended
        bool completed = false;
    };
    /// Stops the output and ends the session; where the listener stopped is saved for resuming
    /// (forgotten when the session was completed) unless `remember` is false (a kiosk: a
    /// stranger's place is no one's). nullopt when no session runs.
    std::optional<Ending> end(bool remember = true);

    LiveSession* session() { return session_.get(); }
    const LiveSession* session() const { return session_.get(); }
    Player* player() { return session_ ? session_->player.get() : nullptr; }

    /// The step where the listener stopped this script last time, when it is a later step than
    /// the first (to offer "Continue from ..."); nullopt otherwise.
    static std::optional<int> savedStep(const LiveSession& session);

private:
    LiveOutput* output_ = nullptr;
    std::unique_ptr<LiveSession> session_;
};

}  // namespace kindly
