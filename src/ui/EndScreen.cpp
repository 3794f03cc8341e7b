#include "ui/EndScreen.hpp"

#include "platform/Language.hpp"

namespace kindly::ui {

std::vector<Control> drawEnd(Canvas& c, const SDL_Rect& area, Action focus) {
    const Palette& p = c.palette();
    const SDL_Rect words{area.x, area.y, area.w, area.h / 2};
    c.text(tr("Thank you for taking this time for yourself."), words, c.u(30), p.text, Align::Center, Align::End, false, true);
    c.text(tr("Stay as long as you like."), {words.x, words.y + words.h + c.u(12), words.w, c.u(30)}, c.u(18), p.muted, Align::Center);
    const SDL_Rect again{area.x + area.w / 2 - c.u(100), words.y + words.h + c.u(64), c.u(200), c.u(52)};
    drawButton(c, again, tr("Play again"), true, focus == Act::PlayAgain);
    return {{Control::Kind::Button, Act::PlayAgain, again, 0}};
}

}  // namespace kindly::ui
