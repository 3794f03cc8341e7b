#pragma once
// The soft breathing cue of `breathe.cue = "tone"`: a quiet sine gliding up over an
// in-breath and down over an out-breath, fading in and out so it never clicks.

#include "sources/FrameSource.hpp"

namespace kindly {

class ToneSource final : public FrameSource {
public:
    /// A glide from `fromHz` to `toHz` over `frames` frames at `rate`, then silence.
    ToneSource(double fromHz, double toHz, long long frames, int rate);
    void pull(float* stereo, std::size_t frames) override;
    void restart() override;

    static constexpr double kLowHz = 196.0;   // G3
    static constexpr double kHighHz = 293.7;  // D4
    static constexpr double kPeak = 0.25;

private:
    double fromHz_, toHz_;
    long long length_, position_ = 0;
    int rate_;
    double phase_ = 0;
};

}  // namespace kindly
