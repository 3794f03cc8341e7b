#include "kiosk/DeskBreaks.hpp"

#include <algorithm>

#include "kiosk/Schedule.hpp"

namespace kindly {

DeskBreaks::DeskBreaks(const BreakSchedule& schedule, std::time_t now)
    : schedule_(schedule),
      next_(nextBreak(schedule, now)),
      announce_(static_cast<std::time_t>(schedule.announce / kNanosPerSecond)) {}

bool DeskBreaks::due(std::time_t now) {
    while (next_ && now > *next_ + kMissedAfterSeconds) next_ = nextBreak(schedule_, now);
    return next_ && now >= *next_ - announce_;
}

std::time_t DeskBreaks::startFor(std::time_t now) const {
    if (!next_) return now + announce_;
    // A notice that opens more than a few seconds late gets its full length from now.
    return now > *next_ - announce_ + 5 ? std::max(*next_, now + announce_) : *next_;
}

void DeskBreaks::finished(BreakOutcome outcome, std::time_t now) {
    if (outcome == BreakOutcome::Postponed) {
        next_ = now + static_cast<std::time_t>(schedule_.postpone / kNanosPerSecond) + announce_;
        return;
    }
    next_ = nextBreak(schedule_, std::max(next_.value_or(now), now));
}

}  // namespace kindly
