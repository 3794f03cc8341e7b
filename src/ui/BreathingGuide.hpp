#pragma once
// The breathing guide's motion, from the timeline alone: where in a breath the play head is
// and how large the circle should be (grows on "in", rests large on "hold", shrinks on "out",
// rests small between breaths). Pure: no SDL, testable on its own.

#include <optional>

#include "timeline/Timeline.hpp"

namespace kindly::ui {

struct BreathView {
    BreathPhase phase = BreathPhase::In;
    double progress = 0;  ///< 0..1 through this phase
    double size = 0;      ///< 0 (smallest) .. 1 (largest), eased so it starts and stops gently
    int cycle = 0;
    int cycles = 0;       ///< in this step
};

std::optional<BreathView> breathAt(const Timeline& timeline, Frames position);

/// "Breathe in", "Hold", "Breathe out", "Rest".
const char* breathWords(BreathPhase phase);

}  // namespace kindly::ui
