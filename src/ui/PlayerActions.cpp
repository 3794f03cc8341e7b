#include "ui/PlayerActions.hpp"

namespace kindly::ui {

bool applyPlayerAction(Player& p, const Action& a, const std::function<double(double)>& clampVolume) {
    const auto setVolume = [&](Player::Volume which, double value) { p.setVolume(which, clampVolume ? clampVolume(value) : value); };
    switch (a.kind) {
        case Act::PlayPause: {
            const PlayerState state = p.snapshot().state;
            if (state == PlayerState::Waiting) p.continueAfterWait();
            else if (state == PlayerState::Ended) p.restart();
            else p.togglePause();
            return true;
        }
        case Act::StepBack: p.previousStep(); return true;
        case Act::StepForward: p.nextStep(); return true;
        case Act::ChapterBack: p.previousChapter(); return true;
        case Act::ChapterForward: p.nextChapter(); return true;
        case Act::SetVoice: setVolume(Player::Volume::Voice, a.value); return true;
        case Act::SetAmbient: setVolume(Player::Volume::Ambient, a.value); return true;
        case Act::NudgeVoice: setVolume(Player::Volume::Voice, p.volume(Player::Volume::Voice) + a.value); return true;
        case Act::NudgeAmbient: setVolume(Player::Volume::Ambient, p.volume(Player::Volume::Ambient) + a.value); return true;
        case Act::Continue: p.continueAfterWait(); return true;
        case Act::Restart: p.restart(); return true;
        case Act::Resume: p.seekToStep(a.index); return true;
        case Act::PlayAgain:
            p.restart();
            p.play();
            return true;
        default: return false;
    }
}

}  // namespace kindly::ui
