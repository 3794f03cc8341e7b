#include "sources/FileSource.hpp"

#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cstring>

#include "timeline/Frames.hpp"

namespace kindly {
namespace {
constexpr std::size_t kChunkFrames = 4096;
}

FileSource::FileSource(const AudioFileInfo& info, int outputRate) : info_(info), outputRate_(outputRate) {
    length_ = resampledLength(info.frames, info.sampleRate, outputRate);
    SF_INFO sfinfo{};
    file_ = sf_open(info.path.c_str(), SFM_READ, &sfinfo);
    if (!file_) {
        fail(std::string("cannot open: ") + sf_strerror(nullptr));
        return;
    }
    if (sfinfo.channels != info.channels || sfinfo.samplerate != info.sampleRate) {
        fail("the file changed since it was checked");
        return;
    }
    fileChunk_.resize(kChunkFrames * static_cast<std::size_t>(info.channels));
    if (info.sampleRate != outputRate) {
        inputChunk_.resize(kChunkFrames * 2);
        soxr_error_t error = nullptr;
        const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
        resampler_ = soxr_create(info.sampleRate, outputRate, 2, &error, &io, &quality, nullptr);
        if (error) fail(std::string("cannot resample: ") + error);
    }
}

FileSource::~FileSource() {
    if (resampler_) soxr_delete(resampler_);
    if (file_) sf_close(file_);
}

void FileSource::fail(const std::string& why) {
    if (problem_.empty()) problem_ = why;
    if (file_) sf_close(file_);
    file_ = nullptr;
}

std::size_t FileSource::readStereo(float* stereo, std::size_t frames) {
    if (!file_) return 0;
    frames = std::min(frames, kChunkFrames);
    const sf_count_t got = sf_readf_float(file_, fileChunk_.data(), static_cast<sf_count_t>(frames));
    if (got < 0 || sf_error(file_) != SF_ERR_NO_ERROR) {
        fail(std::string("read error: ") + sf_strerror(file_));
        return 0;
    }
    const auto n = static_cast<std::size_t>(got);
    if (info_.channels == 1) {
        for (std::size_t i = 0; i < n; ++i) stereo[2 * i] = stereo[2 * i + 1] = fileChunk_[i];
    } else {
        std::memcpy(stereo, fileChunk_.data(), n * 2 * sizeof(float));
    }
    return n;
}

std::size_t FileSource::decode(float* stereo, std::size_t frames) {
    if (!resampler_) return readStereo(stereo, frames);
    std::size_t done = 0;
    while (done < frames && !flushed_) {
        if (inputOffset_ == inputFrames_ && !inputEnded_) {
            inputFrames_ = readStereo(inputChunk_.data(), kChunkFrames);
            inputOffset_ = 0;
            inputEnded_ = inputFrames_ == 0;
        }
        std::size_t used = 0, made = 0;
        // After the input ends, a null input asks soxr for its tail.
        const float* in = inputEnded_ ? nullptr : inputChunk_.data() + 2 * inputOffset_;
        soxr_process(resampler_, in, inputEnded_ ? 0 : inputFrames_ - inputOffset_, &used, stereo + 2 * done,
                     frames - done, &made);
        inputOffset_ += used;
        done += made;
        if (inputEnded_ && made == 0) flushed_ = true;
    }
    return done;
}

void FileSource::pull(float* stereo, std::size_t frames) {
    std::size_t done = 0;
    while (done < frames && produced_ < length_) {
        const auto wanted = static_cast<std::size_t>(std::min<long long>(frames - done, length_ - produced_));
        const std::size_t got = decode(stereo + 2 * done, wanted);
        if (got == 0) {
            // The material ended early: a file shorter than its header said, or a read error.
            if (problem_.empty() && file_ && produced_ + 16 < length_) problem_ = "the file ended early";
            break;
        }
        done += got;
        produced_ += static_cast<long long>(got);
    }
    if (done < frames) std::memset(stereo + 2 * done, 0, (frames - done) * 2 * sizeof(float));
    if (done < frames) produced_ = length_;  // from here on: silence
}

void FileSource::restart() {
    produced_ = 0;
    inputEnded_ = flushed_ = false;
    inputOffset_ = inputFrames_ = 0;
    if (resampler_) soxr_clear(resampler_);
    if (file_ && sf_seek(file_, 0, SEEK_SET) < 0) fail("cannot seek to the start");
}

}  // namespace kindly
