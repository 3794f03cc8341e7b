#include "timeline/ElasticLength.hpp"

#include <algorithm>

namespace kindly {

Nanos voiceNanos(const StepMedia& media) {
    if (!media.voice) return 0;
    return nanosFromFrames(media.voice->file.frames, media.voice->file.sampleRate);
}

namespace {

/// Sums in 128 bits: a hostile script cannot overflow them.
struct WideRange {
    Int128 min = 0;
    Int128 max = 0;
};

WideRange wideReachable(const Script& script, const SessionMedia& media) {
    WideRange r;
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const Step& step = script.steps[i];
        Int128 fixed = i < media.steps.size() ? voiceNanos(media.steps[i]) : 0;
        if (step.breathe) fixed += static_cast<Int128>(step.breathe->cycleLength()) * step.breathe->cycles;
        r.min += fixed + step.pause.min;
        r.max += fixed + step.pause.max;
    }
    return r;
}

}  // namespace

LengthRange reachableLength(const Script& script, const SessionMedia& media) {
    const WideRange r = wideReachable(script, media);
    auto clamp = [](Int128 v) { return static_cast<Nanos>(std::min<Int128>(v, kMaxSessionLength + 1)); };
    return {clamp(r.min), clamp(r.max)};
}

std::optional<PausePlan> planPauses(const Script& script, const SessionMedia& media, std::optional<Nanos> target,
                                    int rate, std::string& error) {
    const WideRange wide = wideReachable(script, media);
    if (wide.max > kMaxSessionLength) {
        error = "the session would last longer than a week (" + std::string(wide.min > kMaxSessionLength ? "at least" : "up to") +
                " over 168h); shorten its pauses, breathing or clips";
        return std::nullopt;
    }
    PausePlan plan;
    plan.range = {static_cast<Nanos>(wide.min), static_cast<Nanos>(wide.max)};
    for (const Step& step : script.steps) plan.pauses.push_back(step.pause.min);
    if (!target) return plan;

    const Nanos elasticRange = plan.range.max - plan.range.min;
    // Compared in frames: a target that rounds to a reachable frame is reachable.
    const Frames targetFrames = framesFromNanos(*target, rate);
    if (targetFrames < framesFromNanos(plan.range.min, rate) || targetFrames > framesFromNanos(plan.range.max, rate)) {
        if (elasticRange == 0) {
            error = "target length " + formatDuration(*target) + " is out of reach: this script has no elastic pauses "
                    "and always lasts " + formatDuration(plan.range.min);
        } else {
            error = "target length " + formatDuration(*target) + " is out of reach: this script can last from " +
                    formatDuration(plan.range.min) + " to " + formatDuration(plan.range.max);
        }
        return std::nullopt;
    }
    if (elasticRange == 0) return plan;

    const Nanos extra = std::clamp<Nanos>(*target - plan.range.min, 0, elasticRange);
    plan.fraction = static_cast<double>(extra) / static_cast<double>(elasticRange);
    // Share `extra` in proportion to each pause's stretch, rounding the running total once,
    // so the pauses add up to exactly `extra` and the session to exactly the target.
    Int128 cumulativeStretch = 0;
    Nanos given = 0;
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const ElasticDuration& pause = script.steps[i].pause;
        if (!pause.isElastic()) continue;
        cumulativeStretch += pause.max - pause.min;
        const Nanos upToHere = static_cast<Nanos>(static_cast<Int128>(extra) * cumulativeStretch / elasticRange);
        plan.pauses[i] = pause.min + (upToHere - given);
        given = upToHere;
    }
    return plan;
}

}  // namespace kindly
