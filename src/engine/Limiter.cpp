#include "engine/Limiter.hpp"

#include <algorithm>
#include <cmath>

#include "engine/Gain.hpp"

namespace kindly {

Limiter::Limiter(int rate, double ceilingDb, double lookaheadMs, double releaseMs)
    : window_(std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(rate * lookaheadMs / 1000.0)))),
      // A hair under the ceiling, so float rounding can never cross it.
      ceiling_(gainFromDb(ceilingDb) * 0.9999),
      releaseCoefficient_(1.0 - std::exp(-1.0 / (rate * releaseMs / 1000.0))),
      delay_(2 * (window_ - 1), 0.0f),
      minIndex_(window_ + 1),
      minGain_(window_ + 1),
      released_(window_, 1.0),
      releasedSum_(static_cast<double>(window_)) {}

void Limiter::process(float* stereo, std::size_t frames) {
    const std::size_t capacity = minIndex_.size();
    for (std::size_t i = 0; i < frames; ++i) {
        const float left = stereo[2 * i], right = stereo[2 * i + 1];
        const double peak = std::max(std::fabs(left), std::fabs(right));
        const double needed = peak > ceiling_ ? ceiling_ / peak : 1.0;

        // Sliding minimum of `needed` over the last window_ inputs (a monotonic queue).
        while (minCount_ > 0 && minGain_[(minHead_ + minCount_ - 1) % capacity] >= needed) --minCount_;
        minIndex_[(minHead_ + minCount_) % capacity] = index_;
        minGain_[(minHead_ + minCount_) % capacity] = needed;
        ++minCount_;
        while (minIndex_[minHead_] <= index_ - static_cast<long long>(window_)) {
            minHead_ = (minHead_ + 1) % capacity;
            --minCount_;
        }
        const double windowMin = minGain_[minHead_];

        // Release: recover towards 1 slowly, but never above what the window needs.
        const double released = std::min(windowMin, lastReleased_ + (1.0 - lastReleased_) * releaseCoefficient_);
        lastReleased_ = released;

        // Moving average over window_ values, recomputed exactly once per lap to stop drift.
        releasedSum_ += released - released_[position_];
        released_[position_] = released;
        position_ = (position_ + 1) % window_;
        // The sample leaving the delay line now is the one window_ - 1 inputs ago: every
        // released gain in the average was computed over a window that includes it.
        float inLeft = left, inRight = right;
        if (!delay_.empty()) {
            inLeft = delay_[2 * delayPosition_];
            inRight = delay_[2 * delayPosition_ + 1];
            delay_[2 * delayPosition_] = left;
            delay_[2 * delayPosition_ + 1] = right;
            delayPosition_ = (delayPosition_ + 1) % (delay_.size() / 2);
        }
        if (position_ == 0) {
            releasedSum_ = 0;
            for (double r : released_) releasedSum_ += r;
        }
        const double gain = std::min(1.0, releasedSum_ / static_cast<double>(window_));
        stereo[2 * i] = static_cast<float>(inLeft * gain);
        stereo[2 * i + 1] = static_cast<float>(inRight * gain);
        ++index_;
    }
}

}  // namespace kindly
