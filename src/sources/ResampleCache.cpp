#include "sources/ResampleCache.hpp"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "platform/AtomicFile.hpp"
#include "sources/FileSource.hpp"
#include "sources/SpeechCache.hpp"
#include "script/Frames.hpp"

namespace kindly {
namespace fs = std::filesystem;

ResampleCache::ResampleCache(fs::path dir, int rate, double maxSeconds, std::uintmax_t budgetBytes)
    : dir_(std::move(dir)), rate_(rate), maxSeconds_(maxSeconds), budget_(budgetBytes) {}

fs::path ResampleCache::pathFor(const AudioFileInfo& info, ResampleQuality quality) const {
    std::error_code ec;
    const auto size = fs::file_size(info.path, ec);
    const auto mtime = fs::last_write_time(info.path, ec).time_since_epoch().count();
    // Bump "v1" whenever FileSource's resampling changes.
    const std::string key = "kindly-resampled-v1|" + fs::absolute(info.path, ec).string() + "|" + std::to_string(size) +
                            "|" + std::to_string(mtime) + "|" + std::to_string(rate_) +
                            (quality == ResampleQuality::Medium ? "|medium" : "");
    char name[48];
    std::snprintf(name, sizeof name, "%016llx.wav", static_cast<unsigned long long>(stableHash(key)));
    return dir_ / name;
}

AudioFileInfo ResampleCache::resolve(const AudioFileInfo& info, ResampleQuality quality) {
    // Sound in memory has no file to key a cached copy by: it is resampled as it plays.
    if (info.bytes || info.sampleRate == rate_) return info;
    std::lock_guard lock(mutex_);
    const fs::path cached = pathFor(info, quality);
    auto probe = probeAudioFile(cached);
    const Frames expected = resampledLength(info.frames, info.sampleRate, rate_);
    if (probe.info && probe.info->frames == expected && probe.info->sampleRate == rate_ &&
        probe.info->channels == info.channels) {
        // Used now: pruned last. The file system's own "now" (as a new copy gets), not the wall
        // clock's, so the order holds when the clock is set back or faked.
        ::utimensat(AT_FDCWD, cached.c_str(), nullptr, 0);
        handedOut_.insert(cached);
        return *probe.info;
    }
    // A copy made by an earlier render serves any length; new ones only up to maxSeconds_.
    if (static_cast<double>(info.frames) / info.sampleRate > maxSeconds_) return info;
    // 32-bit float samples plus the header: what the copy will take.
    const auto bytes = static_cast<std::uintmax_t>(expected) * static_cast<std::uintmax_t>(info.channels) * 4 + 4096;
    if (!makeRoom(bytes)) return info;
    if (!make(info, quality, cached)) return info;
    ++made_;
    probe = probeAudioFile(cached);
    if (!probe.info) return info;
    handedOut_.insert(cached);
    return *probe.info;
}

bool ResampleCache::makeRoom(std::uintmax_t bytes) {
    if (bytes > budget_) return false;
    std::error_code ec;
    std::vector<std::pair<fs::file_time_type, fs::path>> copies;
    std::uintmax_t used = 0;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".wav" || !it->is_regular_file(ec)) continue;
        used += it->file_size(ec);
        if (handedOut_.count(it->path())) continue;
        copies.emplace_back(it->last_write_time(ec), it->path());
    }
    std::sort(copies.begin(), copies.end());
    for (const auto& [time, path] : copies) {
        if (used + bytes <= budget_) break;
        const auto size = fs::file_size(path, ec);
        if (fs::remove(path, ec)) used -= std::min(used, size);
    }
    return used + bytes <= budget_;
}

bool ResampleCache::make(const AudioFileInfo& info, ResampleQuality quality, const fs::path& target) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    sweepLeftovers(dir_);  // copies a killed process was writing
    FileSource source(info, rate_, quality);
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
