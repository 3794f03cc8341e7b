#pragma once
// Copies of audio files already resampled to the output rate, kept under the cache folder,
// so a clip or a loop at another rate is resampled once, not every time it plays (a 60 s
// bed looped through a 20-minute session would otherwise be resampled twenty times).
// Keyed by path + size + modification time + rate; written to a temporary name and renamed.
// Files longer than kMaxSeconds are not copied (they resample while they play).

#include <filesystem>
#include <mutex>

#include "sources/AudioInfo.hpp"

namespace kindly {

class ResampleCache {
public:
    static constexpr double kMaxSeconds = 10 * 60;

    ResampleCache(std::filesystem::path dir, int rate);

    /// The file to decode for `info` at this rate: a resampled copy when one exists, or was
    /// made now, else `info` itself (same rate, too long, unreadable: FileSource handles it).
    /// Safe to call from two threads (a render's mixer and its ambient thread).
    AudioFileInfo resolve(const AudioFileInfo& info);

    int made() const { return made_; }

private:
    std::filesystem::path pathFor(const AudioFileInfo& info) const;
    bool make(const AudioFileInfo& info, const std::filesystem::path& target);

    std::filesystem::path dir_;
    int rate_;
    int made_ = 0;
    std::mutex mutex_;  // resolve() probes and makes copies under it
};

}  // namespace kindly
