#include "kiosk/Schedule.hpp"

#include <vector>

namespace kindly {
namespace {

/// Local midnight of the day `days` after the day of `t`, plus `minutes` of wall-clock time.
std::time_t localTime(std::time_t t, int days, long long minutes) {
    std::tm tm{};
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    tm.tm_hour = 0;
    tm.tm_min = static_cast<int>(minutes);  // mktime normalizes minutes past 59 into hours and days
    tm.tm_sec = 0;
    tm.tm_isdst = -1;  // let the C library decide whether daylight saving applies then
    return std::mktime(&tm);
}

}  // namespace

std::optional<std::time_t> nextBreak(const BreakSchedule& schedule, std::time_t after) {
    std::optional<std::time_t> best;
    const auto consider = [&](std::time_t candidate) {
        if (candidate > after && (!best || candidate < *best)) best = candidate;
    };
    // From yesterday (an opening that started yesterday evening may run past midnight).
    for (int day = -1; day <= 8; ++day) {
        for (MinuteOfDay m : schedule.times) consider(localTime(after, day, m));
        if (schedule.every && schedule.opening) {
            const auto [from, until] = *schedule.opening;
            const long long span = until > from ? until - from : 24 * 60 - from + until;  // crosses midnight
            const long long step = *schedule.every / kNanosPerMinute;
            for (long long m = 0; m < span && step > 0; m += step) consider(localTime(after, day, from + m));
        }
        if (best && *best <= localTime(after, day + 1, 0)) break;  // nothing later can be earlier
    }
    return best;
}

}  // namespace kindly
