#include "record/Takes.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <system_error>

#include "platform/Language.hpp"
#include "sources/MediaResolver.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

/// The index of each 10 ms window whose RMS is above the speech threshold.
std::vector<bool> loudWindows(const std::vector<float>& samples, int rate, std::size_t& window) {
    window = static_cast<std::size_t>(std::max(1, rate / 100));
    std::vector<bool> loud((samples.size() + window - 1) / window, false);
    for (std::size_t w = 0; w < loud.size(); ++w) {
        const std::size_t from = w * window, to = std::min(samples.size(), from + window);
        loud[w] = loudWindow(samples.data() + from, to - from);
    }
    return loud;
}

}  // namespace

bool loudWindow(const float* samples, std::size_t count) {
    const double threshold = std::pow(10.0, kSpeechDb / 20.0);
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += static_cast<double>(samples[i]) * samples[i];
    return std::sqrt(sum / static_cast<double>(std::max<std::size_t>(1, count))) >= threshold;
}

TakeLevels measureTake(const std::vector<float>& samples, std::size_t from) {
    TakeLevels levels;
    float peak = 0;
    for (std::size_t i = from; i < samples.size(); ++i) {
        const float a = std::fabs(samples[i]);
        peak = std::max(peak, a);
        if (a >= 0.999f) ++levels.clipped;
    }
    levels.peakDb = peak > 0 ? 20.0 * std::log10(peak) : -200;
    return levels;
}

std::vector<float> trimSilence(const std::vector<float>& samples, int rate, double leadMs, double tailMs) {
    std::size_t window = 1;
    const std::vector<bool> loud = loudWindows(samples, rate, window);
    const auto first = std::find(loud.begin(), loud.end(), true);
    if (first == loud.end()) return {};
    const auto last = std::find(loud.rbegin(), loud.rend(), true);
    const std::size_t soundStart = static_cast<std::size_t>(first - loud.begin()) * window;
    const std::size_t soundEnd = std::min(samples.size(), (loud.size() - static_cast<std::size_t>(last - loud.rbegin())) * window);
    const auto lead = static_cast<std::size_t>(leadMs * rate / 1000.0), tail = static_cast<std::size_t>(tailMs * rate / 1000.0);
    const std::size_t from = soundStart > lead ? soundStart - lead : 0;
    const std::size_t to = std::min(samples.size(), soundEnd + tail);
    std::vector<float> trimmed(samples.begin() + static_cast<std::ptrdiff_t>(from), samples.begin() + static_cast<std::ptrdiff_t>(to));
    // Short fades at both ends, so a cut through room noise does not click.
    const std::size_t fade = std::min(trimmed.size() / 2, static_cast<std::size_t>(rate / 200));  // 5 ms
    for (std::size_t i = 0; i < fade; ++i) {
        const float g = static_cast<float>(i) / static_cast<float>(fade);
        trimmed[i] *= g;
        trimmed[trimmed.size() - 1 - i] *= g;
    }
    return trimmed;
}

SavedTake saveTake(const fs::path& voiceDir, const std::string& id, const std::vector<float>& samples, int rate) {
    SavedTake saved;
    saved.file = voiceDir / (id + ".wav");
    std::error_code ec;
    fs::create_directories(voiceDir, ec);
    // The new take is written completely first...
    const fs::path temporary = voiceDir / ("." + id + ".wav.part");
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &info);
    if (!file) {
        saved.error = format(tr("cannot write %s: %s"), temporary.c_str(), sf_strerror(nullptr));
        return saved;
    }
    sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    const sf_count_t written = sf_write_float(file, samples.data(), static_cast<sf_count_t>(samples.size()));
    const int closed = sf_close(file);
    if (written != static_cast<sf_count_t>(samples.size()) || closed != 0) {
        saved.error = format(tr("cannot write %s"), temporary.c_str());
        fs::remove(temporary, ec);
        return saved;
    }
    // ...then an earlier take is moved aside (never overwritten), and the new one put in place.
    if (const auto earlier = findRecordedClip(voiceDir, id)) {
        const std::string ext = earlier->extension().string();
        for (int n = 1; n < 100000; ++n) {
            const fs::path aside = voiceDir / (std::string(id).append(".take-").append(std::to_string(n)).append(ext));
            if (fs::exists(aside, ec)) continue;
            fs::rename(*earlier, aside, ec);
            if (ec) {
                saved.error = format(tr("cannot keep the earlier take %s: %s"), earlier->c_str(), ec.message().c_str());
                fs::remove(temporary, ec);
                return saved;
            }
            saved.keptAs = aside;
            break;
        }
    }
    fs::rename(temporary, saved.file, ec);
    if (ec) {
        saved.error = format(tr("cannot write %s: %s"), saved.file.c_str(), ec.message().c_str());
        fs::remove(temporary, ec);
        return saved;
    }
    saved.ok = true;
    return saved;
}

}  // namespace kindly
