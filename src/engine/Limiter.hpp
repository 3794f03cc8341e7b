#pragma once
// The master limiter: holds the stereo sum at or below its ceiling (sample peak) without
// clipping, by looking ahead. For every sample it needs a gain g = min(1, ceiling / peak);
// it takes the minimum of g over the next `lookahead` samples, lets the gain recover slowly
// (release), and smooths it with a moving average as long as the look-ahead. Every sample's
// smoothed gain is an average of values that are each no larger than that sample's own g,
// so the ceiling holds exactly, and gain changes stay smooth (no pumping on normal material,
// which never reaches the ceiling and passes untouched).
// Real-time safe: all memory is allocated in the constructor.
//
// Fast path: most blocks never come near the ceiling while the gain rests at one value
// (1, or the value the release has converged to in double precision). Then every per-sample
// step of the general loop would reproduce the same numbers, so process() delays and scales
// the block in one pass instead. The result is bit for bit what the general loop gives (a
// test compares them); only the time differs.

#include <cstddef>
#include <vector>

namespace kindly {

class Limiter {
public:
    Limiter(int rate, double ceilingDb = -1.0, double lookaheadMs = 3.0, double releaseMs = 150.0);

    /// Off: every sample takes the general loop (for tests that compare the two paths).
    void setFastPath(bool on) { fastPath_ = on; }
    /// Frames that took the fast path so far (for tests and the render benchmark).
    long long steadyFrames() const { return steadyFrames_; }

    /// Frames by which the output lags the input.
    std::size_t latency() const { return window_ - 1; }

    /// Forgets all it has seen (after a seek). Allocates nothing.
    void reset();

    /// Limits `frames` interleaved stereo frames in place (delayed by latency()).
    void process(float* stereo, std::size_t frames);

private:
    bool steady() const;

    void processSteady(float* stereo, std::size_t frames);

    bool fastPath_ = true;
    long long steadyFrames_ = 0;
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
    // For the fast path: how many released gains in a row equal the last one, and whether
    // releasedSum_ was recomputed while all of the window held that value.
    std::size_t sameRun_;
    bool sumSettled_ = true;
};

}  // namespace kindly
