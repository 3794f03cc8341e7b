#include "sources/AudioInfo.hpp"

#include <sndfile.h>

namespace kindly {
namespace fs = std::filesystem;

AudioProbe probeAudioFile(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return {std::nullopt, "no such file"};
    if (fs::is_directory(status)) return {std::nullopt, "it is a directory, not an audio file"};
    SF_INFO sfinfo{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &sfinfo);
    if (!file) return {std::nullopt, std::string("not a readable audio file (") + sf_strerror(nullptr) + ")"};
    sf_close(file);
    if (sfinfo.channels < 1 || sfinfo.channels > 2) {
        return {std::nullopt, "it has " + std::to_string(sfinfo.channels) + " channels; Kindly plays mono or stereo files"};
    }
    if (sfinfo.samplerate < 4000 || sfinfo.samplerate > 768000) {
        return {std::nullopt, "its sample rate " + std::to_string(sfinfo.samplerate) + " Hz is not plausible"};
    }
    if (sfinfo.frames <= 0) return {std::nullopt, "it holds no audio"};
    // Streams of unknown length report SF_COUNT_MAX; nothing a script plays is a day long.
    if (sfinfo.frames / sfinfo.samplerate > 24 * 3600) return {std::nullopt, "its length is unknown or over 24 hours"};
    return {AudioFileInfo{path, sfinfo.frames, sfinfo.samplerate, sfinfo.channels}, {}};
}

}  // namespace kindly
