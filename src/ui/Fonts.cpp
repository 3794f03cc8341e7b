#include "ui/Fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <cstdlib>
#include <stdexcept>

namespace kindly::ui {
namespace fs = std::filesystem;
namespace {

std::optional<fs::path> fontconfigMatch(const char* pattern) {
    FcPattern* wanted = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
    if (!wanted) return std::nullopt;
    FcConfigSubstitute(nullptr, wanted, FcMatchPattern);
    FcDefaultSubstitute(wanted);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, wanted, &result);
    std::optional<fs::path> file;
    FcChar8* path = nullptr;
    if (match && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch) {
        // SDL_ttf reads TrueType and OpenType outlines; skip bitmap or Type 1 fallbacks.
        const fs::path candidate(reinterpret_cast<const char*>(path));
        const auto ext = candidate.extension().string();
        if (ext == ".ttf" || ext == ".otf" || ext == ".ttc") file = candidate;
    }
    if (match) FcPatternDestroy(match);
    FcPatternDestroy(wanted);
    return file;
}

constexpr std::size_t kMaxCachedTexts = 96;

}  // namespace

std::optional<fs::path> findFont(bool bold) {
    if (const char* env = std::getenv("KINDLY_FONT"); env && *env && fs::exists(env)) return fs::path(env);
    if (bold) {
        if (auto f = fontconfigMatch("DejaVu Sans:bold")) return f;
        if (auto f = fontconfigMatch("sans-serif:bold")) return f;
    }
    if (auto f = fontconfigMatch("DejaVu Sans")) return f;
    return fontconfigMatch("sans-serif");
}

TextRenderer::TextRenderer(SDL_Renderer* renderer) : renderer_(renderer) {
    if (TTF_Init() != 0) throw std::runtime_error(std::string("SDL_ttf could not start: ") + TTF_GetError());
    const auto regular = findFont(false);
    if (!regular) {
        TTF_Quit();
        throw std::runtime_error("no font found: install fonts-dejavu-core (or set KINDLY_FONT to a .ttf file)");
    }
    regular_ = *regular;
    bold_ = findFont(true).value_or(regular_);
}

TextRenderer::~TextRenderer() {
    clear();
    for (auto& [key, font] : fonts_) TTF_CloseFont(font);
    TTF_Quit();
}

void TextRenderer::clear() {
    for (auto& c : cache_) SDL_DestroyTexture(c.image.texture);
    cache_.clear();
}

TTF_Font* TextRenderer::font(int px, bool bold) {
    px = std::max(px, 6);
    auto found = fonts_.find({px, bold});
    if (found != fonts_.end()) return found->second;
    TTF_Font* f = TTF_OpenFont((bold ? bold_ : regular_).c_str(), px);
    if (!f) throw std::runtime_error("cannot open the font " + (bold ? bold_ : regular_).string() + ": " + TTF_GetError());
    if (bold && bold_ == regular_) TTF_SetFontStyle(f, TTF_STYLE_BOLD);
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    fonts_[{px, bold}] = f;
    return f;
}

TextImage TextRenderer::text(const std::string& text, const TextStyle& style) {
    if (text.empty()) return {};
    const std::string key = text + '\x1f' + std::to_string(style.px) + (style.bold ? "b" : "r") +
                            std::to_string(style.color.r) + ',' + std::to_string(style.color.g) + ',' +
                            std::to_string(style.color.b) + ',' + std::to_string(style.color.a) + '/' +
                            std::to_string(style.wrapWidth) + (style.center ? "c" : "l");
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
        if (it->key == key) {
            cache_.splice(cache_.begin(), cache_, it);
            return cache_.front().image;
        }
    }
    TTF_Font* f = font(style.px, style.bold);
    TTF_SetFontWrappedAlign(f, style.center ? TTF_WRAPPED_ALIGN_CENTER : TTF_WRAPPED_ALIGN_LEFT);
    SDL_Surface* surface = style.wrapWidth > 0
                               ? TTF_RenderUTF8_Blended_Wrapped(f, text.c_str(), style.color, static_cast<Uint32>(style.wrapWidth))
                               : TTF_RenderUTF8_Blended(f, text.c_str(), style.color);
    if (!surface) return {};
    TextImage image;
    image.texture = SDL_CreateTextureFromSurface(renderer_, surface);
    image.w = surface->w;
    image.h = surface->h;
    SDL_FreeSurface(surface);
    if (!image.texture) return {};
    cache_.push_front({key, image});
    while (cache_.size() > kMaxCachedTexts) {
        SDL_DestroyTexture(cache_.back().image.texture);
        cache_.pop_back();
    }
    return image;
}

SDL_Point TextRenderer::measure(const std::string& text, int px, bool bold) {
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font(px, bold), text.c_str(), &w, &h) != 0) return {0, 0};
    return {w, h};
}

std::string TextRenderer::fit(const std::string& text, int px, bool bold, int width) {
    if (measure(text, px, bold).x <= width) return text;
    std::string cut = text;
    while (!cut.empty()) {
        const auto space = cut.find_last_of(' ');
        cut = space == std::string::npos ? std::string() : cut.substr(0, space);
        if (measure(cut + "…", px, bold).x <= width) return cut + "…";
    }
    return "…";
}

}  // namespace kindly::ui
