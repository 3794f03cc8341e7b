#include "ui/Canvas.hpp"

#include <algorithm>
#include <cmath>

namespace kindly::ui {
namespace {
constexpr float kPi = 3.14159265358979f;
SDL_Vertex vertex(float x, float y, SDL_Color c) { return SDL_Vertex{{x, y}, c, {0, 0}}; }
}  // namespace

bool contains(const SDL_Rect& r, int x, int y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }

Canvas::Canvas(SDL_Renderer* renderer, TextRenderer& text, const Palette& palette, SDL_Point size)
    : renderer_(renderer), text_(text), palette_(palette), size_(size),
      // Designed at 800x480; grows with the smaller of the two ratios so nothing overflows.
      unit_(std::max(0.5f, std::min(static_cast<float>(size.x) / 800.0f, static_cast<float>(size.y) / 480.0f))) {
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
}

void Canvas::clear() {
    const SDL_Color c = palette_.background;
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, 255);
    SDL_RenderClear(renderer_);
}

void Canvas::fill(const SDL_Rect& r, SDL_Color c) {
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(renderer_, &r);
}

void Canvas::fan(float cx, float cy, float r, float from, float to, SDL_Color c, int segments) {
    if (segments <= 0) segments = std::clamp(static_cast<int>(r * (to - from) / 3.0f), 4, 128);
    vertices_.clear();
    for (int i = 0; i < segments; ++i) {
        const float a0 = from + (to - from) * static_cast<float>(i) / static_cast<float>(segments);
        const float a1 = from + (to - from) * static_cast<float>(i + 1) / static_cast<float>(segments);
        vertices_.push_back(vertex(cx, cy, c));
        vertices_.push_back(vertex(cx + r * std::cos(a0), cy + r * std::sin(a0), c));
        vertices_.push_back(vertex(cx + r * std::cos(a1), cy + r * std::sin(a1), c));
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), static_cast<int>(vertices_.size()), nullptr, 0);
}

void Canvas::roundRect(const SDL_Rect& r, int radius, SDL_Color c) {
    radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
    if (radius == 0) return fill(r, c);
    fill({r.x + radius, r.y, r.w - 2 * radius, r.h}, c);
    fill({r.x, r.y + radius, radius, r.h - 2 * radius}, c);
    fill({r.x + r.w - radius, r.y + radius, radius, r.h - 2 * radius}, c);
    const auto rad = static_cast<float>(radius);
    const float left = static_cast<float>(r.x) + rad, right = static_cast<float>(r.x + r.w) - rad;
    const float top = static_cast<float>(r.y) + rad, bottom = static_cast<float>(r.y + r.h) - rad;
    fan(left, top, rad, kPi, 1.5f * kPi, c);
    fan(right, top, rad, 1.5f * kPi, 2 * kPi, c);
    fan(right, bottom, rad, 0, 0.5f * kPi, c);
    fan(left, bottom, rad, 0.5f * kPi, kPi, c);
}

void Canvas::roundOutline(const SDL_Rect& r, int radius, int thickness, SDL_Color c) {
    // Draw the ring as the box minus an inner box in the background colour would hide what is
    // behind; instead build it from four sides and four quarter rings.
    radius = std::clamp(radius, thickness, std::min(r.w, r.h) / 2);
    fill({r.x + radius, r.y, r.w - 2 * radius, thickness}, c);
    fill({r.x + radius, r.y + r.h - thickness, r.w - 2 * radius, thickness}, c);
    fill({r.x, r.y + radius, thickness, r.h - 2 * radius}, c);
    fill({r.x + r.w - thickness, r.y + radius, thickness, r.h - 2 * radius}, c);
    const auto outer = static_cast<float>(radius), inner = static_cast<float>(radius - thickness);
    const float cx[4] = {static_cast<float>(r.x) + outer, static_cast<float>(r.x + r.w) - outer,
                         static_cast<float>(r.x + r.w) - outer, static_cast<float>(r.x) + outer};
    const float cy[4] = {static_cast<float>(r.y) + outer, static_cast<float>(r.y) + outer,
                         static_cast<float>(r.y + r.h) - outer, static_cast<float>(r.y + r.h) - outer};
    const float start[4] = {kPi, 1.5f * kPi, 0, 0.5f * kPi};
    vertices_.clear();
    const int segments = std::clamp(static_cast<int>(outer / 2), 3, 32);
    for (int k = 0; k < 4; ++k) {
        for (int i = 0; i < segments; ++i) {
            const float a0 = start[k] + 0.5f * kPi * static_cast<float>(i) / static_cast<float>(segments);
            const float a1 = start[k] + 0.5f * kPi * static_cast<float>(i + 1) / static_cast<float>(segments);
            const SDL_Vertex o0 = vertex(cx[k] + outer * std::cos(a0), cy[k] + outer * std::sin(a0), c);
            const SDL_Vertex o1 = vertex(cx[k] + outer * std::cos(a1), cy[k] + outer * std::sin(a1), c);
            const SDL_Vertex i0 = vertex(cx[k] + inner * std::cos(a0), cy[k] + inner * std::sin(a0), c);
            const SDL_Vertex i1 = vertex(cx[k] + inner * std::cos(a1), cy[k] + inner * std::sin(a1), c);
            vertices_.insert(vertices_.end(), {o0, o1, i0, i0, o1, i1});
        }
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), static_cast<int>(vertices_.size()), nullptr, 0);
}

void Canvas::softCircle(float cx, float cy, float r, float soft, SDL_Color c) {
    if (r <= 0) return;
    // The disc and its soft edge share their vertices: with edges that do not meet exactly, a
    // software rasterizer leaves hairline gaps between them.
    const int segments = std::clamp(static_cast<int>(r / 2), 24, 256);
    fan(cx, cy, r, 0, 2 * kPi, c, segments);
    if (soft <= 0) return;
    const SDL_Color clear{c.r, c.g, c.b, 0};
    vertices_.clear();
    for (int i = 0; i < segments; ++i) {
        const float a0 = 2 * kPi * static_cast<float>(i) / static_cast<float>(segments);
        const float a1 = 2 * kPi * static_cast<float>(i + 1) / static_cast<float>(segments);
        const SDL_Vertex i0 = vertex(cx + r * std::cos(a0), cy + r * std::sin(a0), c);
        const SDL_Vertex i1 = vertex(cx + r * std::cos(a1), cy + r * std::sin(a1), c);
        const SDL_Vertex o0 = vertex(cx + (r + soft) * std::cos(a0), cy + (r + soft) * std::sin(a0), clear);
        const SDL_Vertex o1 = vertex(cx + (r + soft) * std::cos(a1), cy + (r + soft) * std::sin(a1), clear);
        vertices_.insert(vertices_.end(), {i0, o0, i1, i1, o0, o1});
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), static_cast<int>(vertices_.size()), nullptr, 0);
}

void Canvas::triangle(SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color color) {
    const SDL_Vertex v[3] = {vertex(a.x, a.y, color), vertex(b.x, b.y, color), vertex(c.x, c.y, color)};
    SDL_RenderGeometry(renderer_, nullptr, v, 3, nullptr, 0);
}

void Canvas::icon(Icon icon, const SDL_Rect& box, SDL_Color c) {
    // Every icon fits a square of side s centred in the box.
    const float s = static_cast<float>(std::min(box.w, box.h)) * 0.42f;
    const float cx = static_cast<float>(box.x) + static_cast<float>(box.w) / 2;
    const float cy = static_cast<float>(box.y) + static_cast<float>(box.h) / 2;
    const float h = s / 2;
    const auto bar = [&](float x, float width) {
        fill({static_cast<int>(x), static_cast<int>(cy - h), std::max(1, static_cast<int>(width)), static_cast<int>(s)}, c);
    };
    const auto right = [&](float x0, float w) { triangle({x0, cy - h}, {x0 + w, cy}, {x0, cy + h}, c); };
    const auto left = [&](float x0, float w) { triangle({x0 + w, cy - h}, {x0, cy}, {x0 + w, cy + h}, c); };
    switch (icon) {
        case Icon::Play: right(cx - s * 0.4f, s * 0.9f); break;
        case Icon::Pause:
            bar(cx - s * 0.4f, s * 0.28f);
            bar(cx + s * 0.12f, s * 0.28f);
            break;
        case Icon::StepBack:
            bar(cx - s * 0.5f, s * 0.16f);
            left(cx - s * 0.3f, s * 0.75f);
            break;
        case Icon::StepForward:
            right(cx - s * 0.45f, s * 0.75f);
            bar(cx + s * 0.34f, s * 0.16f);
            break;
        case Icon::ChapterBack:
            left(cx - s * 0.6f, s * 0.6f);
            left(cx, s * 0.6f);
            break;
        case Icon::ChapterForward:
            right(cx - s * 0.6f, s * 0.6f);
            right(cx, s * 0.6f);
            break;
    }
}

SDL_Rect Canvas::text(const std::string& text, const SDL_Rect& box, int px, SDL_Color c, Align h, Align v, bool bold,
                      bool wrap) {
    TextStyle style;
    style.px = px;
    style.bold = bold;
    style.color = c;
    style.wrapWidth = wrap ? box.w : 0;
    style.center = wrap && h == Align::Center;
    const TextImage image = text_.text(text, style);
    if (!image.texture) return {box.x, box.y, 0, 0};
    const auto place = [](Align a, int start, int room, int size) {
        return a == Align::Start ? start : a == Align::Center ? start + (room - size) / 2 : start + room - size;
    };
    SDL_Rect dst{place(h, box.x, box.w, image.w), place(v, box.y, box.h, image.h), image.w, image.h};
    // Clip to the box vertically so overlong text never spills over other controls.
    SDL_Rect src{0, 0, image.w, image.h};
    if (dst.y < box.y && v != Align::Start) {
        src.y = box.y - dst.y;
        dst.y = box.y;
    }
    if (dst.y + (image.h - src.y) > box.y + box.h) src.h = std::max(0, box.y + box.h - dst.y);
    else src.h = image.h - src.y;
    dst.h = src.h;
    if (image.w > box.w || src.h < image.h) cut(text);
    SDL_RenderCopy(renderer_, image.texture, &src, &dst);
    return dst;
}

}  // namespace kindly::ui
