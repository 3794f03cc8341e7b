#pragma once
// The mixer: follows a Timeline and renders it as interleaved stereo float frames at the
// timeline's rate. The same code serves `kindly render` and (later) live playback.
//
// Two halves, for two threads:
//  - prepare(): opens the sources of sounds due soon and closes finished ones, and collects
//    warnings. Allocates and does I/O: never call it from the audio callback.
//  - render(): mixes only. Allocates nothing and locks nothing (all buffers are sized in the
//    constructor); sound that was not prepared in time plays as silence. It pulls frames
//    from its sources: whether that is real-time safe is the sources' business. The
//    DirectSourceProvider's FileSource decodes when pulled, which suits offline renders;
//    live playback gives the engine sources that read ring buffers filled by a streaming
//    thread instead.
//
// Buses: voice (clips, each scaled to voice_lufs), ambient (layers with fades and ducking)
// and bells (bells, interval bells, breathing tones), each with its [mix] level, summed
// through the master limiter (-1 dBFS sample peak). Every start and stop is a short fade;
// gains are interpolated within blocks of kBlock frames, so no change is ever a step.

#include <memory>
#include <string>
#include <vector>

#include "engine/AmbientBus.hpp"
#include "engine/Limiter.hpp"
#include "engine/SourceProvider.hpp"
#include "script/Script.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

/// Ambient frames mixed elsewhere (AmbientAhead: on another thread, for an offline render).
class AmbientFeed {
public:
    virtual ~AmbientFeed() = default;
    /// Writes the ambient bus's frames [from, from + frames) into `bus`; requests come in
    /// order, without gaps. Called by Engine::render().
    virtual void fill(float* bus, Frames from, std::size_t frames) = 0;
};

class Engine {
public:
    /// Frames over which gains are interpolated linearly; also the mixing granularity.
    static constexpr std::size_t kBlock = 64;
    /// How far ahead of the play head prepare() opens sources (2 s at 48 kHz).
    static constexpr double kLookaheadSeconds = 2.0;
    /// Fades at the start and end of every voice clip.
    static constexpr double kClipFadeSeconds = 0.005;

    /// `voiceGainsDb[i]` is the loudness correction of timeline.voices[i] (0 when none).
    Engine(const Script& script, const Timeline& timeline, std::vector<double> voiceGainsDb, SourceProvider& provider);
    ~Engine();

    void prepare();

    /// Mixes up to `frames` frames into `stereo`; returns how many (fewer only at the end).
    std::size_t render(float* stereo, std::size_t frames);

    /// Plays on from `frame` (a step start, after a skip): closes what is open and reopens
    /// what sounds there, mid-sound where needed. Not real-time (like prepare()).
    void seek(Frames frame);

    /// The listener's levels, in dB on top of the script's [mix]; changes ramp over ~30 ms.
    enum class Level { Voice, Ambient, Bells };
    void setListenerLevel(Level level, double db);

    /// Hold: the timeline stops (for a `wait` step) while the ambient layers play on at the
    /// level they had. render() keeps producing frames; position() does not advance.
    void setHold(bool hold) { hold_ = hold; }
    bool holding() const { return hold_; }

    Frames position() const { return position_; }
    Frames length() const { return timeline_.renderEnd; }
    /// Frames mixed by the end: length() plus the limiter's look-ahead.
    Frames mixLength() const { return timeline_.renderEnd + static_cast<Frames>(limiter_.latency()); }
    bool finished() const { return position_ >= timeline_.renderEnd; }

    /// Takes the ambient bus from `feed` instead of mixing it (nullptr: mix it here). For an
    /// offline render: the feed must start at frame 0 and follow the timeline (no hold, no
    /// seek, the listener's ambient level left at 0 dB). Set before the first prepare().
    void useAmbientFeed(AmbientFeed* feed) { feed_ = feed; }

    /// A render's loudness target: every mixed sample times `gainDb` before the limiter, whose
    /// ceiling becomes `ceilingDb` (dBFS, sample peak). Set before the first render().
    void setMaster(double gainDb, double ceilingDb);

    /// Warnings gathered by prepare() since the last call (sounds that failed to play).
    std::vector<std::string> takeWarnings();

private:
    enum class Bus { Voice, Bells };
    struct Shot;  // a sound that plays once: a voice clip, a bell, a breathing tone

    void mixBlock(float* out, std::size_t frames);
    void applyMasterGain(float* stereo, std::size_t frames) const;
    void mixShots(Frames from, std::size_t frames);
    void checkProblems();

    const Script& script_;
    const Timeline& timeline_;
    SourceProvider& provider_;
    std::vector<Shot> shots_;          // sorted by start
    std::size_t nextShot_ = 0;         // the first shot not yet opened
    std::vector<Shot*> active_;        // opened shots (capacity fixed in the constructor)
    AmbientBus ambient_;
    AmbientFeed* feed_ = nullptr;
    double busDb_[2];
    Limiter limiter_;
    float masterGain_ = 1.0f;  // before the limiter (setMaster); 1 in live playback
    double listenerDb_[3] = {0, 0, 0};     // targets, per Level
    double listenerGain_[3] = {1, 1, 1};   // current (ramping towards the targets)
    bool hold_ = false;
    Frames heldFrames_ = 0;   // ambient frames played while holding (the ambient's own clock runs on)
    Frames position_ = 0;     // next output frame
    Frames mixPosition_ = 0;  // next mixed frame (= position_ + limiter latency once primed)
    std::vector<float> voiceBus_, bellsBus_, ambientBus_, scratchA_, scratchB_;
    std::vector<std::string> warnings_;
};

}  // namespace kindly
