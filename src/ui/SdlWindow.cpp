#include "ui/SdlWindow.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "ui/Display.hpp"
#include "ui/ScreenBounds.hpp"

namespace kindly::ui {

namespace {

/// A GPU's render node (/dev/dri/renderD128, ...): what hardware OpenGL needs.
bool graphicsDevicePresent() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().rfind("renderD", 0) == 0) return true;
    return false;
}

}  // namespace

SDL_Color Image::at(int x, int y) const {
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
    return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

SdlWindow::SdlWindow(SdlWindowOptions options) : options_(std::move(options)) {
    // Touch is handled as touch: SDL must not also turn each tap into a mouse click.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // Ctrl-C and SIGTERM are the command's (InterruptGuard), not SDL's.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    startVideo();
    const int display = displayIndex();
    if (options_.display != display)
        std::cerr << "kindly: there is no screen " << options_.display + 1 << " (" << SDL_GetNumVideoDisplays()
                  << " here); opening on screen " << display + 1 << "\n";
    SDL_Point size{1024, 640};
    SDL_Point position{static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display)),
                       static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display))};
    SDL_Rect bounds{};
    if (options_.size) {
        size = *options_.size;
    } else if (options_.fullscreen && SDL_GetDisplayBounds(display, &bounds) == 0) {
        // Fullscreen opens already covering the screen: with no window manager to honour the
        // fullscreen request (a bare X server, xinit), the window keeps the size it opened at.
        size = {bounds.w, bounds.h};
        position = {bounds.x, bounds.y};
    } else if (SDL_Rect usable; SDL_GetDisplayUsableBounds(display, &usable) == 0) {
        // Most of the display, 16:10, never below the smallest layout (800x480).
        size.x = std::clamp(usable.w * 6 / 10, std::min(800, usable.w), usable.w);
        size.y = std::clamp(size.x * 10 / 16, std::min(480, usable.h), usable.h);
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options_.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (options_.onTop) flags |= SDL_WINDOW_ALWAYS_ON_TOP;
    window_ = SDL_CreateWindow(options_.title.c_str(), position.x, position.y, size.x, size.y, flags);
    if (!window_) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    }
    if (options_.onTop) SDL_RaiseWindow(window_);
    SDL_SetWindowMinimumSize(window_, 640, 400);
    // Without a graphics device OpenGL would be Mesa's llvmpipe, drawing in software anyway:
    // SDL's own software renderer then starts much sooner (no compiler to load, no shaders to
    // build), which the first sound of a session waits for. An explicit SDL_RENDER_DRIVER wins.
    if (!SDL_GetHint(SDL_HINT_RENDER_DRIVER) && !graphicsDevicePresent()) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");  // its window surface, without OpenGL too
    }
    renderer_ = SDL_CreateRenderer(window_, -1, 0);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) {
        const std::string why = SDL_GetError();
        SDL_DestroyWindow(window_);
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        throw std::runtime_error("cannot draw in the window: " + why);
    }
    text_ = std::make_unique<TextRenderer>(renderer_);
}

SdlWindow::~SdlWindow() {
    text_.reset();
    SDL_DestroyRenderer(renderer_);
    SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

SDL_Point SdlWindow::drawableSize() const {
    SDL_Point size{0, 0};
    SDL_GetRendererOutputSize(renderer_, &size.x, &size.y);
    return size;
}

void SdlWindow::setTitle(const std::string& title) { SDL_SetWindowTitle(window_, title.c_str()); }

bool SdlWindow::isFullscreen() const {
    return (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP;
}

void SdlWindow::setFullscreen(bool on) {
    if (on == isFullscreen()) return;
    if (!on) {
        SDL_SetWindowFullscreen(window_, 0);
        // Where it was before: a bare X server (no window manager) would leave it screen-sized.
        if (windowed_.w > 0) {
            SDL_SetWindowSize(window_, windowed_.w, windowed_.h);
            SDL_SetWindowPosition(window_, windowed_.x, windowed_.y);
        }
        fittedTo_ = {};
        return;
    }
    SDL_GetWindowPosition(window_, &windowed_.x, &windowed_.y);
    SDL_GetWindowSize(window_, &windowed_.w, &windowed_.h);
    if (const auto bounds = screenBounds()) fitTo(*bounds);
}

std::optional<SDL_Rect> SdlWindow::screenBounds() const {
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(screenOfWindow(), &bounds) != 0) return std::nullopt;
    // SDL's bounds are those of its start; after a fit, X11 is asked for the screen's bounds now.
    if (fittedTo_.w > 0)
        if (const auto now = currentScreenBounds(window_, fittedTo_)) bounds = *now;
    return bounds;
}

void SdlWindow::fitTo(const SDL_Rect& bounds) {
    // Covers the screen's bounds itself, then asks for fullscreen: a window manager makes it
    // fullscreen, and where there is none (xinit, a bare X server) it covers the screen anyway.
    SDL_SetWindowFullscreen(window_, 0);
    SDL_SetWindowPosition(window_, bounds.x, bounds.y);
    SDL_SetWindowSize(window_, bounds.w, bounds.h);
    SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
    fittedTo_ = bounds;
}

bool SdlWindow::followScreen() {
    // A resolution changed while the window is fullscreen (xrandr) is covered again.
    if (!isFullscreen()) return false;
    const auto bounds = screenBounds();
    if (!bounds) return false;
    if (fittedTo_.w == 0) {
        fittedTo_ = *bounds;  // as opened
        return false;
    }
    if (bounds->x == fittedTo_.x && bounds->y == fittedTo_.y && bounds->w == fittedTo_.w && bounds->h == fittedTo_.h) return false;
    fitTo(*bounds);
    return true;
}

int SdlWindow::screenOfWindow() const {
    // A kiosk keeps to the screen it was asked for; a desktop window to the one it is on.
    const int on = SDL_GetWindowDisplayIndex(window_);
    return options_.keepToDisplay || on < 0 ? displayIndex() : on;
}

int SdlWindow::displayIndex() const {
    const int count = SDL_GetNumVideoDisplays();
    return count <= 0 ? 0 : std::clamp(options_.display, 0, count - 1);
}

SDL_Point SdlWindow::toPixels(int x, int y) const {
    // Mouse positions are in window coordinates; drawing is in drawable pixels (HiDPI).
    int ww = 1, wh = 1;
    SDL_GetWindowSize(window_, &ww, &wh);
    const SDL_Point pixels = drawableSize();
    return {x * pixels.x / std::max(1, ww), y * pixels.y / std::max(1, wh)};
}

std::optional<Pointer> SdlWindow::pointer(const SDL_Event& e) const {
    using P = Pointer::Phase;
    switch (e.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
            const SDL_Point p = toPixels(e.button.x, e.button.y);
            return Pointer{e.type == SDL_MOUSEBUTTONDOWN ? P::Down : P::Up, p.x, p.y};
        }
        case SDL_MOUSEMOTION: {
            if (e.motion.which == SDL_TOUCH_MOUSEID || !(e.motion.state & SDL_BUTTON_LMASK)) return std::nullopt;
            const SDL_Point p = toPixels(e.motion.x, e.motion.y);
            return Pointer{P::Move, p.x, p.y};
        }
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            const SDL_Point size = drawableSize();
            const int x = static_cast<int>(e.tfinger.x * static_cast<float>(size.x));
            const int y = static_cast<int>(e.tfinger.y * static_cast<float>(size.y));
            return Pointer{e.type == SDL_FINGERDOWN ? P::Down : e.type == SDL_FINGERMOTION ? P::Move : P::Up, x, y};
        }
        default: return std::nullopt;
    }
}

void SdlWindow::present(Image* keep) {
    if (keep) {
        const SDL_Point size = drawableSize();
        keep->width = size.x;
        keep->height = size.y;
        keep->rgba.resize(static_cast<std::size_t>(size.x) * static_cast<std::size_t>(size.y) * 4);
        SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, keep->rgba.data(), size.x * 4);
    }
    SDL_RenderPresent(renderer_);
}

}  // namespace kindly::ui
