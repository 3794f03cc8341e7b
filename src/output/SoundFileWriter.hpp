#pragma once
// Writes a render to a sound file safely: to a temporary file beside the target, renamed
// over it only by commit(). Until then (an error, Ctrl-C, a crash) the target is untouched,
// and the destructor removes the temporary file.

#include <filesystem>
#include <optional>
#include <string>

struct sf_private_tag;

namespace kindly {

enum class SoundFileFormat { Wav, Flac, Ogg, Mp3, Opus };

/// The format for a file name's extension (.wav, .flac, .ogg/.oga, .mp3, .opus), if Kindly writes it.
std::optional<SoundFileFormat> soundFileFormatFor(const std::filesystem::path& path);
/// The extensions Kindly writes, for a message: ".wav, .flac, .ogg, .mp3 or .opus".
std::string soundFileExtensions();
/// Why a file of `format` cannot hold sound at `rate` (Opus: 8 to 48 kHz in five steps; MP3:
/// the MPEG rates); empty when it can.
std::string rateRefusal(SoundFileFormat format, int rate);

/// The lossy formats' quality, 0 (smallest) to 10 (best); lossless ones ignore it.
constexpr int kDefaultQuality = 6;
/// What a quality means for a format, for the README and messages: "VBR V4, about 150 kbit/s".
std::string qualityMeaning(SoundFileFormat format, int quality);

struct FileTags;

class SoundFileWriter {
public:
    SoundFileWriter() = default;
    ~SoundFileWriter();
    SoundFileWriter(const SoundFileWriter&) = delete;
    SoundFileWriter& operator=(const SoundFileWriter&) = delete;

    /// Opens the temporary file for stereo frames at `rate`, lossy formats at `quality` (0-10).
    /// On failure, error() says why.
    bool open(const std::filesystem::path& target, SoundFileFormat format, int rate, int quality = kDefaultQuality);
    bool write(const float* stereo, std::size_t frames);
    /// Closes, writes `tags` (when given) into the finished file, and renames it into place.
    /// On failure the target is untouched.
    bool commit(const FileTags* tags = nullptr);
    /// Removes the temporary file (also done by the destructor when not committed).
    void abandon();

    const std::string& error() const { return error_; }
    const std::filesystem::path& temporaryPath() const { return temporary_; }

private:
    std::filesystem::path target_, temporary_;
    sf_private_tag* file_ = nullptr;
    SoundFileFormat format_ = SoundFileFormat::Wav;
    std::string error_;
};


}  // namespace kindly
