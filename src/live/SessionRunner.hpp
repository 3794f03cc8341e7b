#pragma once
// The one owner of a session played live, below every front end (the window, the kiosk, the
// terminal player and `play --watch`): it prepares a session on a worker, starts it on the
// output once the player's buffer is filled, follows edits to its script (a valid new version
// takes over from the same place), and ends it, remembering where the listener stopped (or
// forgetting it once the session is complete) and telling its observer (a kiosk's usage log,
// a desk break's outcome). No SDL, no terminal.
//
// Threads: every method is called from the front end's own loop thread, never from the audio
// callback or the player's streaming thread. The workers call only the `wake` function given
// to setWake (from their own thread) when a result is ready to be taken.

#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "live/LiveOutput.hpp"
#include "live/LiveSession.hpp"
#include "live/ScriptReload.hpp"
#include "player/Player.hpp"

namespace kindly {

class SessionRunner {
public:
    struct Ending {
        PlayerSnapshot last;  ///< where it was when it ended
        bool completed = false;
    };
    /// Told of each session's start (before it plays: volumes may be set) and end.
    class Observer {
    public:
        virtual ~Observer() = default;
        virtual void started(LiveSession& session) = 0;
        virtual void ended(const Ending& ending) = 0;
    };

    SessionRunner() = default;
    ~SessionRunner();  ///< waits for its workers, then ends the session (remembered)
    SessionRunner(const SessionRunner&) = delete;
    SessionRunner& operator=(const SessionRunner&) = delete;

    void setObserver(Observer* observer) { observer_ = observer; }
    /// Called on a worker's thread when a preparation or a new version is ready to take.
    void setWake(std::function<void()> wake) { wake_ = std::move(wake); }
    /// A kiosk: a stranger's place is no one's; nothing is remembered for resuming.
    void setRemember(bool remember) { remember_ = remember; }

    // --- Preparing ----------------------------------------------------------------------------
    /// Prepares `file` on a worker (speech, loudness, resampling ahead). One at a time.
    void prepare(std::filesystem::path file, PrepareOptions options);
    bool preparing() const { return preparing_.valid(); }
    struct Prepared {
        std::unique_ptr<LiveSession> live;  ///< ready to start, when it can play
        std::string problem;                ///< its errors, one per line, when it cannot
    };
    /// The preparation, once it is done (nullopt while it runs or when there is none).
    std::optional<Prepared> takePrepared();
    /// How far the preparation is: the spoken steps whose speech is ready, of all (0 of 0 until
    /// it is known, and for a session with one spoken step or none).
    struct Progress {
        int done = 0, total = 0;
    };
    Progress preparingProgress() const { return {progress_->done.load(), progress_->total.load()}; }

    // --- Playing ------------------------------------------------------------------------------
    /// Starts `session` on `output` (which must outlive it, or the next end()): the output
    /// starts pulling, the player's ring fills (up to 0.4 s), then it plays unless `play` is false.
    void start(LiveOutput& output, std::unique_ptr<LiveSession> session, bool play = true);

    /// `play --watch`: from now on the session's script is looked at on each poll(), and a new
    /// version is prepared with `options` (at the session's rate) on a worker.
    void follow(PrepareOptions options);
    struct Reload {
        bool tookOver = false;                 ///< the new version plays from the same place
        std::vector<std::string> diagnostics;  ///< else why not ("FILE:LINE:COLUMN: error: ...")
    };
    /// Looks for an edit (starting its preparation) and takes over a version that is ready.
    std::optional<Reload> poll();

    /// A new version of the script goes on from the same place, paused if the old one was.
    void takeOver(std::unique_ptr<LiveSession> next);

    /// Stops the output and ends the session; where the listener stopped is saved for resuming
    /// (forgotten when the session was completed). nullopt when no session runs.
    std::optional<Ending> end();

    LiveSession* session() { return session_.get(); }
    const LiveSession* session() const { return session_.get(); }
    Player* player() { return session_ ? session_->player.get() : nullptr; }

    /// The step where the listener stopped this script last time, when it is a later step than
    /// the first (to offer "Continue from ..."); nullopt otherwise, and always in a kiosk.
    std::optional<int> savedStep(const LiveSession& session) const;

private:
    LiveOutput* output_ = nullptr;
    std::unique_ptr<LiveSession> session_;
    Observer* observer_ = nullptr;
    std::function<void()> wake_;
    bool remember_ = true;
    std::future<Prepared> preparing_;
    struct SharedProgress {
        std::atomic<int> done{0}, total{0};
    };
    std::shared_ptr<SharedProgress> progress_ = std::make_shared<SharedProgress>();  // written by the worker
    std::optional<FileWatcher> watcher_;
    std::optional<PrepareOptions> followOptions_;
    std::future<NewVersion> reloading_;
};

}  // namespace kindly
