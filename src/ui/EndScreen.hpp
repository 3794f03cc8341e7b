#pragma once
// The end of a session, shown in the player's place: a few kind words and the way on.

#include <vector>

#include "ui/Controls.hpp"

namespace kindly::ui {

/// Draws the end's words and its "Play again" button in `area`; returns that button.
std::vector<Control> drawEnd(Canvas& canvas, const SDL_Rect& area, Action focus);

}  // namespace kindly::ui
