#pragma once
// Small value helpers for levels and fades. Decibels are not gains: names say which.

#include <cmath>

namespace kindly {

inline double gainFromDb(double db) { return db <= -200.0 ? 0.0 : std::pow(10.0, db / 20.0); }
inline double dbFromGain(double gain) { return gain <= 0.0 ? -HUGE_VAL : 20.0 * std::log10(gain); }

/// The shape of every fade: a raised cosine from 0 (x <= 0) to 1 (x >= 1). It starts and
/// ends with zero slope, so neither end of a fade can click.
inline double fadeCurve(double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    return 0.5 - 0.5 * std::cos(3.141592653589793 * x);
}

}  // namespace kindly
