#pragma once
// The wall clock: calendar time, for what depends on the time of day or the date (the kiosk's
// scheduled breaks, a desk's breaks, the usage log, names stamped with a date). Passed in, so
// that tests choose the moment instead of reading the machine's. Durations and timeouts use
// std::chrono::steady_clock instead; the engine counts frames and needs neither.

#include <ctime>

namespace kindly {

class Clock {
public:
    virtual ~Clock() = default;
    /// Seconds since the epoch (UTC); local time is the caller's to derive (localtime_r).
    /// Any thread.
    virtual std::time_t now() const = 0;
};

/// The machine's clock (std::time).
class SystemClock final : public Clock {
public:
    std::time_t now() const override;
};

/// The machine's clock, one instance for the whole program: the default wherever a clock is taken.
const Clock& systemClock();

/// A clock that reads what it was set to, moved only by set() and advance(); for tests and for
/// a simulated day (UI thread only: it is not synchronised).
class ManualClock final : public Clock {
public:
    explicit ManualClock(std::time_t at) : now_(at) {}
    std::time_t now() const override { return now_; }
    void set(std::time_t at) { now_ = at; }
    void advance(std::time_t seconds) { now_ += seconds; }

private:
    std::time_t now_;
};

/// The epoch time of a local calendar moment in the current time zone (TZ), as mktime reads
/// it with daylight saving found out (tm_isdst = -1). `month` 1..12.
std::time_t localMoment(int year, int month, int day, int hour, int minute, int second = 0);

}  // namespace kindly
