#pragma once
// Synthetic input for the window's tests: what a person's keys, clicks and taps would post.

#include <SDL.h>

namespace kindly::test {

inline void pushKey(SDL_Keycode key, Uint16 mod = 0) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
}

/// A left click (down and up) at window coordinates; `which` = SDL_TOUCH_MOUSEID for one SDL
/// made up from a touch.
inline void pushClick(int x, int y, Uint32 which = 0) {
    SDL_Event e{};
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.which = which;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
}

inline void pushClick(const SDL_Rect& r) { pushClick(r.x + r.w / 2, r.y + r.h / 2); }

/// A tap (finger down and up) at a point given as fractions of the window.
inline void pushTap(float x, float y) {
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = x;
    e.tfinger.y = y;
    SDL_PushEvent(&e);
    e.type = SDL_FINGERUP;
    SDL_PushEvent(&e);
}

}  // namespace kindly::test
