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
      releasedSum_(static_cast<double>(window_)),
      sameRun_(window_) {}

void Limiter::reset() {
    std::fill(delay_.begin(), delay_.end(), 0.0f);
    std::fill(released_.begin(), released_.end(), 1.0);
    releasedSum_ = static_cast<double>(window_);
    lastReleased_ = 1.0;
    minHead_ = minCount_ = 0;
    position_ = delayPosition_ = 0;
    index_ = 0;
    sameRun_ = window_;
    sumSettled_ = true;
}

bool Limiter::steady() const {
    // The window is full of one released value v, the sum of it is what a recount gives,
    // the needed gains in the window are all 1, and the release cannot move v any more
    // (it is 1, or so close that the next step rounds back to it).
    const double v = lastReleased_;
    return sameRun_ >= window_ && sumSettled_ && (minCount_ == 0 || minGain_[minHead_] == 1.0) &&
           v + (1.0 - v) * releaseCoefficient_ == v;
}

void Limiter::processSteady(float* stereo, std::size_t frames) {
    const double gain = std::min(1.0, releasedSum_ * (1.0 / static_cast<double>(window_)));
    const std::size_t delayFrames = delay_.size() / 2;
    for (std::size_t i = 0; i < frames; ++i) {
        float inLeft = stereo[2 * i], inRight = stereo[2 * i + 1];
        if (delayFrames > 0) {
            std::swap(inLeft, delay_[2 * delayPosition_]);
            std::swap(inRight, delay_[2 * delayPosition_ + 1]);
            if (++delayPosition_ == delayFrames) delayPosition_ = 0;
        }
        stereo[2 * i] = static_cast<float>(inLeft * gain);
        stereo[2 * i + 1] = static_cast<float>(inRight * gain);
    }
    // What the general loop leaves behind: the ring moved on (its values and sum unchanged)
    // and the queue holds only the newest needed gain, 1, which displaced all the others.
    position_ = (position_ + frames) % window_;
    index_ += static_cast<long long>(frames);
    minHead_ = 0;
    minCount_ = 1;
    minIndex_[0] = index_ - 1;
    minGain_[0] = 1.0;
}

void Limiter::process(float* stereo, std::size_t frames) {
    if (fastPath_ && frames > 0 && steady()) {
        bool below = true;  // written like the general loop's test, so NaN counts as below too
        for (std::size_t i = 0; i < 2 * frames; ++i) below &= !(std::fabs(static_cast<double>(stereo[i])) > ceiling_);
        if (below) {
            processSteady(stereo, frames);
            steadyFrames_ += static_cast<long long>(frames);
            return;
        }
    }
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
        if (released == lastReleased_) {
            sameRun_ = std::min(sameRun_ + 1, window_);
        } else {
            sameRun_ = 1;
            sumSettled_ = false;
        }
        lastReleased_ = released;

        // Moving average over window_ values, recomputed exactly once per lap to stop drift.
        releasedSum_ += released - released_[position_];
        released_[position_] = released;
        if (++position_ == window_) {
            position_ = 0;
            releasedSum_ = 0;
            for (double r : released_) releasedSum_ += r;
            sumSettled_ = sameRun_ >= window_;
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
