#pragma once
// White, pink and brown noise, generated (no file), endless, deterministic: the same seed
// always gives the same samples, so renders are repeatable. Real-time safe.

#include <cstdint>

#include "sources/BuiltinSounds.hpp"
#include "sources/FrameSource.hpp"

namespace kindly {

class NoiseSource final : public FrameSource {
public:
    explicit NoiseSource(NoiseColor color, std::uint64_t seed = 0x6b696e646c79ull);
    void pull(float* stereo, std::size_t frames) override;
    void restart() override;

    /// Each colour is scaled to about this RMS level (dBFS), like the bundled beds.
    static constexpr double kLevelDbfs = -20.0;

private:
    struct Channel {
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;  // pink filter state
        double brown = 0;
    };
    double white();
    float next(Channel& c);

    NoiseColor color_;
    std::uint64_t seed_, state_;
    Channel left_, right_;
    double scale_;
};

}  // namespace kindly
