#pragma once

#include <string>

namespace kindly::ui {

/// True when the environment names a display: $DISPLAY, $WAYLAND_DISPLAY or $SDL_VIDEODRIVER.
bool displayNamed();

/// Gives every window Kindly opens the desktop entry's id as its class (X11 WM_CLASS, Wayland
/// app_id), so docks and task switchers show Kindly's icon for it. SDL 2.26 reads these from
/// the environment only: call once at the start of main(), before any other thread exists
/// (setenv is not safe beside threads reading the environment).
void nameWindowsForDesktops();

/// Starts SDL's video and events on the named display. Throws std::runtime_error saying why when
/// it cannot, including when SDL would fall back to an invisible driver (offscreen, dummy) that
/// was not asked for by $SDL_VIDEODRIVER: a window nobody can see is worse than none.
/// Each successful call is paired with SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS).
void startVideo();

/// True when a window can be shown: a display is named and startVideo succeeds (video is
/// stopped again). Sets `why` otherwise.
bool windowAvailable(std::string& why);

}  // namespace kindly::ui
