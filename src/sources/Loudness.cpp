#include "sources/Loudness.hpp"

#include "sources/SpeechCache.hpp"

#include <ebur128.h>
#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <vector>

#include "platform/AtomicFile.hpp"
#include "sources/SoundMemory.hpp"

namespace kindly {
namespace fs = std::filesystem;

namespace {

/// Integrated loudness of frames that `read(chunk, frames)` fills (`channels` floats a frame;
/// returns the frames read, 0 at the end), mono played on both channels. Files and samples in
/// memory go through this one measure, in the same chunks, so both give the same double.
template <typename Read>
std::optional<double> measureFrames(int rate, int channels, Read read) {
    ebur128_state* state = ebur128_init(2, static_cast<unsigned long>(rate), EBUR128_MODE_I);
    if (!state) return std::nullopt;
    constexpr std::int64_t kChunk = 8192;
    std::vector<float> chunk(static_cast<std::size_t>(kChunk * channels));
    std::vector<float> stereo(static_cast<std::size_t>(kChunk * 2));
    std::int64_t got = 0;
    while ((got = read(chunk.data(), kChunk)) > 0) {
        for (std::int64_t i = 0; i < got; ++i) {
            const auto c = static_cast<std::size_t>(channels);
            const auto k = static_cast<std::size_t>(i);
            stereo[2 * k] = chunk[k * c];
            stereo[2 * k + 1] = chunk[k * c + (c > 1 ? 1 : 0)];  // mono plays on both channels
        }
        ebur128_add_frames_float(state, stereo.data(), static_cast<std::size_t>(got));
    }
    double lufs = 0;
    const int error = ebur128_loudness_global(state, &lufs);
    ebur128_destroy(&state);
    if (error != EBUR128_SUCCESS) return std::nullopt;
    return lufs;  // -HUGE_VAL for silence
}

}  // namespace

std::optional<double> measureIntegratedLufs(const AudioFileInfo& info) {
    SF_INFO sfinfo{};
    SoundMemory memory;
    SNDFILE* file = openSound(info, memory, sfinfo);
    if (!file) return std::nullopt;
    std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> closer(file, sf_close);
    return measureFrames(sfinfo.samplerate, sfinfo.channels,
                         [&](float* chunk, std::int64_t frames) { return static_cast<std::int64_t>(sf_readf_float(file, chunk, frames)); });
}

std::optional<double> measureIntegratedLufs(const std::vector<short>& samples, int rate) {
    std::size_t at = 0;
    return measureFrames(rate, 1, [&](float* chunk, std::int64_t frames) {
        const std::size_t n = std::min(samples.size() - at, static_cast<std::size_t>(frames));
        // As libsndfile reads 16-bit PCM as float: exactly sample / 32768.
        for (std::size_t i = 0; i < n; ++i) chunk[i] = static_cast<float>(samples[at + i]) * (1.0f / 32768.0f);
        at += n;
        return static_cast<std::int64_t>(n);
    });
}

LoudnessCache::LoudnessCache(fs::path file) : file_(std::move(file)) { load(); }

std::string LoudnessCache::keyFor(const fs::path& path) const {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    std::ostringstream key;
    key << size << "\t" << mtime << "\t" << fs::absolute(path, ec).string();
    return key.str();
}

namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{16} << 20;

bool allDigits(const std::string& text, std::size_t from = 0) {
    return text.size() > from && text.find_first_not_of("0123456789", from) == std::string::npos;
}

/// One line of the file, "LUFS<TAB>size<TAB>mtime<TAB>/absolute/path", checked in full: a torn
/// write, a foreign or edited line gives nullopt, so the clip is measured again.
std::optional<std::pair<std::string, double>> parseLine(const std::string& line) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return std::nullopt;
    const std::string value = line.substr(0, tab), key = line.substr(tab + 1);
    const auto sizeEnd = key.find('\t');
    const auto timeEnd = sizeEnd == std::string::npos ? sizeEnd : key.find('\t', sizeEnd + 1);
    if (timeEnd == std::string::npos || !allDigits(key.substr(0, sizeEnd))) return std::nullopt;
    const std::string mtime = key.substr(sizeEnd + 1, timeEnd - sizeEnd - 1);
    if (!allDigits(mtime, !mtime.empty() && mtime[0] == '-' ? 1 : 0)) return std::nullopt;
    if (key.size() <= timeEnd + 1 || key[timeEnd + 1] != '/') return std::nullopt;
    if (value == "silent") return std::make_pair(key, -std::numeric_limits<double>::infinity());
    char* end = nullptr;
    const double lufs = std::strtod(value.c_str(), &end);
    // Every measure a sound can have: far below any voice, and never above full scale.
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(lufs) || lufs < -200 || lufs > 10)
        return std::nullopt;
    return std::make_pair(key, lufs);
}

}  // namespace

void LoudnessCache::load() {
    if (file_.empty()) return;
    std::error_code ec;
    const auto status = fs::status(file_, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_regular_file(status)) {
        file_.clear();  // a FIFO, a folder: not a cache to read or write (memory only this run)
        return;
    }
    std::size_t lines = 0, bad = 0;
    if (fs::file_size(file_, ec) <= kMaxFileBytes) {
        std::ifstream in(file_);
        for (std::string line; std::getline(in, line); ++lines) {
            if (auto entry = parseLine(line)) known_[entry->first] = entry->second;
            else ++bad;
        }
    } else {
        ++bad;  // grown past any real use: started afresh
    }
    // Damaged lines (and the old lines of files since changed, past a margin) are dropped from
    // the file at once, so it stays true and small.
    if (bad > 0 || lines > 2 * known_.size() + 256) {
        std::string text;
        for (const auto& [key, lufs] : known_) text += lineFor(key, lufs);
        std::string error;
        writeFileAtomically(file_, text, error);  // best effort: the measurements are in memory
    }
}

std::string LoudnessCache::lineFor(const std::string& key, double lufs) {
    std::string line = "silent";
    if (std::isfinite(lufs)) {
        char value[32];
        // Every digit (%.17g reads back as the same double), so a render that measured a clip
        // and one that read the measurement here give the same samples.
        std::snprintf(value, sizeof value, "%.17g", lufs);
        line = value;
    }
    return line + "\t" + key + "\n";
}

void LoudnessCache::append(const std::string& key, double lufs) {
    if (file_.empty()) return;
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    if (fs::exists(file_, ec) && !fs::is_regular_file(file_, ec)) return;  // made something else meanwhile
    std::ofstream out(file_, std::ios::app);
    out << lineFor(key, lufs);  // one write: lines of two Kindlys appending at once stay whole
}

std::optional<double> LoudnessCache::integratedLufs(const AudioFileInfo& info) {
    if (info.bytes) {  // sound in memory has no file to key the measurement by
        ++analyses_;
        auto measured = measureIntegratedLufs(info);
        return measured && std::isfinite(*measured) ? measured : std::nullopt;
    }
    // Speech records its loudness as it is made (in its cache sidecar, or made ahead with Kindly).
    if (const auto recorded = spokenLoudness(info.path)) return std::isfinite(*recorded) ? recorded : std::nullopt;
    const std::string key = keyFor(info.path);
    if (auto found = known_.find(key); found != known_.end()) {
        if (!std::isfinite(found->second)) return std::nullopt;
        return found->second;
    }
    auto measured = measureIntegratedLufs(info);
    ++analyses_;
    if (!measured) return std::nullopt;
    known_[key] = *measured;
    append(key, *measured);
    if (!std::isfinite(*measured)) return std::nullopt;
    return measured;
}

}  // namespace kindly
