#include "sources/NoiseSource.hpp"

#include <cmath>

namespace kindly {

NoiseSource::NoiseSource(NoiseColor color, std::uint64_t seed) : color_(color), seed_(seed), state_(seed) {
    // Measured RMS of each unscaled generator, so every colour lands at kLevelDbfs.
    const double rms = color == NoiseColor::White ? 0.5774 : color == NoiseColor::Pink ? 0.2 : 0.33;
    scale_ = std::pow(10.0, kLevelDbfs / 20.0) / rms;
}

double NoiseSource::white() {
    // xorshift64*: uniform in [-1, 1).
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return static_cast<double>((state_ * 2685821657736338717ull) >> 11) / 4503599627370496.0 - 1.0;
}

float NoiseSource::next(Channel& c) {
    const double w = white();
    double v = w;
    if (color_ == NoiseColor::Pink) {
        // Paul Kellet's refined pink filter (-3 dB per octave, within 0.05 dB above 9 Hz).
        c.b0 = 0.99886 * c.b0 + w * 0.0555179;
        c.b1 = 0.99332 * c.b1 + w * 0.0750759;
        c.b2 = 0.96900 * c.b2 + w * 0.1538520;
        c.b3 = 0.86650 * c.b3 + w * 0.3104856;
        c.b4 = 0.55000 * c.b4 + w * 0.5329522;
        c.b5 = -0.7616 * c.b5 - w * 0.0168980;
        v = (c.b0 + c.b1 + c.b2 + c.b3 + c.b4 + c.b5 + c.b6 + w * 0.5362) * 0.11;
        c.b6 = w * 0.115926;
    } else if (color_ == NoiseColor::Brown) {
        // Integrated white noise with a slight leak, so it never drifts away from zero.
        c.brown = 0.998 * c.brown + 0.04 * w;
        v = c.brown;
    }
    return static_cast<float>(v * scale_);
}

void NoiseSource::pull(float* stereo, std::size_t frames) {
    for (std::size_t i = 0; i < frames; ++i) {
        stereo[2 * i] = next(left_);
        stereo[2 * i + 1] = next(right_);
    }
}

void NoiseSource::restart() {
    state_ = seed_;
    left_ = right_ = Channel{};
}

}  // namespace kindly
