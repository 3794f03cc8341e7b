// Prepares field recordings as Kindly's ambient beds (see audio/README.md), reproducibly:
//   kindly-prepare-beds SOURCE_DIR AUDIO_DIR [NAME...]
// For each bed: decode (libsndfile), resample to 48 kHz once (libsoxr, very high quality),
// trim the silent or faded head and tail the recording came with, make the loop seamless by
// crossfading (equal power) the material after the loop point into its start, bring the loop
// to a common loudness (EBU R128, libebur128) with a look-ahead peak limiter for recordings
// whose transients would then clip (a fire's crackles), and write 48 kHz stereo Ogg Vorbis.
// Replacing a recording: put the new file in SOURCE_DIR under the same name and run again.

#include <ebur128.h>
#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

constexpr int kRate = 48000;
/// Every bed's integrated loudness, as a loop. Near the recordings' own levels (-25.8 to
/// -28 LUFS), so most need little gain; scripts set how loud a bed sits with `ambient_db`.
constexpr double kTargetLufs = -26.0;
/// Sample peak ceiling of a prepared bed.
constexpr double kPeakCeiling = 0.708;  // -3 dBFS
constexpr double kVorbisQuality = 0.45;  // about 130 kbit/s for 48 kHz stereo

struct Bed {
    const char* source;    ///< file in SOURCE_DIR
    const char* output;    ///< file under AUDIO_DIR
    double crossfadeSeconds;
};

const Bed kBeds[] = {
    {"rain.ogg", "ambient/rain.ogg", 3.0},
    {"waves.ogg", "ambient/waves.ogg", 4.0},
    {"birds.ogg", "ambient/birds.ogg", 3.0},
    {"wind.ogg", "ambient/wind.ogg", 2.0},
    {"summer-night.ogg", "ambient/summer-night.ogg", 3.0},
    {"fireplace.ogg", "ambient/fireplace.ogg", 2.0},
};

using Stereo = std::vector<float>;  // interleaved L R

bool read(const std::filesystem::path& path, Stereo& out, int& rate) {
    SF_INFO info{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
    if (!file) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), sf_strerror(nullptr));
        return false;
    }
    if (info.channels < 1 || info.channels > 2 || info.frames <= 0) {
        std::fprintf(stderr, "%s: needs a mono or stereo recording\n", path.c_str());
        sf_close(file);
        return false;
    }
    std::vector<float> raw(static_cast<std::size_t>(info.frames) * static_cast<std::size_t>(info.channels));
    const sf_count_t got = sf_readf_float(file, raw.data(), info.frames);
    sf_close(file);
    out.assign(static_cast<std::size_t>(got) * 2, 0.0f);
    for (sf_count_t i = 0; i < got; ++i) {
        const auto f = static_cast<std::size_t>(i);
        out[2 * f] = raw[f * static_cast<std::size_t>(info.channels)];
        out[2 * f + 1] = raw[f * static_cast<std::size_t>(info.channels) + (info.channels - 1)];
    }
    rate = info.samplerate;
    return true;
}

Stereo resample(const Stereo& in, int rate) {
    if (rate == kRate) return in;
    const std::size_t frames = in.size() / 2;
    const auto outFrames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) * kRate / rate));
    Stereo out(outFrames * 2);
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_VHQ, 0);
    std::size_t done = 0;
    soxr_error_t error = soxr_oneshot(rate, kRate, 2, in.data(), frames, nullptr, out.data(), outFrames, &done, &io,
                                      &quality, nullptr);
    if (error) std::fprintf(stderr, "soxr: %s\n", error);
    out.resize(done * 2);
    return out;
}

/// RMS of each 100 ms window (both channels).
std::vector<double> windowRms(const Stereo& s, std::size_t window) {
    std::vector<double> rms;
    for (std::size_t start = 0; start + window <= s.size() / 2; start += window) {
        double sum = 0;
        for (std::size_t i = 2 * start; i < 2 * (start + window); ++i) sum += static_cast<double>(s[i]) * s[i];
        rms.push_back(std::sqrt(sum / (2.0 * static_cast<double>(window))));
    }
    return rms;
}

/// Drops the head and tail that are much quieter than the recording's typical level (a
/// fade-in or silence left by the edit), and at least 100 ms at each end.
Stereo trim(const Stereo& s) {
    const std::size_t window = kRate / 10;
    auto rms = windowRms(s, window);
    if (rms.size() < 20) return s;
    auto sorted = rms;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    const double floor = sorted[sorted.size() / 2] * 0.3;  // about 10 dB under the median
    std::size_t head = 1, tail = rms.size() - 1;
    while (head < rms.size() / 4 && rms[head] < floor) ++head;
    while (tail > 3 * rms.size() / 4 && rms[tail - 1] < floor) --tail;
    return Stereo(s.begin() + static_cast<long>(2 * head * window), s.begin() + static_cast<long>(2 * tail * window));
}

/// A loop of (length - crossfade) frames: its start holds the material after the loop point
/// faded out (cosine) over the original start faded in (sine), so the end runs on into it.
Stereo makeLoop(const Stereo& s, std::size_t crossfade) {
    const std::size_t frames = s.size() / 2;
    const std::size_t loop = frames - crossfade;
    Stereo out(s.begin(), s.begin() + static_cast<long>(2 * loop));
    for (std::size_t i = 0; i < crossfade; ++i) {
        const double x = (static_cast<double>(i) + 0.5) / static_cast<double>(crossfade);
        const auto in = static_cast<float>(std::sin(x * M_PI / 2)), away = static_cast<float>(std::cos(x * M_PI / 2));
        for (std::size_t c = 0; c < 2; ++c) out[2 * i + c] = s[2 * i + c] * in + s[2 * (loop + i) + c] * away;
    }
    return out;
}

/// Integrated loudness of the loop as it repeats (measured over two passes, so the seam counts).
double loudness(const Stereo& loop) {
    ebur128_state* st = ebur128_init(2, kRate, EBUR128_MODE_I);
    for (int pass = 0; pass < 2; ++pass) ebur128_add_frames_float(st, loop.data(), loop.size() / 2);
    double lufs = -HUGE_VAL;
    ebur128_loudness_global(st, &lufs);
    ebur128_destroy(&st);
    return lufs;
}

/// A look-ahead peak limiter that runs around the loop (the gain at the start is the gain the
/// end led into), so the seam stays seamless: 5 ms attack, 80 ms release.
void limitPeaks(Stereo& loop, double ceiling) {
    const std::size_t frames = loop.size() / 2;
    const std::size_t lookahead = kRate / 200;
    std::vector<double> need(frames, 1.0);  // the gain each frame needs to stay under the ceiling
    for (std::size_t i = 0; i < frames; ++i) {
        const double peak = std::max(std::fabs(loop[2 * i]), std::fabs(loop[2 * i + 1]));
        if (peak > ceiling) need[i] = ceiling / peak;
    }
    // Each frame takes the smallest need within the look-ahead, reached by a linear ramp.
    std::vector<double> gain(frames, 1.0);
    for (std::size_t i = 0; i < frames; ++i) {
        if (need[i] >= 1.0) continue;
        for (std::size_t k = 0; k <= lookahead; ++k) {
            const std::size_t j = (i + frames - k) % frames;
            const double ramp = need[i] + (1.0 - need[i]) * static_cast<double>(k) / static_cast<double>(lookahead + 1);
            gain[j] = std::min(gain[j], ramp);
        }
    }
    const double release = std::exp(-1.0 / (0.080 * kRate));
    double g = 1.0;
    for (int pass = 0; pass < 2; ++pass) {  // the second pass starts from the gain the end reached
        for (std::size_t i = 0; i < frames; ++i) {
            g = std::min(gain[i], 1.0 - (1.0 - g) * release);
            if (pass == 1) {
                loop[2 * i] = static_cast<float>(loop[2 * i] * g);
                loop[2 * i + 1] = static_cast<float>(loop[2 * i + 1] * g);
            }
        }
    }
}

bool write(const std::filesystem::path& path, const Stereo& samples) {
    SF_INFO info{};
    info.samplerate = kRate;
    info.channels = 2;
    info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    const std::filesystem::path temporary = path.string() + ".part";
    SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &info);
    if (!file) {
        std::fprintf(stderr, "%s: %s\n", temporary.c_str(), sf_strerror(nullptr));
        return false;
    }
    double quality = kVorbisQuality;
    sf_command(file, SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof quality);
    // In blocks: libsndfile 1.2's Vorbis encoder overflows its stack on one very large write.
    const auto frames = static_cast<sf_count_t>(samples.size() / 2);
    bool ok = true;
    for (sf_count_t at = 0; at < frames && ok; at += 4096) {
        const sf_count_t n = std::min<sf_count_t>(4096, frames - at);
        ok = sf_writef_float(file, samples.data() + 2 * at, n) == n;
    }
    if (sf_close(file) != 0 || !ok) return false;
    std::filesystem::rename(temporary, path);
    return true;
}

bool prepare(const Bed& bed, const std::filesystem::path& sourceDir, const std::filesystem::path& audioDir) {
    Stereo raw;
    int rate = 0;
    if (!read(sourceDir / bed.source, raw, rate)) return false;
    Stereo s = trim(resample(raw, rate));
    const auto crossfade = static_cast<std::size_t>(bed.crossfadeSeconds * kRate);
    if (s.size() / 2 < 4 * crossfade) {
        std::fprintf(stderr, "%s: too short for a %.1f s loop crossfade\n", bed.source, bed.crossfadeSeconds);
        return false;
    }
    const Stereo loop = makeLoop(s, crossfade);
    const double before = loudness(loop);
    // Gain, then limiting, which lowers the loudness a little: three rounds close in on the target.
    double gainDb = kTargetLufs - before;
    Stereo out;
    for (int round = 0; round < 3; ++round) {
        out = loop;
        const auto g = static_cast<float>(std::pow(10.0, gainDb / 20.0));
        for (float& v : out) v *= g;
        limitPeaks(out, kPeakCeiling);
        gainDb += kTargetLufs - loudness(out);
    }
    float peak = 0;
    for (float v : out) peak = std::max(peak, std::fabs(v));
    std::printf("%-18s %6.1f s -> loop %6.1f s (crossfade %.1f s), %6.1f -> %6.1f LUFS, peak %5.1f dBFS\n", bed.source,
                static_cast<double>(raw.size() / 2) / rate, static_cast<double>(out.size() / 2) / kRate,
                bed.crossfadeSeconds, before, loudness(out), 20 * std::log10(peak));
    return write(audioDir / bed.output, out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SOURCE_DIR AUDIO_DIR [SOURCE_FILE...]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path sourceDir = argv[1], audioDir = argv[2];
    std::vector<std::string> only(argv + 3, argv + argc);
    bool ok = true;
    for (const Bed& bed : kBeds) {
        if (!only.empty() && std::find(only.begin(), only.end(), bed.source) == only.end()) continue;
        ok = prepare(bed, sourceDir, audioDir) && ok;
    }
    return ok ? 0 : 1;
}
