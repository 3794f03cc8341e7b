#include "sources/FileSource.hpp"

#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cstring>

#include "script/Frames.hpp"

namespace kindly {
namespace {
constexpr std::size_t kChunkFrames = 4096;
}

FileSource::FileSource(const AudioFileInfo& info, int outputRate, ResampleQuality quality)
    : info_(info), outputRate_(outputRate), quality_(quality) {
    length_ = resampledLength(info.frames, info.sampleRate, outputRate);
    SF_INFO sfinfo{};
    memory_ = std::make_unique<SoundMemory>();  // used when the sound is in memory (info_ keeps its bytes alive)
    file_ = openSound(info_, *memory_, sfinfo);
    setUp(sfinfo);
}

void FileSource::setUp(const SF_INFO& sfinfo) {
    if (!file_) {
        fail(std::string("cannot open: ") + sf_strerror(nullptr));
        return;
    }
    if (sfinfo.channels != info_.channels || sfinfo.samplerate != info_.sampleRate) {
        fail("the file changed since it was checked");
        return;
    }
    if (info_.channels == 1) decoded_.resize(kChunkFrames);
    ready_.resize(kChunkFrames * 2);
    if (info_.sampleRate != outputRate_) {
        inputChunk_.resize(kChunkFrames * static_cast<std::size_t>(info_.channels));
        soxr_error_t error = nullptr;
        const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        const soxr_quality_spec_t quality = soxr_quality_spec(quality_ == ResampleQuality::High ? SOXR_HQ : SOXR_MQ, 0);
        resampler_ = soxr_create(info_.sampleRate, outputRate_, static_cast<unsigned>(info_.channels), &error, &io, &quality, nullptr);
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

std::size_t FileSource::readRaw(float* frames, std::size_t count) {
    if (!file_) return 0;
    count = std::min(count, kChunkFrames);
    const sf_count_t got = sf_readf_float(file_, frames, static_cast<sf_count_t>(count));
    if (got < 0 || sf_error(file_) != SF_ERR_NO_ERROR) {
        fail(std::string("read error: ") + sf_strerror(file_));
        return 0;
    }
    return static_cast<std::size_t>(got);
}

std::size_t FileSource::decode(float* out, std::size_t frames) {
    if (!resampler_) return readRaw(out, frames);
    const auto channels = static_cast<std::size_t>(info_.channels);
    std::size_t done = 0;
    while (done < frames && !flushed_) {
        if (inputOffset_ == inputFrames_ && !inputEnded_) {
            inputFrames_ = readRaw(inputChunk_.data(), kChunkFrames);
            inputOffset_ = 0;
            inputEnded_ = inputFrames_ == 0;
        }
        std::size_t used = 0, made = 0;
        // After the input ends, a null input asks soxr for its tail.
        const float* in = inputEnded_ ? nullptr : inputChunk_.data() + channels * inputOffset_;
        soxr_process(resampler_, in, inputEnded_ ? 0 : inputFrames_ - inputOffset_, &used, out + channels * done,
                     frames - done, &made);
        inputOffset_ += used;
        done += made;
        if (inputEnded_ && made == 0) flushed_ = true;
    }
    return done;
}

bool FileSource::refill() {
    const auto wanted = static_cast<std::size_t>(std::min<long long>(kChunkFrames, length_ - produced_));
    readyOffset_ = 0;
    if (info_.channels == 2) {
        readyFrames_ = decode(ready_.data(), wanted);  // already stereo: no copy
    } else {
        // Mono is decoded and resampled as one channel, then plays on both.
        readyFrames_ = decode(decoded_.data(), wanted);
        for (std::size_t i = readyFrames_; i-- > 0;) ready_[2 * i] = ready_[2 * i + 1] = decoded_[i];
    }
    return readyFrames_ > 0;
}

void FileSource::pull(float* stereo, std::size_t frames) {
    std::size_t done = 0;
    while (done < frames && produced_ < length_) {
        if (readyOffset_ == readyFrames_) {
            if (!refill()) {
                // The material ended early: a file shorter than its header said, or a read error.
                if (problem_.empty() && file_ && produced_ + 16 < length_) problem_ = "the file ended early";
                produced_ = length_;  // from here on: silence
                break;
            }
        }
        const std::size_t n = std::min(frames - done, readyFrames_ - readyOffset_);
        std::memcpy(stereo + 2 * done, ready_.data() + 2 * readyOffset_, n * 2 * sizeof(float));
        readyOffset_ += n;
        done += n;
        produced_ += static_cast<long long>(n);
    }
    if (done < frames) std::memset(stereo + 2 * done, 0, (frames - done) * 2 * sizeof(float));
}

void FileSource::restart() {
    produced_ = 0;
    readyOffset_ = readyFrames_ = 0;
    inputEnded_ = flushed_ = false;
    inputOffset_ = inputFrames_ = 0;
    if (resampler_) soxr_clear(resampler_);
    if (file_ && sf_seek(file_, 0, SEEK_SET) < 0) fail("cannot seek to the start");
}

}  // namespace kindly
