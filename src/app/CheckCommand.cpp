// `kindly check SCRIPT...`: compiler-style diagnostics, then a summary per valid script.

#include <ostream>

#include "app/Commands.hpp"
#include "platform/Language.hpp"
#include "session/PrepareSession.hpp"

namespace kindly {
namespace {

/// "1 step", "12 steps" in the listener's language: a pattern from trn() filled in with n.
std::string count(const char* pattern, int n) { return format(pattern, n); }
unsigned long many(int n) { return static_cast<unsigned long>(n); }

void printSummary(const PreparedSession& p, std::ostream& out) {
    const Script& script = *p.script;
    const Timeline& tl = *p.timeline;
    int recorded = 0, clips = 0, synthesized = 0;
    for (const auto& step : p.media.steps) {
        if (!step.voice) continue;
        switch (step.voice->origin) {
            case VoiceOrigin::Clip: ++clips; break;
            case VoiceOrigin::Recorded: ++recorded; break;
            case VoiceOrigin::Synthesized: ++synthesized; break;
        }
    }
    out << format(tr("%s: ok: \"%s\""), script.file.c_str(), script.session.title.c_str()) << "\n";
    out << "  " << format(tr("length %s"), formatClock(nanosFromFrames(tl.length, tl.rate)).c_str());
    if (tl.hasElastic)
        out << " " << format(tr("(reachable %s to %s)"), formatClock(tl.minLength).c_str(), formatClock(tl.maxLength).c_str());
    const int steps = static_cast<int>(script.steps.size());
    const int chapters = static_cast<int>(tl.chapters.size());
    out << "; " << count(trn("%d step", "%d steps", many(steps)), steps) << ", "
        << count(trn("%d chapter", "%d chapters", many(chapters)), chapters) << "\n";
    out << "  " << format(tr("voice: %d recorded, %s, %d synthesized"), recorded,
                          count(trn("%d clip", "%d clips", many(clips)), clips).c_str(), synthesized);
    if (synthesized > 0) out << " " << (p.synthesized > 0 ? format(tr("(%d new)"), p.synthesized) : std::string(tr("(cached)")));
    out << "\n";
}

}  // namespace

int runCheck(const CheckArgs& args, std::ostream& out, std::ostream& err) {
    int valid = 0, invalid = 0, errors = 0, warnings = 0;
    bool unreadable = false;
    for (const auto& file : args.scripts) {
        PrepareOptions options;
        options.rate = args.rate;
        options.targetLength = args.length;
        PreparedSession p = prepareSession(file, options);
        for (const auto& d : p.diagnostics.items()) err << formatDiagnostic(d) << "\n";
        errors += p.diagnostics.count(Severity::Error);
        warnings += p.diagnostics.count(Severity::Warning);
        unreadable = unreadable || p.unreadable;
        if (p.ok()) {
            ++valid;
            printSummary(p, out);
        } else {
            ++invalid;
        }
    }
    const int scripts = static_cast<int>(args.scripts.size());
    out << format(trn("%d script checked: %d valid, %d with errors (%s, %s)",
                      "%d scripts checked: %d valid, %d with errors (%s, %s)", static_cast<unsigned long>(scripts)),
                  scripts, valid, invalid, count(trn("%d error", "%d errors", many(errors)), errors).c_str(),
                  count(trn("%d warning", "%d warnings", many(warnings)), warnings).c_str())
        << "\n";
    if (unreadable) return kExitUsage;
    return invalid > 0 ? kExitInvalid : kExitOk;
}

}  // namespace kindly
