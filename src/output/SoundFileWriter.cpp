#include "output/SoundFileWriter.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <fstream>

#include "output/FileTags.hpp"
#include "platform/AtomicFile.hpp"
#include "platform/Language.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::optional<SoundFileFormat> soundFileFormatFor(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".wav") return SoundFileFormat::Wav;
    if (ext == ".flac") return SoundFileFormat::Flac;
    if (ext == ".ogg" || ext == ".oga") return SoundFileFormat::Ogg;
    if (ext == ".mp3") return SoundFileFormat::Mp3;
    if (ext == ".opus") return SoundFileFormat::Opus;
    return std::nullopt;
}

std::string soundFileExtensions() { return ".wav, .flac, .ogg, .mp3 or .opus"; }

std::string rateRefusal(SoundFileFormat format, int rate) {
    auto among = [rate](std::initializer_list<int> rates) { return std::find(rates.begin(), rates.end(), rate) != rates.end(); };
    if (format == SoundFileFormat::Opus && !among({8000, 12000, 16000, 24000, 48000}))
        return kindly::format(tr("an Opus file holds sound at 8, 12, 16, 24 or 48 kHz, not %d Hz: render it with --rate 48000"), rate);
    if (format == SoundFileFormat::Mp3 && !among({8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000}))
        return kindly::format(tr("an MP3 file holds sound at 8 to 48 kHz (44.1 and 48 for music and voice), not %d Hz: render it with "
                         "--rate 48000 or 44100"),
                      rate);
    return {};
}

namespace {

/// Opus's bitrate (stereo, bit/s) for each quality: 96 kbit/s at the default is transparent
/// for voice and nature sounds.
constexpr int kOpusBitrates[11] = {24000, 32000, 40000, 48000, 64000, 80000, 96000, 112000, 128000, 160000, 192000};

int clampedQuality(int quality) { return std::clamp(quality, 0, 10); }

/// libsndfile's compression level (0 best, 1 smallest) for a quality. For MP3 it is LAME's VBR
/// quality over ten (V0..V9); for Opus it sets the bitrate between libsndfile's bounds for
/// stereo (6 and 256 kbit/s a channel).
double compressionFor(SoundFileFormat format, int quality) {
    quality = clampedQuality(quality);
    if (format == SoundFileFormat::Opus) {
        constexpr double low = 2 * 6000.0, high = 2 * 256000.0;
        return 1.0 - (kOpusBitrates[quality] - low) / (high - low);
    }
    return (10 - quality) / 10.0;
}

}  // namespace

std::string qualityMeaning(SoundFileFormat format, int quality) {
    quality = clampedQuality(quality);
    switch (format) {
        case SoundFileFormat::Mp3: return "LAME VBR V" + std::to_string(10 - std::max(quality, 1));
        case SoundFileFormat::Opus: return std::to_string(kOpusBitrates[quality] / 1000) + " kbit/s";
        case SoundFileFormat::Ogg: return "Vorbis quality " + std::to_string(quality);
        default: return "lossless";
    }
}

namespace {
fs::path temporaryFor(const fs::path& target) {
    // Same folder (so the rename is atomic), hidden, and unique to this process.
    return target.parent_path() / ("." + target.filename().string() + ".part-" + std::to_string(getpid()));
}
}  // namespace

SoundFileWriter::~SoundFileWriter() { abandon(); }

bool SoundFileWriter::open(const fs::path& target, SoundFileFormat format, int rate, int quality) {
    target_ = target;
    format_ = format;
    if (const std::string refusal = rateRefusal(format, rate); !refusal.empty()) {
        error_ = kindly::format(tr("cannot write %s: %s"), target.c_str(), refusal.c_str());
        return false;
    }
    sweepLeftovers(target.parent_path().empty() ? fs::path(".") : target.parent_path());  // renders killed mid-write
    temporary_ = temporaryFor(target);
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 2;
    switch (format) {
        case SoundFileFormat::Wav: info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24; break;
        case SoundFileFormat::Flac: info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24; break;
        case SoundFileFormat::Ogg: info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS; break;
        case SoundFileFormat::Mp3: info.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III; break;
        case SoundFileFormat::Opus: info.format = SF_FORMAT_OGG | SF_FORMAT_OPUS; break;
    }
    errno = 0;
    file_ = sf_open(temporary_.c_str(), SFM_WRITE, &info);
    if (!file_) {
        // The user's own path, and the system's reason (the temporary is an implementation detail).
        const int why = errno;
        error_ = kindly::format(tr("cannot write %s: %s"), target.c_str(), why ? std::strerror(why) : sf_strerror(nullptr));
        temporary_.clear();
        return false;
    }
    // Out-of-range floats clip instead of wrapping (the limiter keeps them in range anyway).
    sf_command(file_, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    // The encoder's settings, before the first sample.
    if (format == SoundFileFormat::Ogg) {
        double vorbis = clampedQuality(quality) / 10.0;
        sf_command(file_, SFC_SET_VBR_ENCODING_QUALITY, &vorbis, sizeof vorbis);
    } else if (format == SoundFileFormat::Mp3 || format == SoundFileFormat::Opus) {
        if (format == SoundFileFormat::Mp3) {
            int variable = SF_BITRATE_MODE_VARIABLE;
            sf_command(file_, SFC_SET_BITRATE_MODE, &variable, sizeof variable);
        }
        double compression = compressionFor(format, quality);
        if (!sf_command(file_, SFC_SET_COMPRESSION_LEVEL, &compression, sizeof compression)) {
            error_ = kindly::format(tr("cannot write %s: the encoder refused its quality setting"), target.c_str());
            abandon();
            return false;
        }
    }
    return true;
}

bool SoundFileWriter::write(const float* stereo, std::size_t frames) {
    if (!file_) return false;
    errno = 0;
    const sf_count_t written = sf_writef_float(file_, stereo, static_cast<sf_count_t>(frames));
    if (written != static_cast<sf_count_t>(frames)) {
        const int why = errno;
        error_ = kindly::format(tr("cannot write %s: %s"), target_.c_str(), why ? std::strerror(why) : sf_strerror(file_));
        return false;
    }
    return true;
}

bool SoundFileWriter::commit(const FileTags* tags) {
    if (!file_) return false;
    const int closed = sf_close(file_);
    file_ = nullptr;
    if (closed != 0) {
        error_ = kindly::format(tr("cannot finish %s"), target_.c_str());
        abandon();
        return false;
    }
    std::string error;
    if (tags && !writeFileTags(temporary_, format_, *tags, error)) {
        error_ = kindly::format(tr("cannot write the tags and chapters of %s: %s"), target_.c_str(), error.c_str());
        abandon();
        return false;
    }
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
