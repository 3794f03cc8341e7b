#pragma once
// A plain, calm cover picture for a render that has none of its own, so the file looks right
// in a phone's player: the session's title (and its author below) in white on a quiet colour
// chosen from the title. Drawn with SDL2_ttf as the window draws its text; needs no display.

#include <string>

namespace kindly::ui {

/// PNG bytes, `size` pixels square; empty with `error` when no font can be found.
std::string drawCoverCard(const std::string& title, const std::string& byline, int size, std::string& error);

}  // namespace kindly::ui
