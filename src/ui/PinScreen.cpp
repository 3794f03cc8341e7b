#include "ui/KioskScreens.hpp"

#include "platform/Language.hpp"

namespace kindly::ui {

std::vector<Control> PinScreen::draw(Canvas& c, Action focus) {
    const Palette& p = c.palette();
    const int w = c.size().x, m = c.u(40);
    std::vector<Control> controls;
    c.clear();
    c.text(tr("Enter the PIN"), {m, c.u(30), w - 2 * m, c.u(44)}, c.u(28), p.text, Align::Center, Align::Center, true);
    c.text(digits_.empty() ? " " : std::string(digits_.size(), '*'), {m, c.u(80), w - 2 * m, c.u(40)}, c.u(30), p.text, Align::Center);
    const int key = c.u(64), gap = c.u(12);
    const int x0 = w / 2 - (3 * key + 2 * gap) / 2, y0 = c.u(130);
    const Action keys[12] = {{Act::PinDigit, 1}, {Act::PinDigit, 2}, {Act::PinDigit, 3}, {Act::PinDigit, 4},
                             {Act::PinDigit, 5}, {Act::PinDigit, 6}, {Act::PinDigit, 7}, {Act::PinDigit, 8},
                             {Act::PinDigit, 9}, Act::PinErase,      {Act::PinDigit, 0}, Act::PinOk};
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", tr("OK")};
    for (int i = 0; i < 12; ++i) {
        const SDL_Rect r{x0 + (i % 3) * (key + gap), y0 + (i / 3) * (key + gap), key, key};
        drawButton(c, r, labels[i], keys[i] == Act::PinOk, focus == keys[i]);
        controls.push_back({Control::Kind::Button, keys[i], r, 0});
    }
    const SDL_Rect cancel{w / 2 - c.u(80), y0 + 4 * (key + gap), c.u(160), c.u(44)};
    drawButton(c, cancel, tr("Cancel"), false, focus == Act::PinCancel);
    controls.push_back({Control::Kind::Button, Act::PinCancel, cancel, 0});
    return controls;
}

Action PinScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& /*controls*/) {
    if (code >= SDLK_0 && code <= SDLK_9) return {Act::PinDigit, static_cast<int>(code - SDLK_0)};
    if (code >= SDLK_KP_1 && code <= SDLK_KP_9) return {Act::PinDigit, 1 + static_cast<int>(code - SDLK_KP_1)};
    if (code == SDLK_KP_0) return {Act::PinDigit, 0};
    if (code == SDLK_BACKSPACE) return Act::PinErase;
    if (code == SDLK_RETURN || code == SDLK_KP_ENTER) return Act::PinOk;
    return {};
}

Action PinScreen::act(const Action& a) {
    if (a.kind == Act::PinDigit) {
        if (digits_.size() < 12 && a.index >= 0 && a.index <= 9) digits_ += static_cast<char>('0' + a.index);
        return {};
    }
    if (a.kind == Act::PinErase) {
        if (!digits_.empty()) digits_.pop_back();
        return {};
    }
    return a;
}

}  // namespace kindly::ui
