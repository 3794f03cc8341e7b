// Generates Kindly's bundled sounds (audio/) by synthesis, reproducibly: the same program
// always writes the same samples. Bells are decaying inharmonic partials, like struck metal;
// the stream bed is shaped noise, made loopable by crossfading its tail into its head.
//
//   build/kindly-make-sounds audio/      (see audio/README.md)

#include <sndfile.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

constexpr int kRate = 48000;
constexpr double kPi = 3.14159265358979323846;

/// xorshift64*: a tiny deterministic generator, so every build makes identical files.
struct Random {
    std::uint64_t state;
    explicit Random(std::uint64_t seed) : state(seed) {}
    double uniform() {  // [-1, 1)
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return static_cast<double>((state * 2685821657736338717ull) >> 11) / 4503599627370496.0 - 1.0;
    }
};

using Stereo = std::vector<float>;  // interleaved L R

struct Partial {
    double ratio;    // of the fundamental
    double gain;
    double decay_s;  // time to fall by 60 dB
};

/// A struck bell: partials with exponential decays, a 4 ms attack and slow beating between
/// two slightly detuned copies of each partial (panned apart for width).
Stereo bell(double fundamental, const std::vector<Partial>& partials, double seconds, double beat) {
    const auto frames = static_cast<std::size_t>(seconds * kRate);
    Stereo out(frames * 2);
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / kRate;
        const double attack = std::min(1.0, t / 0.004);
        double left = 0, right = 0;
        for (const auto& p : partials) {
            const double env = p.gain * std::exp(-6.9 * t / p.decay_s);
            const double f = fundamental * p.ratio;
            left += env * std::sin(2 * kPi * f * t);
            right += env * std::sin(2 * kPi * f * (1 + beat) * t + 0.3);
        }
        // The last 50 ms fade to exact silence, so the file ends cleanly.
        const double tail = std::min(1.0, (seconds - t) / 0.05);
        out[2 * i] = static_cast<float>(attack * tail * left);
        out[2 * i + 1] = static_cast<float>(attack * tail * right);
    }
    return out;
}

/// One-pole low-pass state.
struct LowPass {
    double a, y = 0;
    explicit LowPass(double cutoff) : a(1 - std::exp(-2 * kPi * cutoff / kRate)) {}
    double operator()(double x) { return y += a * (x - y); }
};

/// Makes `bed` (frames + fade) loop seamlessly: the tail's last `fade` frames are crossfaded
/// (equal power) into the head, and the result is `frames` long.
Stereo loopable(const Stereo& bed, std::size_t frames, std::size_t fade) {
    Stereo out(bed.begin(), bed.begin() + static_cast<long>(frames * 2));
    for (std::size_t i = 0; i < fade; ++i) {
        const double x = (i + 0.5) / fade;
        const double in = std::sin(0.5 * kPi * x), outGain = std::cos(0.5 * kPi * x);
        for (int c = 0; c < 2; ++c)
            out[2 * i + c] = static_cast<float>(in * bed[2 * i + c] + outGain * bed[2 * (frames + i) + c]);
    }
    return out;
}

/// Slow periodic movement that returns to its start after `period` frames (so loops stay seamless).
double swell(std::size_t i, std::size_t period, int cycles, double phase) {
    return std::sin(2 * kPi * cycles * static_cast<double>(i) / period + phase);
}

Stereo stream(std::size_t frames, std::size_t fade) {
    Random rng(0x53545245);
    Stereo bed((frames + fade) * 2);
    LowPass a1(1800), a2(1800), b1(400), b2(400);
    for (std::size_t i = 0; i < frames + fade; ++i) {
        // Babbling: band-limited noise whose level ripples at a few unrelated slow rates.
        const double ripple = 0.6 + 0.25 * swell(i % frames, frames, 37, 0) + 0.15 * swell(i % frames, frames, 91, 1);
        const double l = a1(rng.uniform()) - 0.7 * b1(rng.uniform());
        const double r = a2(rng.uniform()) - 0.7 * b2(rng.uniform());
        bed[2 * i] = static_cast<float>(1.6 * ripple * l);
        bed[2 * i + 1] = static_cast<float>(1.6 * ripple * r);
    }
    return loopable(bed, frames, fade);
}

/// Scales to `peak` (linear) so every sound leaves headroom for the mix.
void normalize(Stereo& s, double peak) {
    double max = 0;
    for (float v : s) max = std::max(max, static_cast<double>(std::fabs(v)));
    if (max > 0)
        for (float& v : s) v = static_cast<float>(v * peak / max);
}

bool write(const std::filesystem::path& path, Stereo samples, int format, double peak) {
    normalize(samples, peak);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    SF_INFO info{};
    info.samplerate = kRate;
    info.channels = 2;
    info.format = format;
    SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
    if (!file) {
        std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), sf_strerror(nullptr));
        return false;
    }
    if (format & SF_FORMAT_VORBIS) {
        double quality = 0.35;
        sf_command(file, SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof quality);
    }
    sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size() / 2));
    sf_close(file);
    std::printf("wrote %s\n", path.c_str());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s AUDIO_DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        std::fprintf(stderr, "cannot use %s as the audio folder: %s\n", argv[1], ec ? ec.message().c_str() : "not a folder");
        return 1;
    }
    const int flac = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    const int ogg = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    const std::size_t loop = 30 * kRate, fade = 2 * kRate;
    bool ok = true;
    // Singing bowl: its typical mode ratios, long and warm.
    ok &= write(dir / "bells/bowl.flac",
                bell(196, {{1, 1.0, 9}, {2.76, 0.5, 6}, {5.4, 0.25, 4}, {8.93, 0.1, 2.5}}, 12, 0.004), flac, 0.7);
    // Small chime: bright and short.
    ok &= write(dir / "bells/chime.flac",
                bell(1046.5, {{1, 1.0, 3.5}, {2.0, 0.35, 2.5}, {3.01, 0.2, 1.6}, {4.17, 0.1, 1}}, 5, 0.002), flac, 0.6);
    // Soft gong: low, dense, slow to fade.
    ok &= write(dir / "bells/gong.flac",
                bell(98, {{1, 1.0, 11}, {1.47, 0.6, 9}, {2.09, 0.45, 8}, {2.56, 0.3, 6}, {3.37, 0.2, 4}, {4.9, 0.1, 3}},
                     14, 0.006),
                flac, 0.7);
    // The one bed with no recording yet (the others are field recordings: tools/prepare-beds.cpp).
    // Its peak puts it at the recordings' loudness, -26 LUFS (EBU R128, as a loop).
    ok &= write(dir / "ambient/stream.ogg", stream(loop, fade), ogg, 0.199);
    return ok ? 0 : 1;
}
