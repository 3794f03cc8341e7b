#pragma once
// Synthesized narration, cached as WAV files so each text is synthesized once. The cache key
// covers the text, the engine and its version, and every voice setting that changes the sound.
// Beside each WAV, a small text file says where each sentence starts (for captions) and vouches
// for the WAV (its length, rate and a hash of its samples): an entry is used only once both
// check out against each other and against the text; a damaged one is made again.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

class SpeechEngine;

/// Everything beside the engine that changes the sound (a script's [voice], resolved).
struct SpeechSettings {
    std::string voice;            ///< the engine's voice; empty: the engine's default
    std::string language = "en";  ///< for engines that follow the language
    double rate = 1.0;            ///< relative to the engine's calm default
    double pitch = 0.0;           ///< semitones
    int sentenceGapMs = 600;      ///< silence after each sentence, so phrases have room to land
    int phraseGapMs = 250;        ///< after a comma, semicolon or colon: a breath between parts
};

/// A sentence of synthesized speech and the frame (at the speech's own rate) where it begins.
struct SpokenSentence {
    std::string text;
    std::int64_t start = 0;
};

/// The loudness (integrated LUFS; -inf for silence) recorded in a speech file's sidecar as the
/// speech was made, when the sidecar is whole and vouched for by its own hash and matches the
/// file's length and rate; nullopt otherwise (older entries record none).
std::optional<double> spokenLoudness(const std::filesystem::path& speech);

class SpeechCache {
public:
    /// `defaults` and flite serve obtain(text) and pathFor(text). `readyMade`: read-only folders
    /// of speech made ahead (the bundled sessions' voice, installed with Kindly): an entry there
    /// (a FLAC file and its sidecar, by the same name) is used in place once it is verified like
    /// any other, before anything is synthesized; it is never written or removed.
    explicit SpeechCache(std::filesystem::path dir, SpeechSettings defaults = {},
                         std::vector<std::filesystem::path> readyMade = {});

    /// The file that holds (or will hold) the speech for `text`.
    std::filesystem::path pathFor(std::string_view text, const SpeechEngine& engine, const SpeechSettings& settings) const;
    std::filesystem::path pathFor(std::string_view text) const;

    struct Result {
        std::filesystem::path path;  ///< empty on failure
        bool synthesizedNow = false;
        std::string error;
        /// Set when the speech could not be cached (a full disk, a read-only home): the WAV
        /// bytes, to play from memory, and why the cache refused them. `path` is then only a name.
        std::shared_ptr<const std::string> bytes{};
        std::string notCached{};
        std::vector<SpokenSentence> sentences{};  ///< in order; the first starts at frame 0
    };
    /// The cached file for `text`, synthesizing it first if it is not there yet.
    /// Written to a temporary name and renamed, so a crash never leaves a partial file.
    /// Safe to call from two threads at once (engines with global state lock themselves).
    Result obtain(std::string_view text, SpeechEngine& engine, const SpeechSettings& settings);
    Result obtain(std::string_view text);

    int synthesisCount() const { return synthesisCount_.load(); }
    /// How many damaged entries were found (and made again) since the last call; resets it.
    int takeHealed() { return healed_.exchange(0); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    /// Writes the speech and its sentences into the cache; "" when they are there, else why not.
    std::string store(const std::vector<short>& samples, int rate, const std::vector<SpokenSentence>& sentences,
                      const std::filesystem::path& target) const;

    std::filesystem::path dir_;
    SpeechSettings defaults_;
    std::vector<std::filesystem::path> readyMade_;
    std::atomic<int> synthesisCount_{0};  // obtain() may run on two threads (MediaResolver)
    std::atomic<int> healed_{0};
};

/// Stable 64-bit FNV-1a hash (the same on every machine and build).
std::uint64_t stableHash(std::string_view bytes);

}  // namespace kindly
