#include <algorithm>

#include "ui/KioskScreens.hpp"
#include "ui/MessageScreen.hpp"

namespace kindly::ui {

void AnnounceScreen::announce(std::string title, std::time_t at, bool desk, Nanos postpone) {
    title_ = std::move(title);
    at_ = at;
    desk_ = desk;
    postpone_ = postpone;
}

std::vector<Control> AnnounceScreen::draw(Canvas& c, Action focus) {
    const long left = std::max<long>(0, static_cast<long>(at_ - now_));
    const std::string heading = "A break begins in " + std::to_string(left) + (left == 1 ? " second" : " seconds");
    if (desk_)
        return drawMessage(c, {heading, title_ + ". Time to pause for a few calm minutes.",
                               {{Act::StartBreakNow, "Start now"}, {Act::PostponeBreak, "In " + minutesText(postpone_)}, {Act::SkipBreak, "Skip"}},
                               focus, false, -1, {}});
    return drawMessage(c, {heading, title_ + ". Join in, or carry on with your day.", {{Act::SkipBreak, "Skip this break"}}, focus, false, -1, {}});
}

Action AnnounceScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& controls) {
    // Escape skips a desk's break (a kiosk's lock never lets Escape through).
    if (code == SDLK_ESCAPE) return Act::SkipBreak;
    if ((code == SDLK_RETURN || code == SDLK_KP_ENTER) && controls.focus()) return controls.focus();
    return {};
}

std::string AnnounceScreen::viewKey(const Canvas& /*canvas*/) const {
    return title_ + "|" + std::to_string(at_ - now_) + "|" + std::to_string(desk_);
}

}  // namespace kindly::ui
