#pragma once
// Everything that happens in a session, in frames at the output rate: plain data made by
// buildTimeline() and followed by the engine. Positions are absolute frames from 0.

#include <optional>
#include <string>
#include <vector>

#include "script/Script.hpp"
#include "sources/SessionMedia.hpp"
#include "script/Frames.hpp"

namespace kindly {

struct StepTiming {
    int step = 0;          ///< index into Script::steps
    int chapter = -1;      ///< index into Timeline::chapters, -1 before the first chapter
    Frames start = 0;      ///< the bell and the speech start here
    Frames breatheStart = 0;  ///< = the end of the speech
    Frames pauseStart = 0;    ///< = the end of the breathing
    Frames end = 0;        ///< the next step starts here
    bool wait = false;     ///< live: wait for the listener after the pause
    bool elasticPause = false;
};

struct VoiceEvent {
    int step = 0;
    Frames start = 0;
    Frames length = 0;  ///< at the output rate (after resampling)
    VoiceOrigin origin = VoiceOrigin::Synthesized;
    AudioFileInfo file;
};

struct BellEvent {
    int step = 0;
    Frames start = 0;
    Frames length = 0;  ///< the sound's length at the output rate
    SoundMedia sound;
    bool interval = false;  ///< an interval bell during the step's pause
};

enum class BreathPhase { In, Hold, Out, Rest };

struct BreathEvent {
    int step = 0;
    int cycle = 0;  ///< 0-based
    BreathPhase phase = BreathPhase::In;
    Frames start = 0;
    Frames length = 0;
    bool toneCue = false;  ///< breathe.cue = "tone" (a cue sounds on In and Out)
};

struct AmbientSpan {
    int ambient = 0;  ///< index into Script::ambients
    Frames start = 0;
    Frames fadeInEnd = 0;
    Frames fadeOutStart = 0;
    Frames end = 0;  ///< silent from here
    bool loop = true;
    Frames loopCrossfade = 0;
    double gainDb = 0;
    SoundMedia sound;
};

/// One linear ramp of the ducking offset (dB added to every ambient layer). Between ramps
/// the offset holds the last ramp's toDb; before the first ramp it is 0.
struct DuckRamp {
    Frames start = 0;
    Frames end = 0;
    double fromDb = 0;
    double toDb = 0;
};

struct ChapterSpan {
    std::string title;
    int firstStep = 0;
    Frames start = 0;
    Frames end = 0;
};

struct CaptionCue {
    int step = 0;
    std::string text;
    Frames start = 0;
    Frames end = 0;
};

struct Timeline {
    int rate = 48000;
    Frames length = 0;     ///< the session: the end of the last step
    Frames renderEnd = 0;  ///< when every sound has ended (fade-outs, bell decays)
    /// Elastic pauses: the shared fraction f in [0, 1], and the reachable session lengths.
    double elasticFraction = 0;
    bool hasElastic = false;
    Nanos minLength = 0;
    Nanos maxLength = 0;

    std::vector<StepTiming> steps;
    std::vector<VoiceEvent> voices;
    std::vector<BellEvent> bells;
    std::vector<BreathEvent> breaths;
    std::vector<AmbientSpan> ambients;
    std::vector<DuckRamp> duckRamps;
    std::vector<ChapterSpan> chapters;
    std::vector<CaptionCue> captions;

    /// The ducking offset in dB at a frame (0 when not ducked).
    double duckDbAt(Frames frame) const;
};

struct TimelineOptions {
    int rate = 48000;
    std::optional<Nanos> targetLength;  ///< overrides session.length
    /// A render's end for sleep (`--fade-out`): the beds that play to the session's end go on
    /// after it and fade out over this long (or their own fade_out, if longer).
    std::optional<Nanos> fadeOut;
};

struct TimelineResult {
    std::optional<Timeline> timeline;
    std::string error;  ///< why there is none, e.g. a target length out of reach
};

inline constexpr int kMinRate = 8000;
inline constexpr int kMaxRate = 384000;

/// A pure function: the same script, media and options always give the same timeline.
/// `media` must come from resolveMedia() for this script.
TimelineResult buildTimeline(const Script& script, const SessionMedia& media, const TimelineOptions& options);

/// The session lengths the elastic pauses can reach, from the script and media alone.
struct LengthRange {
    Nanos min = 0;
    Nanos max = 0;
};
LengthRange reachableLength(const Script& script, const SessionMedia& media);

}  // namespace kindly
