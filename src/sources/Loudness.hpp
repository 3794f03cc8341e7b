#pragma once
// EBU R128 integrated loudness of audio files (libebur128), measured as the file sounds in
// Kindly's stereo output (a mono file plays on both channels), cached per file so each clip
// is analysed once: the cache key is path + size + modification time. Each line of the cache
// file is checked when read; a damaged one is dropped (and the clip measured again).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sources/AudioInfo.hpp"

namespace kindly {

class LoudnessCache {
public:
    /// `file`: where measurements are kept between runs (a small text file); empty: memory only.
    explicit LoudnessCache(std::filesystem::path file = {});

    /// Integrated loudness in LUFS; nullopt for silence (nothing measurable) or an unreadable file.
    std::optional<double> integratedLufs(const AudioFileInfo& info);

    int analysisCount() const { return analyses_; }

private:
    std::string keyFor(const std::filesystem::path& path) const;
    void load();
    void append(const std::string& key, double lufs);
    static std::string lineFor(const std::string& key, double lufs);

    std::filesystem::path file_;
    std::map<std::string, double> known_;  // key -> LUFS (-inf for silence)
    int analyses_ = 0;
};

/// Measures a file without any cache.
std::optional<double> measureIntegratedLufs(const AudioFileInfo& info);
/// Measures mono 16-bit samples in memory: the same value as for a file holding them.
std::optional<double> measureIntegratedLufs(const std::vector<short>& samples, int rate);

}  // namespace kindly
