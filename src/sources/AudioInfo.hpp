#pragma once
// What an audio file's header says (libsndfile): length, rate, channels.

#include <sndfile.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kindly {

/// How finely libsoxr resamples a file to the output rate. High (soxr's HQ, 20-bit precision)
/// for voices and bells, which are heard alone; Medium (MQ, 16-bit: alias and noise products
/// at least 96 dB down) for ambient beds, where the bed's own sound masks them many times
/// over, at a fraction of the cost.
enum class ResampleQuality { High, Medium };

struct AudioFileInfo {
    std::filesystem::path path;
    std::int64_t frames = 0;  ///< at the file's own rate
    int sampleRate = 0;
    int channels = 0;
    /// The sound itself when it lives in memory rather than at `path` (speech that could not
    /// be cached on disk); shared, so copies of the info keep it alive.
    std::shared_ptr<const std::string> bytes{};
};

struct AudioProbe {
    std::optional<AudioFileInfo> info;
    std::string error;  ///< why the file cannot be used, when info is empty
};

/// Opens the file's header only. Refuses missing files, unreadable audio, empty files,
/// more than two channels and implausible rates, each with a reason.
AudioProbe probeAudioFile(const std::filesystem::path& path);

/// The same for sound in memory (see SoundMemory.hpp); `label` stands for its path.
AudioProbe probeAudioBytes(std::string_view bytes, const std::filesystem::path& label);

struct SoundMemory;
/// Opens the sound `info` describes for reading: its bytes through `memory` when it lives in
/// memory (`memory` must then outlive the SNDFILE), else the file at its path. Null on failure.
SNDFILE* openSound(const AudioFileInfo& info, SoundMemory& memory, SF_INFO& sfinfo);

}  // namespace kindly
