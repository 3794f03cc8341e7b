#pragma once
// Writes a render to a sound file safely: to a temporary file beside the target, renamed
// over it only by commit(). Until then (an error, Ctrl-C, a crash) the target is untouched,
// and the destructor removes the temporary file.

#include <filesystem>
#include <optional>
#include <string>

struct sf_private_tag;

namespace kindly {

enum class SoundFileFormat { Wav, Flac, Ogg };

/// The format for a file name's extension (.wav, .flac, .ogg/.oga), if Kindly writes it.
std::optional<SoundFileFormat> soundFileFormatFor(const std::filesystem::path& path);

class SoundFileWriter {
public:
    SoundFileWriter() = default;
    ~SoundFileWriter();
    SoundFileWriter(const SoundFileWriter&) = delete;
    SoundFileWriter& operator=(const SoundFileWriter&) = delete;

    /// Opens the temporary file for stereo frames at `rate`. On failure, error() says why.
    bool open(const std::filesystem::path& target, SoundFileFormat format, int rate);
    bool write(const float* stereo, std::size_t frames);
    /// Closes and renames into place. On failure the target is untouched.
    bool commit();
    /// Removes the temporary file (also done by the destructor when not committed).
    void abandon();

    const std::string& error() const { return error_; }
    const std::filesystem::path& temporaryPath() const { return temporary_; }

private:
    std::filesystem::path target_, temporary_;
    sf_private_tag* file_ = nullptr;
    std::string error_;
};


}  // namespace kindly
