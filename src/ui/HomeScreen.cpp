#include <algorithm>

#include "ui/KioskScreens.hpp"

#include "platform/Language.hpp"

namespace kindly::ui {

std::string minutesText(Nanos n) {
    const Nanos minutes = (n + kNanosPerMinute / 2) / kNanosPerMinute;
    const long long shown = std::max<Nanos>(1, minutes);
    return format(trn("%lld minute", "%lld minutes", static_cast<unsigned long>(shown)), shown);
}

std::vector<Control> HomeScreen::draw(Canvas& c, Action focus) {
    const Palette& p = c.palette();
    const int w = c.size().x, h = c.size().y, m = c.u(40);
    std::vector<Control> controls;
    c.clear();
    // A heading too long for its line (in some languages, or a config's own) is set smaller.
    const std::string title = tr(config_.title.c_str());
    int titlePx = c.u(40);
    while (titlePx > c.u(24) && c.texts().measure(title, titlePx, true).x > w - 2 * m) --titlePx;
    heading_ = c.text(title, {m, h / 8, w - 2 * m, c.u(56)}, titlePx, p.text, Align::Center, Align::Center, true);
    c.text(tr(config_.message.c_str()), {m, h / 8 + c.u(64), w - 2 * m, c.u(60)}, c.u(20), p.muted, Align::Center, Align::Start, false, true);
    // Large targets: one row of cards, or two rows when they do not fit.
    const int n = static_cast<int>(cards_.size());
    const int perRow = std::max(1, std::min(n, (w - 2 * m + c.u(20)) / (c.u(220) + c.u(20))));
    const int rows = (n + perRow - 1) / perRow;
    const int cardW = std::min(c.u(300), (w - 2 * m - (perRow - 1) * c.u(20)) / perRow), cardH = c.u(136);
    const int top = std::max(h / 8 + c.u(140), (h - rows * (cardH + c.u(20))) / 2 + c.u(60));
    for (int i = 0; i < n; ++i) {
        const int row = i / perRow, col = i % perRow;
        const int inRow = std::min(perRow, n - row * perRow);
        const int x0 = w / 2 - (inRow * cardW + (inRow - 1) * c.u(20)) / 2;
        const SDL_Rect r{x0 + col * (cardW + c.u(20)), top + row * (cardH + c.u(20)), cardW, cardH};
        const Card& card = cards_[static_cast<std::size_t>(i)];
        c.roundRect(r, c.u(16), p.accent);
        c.text(card.title, {r.x + c.u(12), r.y + c.u(12), r.w - c.u(24), r.h - c.u(48)}, c.u(20), p.accentText, Align::Center,
               Align::Center, true, true);
        if (card.length) c.text(minutesText(*card.length), {r.x, r.y + r.h - c.u(40), r.w, c.u(28)}, c.u(16), p.accentText, Align::Center);
        const Action start{Act::StartKioskSession, i};
        if (focus == start) drawFocus(c, r);
        controls.push_back({Control::Kind::Button, start, r, 0});
    }
    if (!notice.empty()) c.text(notice, {m, h - c.u(60), w - 2 * m, c.u(30)}, c.u(16), p.warning, Align::Center);
    return controls;
}

Action HomeScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& controls) {
    if (!isConfirmKey(code) || cards_.empty()) return {};
    return controls.focus() ? controls.focus() : Action{Act::StartKioskSession, 0};
}

}  // namespace kindly::ui
