#pragma once
// The shape of a session as an SVG picture (`kindly timeline SCRIPT --svg OUT.svg`): a time
// axis, chapters as bands, and one lane each for the voice (a box per clip, its caption
// beneath), bells, breathing (the breath's rise and fall), pauses (elastic ones hatched,
// waits marked) and every ambient layer (its level: fades and the dips under the voice).
// Plain SVG 1.1 with a white background, so it prints as it shows.

#include <string>

#include "script/Script.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

std::string timelineSvg(const Script& script, const Timeline& timeline);

}  // namespace kindly
