#include "live/SessionRunner.hpp"

#include <chrono>
#include <thread>

#include "platform/Language.hpp"
#include "live/ResumeState.hpp"

namespace kindly {
namespace {

/// Waits (up to 0.4 s) until the player's ring is half full or it has rendered everything: the
/// first block the device takes is then sound, not an underflow.
void waitForBuffer(Player& player) {
    for (int i = 0; i < 200 && player.buffered() < Player::kRingFrames / 2 && !player.renderedAll(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

template <typename T>
bool ready(const std::future<T>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace

SessionRunner::~SessionRunner() {
    if (preparing_.valid()) preparing_.wait();
    if (reloading_.valid()) reloading_.wait();
    end();
}

void SessionRunner::prepare(std::filesystem::path file, PrepareOptions options) {
    if (preparing_.valid()) preparing_.wait();  // one at a time; its result is dropped
    const auto wake = wake_;
    progress_ = std::make_shared<SharedProgress>();
    options.speechProgress = [progress = progress_, wake](int done, int total) {
        progress->total = total;
        // Two threads make speech: the count only grows, whichever of them reports first.
        for (int seen = progress->done.load(); done > seen && !progress->done.compare_exchange_weak(seen, done);) {
        }
        if (wake) wake();
    };
    preparing_ = std::async(std::launch::async, [file = std::move(file), options = std::move(options), wake] {
        Prepared result;
        PreparedSession p = prepareSession(file, options);
        if (p.ok()) {
            result.live = makeLiveSession(file, std::move(p), 0);
        } else {
            for (const auto& d : p.diagnostics.items())
                if (d.severity == Severity::Error) result.problem += formatDiagnostic(d) + "\n";
            if (result.problem.empty()) result.problem = tr("The script cannot be read.");
        }
        if (wake) wake();
        return result;
    });
}

std::optional<SessionRunner::Prepared> SessionRunner::takePrepared() {
    if (!ready(preparing_)) return std::nullopt;
    return preparing_.get();
}

void SessionRunner::start(LiveOutput& output, std::unique_ptr<LiveSession> session, bool play) {
    end();
    output_ = &output;
    session_ = std::move(session);
    if (observer_) observer_->started(*session_);
    if (followOptions_ && (!watcher_ || watcher_->file() != session_->file)) watcher_.emplace(session_->file);
    output_->start(*session_->player);
    waitForBuffer(*session_->player);
    if (play) session_->player->play();
}

void SessionRunner::follow(PrepareOptions options) {
    followOptions_ = std::move(options);
    if (session_) watcher_.emplace(session_->file);
}

std::optional<SessionRunner::Reload> SessionRunner::poll() {
    if (!session_ || !watcher_ || !followOptions_) return std::nullopt;
    if (!reloading_.valid()) {
        if (!watcher_->changed()) return std::nullopt;
        PrepareOptions options = *followOptions_;
        options.rate = session_->timeline().rate;
        const auto wake = wake_;
        reloading_ = std::async(std::launch::async, [file = session_->file, options, wake] {
            NewVersion next = loadNewVersion(file, options);
            if (wake) wake();
            return next;
        });
        return std::nullopt;
    }
    if (!ready(reloading_)) return std::nullopt;
    NewVersion next = reloading_.get();
    Reload reload;
    if (!next.live) {
        reload.diagnostics = std::move(next.diagnostics);
        return reload;
    }
    if (next.live->file != session_->file) return std::nullopt;  // the listener moved on meanwhile: dropped
    takeOver(std::move(next.live));
    reload.tookOver = true;
    return reload;
}

void SessionRunner::takeOver(std::unique_ptr<LiveSession> next) {
    const bool paused = session_->player->snapshot().state == PlayerState::Paused;
    kindly::takeOver(*session_, *next);
    output_->stop();
    session_ = std::move(next);  // the old one goes once its output has stopped
    output_->start(*session_->player);
    waitForBuffer(*session_->player);
    if (!paused) session_->player->play();
}

std::optional<SessionRunner::Ending> SessionRunner::end() {
    if (!session_) return std::nullopt;
    if (output_) output_->stop();
    Ending ending;
    ending.last = session_->player->snapshot();
    ending.completed = ending.last.state == PlayerState::Ended;
    if (remember_) {
        const auto& steps = session_->script().steps;
        ResumeState().set(session_->file, ending.completed ? std::nullopt
                                                           : std::optional<std::string>(steps[static_cast<std::size_t>(ending.last.step)].id));
    }
    session_.reset();
    if (observer_) observer_->ended(ending);
    return ending;
}

std::optional<int> SessionRunner::savedStep(const LiveSession& session) const {
    if (!remember_) return std::nullopt;
    const auto place = ResumeState().placeIn(session.file, session.script());
    return place && place->index > 0 ? std::optional<int>(place->index) : std::nullopt;
}

}  // namespace kindly
