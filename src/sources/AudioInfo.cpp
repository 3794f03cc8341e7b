#include "sources/AudioInfo.hpp"

#include <sndfile.h>

#include "platform/Language.hpp"
#include "sources/SoundMemory.hpp"

namespace kindly {
namespace fs = std::filesystem;

namespace {

/// What Kindly accepts of a header, whatever the sound was read from.
AudioProbe accept(const SF_INFO& sfinfo, const fs::path& path) {
    if (sfinfo.channels < 1 || sfinfo.channels > 2) {
        return {std::nullopt, "it has " + std::to_string(sfinfo.channels) + " channels; Kindly plays mono or stereo files"};
    }
    if (sfinfo.samplerate < 4000 || sfinfo.samplerate > 768000) {
        return {std::nullopt, "its sample rate " + std::to_string(sfinfo.samplerate) + " Hz is not plausible"};
    }
    if (sfinfo.frames <= 0) return {std::nullopt, "it holds no audio"};
    // Streams of unknown length report SF_COUNT_MAX; nothing a script plays is a day long.
    if (sfinfo.frames / sfinfo.samplerate > std::int64_t{24} * 3600) return {std::nullopt, "its length is unknown or over 24 hours"};
    return {AudioFileInfo{path, sfinfo.frames, sfinfo.samplerate, sfinfo.channels}, {}};
}

}  // namespace

AudioProbe probeAudioBytes(std::string_view bytes, const fs::path& label) {
    SoundMemory memory{bytes};
    SF_INFO sfinfo{};
    SNDFILE* file = openSoundMemory(memory, sfinfo);
    if (!file) return {std::nullopt, format(tr("not readable audio (%s)"), sf_strerror(nullptr))};
    sf_close(file);
    return accept(sfinfo, label);
}

AudioProbe probeAudioFile(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return {std::nullopt, tr("no such file")};
    if (fs::is_directory(status)) return {std::nullopt, tr("it is a directory, not an audio file")};
    // A device or a pipe (/dev/stdin, a FIFO) could block the reader forever, or never end.
    if (!fs::is_regular_file(status)) return {std::nullopt, tr("it is not a regular file (a device or a pipe?)")};
    SF_INFO sfinfo{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &sfinfo);
    if (!file) return {std::nullopt, format(tr("not a readable audio file (%s)"), sf_strerror(nullptr))};
    sf_close(file);
    return accept(sfinfo, path);
}

SNDFILE* openSound(const AudioFileInfo& info, SoundMemory& memory, SF_INFO& sfinfo) {
    if (info.bytes) {
        memory = SoundMemory{*info.bytes};
        return openSoundMemory(memory, sfinfo);
    }
    return sf_open(info.path.c_str(), SFM_READ, &sfinfo);
}

}  // namespace kindly
