#pragma once
// A recorded take: how it sounds (its peak, clipping, a silent input), its leading and
// trailing silence trimmed with a natural margin, and saved as the step's recording without
// ever losing an earlier take.

#include <filesystem>
#include <string>
#include <vector>

namespace kindly {

struct TakeLevels {
    double peakDb = -200;      ///< sample peak, dBFS
    long long clipped = 0;     ///< samples at full scale (|x| >= 0.999)
    bool silent() const { return peakDb < kSilentDb; }
    bool clipping() const { return clipped > 0; }
    static constexpr double kSilentDb = -50;
};

TakeLevels measureTake(const std::vector<float>& samples, std::size_t from = 0);

/// Speech threshold for trimming and auto-stop: 10 ms windows above it hold sound.
inline constexpr double kSpeechDb = -40;

/// True when these samples (a 10 ms window) hold sound: their RMS is at least kSpeechDb.
bool loudWindow(const float* samples, std::size_t count);

/// The take without its leading and trailing silence, keeping `leadMs` before the first sound
/// and `tailMs` after the last (a breath's room). Empty when the take holds no sound at all.
std::vector<float> trimSilence(const std::vector<float>& samples, int rate, double leadMs = 150, double tailMs = 350);

struct SavedTake {
    bool ok = false;
    std::filesystem::path file;      ///< <voice_dir>/<id>.wav
    std::filesystem::path keptAs;    ///< where the earlier take went, when there was one
    std::string error;
};

/// Saves a mono take as `<voiceDir>/<id>.wav` (16-bit PCM WAV, written to a temporary file and
/// renamed). An earlier recording of the step (<id>.wav, .flac, ...) is first moved to
/// `<id>.take-N.<ext>` with the first free N, never overwritten.
SavedTake saveTake(const std::filesystem::path& voiceDir, const std::string& id, const std::vector<float>& samples, int rate);

}  // namespace kindly
