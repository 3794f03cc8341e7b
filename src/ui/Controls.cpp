#include "ui/Controls.hpp"

#include <algorithm>

namespace kindly::ui {

double sliderValueAt(const Control& slider, int x) {
    const int knob = std::max(1, slider.rect.h * 11 / 40);  // the knob's reach at each end (PlayerScreen's slider)
    return std::clamp(static_cast<double>(x - slider.rect.x - knob) / std::max(1, slider.rect.w - 2 * knob), 0.0, 1.0);
}

void ControlSet::setDrawn(std::vector<Control> controls) { drawn_ = std::move(controls); }

std::optional<Control> ControlSet::find(const Action& action) const {
    if (!action) return std::nullopt;
    for (const auto& c : drawn_)
        if (c.action == action) return c;
    return std::nullopt;
}

std::optional<Control> ControlSet::at(int x, int y) const {
    for (const auto& c : drawn_)
        if (contains(c.rect, x, y)) return c;
    return std::nullopt;
}

Action ControlSet::pointerDown(int x, int y) {
    pressed_ = {};
    const auto c = at(x, y);
    if (!c) return {};
    pressed_ = c->action;
    if (c->kind == Control::Kind::Slider) return {c->action.kind, c->action.index, sliderValueAt(*c, x)};
    return {};
}

Action ControlSet::pointerMove(int x, int /*y*/) {
    const auto c = find(pressed_);
    if (!c || c->kind != Control::Kind::Slider) return {};
    return {c->action.kind, c->action.index, sliderValueAt(*c, x)};
}

Action ControlSet::pointerUp(int x, int y) {
    const auto c = find(pressed_);
    pressed_ = {};
    // A button acts when released over itself: sliding off cancels, as people expect.
    if (c && c->kind == Control::Kind::Button && contains(c->rect, x, y)) return c->action;
    return {};
}

void ControlSet::moveFocus(int delta) {
    if (drawn_.empty()) return;
    int index = -1;
    for (std::size_t i = 0; i < drawn_.size(); ++i)
        if (drawn_[i].action == focus_) index = static_cast<int>(i);
    const int n = static_cast<int>(drawn_.size());
    index = index < 0 ? (delta > 0 ? 0 : n - 1) : ((index + delta) % n + n) % n;
    focus_ = drawn_[static_cast<std::size_t>(index)].action;
}

void drawFocus(Canvas& c, const SDL_Rect& r) {
    const int pad = c.u(4);
    c.roundOutline({r.x - pad, r.y - pad, r.w + 2 * pad, r.h + 2 * pad}, std::min(r.h, r.w) / 2 + pad, std::max(2, c.u(3)),
                   c.palette().focus);
}

void drawButton(Canvas& c, const SDL_Rect& r, const std::string& label, bool primary, bool focused) {
    const Palette& p = c.palette();
    c.roundRect(r, c.u(10), primary ? p.accent : p.surface);
    if (!primary && p.surface.r == p.background.r && p.surface.g == p.background.g && p.surface.b == p.background.b)
        c.roundOutline(r, c.u(10), std::max(1, c.u(2)), p.text);
    const std::string fitted = c.texts().fit(label, c.u(16), true, r.w - c.u(12));
    if (fitted != label) c.cut(label);
    c.text(fitted, r, c.u(16), primary ? p.accentText : p.text, Align::Center, Align::Center, true);
    if (focused) drawFocus(c, r);
}

}  // namespace kindly::ui
