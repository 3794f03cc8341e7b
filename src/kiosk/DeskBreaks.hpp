#pragma once
// When `kindly breaks` opens its break window. The notice opens `announce` before each
// scheduled break; "Later" brings the notice back `postpone` from now; a break missed by more
// than a few minutes (the computer slept, the person was away) is let go instead of being
// sprung on them when they return, and the next one is planned from the schedule.

#include <ctime>
#include <optional>

#include "kiosk/KioskConfig.hpp"

namespace kindly {

/// How a break window ended.
enum class BreakOutcome { Completed, Abandoned, Skipped, Postponed };

class DeskBreaks {
public:
    DeskBreaks(const BreakSchedule& schedule, std::time_t now);

    /// When the next break starts (nullopt: the schedule has none).
    std::optional<std::time_t> next() const { return next_; }
    /// True when the notice should be open at `now`. Lets go of a break missed long ago first.
    bool due(std::time_t now);
    /// When the break whose notice opens at `now` starts: its time, or a full notice from now
    /// when the notice opens late (after a sleep, or a postponed break).
    std::time_t startFor(std::time_t now) const;
    /// A break now (`kindly breaks --now`): its notice opens at once.
    void breakNow(std::time_t now) { next_ = now + announce_; }
    /// The window closed at `now` with this outcome: plan the next break.
    void finished(BreakOutcome outcome, std::time_t now);

    /// A break this late (its notice never shown) is let go.
    static constexpr std::time_t kMissedAfterSeconds = std::time_t{5} * 60;

private:
    BreakSchedule schedule_;
    std::optional<std::time_t> next_;
    std::time_t announce_;
};

}  // namespace kindly
