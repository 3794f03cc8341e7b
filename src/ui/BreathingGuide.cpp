#include "ui/BreathingGuide.hpp"

#include "platform/Language.hpp"

#include <algorithm>
#include <cmath>

namespace kindly::ui {

std::optional<BreathView> breathAt(const Timeline& timeline, Frames position) {
    // Breaths are in time order: find the last one starting at or before the position.
    const auto& breaths = timeline.breaths;
    auto it = std::upper_bound(breaths.begin(), breaths.end(), position,
                               [](Frames p, const BreathEvent& b) { return p < b.start; });
    if (it == breaths.begin()) return std::nullopt;
    const BreathEvent& b = *std::prev(it);
    if (position >= b.start + b.length) return std::nullopt;
    BreathView view;
    view.phase = b.phase;
    view.progress = b.length > 0 ? static_cast<double>(position - b.start) / static_cast<double>(b.length) : 1.0;
    view.cycle = b.cycle;
    for (const auto& other : breaths)
        if (other.step == b.step) view.cycles = std::max(view.cycles, other.cycle + 1);
    const double eased = 0.5 - 0.5 * std::cos(3.14159265358979 * view.progress);  // raised cosine
    switch (b.phase) {
        case BreathPhase::In: view.size = eased; break;
        case BreathPhase::Hold: view.size = 1; break;
        case BreathPhase::Out: view.size = 1 - eased; break;
        case BreathPhase::Rest: view.size = 0; break;
    }
    return view;
}

const char* breathWords(BreathPhase phase) {
    switch (phase) {
        case BreathPhase::In: return tr("Breathe in");
        case BreathPhase::Hold: return tr("Hold");
        case BreathPhase::Out: return tr("Breathe out");
        case BreathPhase::Rest: return tr("Rest");
    }
    return "";
}

}  // namespace kindly::ui
