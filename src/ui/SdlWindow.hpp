#pragma once
// One SDL window with its renderer and text, as every Kindly window opens it (the main window
// and the recorder): the size and screen it opens on, fullscreen that covers the right screen
// (and covers it again when its resolution changes), pointer events in drawable pixels (HiDPI,
// mouse and touch alike), and the frame's pixels for tests. UI thread only.

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/Fonts.hpp"

namespace kindly::ui {

/// RGBA pixels of a drawn frame.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    SDL_Color at(int x, int y) const;
};

struct SdlWindowOptions {
    std::string title = "Kindly";
    int display = 0;                ///< the screen (0-based) it opens on and fullscreen covers
    std::optional<SDL_Point> size;  ///< default: most of the display, 16:10
    bool fullscreen = false;
    bool onTop = false;             ///< above the others, raised (a break's notice must be seen)
    bool keepToDisplay = false;     ///< fullscreen covers `display` even when moved (a kiosk)
};

/// A press, drag or release of the left mouse button or a finger, in drawable pixels.
struct Pointer {
    enum class Phase { Down, Move, Up } phase = Phase::Down;
    int x = 0, y = 0;
};

class SdlWindow {
public:
    /// Starts SDL's video and opens the window. Throws std::runtime_error saying why it cannot.
    explicit SdlWindow(SdlWindowOptions options);
    ~SdlWindow();
    SdlWindow(const SdlWindow&) = delete;
    SdlWindow& operator=(const SdlWindow&) = delete;

    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    TextRenderer& text() { return *text_; }
    SDL_Point drawableSize() const;
    void setTitle(const std::string& title);

    bool isFullscreen() const;
    /// F11: covers the window's screen, or back to where it was.
    void setFullscreen(bool on);
    /// About once a second and on display events: a screen whose resolution changed while the
    /// window covers it is covered again. True when the window moved or resized.
    bool followScreen();

    /// The pointer in an SDL event (mouse events SDL made up from touch are left to the finger
    /// events), if it carries one.
    std::optional<Pointer> pointer(const SDL_Event& event) const;
    /// Window coordinates (the mouse's) to drawable pixels.
    SDL_Point toPixels(int x, int y) const;

    /// Presents the frame drawn, keeping its pixels in `keep` when given.
    void present(Image* keep = nullptr);

private:
    int displayIndex() const;    ///< options_.display, within the screens there are
    int screenOfWindow() const;  ///< the screen fullscreen covers
    std::optional<SDL_Rect> screenBounds() const;
    void fitTo(const SDL_Rect& bounds);

    SdlWindowOptions options_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::unique_ptr<TextRenderer> text_;
    SDL_Rect windowed_{};  ///< where the window was before F11 made it fullscreen
    SDL_Rect fittedTo_{};  ///< the screen bounds fullscreen last covered
};

}  // namespace kindly::ui
