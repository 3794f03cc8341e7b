#pragma once
// Frames at the output rate: the engine's only clock.

#include <cstdint>

#include "script/Duration.hpp"

namespace kindly {

/// A count or position in sample frames at the output rate.
using Frames = std::int64_t;

/// Nanoseconds -> frames at `rate`, rounded to the nearest frame (halves away from zero).
/// Exact for any value a script can state (128-bit intermediate).
inline Frames framesFromNanos(Nanos ns, int rate) {
    const Int128 scaled = static_cast<Int128>(ns) * rate;
    const Int128 half = kNanosPerSecond / 2;
    return static_cast<Frames>(scaled >= 0 ? (scaled + half) / kNanosPerSecond : (scaled - half) / kNanosPerSecond);
}

/// Frames at `rate` -> nanoseconds, rounded to the nearest nanosecond.
inline Nanos nanosFromFrames(Frames frames, int rate) {
    const Int128 scaled = static_cast<Int128>(frames) * kNanosPerSecond;
    return static_cast<Nanos>((scaled + rate / 2) / rate);
}

/// A length in frames at `fromRate` as it plays after resampling to `toRate` (rounded).
inline Frames resampledLength(Frames frames, int fromRate, int toRate) {
    const Int128 scaled = static_cast<Int128>(frames) * toRate;
    return static_cast<Frames>((scaled + fromRate / 2) / fromRate);
}

}  // namespace kindly
