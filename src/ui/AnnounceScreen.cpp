#include <algorithm>

#include "ui/KioskScreens.hpp"

#include "platform/Language.hpp"
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
    const std::string heading = format(trn("A break begins in %ld second", "A break begins in %ld seconds", static_cast<unsigned long>(left)), left);
    if (desk_)
        return drawMessage(c, {heading, format(tr("%s. Time to pause for a few calm minutes."), title_.c_str()),
                               {{Act::StartBreakNow, tr("Start now")},
                                {Act::PostponeBreak, format(tr("In %s"), minutesText(postpone_).c_str())},
                                {Act::SkipBreak, tr("Skip")}},
                               focus, false, -1, {}});
    return drawMessage(c, {heading, format(tr("%s. Join in, or carry on with your day."), title_.c_str()), {{Act::SkipBreak, tr("Skip this break")}},
                           focus, false, -1, {}});
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
