// `kindly timeline SCRIPT`: a table of what happens when, for authors.

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "app/Commands.hpp"
#include "app/PrepareOrReport.hpp"
#include "app/InterruptGuard.hpp"
#include "session/PrepareSession.hpp"
#include "output/TextFit.hpp"
#include "output/TimelineSvg.hpp"
#include "platform/AtomicFile.hpp"

namespace kindly {
namespace {

struct Row {
    Frames time = 0;
    int order = 0;  ///< ties at the same frame: step lines before what happens in the step
    std::string step, chapter, event, caption;
};

/// A column `width` wide: the text cut to leave at least one space before the next column.
std::string pad(const std::string& text, std::size_t width) {
    std::string cut = fitText(text, width - 1);
    std::size_t points = 0;
    for (unsigned char c : cut) points += (c & 0xC0) != 0x80;
    return cut + std::string(width > points ? width - points : 0, ' ');
}

std::string seconds(Frames frames, int rate) { return formatDuration(nanosFromFrames(frames, rate)); }

const char* originName(VoiceOrigin origin) {
    switch (origin) {
        case VoiceOrigin::Clip: return "clip";
        case VoiceOrigin::Recorded: return "recorded";
        default: return "synthesized";
    }
}

const char* phaseName(BreathPhase phase) {
    switch (phase) {
        case BreathPhase::In: return "in";
        case BreathPhase::Hold: return "hold";
        case BreathPhase::Out: return "out";
        default: return "rest";
    }
}

std::vector<Row> rowsFor(const Script& script, const Timeline& tl, bool detail) {
    std::vector<Row> rows;
    auto stepName = [&](int i) { return script.steps[static_cast<std::size_t>(i)].id; };
    auto chapterOf = [&](int i) {
        const int c = tl.steps[static_cast<std::size_t>(i)].chapter;
        return c < 0 ? std::string() : tl.chapters[static_cast<std::size_t>(c)].title;
    };
    auto add = [&](Frames time, int order, int step, std::string event, std::string caption = {}) {
        rows.push_back({time, order, step >= 0 ? stepName(step) : "", step >= 0 ? chapterOf(step) : "", std::move(event),
                        std::move(caption)});
    };
    const int rate = tl.rate;
    for (const ChapterSpan& c : tl.chapters) add(c.start, 0, c.firstStep, "chapter \"" + c.title + "\" begins");
    for (const StepTiming& s : tl.steps) {
        const Step& step = script.steps[static_cast<std::size_t>(s.step)];
        // The step's first caption beside its start; synthesized speech's next sentences at theirs.
        std::string firstCaption;
        bool first = true;
        for (const CaptionCue& cue : tl.captions) {
            if (cue.step != s.step) continue;
            if (first) firstCaption = cue.text;
            else add(cue.start, 4, s.step, "caption", cue.text);
            first = false;
        }
        add(s.start, 1, s.step, "step begins", firstCaption);
        if (s.end > s.pauseStart || s.elasticPause) {
            std::string event = "pause " + seconds(s.end - s.pauseStart, rate);
            if (s.elasticPause) {
                event += " (elastic " + formatDuration(step.pause.min) + ".." + formatDuration(step.pause.max) + ")";
            }
            add(s.pauseStart, 6, s.step, event);
        }
        if (s.wait) add(s.end, 7, s.step, "waits for the listener");
    }
    for (const VoiceEvent& v : tl.voices) {
        std::string event = std::string("voice ") + seconds(v.length, rate) + " (" + originName(v.origin) + ")";
        if (v.file.sampleRate != rate) event += " from " + std::to_string(v.file.sampleRate) + " Hz";
        add(v.start, 3, v.step, event);
    }
    for (const BellEvent& b : tl.bells) {
        const Step& step = script.steps[static_cast<std::size_t>(b.step)];
        const std::string& name = b.interval ? step.intervalBell->sound.text : step.bell->text;
        add(b.start, 2, b.step, std::string(b.interval ? "interval bell " : "bell ") + name);
    }
    int summarizedStep = -1;  // without detail: one line per breathing step
    for (const BreathEvent& b : tl.breaths) {
        if (detail) {
            add(b.start, 4, b.step, "breathe " + std::string(phaseName(b.phase)) + " " + seconds(b.length, rate) +
                                        (b.toneCue && (b.phase == BreathPhase::In || b.phase == BreathPhase::Out) ? " (tone)" : ""));
        } else if (b.step != summarizedStep) {
            summarizedStep = b.step;
            const Breathe& breathe = *script.steps[static_cast<std::size_t>(b.step)].breathe;
            std::string pattern = "in " + formatDuration(breathe.in);
            if (breathe.hold) pattern += ", hold " + formatDuration(breathe.hold);
            pattern += ", out " + formatDuration(breathe.out);
            if (breathe.rest) pattern += ", rest " + formatDuration(breathe.rest);
            add(b.start, 4, b.step, "breathe " + std::to_string(breathe.cycles) + " x (" + pattern + ")" +
                                        (breathe.cue == Breathe::Cue::Tone ? " with tones" : ""));
        }
    }
    for (const AmbientSpan& a : tl.ambients) {
        const Ambient& ambient = script.ambients[static_cast<std::size_t>(a.ambient)];
        const std::string name =
            "ambient " + ambient.id + (ambient.id == ambient.sound.text ? "" : " (" + ambient.sound.text + ")");
        add(a.start, 2, -1, name + " fades in over " + seconds(a.fadeInEnd - a.start, rate));
        add(a.fadeOutStart, 8, -1, name + " fades out over " + seconds(a.end - a.fadeOutStart, rate));
    }
    if (detail) {
        for (const DuckRamp& d : tl.duckRamps) {
            char event[96];
            if (d.end == d.start) {
                std::snprintf(event, sizeof event, "ambient ducked to %.1f dB", d.toDb);
            } else {
                std::snprintf(event, sizeof event, "ambient ducks %s %.1f to %.1f dB over %s",
                              d.toDb < d.fromDb ? "down" : "up", d.fromDb, d.toDb, seconds(d.end - d.start, rate).c_str());
            }
            add(d.start, 5, -1, event);
        }
    }
    add(tl.length, 9, -1, "session ends");
    if (tl.renderEnd > tl.length) add(tl.renderEnd, 10, -1, "last sound ends");
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    });
    return rows;
}

}  // namespace

int runTimeline(const TimelineArgs& args, std::ostream& out, std::ostream& err) {
    PrepareOptions options;
    options.rate = args.rate;
    options.targetLength = args.length;
    int status = kExitOk;
    InterruptGuard guard;  // Ctrl-C while speech is made ends its engine cleanly
    auto prepared = prepareOrReport(args.script, options, err, status);
    if (!prepared) return status;
    const PreparedSession& p = *prepared;

    const Script& script = *p.script;
    const Timeline& tl = *p.timeline;
    if (!args.svg.empty()) {
        if (const std::string unsafe = unsafeOutputs({{args.svg, "the picture"}}, filesRead(p, args.script)); !unsafe.empty()) {
            err << "kindly: " << unsafe << "\n";
            return kExitUsage;
        }
        std::string error;
        if (!writeFileAtomically(writeTarget(args.svg), timelineSvg(script, tl), error)) {
            err << "kindly: " << error << "\n";
            return kExitFailure;
        }
        out << "Wrote " << args.svg.string() << " (" << formatClock(nanosFromFrames(tl.length, tl.rate)) << ", "
            << tl.voices.size() << " voice clips)\n";
        return kExitOk;
    }
    out << script.session.title << "\n";
    out << formatClock(nanosFromFrames(tl.length, tl.rate)) << " at " << tl.rate << " Hz";
    if (tl.hasElastic) {
        char fraction[32];
        std::snprintf(fraction, sizeof fraction, "%.3f", tl.elasticFraction);
        out << "; elastic pauses at f = " << fraction << " (reachable " << formatClock(tl.minLength) << " to "
            << formatClock(tl.maxLength) << ")";
    }
    out << "\n\n";
    out << pad("TIME", 12) << pad("STEP", 14) << pad("CHAPTER", 16) << pad("EVENT", 50) << "CAPTION\n";
    for (const Row& row : rowsFor(script, tl, args.detail)) {
        std::string line = pad(formatClock(nanosFromFrames(row.time, tl.rate)), 12) + pad(row.step, 14) +
                           pad(row.chapter, 16) + pad(row.event, 50) + fitText(row.caption, 60);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
    return kExitOk;
}

}  // namespace kindly
