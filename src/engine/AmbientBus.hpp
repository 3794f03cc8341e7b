#pragma once
// The ambient bus: a session's [[ambient]] layers, each opened a look-ahead before it sounds
// and closed after it ends, mixed at its level (the [mix] ambient level, the layer's gain,
// the session's ducking and the layer's fades). The Engine mixes it alongside voice and
// bells; an offline render may mix it on a thread of its own (AmbientAhead), since its
// samples depend only on the timeline frame, never on how the frames are sliced.

#include <string>
#include <vector>

#include "engine/AmbientLayer.hpp"
#include "engine/SourceProvider.hpp"
#include "script/Script.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

class AmbientBus {
public:
    AmbientBus(const Script& script, const Timeline& timeline, SourceProvider& provider);

    /// Opens the layers that sound before `horizon` and closes those over by `mixPosition`
    /// (a layer opened late starts mid-sound). `heldFrames`: frames the ambient played on
    /// while the timeline held. Allocates and does I/O: not real-time.
    void prepare(Frames mixPosition, Frames horizon, Frames heldFrames);
    /// Closes every layer (before a seek).
    void close();

    /// Adds frames [from, from + frames) to `bus` (stereo). The frames lie within one block of
    /// `kBlock` on the timeline's grid. `listener` ramps the listener's gain across them;
    /// while `hold`ing, levels stay at the block's start. `scratchA` and `scratchB` hold
    /// 2 * kBlock floats. Real-time safe.
    void mix(float* bus, Frames from, std::size_t frames, const float listener[2], bool hold, Frames heldFrames,
             float* scratchA, float* scratchB);

    /// Appends a warning for each layer that met a problem since the last call.
    void collectProblems(std::vector<std::string>& warnings);

    static constexpr std::size_t kBlock = 64;
    /// How a bed at another rate is resampled, here and where a render caches it ahead.
    static constexpr ResampleQuality kQuality = ResampleQuality::Medium;

private:
    const Script& script_;
    const Timeline& timeline_;
    SourceProvider& provider_;
    std::vector<AmbientLayer> layers_;
    std::vector<double> levelDb_;    // each layer's gain
    std::vector<bool> reported_;
    // The level last computed at two neighbouring grid points, per layer (even and odd
    // multiples of kBlock); frame -1: none yet.
    struct GridLevel {
        Frames frame = -1;
        double level = 0;
    };
    std::vector<GridLevel> gridLevels_;
    // Per layer, the last decibel sum turned into a gain: a steady level needs no pow().
    struct LastGain {
        double db = 0;
        double gain = 1;  // gainFromDb(0)
    };
    std::vector<LastGain> lastGain_;
    double busDb_;
};

}  // namespace kindly
