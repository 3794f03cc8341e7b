#pragma once
// One [[ambient]] layer as it sounds: its sound looped seamlessly (or played once), shaped by
// its fade-in, fade-out, gain and the session's ducking. A loop of N frames with a crossfade
// of C frames repeats every N - C frames; while two passes overlap, the ending pass fades out
// and the starting one fades in (equal power). Two sources take turns, so each reads its
// file straight through, never seeking mid-pass.

#include <array>
#include <memory>

#include "sources/FrameSource.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

class AmbientLayer {
public:
    /// `span` from the timeline; `soundFrames` the sound's length at the output rate (0 for
    /// endless generators). `scratch` must hold 2 * maxFrames floats.
    AmbientLayer(const AmbientSpan& span, Frames soundFrames);

    const AmbientSpan& span() const { return span_; }
    bool opened() const { return sources_[0] != nullptr; }
    /// Called outside the mix: one source for a generator or a one-shot, two for a loop.
    void open(std::unique_ptr<FrameSource> first, std::unique_ptr<FrameSource> second);
    void close();
    /// Positions the opened sources for playing on from `frame` (absolute). Not real-time.
    void seek(Frames frame);

    /// Writes `frames` frames of the layer's raw sound (no gain) from `frame` (absolute) to
    /// `out` (silence when not opened), using `scratch` (2 * frames floats each) for a loop's
    /// crossfades. Real-time safe.
    void render(float* out, std::size_t frames, Frames frame, float* scratchA, float* scratchB);

    std::string problem() const;

private:
    void pullInto(int which, float* dest, std::size_t frames);

    AmbientSpan span_;
    Frames length_;    // N
    Frames overlap_;   // C
    Frames period_;    // N - C
    std::array<std::unique_ptr<FrameSource>, 2> sources_;
    long long startedPass_ = -1;  // the last pass whose source was restarted
};

}  // namespace kindly
