#include "ui/Display.hpp"

#include <SDL.h>

#include <cstdlib>
#include <stdexcept>

#include "platform/AppIdentity.hpp"

namespace kindly::ui {
namespace {

std::string variable(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

/// SDL tries its drivers in turn; when the X or Wayland display named does not answer (a stale
/// $DISPLAY, a display server still starting) it settles on "offscreen" and every window it
/// opens is invisible.
bool invisibleDriverNotAskedFor() {
    const char* current = SDL_GetCurrentVideoDriver();
    const std::string driver = current ? current : "";
    if (driver != "offscreen" && driver != "dummy" && driver != "evdev") return false;
    return variable("SDL_VIDEODRIVER").find(driver) == std::string::npos;
}

std::string displayNames() {
    std::string names;
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY"}) {
        const std::string value = variable(name);
        if (value.empty()) continue;
        if (!names.empty()) names += " or ";
        names += "$" + std::string(name) + " (\"" + value + "\")";
    }
    return names;
}

}  // namespace

void nameWindowsForDesktops() {
    setenv("SDL_VIDEO_X11_WMCLASS", kAppId, 0);
    setenv("SDL_VIDEO_WAYLAND_WMCLASS", kAppId, 0);
}

bool displayNamed() {
    return !variable("DISPLAY").empty() || !variable("WAYLAND_DISPLAY").empty() || !variable("SDL_VIDEODRIVER").empty();
}

void startVideo() {
    // Only the kind of display named is tried: SDL's other drivers would print their own
    // complaints (libwayland's about $XDG_RUNTIME_DIR) or open an invisible window.
    const bool x11 = !variable("DISPLAY").empty(), wayland = !variable("WAYLAND_DISPLAY").empty();
    if (variable("SDL_VIDEODRIVER").empty() && x11 != wayland) SDL_SetHint(SDL_HINT_VIDEODRIVER, x11 ? "x11" : "wayland");
    // A display server that is still starting (a kiosk at boot, an Xvfb just launched) refuses
    // connections for a moment: a few tries, half a second apart.
    constexpr int kTries = 4;
    std::string problem;
    for (int attempt = 0; attempt < kTries; ++attempt) {
        if (attempt > 0) SDL_Delay(500);
        if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
            problem = x11 || wayland ? "nothing answers at " + displayNames() : std::string(SDL_GetError());
            continue;
        }
        if (!invisibleDriverNotAskedFor()) return;
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        problem = "nothing answers at " + displayNames();
    }
    throw std::runtime_error("the display cannot be opened: " + problem);
}

bool windowAvailable(std::string& why) {
    if (!displayNamed()) {
        why = "no display ($DISPLAY and $WAYLAND_DISPLAY are not set)";
        return false;
    }
    try {
        startVideo();
    } catch (const std::runtime_error& e) {
        why = e.what();
        return false;
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return true;
}

}  // namespace kindly::ui
