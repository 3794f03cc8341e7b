#pragma once
// Durations as written in session scripts ("250ms", "1m30s", "1.5s", 4) and their
// exact representation: whole nanoseconds, so sums of decimal durations never drift.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kindly {

/// 128-bit integers for exact intermediate products (frames x rate, sums of many durations).
/// A GCC/Clang extension; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Int128;

/// Time in nanoseconds. Script durations are decimal, so nanoseconds hold them exactly.
using Nanos = std::int64_t;

inline constexpr Nanos kNanosPerMilli = 1'000'000;
inline constexpr Nanos kNanosPerSecond = 1'000'000'000;
inline constexpr Nanos kNanosPerMinute = 60 * kNanosPerSecond;
inline constexpr Nanos kNanosPerHour = 60 * kNanosPerMinute;

/// The longest duration a script may state anywhere (a whole day): large enough for any
/// practice, small enough that sums of thousands of them stay far from int64 overflow.
inline constexpr Nanos kMaxDuration = 24 * kNanosPerHour;

/// Either a duration or a message that says what is wrong with the text.
struct DurationParse {
    std::optional<Nanos> value;
    std::string error;  // empty when value is set
};

/// Parses "250ms", "4s", "1m30s", "1.5s", "1h 5m" (spaces between parts are allowed).
/// Rejects empty text, missing or unknown units, negative values and anything over kMaxDuration.
DurationParse parseDurationText(std::string_view text);

/// A bare TOML number of seconds; rejects negative, non-finite and too-large values.
DurationParse durationFromSeconds(double seconds);

/// A pause length: fixed (min == max) or elastic ("5s..40s").
struct ElasticDuration {
    Nanos min = 0;
    Nanos max = 0;
    bool isElastic() const { return max > min; }
};

struct ElasticParse {
    std::optional<ElasticDuration> value;
    std::string error;
};

/// Parses "MIN..MAX" (both durations, MIN <= MAX) or a plain duration.
ElasticParse parseElasticText(std::string_view text);

/// "1m30s", "250ms", "1h2m3.5s", "0s": the shortest text that parses back to the same value.
std::string formatDuration(Nanos ns);

/// "m:ss.mmm" (or "h:mm:ss.mmm" from one hour), for timetables.
std::string formatClock(Nanos ns);

/// formatClock without the milliseconds ("m:ss"), for progress bars and caption logs.
std::string formatClockSeconds(Nanos ns);

}  // namespace kindly
