#include "sources/ToneSource.hpp"

#include <algorithm>
#include <cmath>

namespace kindly {

ToneSource::ToneSource(double fromHz, double toHz, long long frames, int rate)
    : fromHz_(fromHz), toHz_(toHz), length_(frames), rate_(rate) {}

void ToneSource::pull(float* stereo, std::size_t frames) {
    constexpr double kTwoPi = 6.283185307179586;
    // Fades of 20% of the phase (at most 1 s) at each end: a swell, not a beep.
    const double fade = std::max(1.0, std::min(0.2 * static_cast<double>(length_), static_cast<double>(rate_)));
    for (std::size_t i = 0; i < frames; ++i, ++position_) {
        float v = 0;
        if (position_ < length_) {
            const double x = static_cast<double>(position_) / static_cast<double>(length_);
            const double hz = fromHz_ * std::pow(toHz_ / fromHz_, x);  // an even glide in pitch
            phase_ += kTwoPi * hz / rate_;
            if (phase_ > kTwoPi) phase_ -= kTwoPi;
            const double in = std::min(1.0, static_cast<double>(position_) / fade);
            const double out = std::min(1.0, static_cast<double>(length_ - position_) / fade);
            const double envelope = std::sin(0.5 * 3.141592653589793 * std::min(in, out));
            v = static_cast<float>(kPeak * envelope * envelope * std::sin(phase_));
        }
        stereo[2 * i] = stereo[2 * i + 1] = v;
    }
}

void ToneSource::restart() {
    position_ = 0;
    phase_ = 0;
}

}  // namespace kindly
