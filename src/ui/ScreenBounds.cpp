#include "ui/ScreenBounds.hpp"

#include <SDL_syswm.h>

#ifdef SDL_VIDEO_DRIVER_X11
#include <X11/Xlib.h>
#include <X11/extensions/Xrandr.h>
#endif

namespace kindly::ui {

std::optional<SDL_Rect> currentScreenBounds(SDL_Window* window, const SDL_Rect& was) {
#ifdef SDL_VIDEO_DRIVER_X11
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return std::nullopt;
    Display* display = info.info.x11.display;
    int count = 0;
    XRRMonitorInfo* monitors = XRRGetMonitors(display, DefaultRootWindow(display), True, &count);
    std::optional<SDL_Rect> found;
    for (int i = 0; monitors && i < count; ++i) {
        const XRRMonitorInfo& m = monitors[i];
        // The same screen: it starts where it did (a resolution change keeps the origin).
        if (m.x == was.x && m.y == was.y) found = SDL_Rect{m.x, m.y, m.width, m.height};
    }
    if (monitors) XRRFreeMonitors(monitors);
    if (!found && count == 0) {
        // No RandR monitors (an old server): the root window is the screen.
        XWindowAttributes root{};
        if (XGetWindowAttributes(display, DefaultRootWindow(display), &root)) found = SDL_Rect{0, 0, root.width, root.height};
    }
    return found;
#else
    (void)window;
    (void)was;
    return std::nullopt;
#endif
}

}  // namespace kindly::ui
