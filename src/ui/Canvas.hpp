#pragma once
// Drawing for the screens: shapes (rounded boxes, soft circles, icons) with SDL_RenderGeometry,
// text through the TextRenderer, all in pixels of the window's drawable (HiDPI-aware), with
// `unit` the size of one layout unit (the layout is designed at 800x480 and scales with it).

#include <SDL.h>

#include <cmath>
#include <string>
#include <vector>

#include "ui/Fonts.hpp"
#include "ui/Theme.hpp"

namespace kindly::ui {

enum class Align { Start, Center, End };
enum class Icon { Play, Pause, StepBack, StepForward, ChapterBack, ChapterForward };

bool contains(const SDL_Rect& r, int x, int y);

class Canvas {
public:
    Canvas(SDL_Renderer* renderer, TextRenderer& text, const Palette& palette, SDL_Point size);

    const Palette& palette() const { return palette_; }
    SDL_Point size() const { return size_; }
    float unit() const { return unit_; }
    /// Layout units to pixels.
    int u(double units) const { return static_cast<int>(std::lround(units * unit_)); }
    TextRenderer& texts() { return text_; }
    /// Where to note each text that did not fit where it was drawn (cut short, wider than its
    /// box, or cut at its bottom): tests of the layout in every language. Null: not noted.
    void noteCuts(std::vector<std::string>* cuts) { cuts_ = cuts; }
    void cut(const std::string& text) {
        if (cuts_) cuts_->push_back(text);
    }

    void clear();
    void fill(const SDL_Rect& r, SDL_Color c);
    void roundRect(const SDL_Rect& r, int radius, SDL_Color c);
    /// A rounded outline `thickness` pixels wide, drawn inside `r`.
    void roundOutline(const SDL_Rect& r, int radius, int thickness, SDL_Color c);
    /// A disc with an edge that fades out over `soft` pixels outside radius `r`.
    void softCircle(float cx, float cy, float r, float soft, SDL_Color c);
    void icon(Icon icon, const SDL_Rect& box, SDL_Color c);
    /// Draws text aligned in `box` (wrapped to its width when `wrap`); returns where it went.
    SDL_Rect text(const std::string& text, const SDL_Rect& box, int px, SDL_Color c, Align h = Align::Start,
                  Align v = Align::Center, bool bold = false, bool wrap = false);

private:
    /// A filled arc of `segments` triangles (0: as many as its size needs).
    void fan(float cx, float cy, float r, float from, float to, SDL_Color c, int segments = 0);
    void triangle(SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color color);

    SDL_Renderer* renderer_;
    TextRenderer& text_;
    const Palette& palette_;
    SDL_Point size_;
    float unit_;
    std::vector<SDL_Vertex> vertices_;  // reused between shapes
    std::vector<std::string>* cuts_ = nullptr;
};

}  // namespace kindly::ui
