// `kindly timeline SCRIPT`: a table of what happens when, for authors.

#include <algorithm>
#include <ostream>

#include "app/Commands.hpp"
#include "app/PrepareOrReport.hpp"
#include "app/InterruptGuard.hpp"
#include "session/PrepareSession.hpp"
#include "output/TextFit.hpp"
#include "output/TimelineSvg.hpp"
#include "platform/AtomicFile.hpp"
#include "platform/Language.hpp"

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

/// "voice 4.2s (synthesized)": the patterns whole, so a language may order them its own way.
std::string voiceEvent(VoiceOrigin origin, const std::string& length) {
    switch (origin) {
        case VoiceOrigin::Clip: return format(tr("voice %s (clip)"), length.c_str());
        case VoiceOrigin::Recorded: return format(tr("voice %s (recorded)"), length.c_str());
        default: return format(tr("voice %s (synthesized)"), length.c_str());
    }
}

std::string breathEvent(BreathPhase phase, const std::string& length) {
    switch (phase) {
        case BreathPhase::In: return format(tr("breathe in %s"), length.c_str());
        case BreathPhase::Hold: return format(tr("breathe hold %s"), length.c_str());
        case BreathPhase::Out: return format(tr("breathe out %s"), length.c_str());
        default: return format(tr("breathe rest %s"), length.c_str());
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
    for (const ChapterSpan& c : tl.chapters) add(c.start, 0, c.firstStep, format(tr("chapter \"%s\" begins"), c.title.c_str()));
    for (const StepTiming& s : tl.steps) {
        const Step& step = script.steps[static_cast<std::size_t>(s.step)];
        // The step's first caption beside its start; synthesized speech's next sentences at theirs.
        std::string firstCaption;
        bool first = true;
        for (const CaptionCue& cue : tl.captions) {
            if (cue.step != s.step) continue;
            if (first) firstCaption = cue.text;
            else add(cue.start, 4, s.step, tr("caption"), cue.text);
            first = false;
        }
        add(s.start, 1, s.step, tr("step begins"), firstCaption);
        if (s.end > s.pauseStart || s.elasticPause) {
            const std::string length = seconds(s.end - s.pauseStart, rate);
            add(s.pauseStart, 6, s.step,
                s.elasticPause ? format(tr("pause %s (elastic %s..%s)"), length.c_str(), formatDuration(step.pause.min).c_str(),
                                        formatDuration(step.pause.max).c_str())
                               : format(tr("pause %s"), length.c_str()));
        }
        if (s.wait) add(s.end, 7, s.step, tr("waits for the listener"));
    }
    for (const VoiceEvent& v : tl.voices) {
        std::string event = voiceEvent(v.origin, seconds(v.length, rate));
        if (v.file.sampleRate != rate) event = format(tr("%s from %d Hz"), event.c_str(), v.file.sampleRate);
        add(v.start, 3, v.step, event);
    }
    for (const BellEvent& b : tl.bells) {
        const Step& step = script.steps[static_cast<std::size_t>(b.step)];
        const std::string& name = b.interval ? step.intervalBell->sound.text : step.bell->text;
        add(b.start, 2, b.step, format(b.interval ? tr("interval bell %s") : tr("bell %s"), name.c_str()));
    }
    int summarizedStep = -1;  // without detail: one line per breathing step
    for (const BreathEvent& b : tl.breaths) {
        if (detail) {
            const std::string event = breathEvent(b.phase, seconds(b.length, rate));
            const bool tone = b.toneCue && (b.phase == BreathPhase::In || b.phase == BreathPhase::Out);
            add(b.start, 4, b.step, tone ? format(tr("%s (tone)"), event.c_str()) : event);
        } else if (b.step != summarizedStep) {
            summarizedStep = b.step;
            const Breathe& breathe = *script.steps[static_cast<std::size_t>(b.step)].breathe;
            std::string pattern = format(tr("in %s"), formatDuration(breathe.in).c_str());
            if (breathe.hold) pattern += ", " + format(tr("hold %s"), formatDuration(breathe.hold).c_str());
            pattern += ", " + format(tr("out %s"), formatDuration(breathe.out).c_str());
            if (breathe.rest) pattern += ", " + format(tr("rest %s"), formatDuration(breathe.rest).c_str());
            const std::string event = format(tr("breathe %d x (%s)"), breathe.cycles, pattern.c_str());
            add(b.start, 4, b.step, breathe.cue == Breathe::Cue::Tone ? format(tr("%s with tones"), event.c_str()) : event);
        }
    }
    for (const AmbientSpan& a : tl.ambients) {
        const Ambient& ambient = script.ambients[static_cast<std::size_t>(a.ambient)];
        const std::string name = ambient.id == ambient.sound.text
                                     ? format(tr("ambient %s"), ambient.id.c_str())
                                     : format(tr("ambient %s (%s)"), ambient.id.c_str(), ambient.sound.text.c_str());
        add(a.start, 2, -1, format(tr("%s fades in over %s"), name.c_str(), seconds(a.fadeInEnd - a.start, rate).c_str()));
        add(a.fadeOutStart, 8, -1, format(tr("%s fades out over %s"), name.c_str(), seconds(a.end - a.fadeOutStart, rate).c_str()));
    }
    if (detail) {
        for (const DuckRamp& d : tl.duckRamps) {
            const std::string over = seconds(d.end - d.start, rate);
            add(d.start, 5, -1,
                d.end == d.start      ? format(tr("ambient ducked to %.1f dB"), d.toDb)
                : d.toDb < d.fromDb ? format(tr("ambient ducks down %.1f to %.1f dB over %s"), d.fromDb, d.toDb, over.c_str())
                                      : format(tr("ambient ducks up %.1f to %.1f dB over %s"), d.fromDb, d.toDb, over.c_str()));
        }
    }
    add(tl.length, 9, -1, tr("session ends"));
    if (tl.renderEnd > tl.length) add(tl.renderEnd, 10, -1, tr("last sound ends"));
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
        if (const std::string unsafe = unsafeOutputs({{args.svg, tr("the picture")}}, filesRead(p, args.script)); !unsafe.empty()) {
            err << "kindly: " << unsafe << "\n";
            return kExitUsage;
        }
        std::string error;
        if (!writeFileAtomically(writeTarget(args.svg), timelineSvg(script, tl), error)) {
            err << "kindly: " << error << "\n";
            return kExitFailure;
        }
        out << format(trn("Wrote %s (%s, %zu voice clip)", "Wrote %s (%s, %zu voice clips)", tl.voices.size()), args.svg.c_str(),
                      formatClock(nanosFromFrames(tl.length, tl.rate)).c_str(), tl.voices.size())
            << "\n";
        return kExitOk;
    }
    out << script.session.title << "\n";
    out << format(tr("%s at %d Hz"), formatClock(nanosFromFrames(tl.length, tl.rate)).c_str(), tl.rate);
    if (tl.hasElastic)
        out << format(tr("; elastic pauses at f = %.3f (reachable %s to %s)"), tl.elasticFraction, formatClock(tl.minLength).c_str(),
                      formatClock(tl.maxLength).c_str());
    out << "\n\n";
    out << pad(tr("TIME"), 12) << pad(tr("STEP"), 14) << pad(tr("CHAPTER"), 16) << pad(tr("EVENT"), 50) << tr("CAPTION") << "\n";
    for (const Row& row : rowsFor(script, tl, args.detail)) {
        std::string line = pad(formatClock(nanosFromFrames(row.time, tl.rate)), 12) + pad(row.step, 14) +
                           pad(row.chapter, 16) + pad(row.event, 50) + fitText(row.caption, 60);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
    return kExitOk;
}

}  // namespace kindly
