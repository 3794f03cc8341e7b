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

void Limiter::reset() {
    std::fill(delay_.begin(), delay_.end(), 0.0f);
    std::fill(released_.begin(), released_.end(), 1.0);
    releasedSum_ = static_cast<double>(window_);
    lastReleased_ = 1.0;
    minHead_ = minCount_ = 0;
    position_ = delayPosition_ = 0;
    index_ = 0;
}

void Limiter::process(float* stereo, std::size_t frames) {
    const std::size_t capacity = minIndex_.size();
    const double inverseWindow = 1.0 / static_cast<double>(window_);
    const std::size_t delayFrames = delay_.size() / 2;
    auto wrap = [](std::size_t i, std::size_t size) { return i >= size ? i - size : i; };
    for (std::size_t i = 0; i < frames; ++i) {
        const float left = stereo[2 * i], right = stereo[2 * i + 1];
        const double peak = std::max(std::fabs(left), std::fabs(right));
        const double needed = peak > ceiling_ ? ceiling_ / peak : 1.0;

        // Sliding minimum of `needed` over the last window_ inputs (a monotonic queue).
        while (minCount_ > 0 && minGain_[wrap(minHead_ + minCount_ - 1, capacity)] >= needed) --minCount_;
        const std::size_t tail = wrap(minHead_ + minCount_, capacity);
        minIndex_[tail] = index_;
        minGain_[tail] = needed;
        ++minCount_;
        while (minIndex_[minHead_] <= index_ - static_cast<long long>(window_)) {
            minHead_ = wrap(minHead_ + 1, capacity);
            --minCount_;
        }
        const double windowMin = minGain_[minHead_];

        // Release: recover towards 1 slowly, but never above what the window needs.
        const double released = std::min(windowMin, lastReleased_ + (1.0 - lastReleased_) * releaseCoefficient_);
        lastReleased_ = released;

        // Moving average over window_ values, recomputed exactly once per lap to stop drift.
        releasedSum_ += released - released_[position_];
        released_[position_] = released;
        if (++position_ == window_) {
            position_ = 0;
            releasedSum_ = 0;
            for (double r : released_) releasedSum_ += r;
        }
        // The sample leaving the delay line now is the one window_ - 1 inputs ago: every
        // released gain in the average was computed over a window that includes it.
        float inLeft = left, inRight = right;
        if (delayFrames > 0) {
            inLeft = delay_[2 * delayPosition_];
            inRight = delay_[2 * delayPosition_ + 1];
            delay_[2 * delayPosition_] = left;
            delay_[2 * delayPosition_ + 1] = right;
            delayPosition_ = wrap(delayPosition_ + 1, delayFrames);
        }
        const double gain = std::min(1.0, releasedSum_ * inverseWindow);
        stereo[2 * i] = static_cast<float>(inLeft * gain);
        stereo[2 * i + 1] = static_cast<float>(inRight * gain);
        ++index_;
    }
}

}  // namespace kindly
