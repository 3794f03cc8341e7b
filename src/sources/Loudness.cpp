#include "sources/Loudness.hpp"

#include <ebur128.h>
#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <vector>

#include "sources/SoundMemory.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::optional<double> measureIntegratedLufs(const AudioFileInfo& info) {
    SF_INFO sfinfo{};
    SoundMemory memory;
    SNDFILE* file = openSound(info, memory, sfinfo);
    if (!file) return std::nullopt;
    std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> closer(file, sf_close);
    ebur128_state* state = ebur128_init(2, static_cast<unsigned long>(sfinfo.samplerate), EBUR128_MODE_I);
    if (!state) return std::nullopt;
    constexpr sf_count_t kChunk = 8192;
    std::vector<float> chunk(static_cast<std::size_t>(kChunk * sfinfo.channels));
    std::vector<float> stereo(static_cast<std::size_t>(kChunk * 2));
    sf_count_t got = 0;
    while ((got = sf_readf_float(file, chunk.data(), kChunk)) > 0) {
        for (sf_count_t i = 0; i < got; ++i) {
            const auto c = static_cast<std::size_t>(sfinfo.channels);
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

LoudnessCache::LoudnessCache(fs::path file) : file_(std::move(file)) { load(); }

std::string LoudnessCache::keyFor(const fs::path& path) const {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    std::ostringstream key;
    key << size << "\t" << mtime << "\t" << fs::absolute(path, ec).string();
    return key.str();
}

void LoudnessCache::load() {
    if (file_.empty()) return;
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
        // "LUFS<TAB>size<TAB>mtime<TAB>path"; anything else (a torn write) is skipped.
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        try {
            const std::string value = line.substr(0, tab);
            known_[line.substr(tab + 1)] = value == "silent" ? -std::numeric_limits<double>::infinity() : std::stod(value);
        } catch (const std::exception&) {
        }
    }
}

void LoudnessCache::append(const std::string& key, double lufs) {
    if (file_.empty()) return;
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    std::ofstream out(file_, std::ios::app);
    if (std::isfinite(lufs)) {
        char value[32];
        // Every digit (%.17g reads back as the same double), so a render that measured a clip
        // and one that read the measurement here give the same samples.
        std::snprintf(value, sizeof value, "%.17g", lufs);
        out << value;
    } else {
        out << "silent";
    }
    out << "\t" << key << "\n";
}

std::optional<double> LoudnessCache::integratedLufs(const AudioFileInfo& info) {
    if (info.bytes) {  // sound in memory has no file to key the measurement by
        ++analyses_;
        auto measured = measureIntegratedLufs(info);
        return measured && std::isfinite(*measured) ? measured : std::nullopt;
    }
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
