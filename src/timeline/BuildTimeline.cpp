#include <algorithm>

#include "timeline/Ducking.hpp"
#include "timeline/ElasticLength.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {
namespace {

/// A sound's length at the output rate; 0 for endless generators.
Frames soundFrames(const SoundMedia& sound, int rate) {
    if (sound.kind != SoundMedia::Kind::File) return 0;
    return resampledLength(sound.file.frames, sound.file.sampleRate, rate);
}

/// Walks the steps, keeping time exactly in nanoseconds and converting each boundary to
/// frames once, so rounding never accumulates (no drift over hours).
class Builder {
public:
    Builder(const Script& script, const SessionMedia& media, int rate, const PausePlan& plan, std::optional<Nanos> fadeOut)
        : script_(script), media_(media), rate_(rate), plan_(plan), fadeOut_(fadeOut) {}

    Timeline build() {
        tl_.rate = rate_;
        tl_.elasticFraction = plan_.fraction;
        tl_.minLength = plan_.range.min;
        tl_.maxLength = plan_.range.max;
        for (std::size_t i = 0; i < script_.steps.size(); ++i) {
            addStep(static_cast<int>(i));
            tl_.hasElastic = tl_.hasElastic || script_.steps[i].pause.isElastic();
        }
        tl_.length = frame(now_);
        if (!tl_.chapters.empty()) tl_.chapters.back().end = tl_.length;
        addAmbients();
        addDucking();
        tl_.renderEnd = tl_.length;
        for (const auto& v : tl_.voices) tl_.renderEnd = std::max(tl_.renderEnd, v.start + v.length);
        for (const auto& b : tl_.bells) tl_.renderEnd = std::max(tl_.renderEnd, b.start + b.length);
        for (const auto& a : tl_.ambients) tl_.renderEnd = std::max(tl_.renderEnd, a.end);
        return std::move(tl_);
    }

private:
    const Script& script_;
    const SessionMedia& media_;
    const int rate_;
    const PausePlan& plan_;
    std::optional<Nanos> fadeOut_;  // the beds' fade after the end (TimelineOptions::fadeOut)
    Timeline tl_;
    Nanos now_ = 0;

    Frames frame(Nanos t) const { return framesFromNanos(t, rate_); }

    void addStep(int index) {
        const Step& step = script_.steps[static_cast<std::size_t>(index)];
        const StepMedia& media = media_.steps[static_cast<std::size_t>(index)];
        StepTiming timing;
        timing.step = index;
        timing.start = frame(now_);
        timing.wait = step.wait;
        timing.elasticPause = step.pause.isElastic();

        if (step.chapter) {
            if (!tl_.chapters.empty()) tl_.chapters.back().end = timing.start;
            tl_.chapters.push_back({*step.chapter, index, timing.start, timing.start});
        }
        timing.chapter = static_cast<int>(tl_.chapters.size()) - 1;

        if (media.bell) tl_.bells.push_back({index, timing.start, soundFrames(*media.bell, rate_), *media.bell, false});
        if (media.voice) {
            const AudioFileInfo& file = media.voice->file;
            tl_.voices.push_back({index, timing.start, resampledLength(file.frames, file.sampleRate, rate_),
                                  media.voice->origin, file});
            now_ += voiceNanos(media);
        }

        timing.breatheStart = frame(now_);
        if (step.breathe) addBreathing(index, *step.breathe);

        timing.pauseStart = frame(now_);
        const Nanos pauseStart = now_;
        const Nanos pause = plan_.pauses[static_cast<std::size_t>(index)];
        if (step.intervalBell && media.intervalBell) {
            // Rings every `every` counted from the pause's start; never at the start or the end.
            for (Nanos t = pauseStart + step.intervalBell->every; t < pauseStart + pause; t += step.intervalBell->every) {
                tl_.bells.push_back({index, frame(t), soundFrames(*media.intervalBell, rate_), *media.intervalBell, true});
            }
        }
        now_ += pause;
        timing.end = frame(now_);

        addCaptions(index, step, media, timing);
        tl_.steps.push_back(timing);
    }

    /// The step's caption for the whole step; synthesized speech shown as it is said instead,
    /// one cue per sentence from the frame it starts (the last lasts to the step's end).
    void addCaptions(int index, const Step& step, const StepMedia& media, const StepTiming& timing) {
        const auto text = step.captionText();
        if (!text) return;
        const bool followSpeech = !step.caption && media.voice && media.voice->origin == VoiceOrigin::Synthesized &&
                                  !media.voice->sentences.empty();
        if (!followSpeech) {
            tl_.captions.push_back({index, *text, timing.start, timing.end});
            return;
        }
        const auto& sentences = media.voice->sentences;
        const int fileRate = media.voice->file.sampleRate;
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            const Frames start = timing.start + resampledLength(sentences[i].start, fileRate, rate_);
            const Frames end = i + 1 < sentences.size()
                                   ? timing.start + resampledLength(sentences[i + 1].start, fileRate, rate_)
                                   : timing.end;
            tl_.captions.push_back({index, sentences[i].text, start, std::max(start, end)});
        }
    }

    void addBreathing(int index, const Breathe& breathe) {
        const std::pair<BreathPhase, Nanos> phases[] = {
            {BreathPhase::In, breathe.in}, {BreathPhase::Hold, breathe.hold},
            {BreathPhase::Out, breathe.out}, {BreathPhase::Rest, breathe.rest}};
        for (int cycle = 0; cycle < breathe.cycles; ++cycle) {
            for (const auto& [phase, length] : phases) {
                if (length == 0) continue;
                const Frames start = frame(now_);
                now_ += length;
                tl_.breaths.push_back({index, cycle, phase, start, frame(now_) - start, breathe.cue == Breathe::Cue::Tone});
            }
        }
    }

    void addAmbients() {
        for (std::size_t i = 0; i < script_.ambients.size(); ++i) {
            const Ambient& a = script_.ambients[i];
            AmbientSpan span;
            span.ambient = static_cast<int>(i);
            span.sound = media_.ambients[i];
            span.gainDb = a.gainDb;
            span.loop = a.loop;
            span.start = a.fromStep >= 0 ? tl_.steps[static_cast<std::size_t>(a.fromStep)].start : 0;
            span.fadeInEnd = span.start + frame(a.fadeIn);
            span.fadeOutStart = a.untilStep >= 0 ? tl_.steps[static_cast<std::size_t>(a.untilStep)].end : tl_.length;
            span.end = span.fadeOutStart + frame(a.fadeOut);
            if (a.untilStep < 0 && fadeOut_) span.end = std::max(span.end, span.fadeOutStart + frame(*fadeOut_));
            const Frames soundLength = soundFrames(span.sound, rate_);
            if (soundLength > 0) {
                // A loop needs material on both sides of its seam: at most half the sound overlaps.
                span.loopCrossfade = std::min(frame(a.loopCrossfade), soundLength / 2);
                if (!a.loop) {
                    span.end = std::min(span.end, span.start + soundLength);
                    span.fadeOutStart = std::min(span.fadeOutStart, span.end);
                }
            }
            tl_.ambients.push_back(span);
        }
    }

    void addDucking() {
        std::vector<SpeechSpan> speech;
        for (const auto& v : tl_.voices) speech.push_back({v.start, v.start + v.length});
        tl_.duckRamps = scheduleDucking(speech, frame(script_.mix.duckAttack), frame(script_.mix.duckRelease),
                                        script_.mix.duckDb);
    }
};

}  // namespace

TimelineResult buildTimeline(const Script& script, const SessionMedia& media, const TimelineOptions& options) {
    if (options.rate < kMinRate || options.rate > kMaxRate) {
        return {std::nullopt, "output rate " + std::to_string(options.rate) + " Hz is out of range (" +
                                  std::to_string(kMinRate) + " to " + std::to_string(kMaxRate) + ")"};
    }
    if (media.steps.size() != script.steps.size() || media.ambients.size() != script.ambients.size()) {
        return {std::nullopt, "internal error: the media do not belong to this script"};
    }
    std::string error;
    const auto target = options.targetLength ? options.targetLength : script.session.length;
    auto plan = planPauses(script, media, target, options.rate, error);
    if (!plan) return {std::nullopt, error};
    return {Builder(script, media, options.rate, *plan, options.fadeOut).build(), {}};
}

}  // namespace kindly
