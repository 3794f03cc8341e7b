#include "ui/CoverCard.hpp"

#include <SDL.h>
#include <SDL_ttf.h>
#include <png.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "ui/Fonts.hpp"

namespace kindly::ui {
namespace {

/// Deep, muted colours: white text reads well on each (contrast 7:1 or more).
constexpr SDL_Color kPalette[] = {{47, 93, 98, 255}, {58, 74, 107, 255}, {74, 99, 79, 255},
                                  {96, 70, 102, 255}, {120, 78, 60, 255}, {46, 52, 64, 255}};

SDL_Color colourFor(const std::string& title) {
    unsigned long hash = 5381;  // djb2: the same title, the same colour, on every machine
    for (unsigned char c : title) hash = hash * 33 + c;
    return kPalette[hash % (sizeof kPalette / sizeof kPalette[0])];
}

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct FontDeleter {
    void operator()(TTF_Font* f) const { TTF_CloseFont(f); }
};
using Surface = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using Font = std::unique_ptr<TTF_Font, FontDeleter>;

/// `text` in white, wrapped to `width`, each line centred; null for no text.
Surface whiteText(TTF_Font* font, const std::string& text, int width) {
    if (text.empty()) return nullptr;
#if SDL_TTF_VERSION_ATLEAST(2, 20, 0)
    TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_CENTER);
#endif
    return Surface(TTF_RenderUTF8_Blended_Wrapped(font, text.c_str(), SDL_Color{255, 255, 255, 255}, static_cast<Uint32>(width)));
}

void blitCentred(SDL_Surface* canvas, SDL_Surface* text, int top) {
    if (!text) return;
    SDL_Rect at{(canvas->w - text->w) / 2, top, text->w, text->h};
    SDL_BlitSurface(text, nullptr, canvas, &at);
}

}  // namespace

std::string drawCoverCard(const std::string& title, const std::string& byline, int size, std::string& error) {
    const auto bold = findFont(true), regular = findFont(false);
    if (!bold || !regular) {
        error = "no font found for the cover card (Debian: fonts-dejavu-core)";
        return {};
    }
    const bool started = TTF_WasInit() == 0;
    if (started && TTF_Init() != 0) {
        error = std::string("cannot start SDL_ttf: ") + TTF_GetError();
        return {};
    }
    std::string png;
    {
        Font titleFont(TTF_OpenFont(bold->c_str(), size / 11)), bylineFont(TTF_OpenFont(regular->c_str(), size / 24));
        Surface canvas(SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_RGBA32));
        if (!titleFont || !bylineFont || !canvas) {
            error = std::string("cannot draw the cover card: ") + SDL_GetError();  // SDL_ttf reports through SDL
        } else {
            const SDL_Color c = colourFor(title);
            SDL_FillRect(canvas.get(), nullptr, SDL_MapRGBA(canvas->format, c.r, c.g, c.b, 255));
            // The title and the byline under it, together a little above the middle, with a
            // generous margin around.
            const int margin = size / 10, width = size - 2 * margin, gap = byline.empty() ? 0 : size / 20;
            const Surface titleText = whiteText(titleFont.get(), title, width), bylineText = whiteText(bylineFont.get(), byline, width);
            const int height = (titleText ? titleText->h : 0) + gap + (bylineText ? bylineText->h : 0);
            const int top = std::max(margin, (size - height) / 2 - size / 20);
            blitCentred(canvas.get(), titleText.get(), top);
            blitCentred(canvas.get(), bylineText.get(), top + (titleText ? titleText->h : 0) + gap);
            png_image image{};
            image.version = PNG_IMAGE_VERSION;
            image.width = static_cast<png_uint_32>(size);
            image.height = static_cast<png_uint_32>(size);
            image.format = PNG_FORMAT_RGBA;
            png_alloc_size_t bytes = 0;
            const auto stride = static_cast<png_int_32>(canvas->pitch);  // in components: bytes, at 8 bits each
            if (png_image_write_to_memory(&image, nullptr, &bytes, 0, canvas->pixels, stride, nullptr) && bytes > 0) {
                png.resize(bytes);
                if (!png_image_write_to_memory(&image, png.data(), &bytes, 0, canvas->pixels, stride, nullptr)) png.clear();
                png.resize(bytes);
            }
            if (png.empty()) error = std::string("cannot encode the cover card: ") + image.message;
        }
    }
    if (started) TTF_Quit();
    return png;
}

}  // namespace kindly::ui
