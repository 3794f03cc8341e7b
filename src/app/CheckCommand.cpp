// `kindly check SCRIPT...`: compiler-style diagnostics, then a summary per valid script.

#include <ostream>

#include "app/Commands.hpp"
#include "session/PrepareSession.hpp"

namespace kindly {
namespace {

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

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
    out << script.file.string() << ": ok: \"" << script.session.title << "\"\n";
    out << "  length " << formatClock(nanosFromFrames(tl.length, tl.rate));
    if (tl.hasElastic) {
        out << " (reachable " << formatClock(tl.minLength) << " to " << formatClock(tl.maxLength) << ")";
    }
    out << "; " << plural(static_cast<int>(script.steps.size()), "step") << ", "
        << plural(static_cast<int>(tl.chapters.size()), "chapter") << "\n";
    out << "  voice: " << recorded << " recorded, " << clips << " clip" << (clips == 1 ? "" : "s") << ", "
        << synthesized << " synthesized";
    if (synthesized > 0) out << (p.synthesized > 0 ? " (" + std::to_string(p.synthesized) + " new)" : " (cached)");
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
    out << plural(static_cast<int>(args.scripts.size()), "script") << " checked: " << valid << " valid, " << invalid
        << " with errors (" << plural(errors, "error") << ", " << plural(warnings, "warning") << ")\n";
    if (unreadable) return kExitUsage;
    return invalid > 0 ? kExitInvalid : kExitOk;
}

}  // namespace kindly
