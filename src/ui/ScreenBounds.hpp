#pragma once
// The current bounds of the screen a window covers. SDL 2.26 reads the screens once, at start:
// under X11 it does not follow a resolution changed while it runs (xrandr), so there the
// screen is asked of the X server itself (RandR monitors). Called on the UI thread.

#include <SDL.h>

#include <optional>

namespace kindly::ui {

/// The bounds, now, of the screen that had `was` (its origin), for a window on X11; nullopt
/// elsewhere (Wayland, offscreen), where SDL's own bounds are current.
std::optional<SDL_Rect> currentScreenBounds(SDL_Window* window, const SDL_Rect& was);

}  // namespace kindly::ui
