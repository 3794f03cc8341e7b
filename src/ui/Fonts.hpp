#pragma once
// Finding a font at run time (fontconfig: the system's own choice for "DejaVu Sans", then any
// sans-serif), and drawing text with SDL2_ttf into textures that are cached, so a redraw
// does not lay the same words out again.

#include <SDL.h>
#include <SDL_ttf.h>

#include <filesystem>
#include <list>
#include <map>
#include <optional>
#include <string>

namespace kindly::ui {

/// $KINDLY_FONT when set, else fontconfig's best match for DejaVu Sans (bold or regular).
std::optional<std::filesystem::path> findFont(bool bold);

struct TextStyle {
    int px = 20;          ///< the font's size in pixels
    bool bold = false;
    SDL_Color color{255, 255, 255, 255};
    int wrapWidth = 0;    ///< 0: one line; else wrap at spaces to this width (pixels)
    bool center = false;  ///< centre wrapped lines
};

struct TextImage {
    SDL_Texture* texture = nullptr;  ///< owned by the cache; valid until the next text() call evicts it
    int w = 0, h = 0;
};

class TextRenderer {
public:
    /// Throws std::runtime_error when no font can be found or opened.
    explicit TextRenderer(SDL_Renderer* renderer);
    ~TextRenderer();
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    TextImage text(const std::string& text, const TextStyle& style);
    /// Width and height of one line without drawing it.
    SDL_Point measure(const std::string& text, int px, bool bold);
    /// The longest prefix of `text` (cut at a space, with "…") that fits in `width`.
    std::string fit(const std::string& text, int px, bool bold, int width);
    /// Drops every cached texture (after the renderer's textures were reset).
    void clear();

private:
    TTF_Font* font(int px, bool bold);

    SDL_Renderer* renderer_;
    std::filesystem::path regular_, bold_;
    std::map<std::pair<int, bool>, TTF_Font*> fonts_;
    struct Cached {
        std::string key;
        TextImage image;
    };
    std::list<Cached> cache_;  // most recently used first
};

}  // namespace kindly::ui
