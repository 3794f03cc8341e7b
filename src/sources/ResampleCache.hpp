#pragma once
// Copies of audio files already resampled to the output rate, kept under the cache folder,
// so a clip or a loop at another rate is resampled once, not every time it plays (a 60 s
// bed looped through a 20-minute session would otherwise be resampled twenty times).
// Keyed by path + size + modification time + rate + quality; written to a temporary name and
// renamed. Live playback copies files up to kPlayMaxSeconds before it starts (a longer one
// would delay the first sound: it resamples while it plays, unless a render left a copy); a
// render copies any length, so a long bed looped through a long session is resampled once
// too. The folder is kept under a size budget: before a new copy, the least recently used
// copies are removed to make room, never one this cache has handed out.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>

#include "sources/AudioInfo.hpp"

namespace kindly {

class ResampleCache {
public:
    static constexpr double kPlayMaxSeconds = 10 * 60;
    static constexpr std::uintmax_t kBudgetBytes = std::uintmax_t{2} << 30;  // 2 GiB

    /// Copies files up to `maxSeconds` long (infinity: any), keeping the folder under `budgetBytes`.
    ResampleCache(std::filesystem::path dir, int rate, double maxSeconds = kPlayMaxSeconds,
                  std::uintmax_t budgetBytes = kBudgetBytes);

    /// The file to decode for `info` at this rate: a resampled copy when one exists, or was
    /// made now, else `info` itself (same rate, too long, unreadable: FileSource handles it).
    /// Safe to call from two threads (a render's mixer and its ambient thread).
    AudioFileInfo resolve(const AudioFileInfo& info, ResampleQuality quality = ResampleQuality::High);

    int made() const { return made_; }

private:
    std::filesystem::path pathFor(const AudioFileInfo& info, ResampleQuality quality) const;
    bool make(const AudioFileInfo& info, ResampleQuality quality, const std::filesystem::path& target);
    /// Removes the least recently used copies until `bytes` more fit in the budget; false if they cannot.
    bool makeRoom(std::uintmax_t bytes);

    std::filesystem::path dir_;
    int rate_;
    double maxSeconds_;
    std::uintmax_t budget_;
    int made_ = 0;
    std::set<std::filesystem::path> handedOut_;  // copies a source may still open: never pruned
    std::mutex mutex_;  // resolve() probes and makes copies under it
};

}  // namespace kindly
