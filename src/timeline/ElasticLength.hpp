#pragma once
// Elastic pauses: one shared fraction f stretches every "MIN..MAX" pause so the session
// lasts a target length exactly (internal to the timeline).

#include <optional>
#include <string>
#include <vector>

#include "timeline/Timeline.hpp"

namespace kindly {

/// The longest session Kindly will lay out (a week); longer ones are refused as absurd.
inline constexpr Nanos kMaxSessionLength = Nanos{7} * 24 * kNanosPerHour;

/// How long a step's voice lasts (0 without one).
Nanos voiceNanos(const StepMedia& media);

struct PausePlan {
    std::vector<Nanos> pauses;  ///< per step
    double fraction = 0;        ///< f in [0, 1]
    LengthRange range;
};

/// Chooses every pause. Without a target, elastic pauses take their MIN. With one, they take
/// MIN + f * (MAX - MIN) with one shared f, rounded so the total is the target to the nanosecond.
/// Sets `error` and returns nullopt when the target is out of reach or the session absurdly long.
std::optional<PausePlan> planPauses(const Script& script, const SessionMedia& media, std::optional<Nanos> target,
                                    int rate, std::string& error);

}  // namespace kindly
