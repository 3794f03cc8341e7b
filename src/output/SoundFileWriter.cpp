#include "output/SoundFileWriter.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <fstream>

#include "platform/AtomicFile.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::optional<SoundFileFormat> soundFileFormatFor(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".wav") return SoundFileFormat::Wav;
    if (ext == ".flac") return SoundFileFormat::Flac;
    if (ext == ".ogg" || ext == ".oga") return SoundFileFormat::Ogg;
    return std::nullopt;
}

namespace {
fs::path temporaryFor(const fs::path& target) {
    // Same folder (so the rename is atomic), hidden, and unique to this process.
    return target.parent_path() / ("." + target.filename().string() + ".part-" + std::to_string(getpid()));
}
}  // namespace

SoundFileWriter::~SoundFileWriter() { abandon(); }

bool SoundFileWriter::open(const fs::path& target, SoundFileFormat format, int rate) {
    target_ = target;
    sweepLeftovers(target.parent_path().empty() ? fs::path(".") : target.parent_path());  // renders killed mid-write
    temporary_ = temporaryFor(target);
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 2;
    switch (format) {
        case SoundFileFormat::Wav: info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24; break;
        case SoundFileFormat::Flac: info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24; break;
        case SoundFileFormat::Ogg: info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS; break;
    }
    errno = 0;
    file_ = sf_open(temporary_.c_str(), SFM_WRITE, &info);
    if (!file_) {
        // The user's own path, and the system's reason (the temporary is an implementation detail).
        const int why = errno;
        error_ = "cannot write " + target.string() + ": " + (why ? std::strerror(why) : sf_strerror(nullptr));
        temporary_.clear();
        return false;
    }
    // Out-of-range floats clip instead of wrapping (the limiter keeps them in range anyway).
    sf_command(file_, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    if (format == SoundFileFormat::Ogg) {
        double quality = 0.6;
        sf_command(file_, SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof quality);
    }
    return true;
}

bool SoundFileWriter::write(const float* stereo, std::size_t frames) {
    if (!file_) return false;
    errno = 0;
    const sf_count_t written = sf_writef_float(file_, stereo, static_cast<sf_count_t>(frames));
    if (written != static_cast<sf_count_t>(frames)) {
        const int why = errno;
        error_ = "cannot write " + target_.string() + ": " + (why ? std::strerror(why) : sf_strerror(file_));
        return false;
    }
    return true;
}

bool SoundFileWriter::commit() {
    if (!file_) return false;
    const int closed = sf_close(file_);
    file_ = nullptr;
    if (closed != 0) {
        error_ = "cannot finish " + target_.string();
        abandon();
        return false;
    }
    std::string error;
    if (!moveIntoPlace(temporary_, target_, error)) {
        error_ = error;
        temporary_.clear();  // moveIntoPlace removed it
        return false;
    }
    temporary_.clear();
    return true;
}

void SoundFileWriter::abandon() {
    if (file_) sf_close(file_);
    file_ = nullptr;
    if (!temporary_.empty()) {
        std::error_code ec;
        fs::remove(temporary_, ec);
        temporary_.clear();
    }
}

}  // namespace kindly
