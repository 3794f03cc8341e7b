#pragma once
// What every screen of the window is: it draws itself (listing its controls, with the
// rectangles the window then hit-tests), turns the keys meant for it into typed actions, takes
// the actions that only change itself (a filter, a sheet, the PIN's digits) and hands the rest
// back for the window (or the kiosk) to route. Screens hold no SDL window and call no one:
// what an action does to a session is the window's business. UI thread only.

#include <SDL.h>

#include <string>
#include <vector>

#include "ui/Action.hpp"
#include "ui/Canvas.hpp"
#include "ui/Controls.hpp"

namespace kindly::ui {

enum class ScreenId { Library, Preparing, Player, Problem, Home, Announce, Pin };

class Screen {
public:
    virtual ~Screen() = default;
    virtual ScreenId id() const = 0;
    /// Draws the whole screen; returns its controls in keyboard (Tab) order.
    virtual std::vector<Control> draw(Canvas& canvas, Action focus) = 0;
    /// A key the window did not take itself (Escape may drop the focus in `controls`).
    virtual Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) = 0;
    /// The mouse wheel turned `dy` notches over `at` (drawable pixels).
    virtual Action wheel(int /*dy*/, SDL_Point /*at*/, const ControlSet& /*controls*/) { return {}; }
    /// Takes the actions that change only this screen; returns the rest (None when taken).
    virtual Action act(const Action& action) { return action; }
    /// Changes whenever what draw() would show changes (the window redraws only then).
    virtual std::string viewKey(const Canvas& canvas) const = 0;
};

/// Enter, keypad Enter or space.
inline bool isConfirmKey(SDL_Keycode code) { return code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_SPACE; }

}  // namespace kindly::ui
