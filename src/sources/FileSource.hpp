#pragma once
// An audio file as stereo frames at the output rate: decoded in chunks by libsndfile,
// resampled by libsoxr when the file's rate differs, mono copied to both channels.
// It yields exactly resampledLength(file frames) frames, so it agrees with the timeline to
// the frame, then silence. Memory: a few small chunk buffers, whatever the file's length.

#include <memory>
#include <vector>

#include "sources/AudioInfo.hpp"
#include "sources/SoundMemory.hpp"
#include "sources/FrameSource.hpp"

struct soxr;

namespace kindly {

class FileSource final : public FrameSource {
public:
    /// Opens the file (or the sound in memory, info.bytes); on failure the source is silent
    /// and problem() says why.
    FileSource(const AudioFileInfo& info, int outputRate, ResampleQuality quality = ResampleQuality::High);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    void pull(float* stereo, std::size_t frames) override;
    void restart() override;
    std::string problem() const override { return problem_; }

    /// Frames this source yields before its silence (at the output rate).
    long long length() const { return length_; }

private:
    /// Decodes up to `frames` output-rate frames (in the file's channels); returns how many.
    std::size_t decode(float* out, std::size_t frames);
    std::size_t readRaw(float* frames, std::size_t count);  // at the file's rate and channels
    bool refill();  // decodes the next chunk into ready_ (stereo); false at the end
    void fail(const std::string& why);
    void setUp(const SF_INFO& opened);  // after opening: checks the header, makes the resampler

    AudioFileInfo info_;
    int outputRate_;
    ResampleQuality quality_;
    sf_private_tag* file_ = nullptr;
    soxr* resampler_ = nullptr;
    long long length_ = 0;
    long long produced_ = 0;
    bool inputEnded_ = false;
    bool flushed_ = false;
    std::vector<float> decoded_;     // mono files only: output rate, one channel
    std::vector<float> inputChunk_;  // file's rate and channels (resampler input)
    std::size_t inputOffset_ = 0, inputFrames_ = 0;
    // Decoded output-rate frames waiting to be pulled: decoding in large chunks keeps the
    // per-call costs of libsndfile and libsoxr small when the engine pulls 64 frames at a time.
    std::vector<float> ready_;
    std::size_t readyOffset_ = 0, readyFrames_ = 0;
    std::string problem_;
    std::unique_ptr<SoundMemory> memory_;  // when reading from memory
};

}  // namespace kindly
