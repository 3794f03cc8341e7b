#pragma once
// Where the engine's frames come from: anything that fills interleaved stereo float frames
// at the output rate. Sources are opened outside the mix (Engine::prepare) and only pulled
// inside it.

#include <cstddef>
#include <string>

namespace kindly {

class FrameSource {
public:
    virtual ~FrameSource() = default;

    /// Fills exactly `frames` stereo frames (2 * frames floats) and advances. Past the end of
    /// the material it writes silence. Real-time safe for in-memory and generated sources.
    virtual void pull(float* stereo, std::size_t frames) = 0;

    /// Back to the first frame (for loops).
    virtual void restart() = 0;

    /// Moves ahead by `frames` frames (to start mid-sound after a seek). Not real-time: the
    /// default decodes and discards, which is exact for every kind of source.
    virtual void skip(std::size_t frames) {
        float discard[2 * 1024];
        while (frames > 0) {
            const std::size_t n = frames < 1024 ? frames : 1024;
            pull(discard, n);
            frames -= n;
        }
    }

    /// A problem met while reading (the file vanished or is corrupt), or "" if none. The
    /// source plays silence from that point; the caller reports it once.
    virtual std::string problem() const { return {}; }
};

}  // namespace kindly
