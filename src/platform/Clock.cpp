#include "platform/Clock.hpp"

namespace kindly {

std::time_t SystemClock::now() const { return std::time(nullptr); }

const Clock& systemClock() {
    static const SystemClock clock;
    return clock;
}

std::time_t localMoment(int year, int month, int day, int hour, int minute, int second) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

}  // namespace kindly
