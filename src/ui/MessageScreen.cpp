#include "ui/MessageScreen.hpp"

#include "platform/Language.hpp"

#include <algorithm>

namespace kindly::ui {

std::vector<Control> drawMessage(Canvas& c, const MessageView& v) {
    std::vector<Control> controls;
    c.clear();
    const Palette& p = c.palette();
    const int w = c.size().x, h = c.size().y;
    const int m = c.u(60);
    // A heading too long for its line (in some languages) is set smaller, down to the body's size.
    int headingPx = c.u(28);
    while (headingPx > c.u(18) && c.texts().measure(v.heading, headingPx, true).x > w - 2 * m) --headingPx;
    c.text(v.heading, {m, h / 5, w - 2 * m, c.u(40)}, headingPx, p.text, Align::Center, Align::Center, true);
    c.text(v.body, {m, h / 5 + c.u(56), w - 2 * m, h / 2 - c.u(56)}, c.u(18), v.bodyIsWarning ? p.warning : p.muted,
           Align::Center, Align::Start, false, true);
    if (v.progress >= 0) {
        const SDL_Rect line{w / 2 - c.u(160), h * 3 / 5, c.u(320), c.u(6)};
        c.roundRect(line, line.h / 2, p.track);
        const int filled = static_cast<int>(line.w * std::min(1.0, v.progress));
        if (filled > 0) c.roundRect({line.x, line.y, std::max(line.h, filled), line.h}, line.h / 2, p.accent);
        c.text(v.progressText, {m, line.y + c.u(14), w - 2 * m, c.u(24)}, c.u(15), p.muted, Align::Center);
    }
    // Buttons of one width, wide enough for the longest label (words are longer in some
    // languages), as long as the row fits the screen.
    const int gap = c.u(20);
    int bw = c.u(200);
    for (const auto& button : v.buttons) bw = std::max(bw, c.texts().measure(button.second, c.u(16), true).x + c.u(28));
    if (!v.buttons.empty()) bw = std::min(bw, (w - 2 * m - (static_cast<int>(v.buttons.size()) - 1) * gap) / static_cast<int>(v.buttons.size()));
    int x = w / 2 - (static_cast<int>(v.buttons.size()) * (bw + gap) - gap) / 2;
    for (const auto& [action, label] : v.buttons) {
        const SDL_Rect r{x, h * 3 / 4 - c.u(26), bw, c.u(52)};
        drawButton(c, r, label, &label == &v.buttons.front().second, v.focus == action);
        controls.push_back({Control::Kind::Button, action, r, 0});
        x += bw + gap;
    }
    return controls;
}

void MessageScreen::showProgress(int done, int total) {
    if (total <= 0 || done >= total) {
        view_.progress = -1;
        view_.progressText.clear();
        return;
    }
    view_.progress = static_cast<double>(done) / total;
    view_.progressText = format(trn("Making its voice: %d of %d step", "Making its voice: %d of %d steps", static_cast<unsigned long>(total)), done, total);
}

std::vector<Control> MessageScreen::draw(Canvas& canvas, Action focus) {
    MessageView v = view_;
    v.focus = focus;
    return drawMessage(canvas, v);
}

Action MessageScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& controls) {
    if (view_.buttons.empty() || !(isConfirmKey(code) || code == SDLK_ESCAPE)) return {};
    if (code != SDLK_ESCAPE && controls.focus()) return controls.focus();
    return view_.buttons.front().first;
}

std::string MessageScreen::viewKey(const Canvas& /*canvas*/) const {
    std::string key = view_.heading + "|" + view_.body + "|" + view_.progressText;
    for (const auto& b : view_.buttons) key += "|" + b.second;
    return key;
}

}  // namespace kindly::ui
