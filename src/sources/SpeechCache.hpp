#pragma once
// Synthesized narration (flite), cached as WAV files so each text is synthesized once.
// The cache key covers the text, the voice and every setting that changes the sound.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

struct SpeechSettings {
    /// flite's cmu_us_slt: the most natural of the English voices Debian ships with flite.
    std::string voice = "cmu_us_slt";
    /// > 1 slows speech down; 1.25 gives a calm, unhurried pace.
    double durationStretch = 1.25;
    /// Extra silence after each sentence, so phrases have room to land.
    int sentenceGapMs = 600;
    /// Extra silence after a comma, semicolon or colon: a breath between the parts of a phrase.
    int phraseGapMs = 250;
};

class SpeechCache {
public:
    explicit SpeechCache(std::filesystem::path dir, SpeechSettings settings = {});

    /// The file that holds (or will hold) the speech for `text`.
    std::filesystem::path pathFor(std::string_view text) const;

    struct Result {
        std::filesystem::path path;  ///< empty on failure
        bool synthesizedNow = false;
        std::string error;
        /// Set when the speech could not be cached (a full disk, a read-only home): the WAV
        /// bytes, to play from memory, and why the cache refused them. `path` is then only a name.
        std::shared_ptr<const std::string> bytes{};
        std::string notCached{};
    };
    /// The cached file for `text`, synthesizing it first if it is not there yet.
    /// Written to a temporary name and renamed, so a crash never leaves a partial file.
    Result obtain(std::string_view text);

    int synthesisCount() const { return synthesisCount_; }
    const std::filesystem::path& dir() const { return dir_; }

private:
    /// Writes the speech into the cache; "" when it is there, else why not.
    std::string store(const std::vector<short>& samples, int rate, const std::filesystem::path& target) const;

    std::filesystem::path dir_;
    SpeechSettings settings_;
    int synthesisCount_ = 0;
};

/// Stable 64-bit FNV-1a hash (the same on every machine and build).
std::uint64_t stableHash(std::string_view bytes);

}  // namespace kindly
