#include "live/SessionRunner.hpp"

#include <chrono>
#include <thread>

#include "live/ResumeState.hpp"
#include "live/ScriptReload.hpp"

namespace kindly {
namespace {

/// Waits (up to 0.4 s) until the player's ring is half full or it has rendered everything: the
/// first block the device takes is then sound, not an underflow.
void waitForBuffer(Player& player) {
    for (int i = 0; i < 200 && player.buffered() < Player::kRingFrames / 2 && !player.renderedAll(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

}  // namespace

void SessionRunner::start(LiveOutput& output, std::unique_ptr<LiveSession> session, bool play) {
    end();
    output_ = &output;
    session_ = std::move(session);
    output_->start(*session_->player);
    waitForBuffer(*session_->player);
    if (play) session_->player->play();
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

std::optional<SessionRunner::Ending> SessionRunner::end(bool remember) {
    if (!session_) return std::nullopt;
    if (output_) output_->stop();
    Ending ending;
    ending.last = session_->player->snapshot();
    ending.completed = ending.last.state == PlayerState::Ended;
    if (remember) {
        const auto& steps = session_->script().steps;
        ResumeState().set(session_->file, ending.completed ? std::nullopt
                                                           : std::optional<std::string>(steps[static_cast<std::size_t>(ending.last.step)].id));
    }
    session_.reset();
    return ending;
}

std::optional<int> SessionRunner::savedStep(const LiveSession& session) {
    const auto saved = ResumeState().stepFor(session.file);
    if (!saved) return std::nullopt;
    const int step = findStep(session.script(), *saved);
    return step > 0 ? std::optional<int>(step) : std::nullopt;
}

}  // namespace kindly
