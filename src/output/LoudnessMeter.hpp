#pragma once
// EBU R128 figures of a stereo mix as it is made (libebur128): integrated loudness, loudness
// range and true peak, for a render's loudness target (`kindly render --loudness`).
// Not for the audio callback: it allocates.

#include <cstddef>
#include <optional>

namespace kindly {

class LoudnessMeter {
public:
    explicit LoudnessMeter(int rate);
    ~LoudnessMeter();
    LoudnessMeter(const LoudnessMeter&) = delete;
    LoudnessMeter& operator=(const LoudnessMeter&) = delete;

    /// Adds `frames` interleaved stereo frames.
    void add(const float* stereo, std::size_t frames);

    /// LUFS; nullopt for silence (nothing above the gate).
    std::optional<double> integrated() const;
    /// LU.
    double range() const;
    /// dBTP: the highest of the two channels' true (4x oversampled) peaks.
    double truePeakDb() const;
    /// dBFS: the highest sample.
    double samplePeakDb() const;

private:
    struct State;  // libebur128's state, kept out of this header
    State* state_;
};

}  // namespace kindly
