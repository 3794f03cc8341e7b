#pragma once
// The window's colours: a calm dark palette, and a high-contrast one (white on black, yellow
// focus) for low vision and bright rooms.

#include <SDL.h>

namespace kindly::ui {

struct Palette {
    SDL_Color background;  ///< the room
    SDL_Color surface;     ///< cards and buttons
    SDL_Color text;
    SDL_Color muted;       ///< secondary text
    SDL_Color accent;      ///< progress, the breathing circle, the selected control
    SDL_Color accentText;  ///< text on the accent
    SDL_Color track;       ///< the empty part of bars and sliders
    SDL_Color focus;       ///< the keyboard focus ring
    SDL_Color warning;     ///< a script that cannot play, a missing device
};

const Palette& calmPalette();
const Palette& highContrastPalette();
inline const Palette& palette(bool highContrast) { return highContrast ? highContrastPalette() : calmPalette(); }

}  // namespace kindly::ui
