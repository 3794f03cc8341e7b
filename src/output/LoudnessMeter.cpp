#include "output/LoudnessMeter.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <new>

namespace kindly {
namespace {

double decibels(double linear) { return linear > 0 ? 20.0 * std::log10(linear) : -HUGE_VAL; }

/// The higher of the two channels' peaks, by libebur128's `peakOf` (true or sample), in dB.
double highestPeakDb(ebur128_state* meter, int (*peakOf)(ebur128_state*, unsigned, double*)) {
    double highest = 0;
    for (unsigned channel = 0; channel < 2; ++channel) {
        double peak = 0;
        if (peakOf(meter, channel, &peak) == EBUR128_SUCCESS) highest = std::max(highest, peak);
    }
    return decibels(highest);
}

}  // namespace

struct LoudnessMeter::State {
    ebur128_state* meter;
};

LoudnessMeter::LoudnessMeter(int rate)
    : state_(new State{ebur128_init(2, static_cast<unsigned long>(rate),
                                    EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK)}) {
    if (!state_->meter) {
        delete state_;
        throw std::bad_alloc();
    }
}

LoudnessMeter::~LoudnessMeter() {
    ebur128_destroy(&state_->meter);
    delete state_;
}

void LoudnessMeter::add(const float* stereo, std::size_t frames) { ebur128_add_frames_float(state_->meter, stereo, frames); }

std::optional<double> LoudnessMeter::integrated() const {
    double lufs = 0;
    if (ebur128_loudness_global(state_->meter, &lufs) != EBUR128_SUCCESS || !std::isfinite(lufs)) return std::nullopt;
    return lufs;
}

double LoudnessMeter::range() const {
    double lu = 0;
    return ebur128_loudness_range(state_->meter, &lu) == EBUR128_SUCCESS ? lu : 0.0;
}

double LoudnessMeter::truePeakDb() const { return highestPeakDb(state_->meter, ebur128_true_peak); }

double LoudnessMeter::samplePeakDb() const { return highestPeakDb(state_->meter, ebur128_sample_peak); }

}  // namespace kindly
