#pragma once
// When the next scheduled break is, in local time: at the given times of day, and every so
// often within opening hours (which may cross midnight). Wall-clock times are resolved with
// the C library's mktime, so a daylight-saving change is handled as the clock on the wall
// shows it: a break at 10:30 is at 10:30 on both sides of the change; a time that does not
// exist that night (02:30 when clocks jump from 02:00 to 03:00) happens at 03:30.

#include <ctime>
#include <optional>

#include "kiosk/KioskConfig.hpp"

namespace kindly {

/// The first break strictly after `after` (within the next 8 days), or nullopt when none.
std::optional<std::time_t> nextBreak(const BreakSchedule& schedule, std::time_t after);

}  // namespace kindly
