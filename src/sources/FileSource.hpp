#pragma once
// An audio file as stereo frames at the output rate: decoded in chunks by libsndfile,
// resampled by libsoxr when the file's rate differs, mono copied to both channels.
// It yields exactly resampledLength(file frames) frames, so it agrees with the timeline to
// the frame, then silence. Memory: a few small chunk buffers, whatever the file's length.

#include <memory>
#include <vector>

#include "sources/AudioInfo.hpp"
#include "sources/FrameSource.hpp"

struct sf_private_tag;
struct soxr;

namespace kindly {

class FileSource final : public FrameSource {
public:
    /// Opens the file; on failure the source is silent and problem() says why.
    FileSource(const AudioFileInfo& info, int outputRate);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    void pull(float* stereo, std::size_t frames) override;
    void restart() override;
    std::string problem() const override { return problem_; }

    /// Frames this source yields before its silence (at the output rate).
    long long length() const { return length_; }

private:
    /// Decodes up to `frames` output-rate stereo frames into `stereo`; returns how many.
    std::size_t decode(float* stereo, std::size_t frames);
    std::size_t readStereo(float* stereo, std::size_t frames);  // at the file's rate
    void fail(const std::string& why);

    AudioFileInfo info_;
    int outputRate_;
    sf_private_tag* file_ = nullptr;
    soxr* resampler_ = nullptr;
    long long length_ = 0;
    long long produced_ = 0;
    bool inputEnded_ = false;
    bool flushed_ = false;
    std::vector<float> fileChunk_;   // interleaved, file's channels
    std::vector<float> inputChunk_;  // stereo, file's rate (resampler input)
    std::size_t inputOffset_ = 0, inputFrames_ = 0;
    std::string problem_;
};

}  // namespace kindly
