#include "sources/ResampleCache.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "sources/FileSource.hpp"
#include "sources/SpeechCache.hpp"
#include "timeline/Frames.hpp"

namespace kindly {
namespace fs = std::filesystem;

ResampleCache::ResampleCache(fs::path dir, int rate) : dir_(std::move(dir)), rate_(rate) {}

fs::path ResampleCache::pathFor(const AudioFileInfo& info) const {
    std::error_code ec;
    const auto size = fs::file_size(info.path, ec);
    const auto mtime = fs::last_write_time(info.path, ec).time_since_epoch().count();
    // Bump "v1" whenever FileSource's resampling changes.
    const std::string key = "kindly-resampled-v1|" + fs::absolute(info.path, ec).string() + "|" + std::to_string(size) +
                            "|" + std::to_string(mtime) + "|" + std::to_string(rate_);
    char name[48];
    std::snprintf(name, sizeof name, "%016llx.wav", static_cast<unsigned long long>(stableHash(key)));
    return dir_ / name;
}

AudioFileInfo ResampleCache::resolve(const AudioFileInfo& info) {
    // Sound in memory has no file to key a cached copy by: it is resampled as it plays.
    if (info.bytes || info.sampleRate == rate_ || static_cast<double>(info.frames) / info.sampleRate > kMaxSeconds) return info;
    std::lock_guard lock(mutex_);
    const fs::path cached = pathFor(info);
    auto probe = probeAudioFile(cached);
    const Frames expected = resampledLength(info.frames, info.sampleRate, rate_);
    if (probe.info && probe.info->frames == expected && probe.info->sampleRate == rate_ &&
        probe.info->channels == info.channels)
        return *probe.info;
    if (!make(info, cached)) return info;
    ++made_;
    probe = probeAudioFile(cached);
    return probe.info ? *probe.info : info;
}

bool ResampleCache::make(const AudioFileInfo& info, const fs::path& target) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    FileSource source(info, rate_);
    if (!source.problem().empty()) return false;
    const fs::path temporary = target.string() + ".part-" + std::to_string(getpid());
    SF_INFO out{};
    out.samplerate = rate_;
    out.channels = info.channels;
    out.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;  // exactly the samples FileSource yields
    SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &out);
    if (!file) return false;
    constexpr std::size_t kChunk = 8192;
    std::vector<float> stereo(2 * kChunk), frames(kChunk * static_cast<std::size_t>(info.channels));
    bool ok = true;
    for (long long left = source.length(); left > 0 && ok;) {
        const auto n = static_cast<std::size_t>(std::min<long long>(left, kChunk));
        source.pull(stereo.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
            if (info.channels == 1) {
                frames[i] = stereo[2 * i];
            } else {
                frames[2 * i] = stereo[2 * i];
                frames[2 * i + 1] = stereo[2 * i + 1];
            }
        }
        ok = sf_writef_float(file, frames.data(), static_cast<sf_count_t>(n)) == static_cast<sf_count_t>(n);
        left -= static_cast<long long>(n);
    }
    // A file that broke off while reading is not cached: playing it reports the problem.
    ok = ok && source.problem().empty();
    ok = sf_close(file) == 0 && ok;
    if (ok) fs::rename(temporary, target, ec);
    if (!ok || ec) {
        fs::remove(temporary, ec);
        return false;
    }
    return true;
}

}  // namespace kindly
