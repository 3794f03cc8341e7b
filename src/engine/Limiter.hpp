#pragma once
// The master limiter: holds the stereo sum at or below its ceiling (sample peak) without
// clipping, by looking ahead. For every sample it needs a gain g = min(1, ceiling / peak);
// it takes the minimum of g over the next `lookahead` samples, lets the gain recover slowly
// (release), and smooths it with a moving average as long as the look-ahead. Every sample's
// smoothed gain is an average of values that are each no larger than that sample's own g,
// so the ceiling holds exactly, and gain changes stay smooth (no pumping on normal material,
// which never reaches the ceiling and passes untouched).
// Real-time safe: all memory is allocated in the constructor.

#include <cstddef>
#include <vector>

namespace kindly {

class Limiter {
public:
    Limiter(int rate, double ceilingDb = -1.0, double lookaheadMs = 3.0, double releaseMs = 150.0);

    /// Frames by which the output lags the input.
    std::size_t latency() const { return window_ - 1; }

    /// Forgets all it has seen (after a seek). Allocates nothing.
    void reset();

    /// Limits `frames` interleaved stereo frames in place (delayed by latency()).
    void process(float* stereo, std::size_t frames);

private:
    std::size_t window_;
    double ceiling_;
    double releaseCoefficient_;
    // Look-ahead delay of the input samples (window_ - 1 frames).
    std::vector<float> delay_;
    std::size_t delayPosition_ = 0;
    // Monotonic queue of (index, gain) for the sliding minimum of the needed gain.
    std::vector<long long> minIndex_;
    std::vector<double> minGain_;
    std::size_t minHead_ = 0, minCount_ = 0;
    // Moving average of the released gain.
    std::vector<double> released_;
    double releasedSum_;
    double lastReleased_ = 1.0;
    std::size_t position_ = 0;  // ring position in released_
    long long index_ = 0;       // input samples seen
};

}  // namespace kindly
