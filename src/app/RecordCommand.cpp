// `kindly record SCRIPT`: the teleprompter recorder, in the window where there is a display,
// else in the terminal. Both follow a RecordingFlow (record/RecordingFlow.hpp).

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>
#include <ostream>
#include <string>

#include "app/Commands.hpp"
#include "app/InterruptGuard.hpp"
#include "app/Terminal.hpp"
#include "record/RecordingFlow.hpp"
#include "script/ScriptLoader.hpp"
#include "sources/MediaResolver.hpp"
#include "script/Suggest.hpp"
#include "ui/Display.hpp"
#include "ui/RecordWindow.hpp"
#include "ui/WindowApp.hpp"

namespace kindly {
namespace {

std::string meter(double db, int width) {
    const int filled = std::clamp(static_cast<int>((db + 60.0) / 60.0 * width), 0, width);
    return "[" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '-') + "]";
}

std::string phaseName(RecordingFlow::Phase phase) {
    switch (phase) {
        case RecordingFlow::Phase::Ready: return "ready";
        case RecordingFlow::Phase::CountIn: return "count-in";
        case RecordingFlow::Phase::Recording: return "recording";
        case RecordingFlow::Phase::Playback: return "playing back";
        case RecordingFlow::Phase::Decide: return "keep, redo or skip";
        case RecordingFlow::Phase::Done: return "done";
        case RecordingFlow::Phase::Failed: return "failed";
    }
    return "";
}

int recordInTerminal(RecordingFlow& flow, const InterruptGuard& guard, std::ostream& out) {
    const bool interactive = isatty(STDOUT_FILENO) != 0;
    RawTerminal keys(/*fromPipe=*/true);
    out << flow.summary() << "\n" << "Microphone: " << flow.micName() << "\n";
    if (!flow.message().empty()) out << flow.message() << "\n";
    out << "Keys: space record / stop, k keep, r redo, s skip, q quit. A take also ends by itself after 3 s of quiet.\n"
        << std::flush;
    int shownPosition = -1;
    RecordingFlow::Phase shownPhase = RecordingFlow::Phase::Failed;
    std::string shownMessage = flow.message();
    int drawn = 0;
    while (!guard.requested() && flow.phase() != RecordingFlow::Phase::Done) {
        const auto phase = flow.phase();
        // From a pipe, keys are taken only when a choice is due (the rest runs by itself).
        const bool choosing = phase == RecordingFlow::Phase::Ready || phase == RecordingFlow::Phase::Decide;
        int key = -1;
        if (keys.active() || choosing) key = keys.key(50);
        else std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (choosing && keys.pipeEnded()) flow.act(RecordingFlow::Action::Quit);  // nothing more will be decided
        if (key == ' ' || key == '\n' || key == '\r') flow.act(RecordingFlow::Action::Start);
        else if (key == 'k') flow.act(RecordingFlow::Action::Keep);
        else if (key == 'r') flow.act(RecordingFlow::Action::Redo);
        else if (key == 's') flow.act(RecordingFlow::Action::Skip);
        else if (key == 'q' || key == 27) flow.act(RecordingFlow::Action::Quit);
        flow.update();
        if (flow.phase() == RecordingFlow::Phase::Failed) break;
        const auto& step = flow.current();
        if (interactive) {
            std::vector<std::string> lines;
            lines.push_back("\x1b[1mStep " + std::to_string(flow.position() + 1) + " of " + std::to_string(flow.count()) + ": " +
                            step.id + "\x1b[0m  (" + phaseName(flow.phase()) + ")");
            lines.push_back("  \"" + step.words + "\"");
            std::string state = "  " + meter(flow.levelDb(), 30) + (flow.clippingNow() ? " CLIP" : "     ");
            if (flow.phase() == RecordingFlow::Phase::CountIn) state += "  recording in " + std::to_string(flow.countdown()) + "...";
            if (flow.phase() == RecordingFlow::Phase::Recording)
                state += "  \x1b[31m● REC\x1b[0m " + std::to_string(static_cast<int>(flow.takeSeconds())) + " s";
            lines.push_back(state);
            lines.push_back("  " + flow.message());
            if (drawn > 0) out << "\x1b[" << drawn << "F";
            for (const auto& l : lines) out << "\x1b[2K" << l << "\n";
            out << std::flush;
            drawn = static_cast<int>(lines.size());
        } else {
            if (flow.position() != shownPosition) {
                out << "Step " << flow.position() + 1 << " of " << flow.count() << ": " << step.id << ": \"" << step.words << "\"\n";
                shownPosition = flow.position();
            }
            if (flow.phase() != shownPhase) {
                shownPhase = flow.phase();
                out << "  " << phaseName(shownPhase);
                if (shownPhase == RecordingFlow::Phase::Playback || shownPhase == RecordingFlow::Phase::Decide)
                    out << " (take " << static_cast<int>(flow.takeSeconds() * 10) / 10.0 << " s)";
                out << "\n";
            }
            if (flow.message() != shownMessage) {
                shownMessage = flow.message();
                if (!shownMessage.empty()) out << "  " << shownMessage << "\n";
            }
            out << std::flush;
        }
    }
    if (flow.phase() == RecordingFlow::Phase::Failed) {
        std::cerr << "kindly: " << flow.error() << "\n";
        return kExitFailure;
    }
    flow.act(RecordingFlow::Action::Quit);
    out << (interactive ? "\n" : "") << flow.summary() << "\n";
    return kExitOk;
}

}  // namespace

int runRecord(const RecordArgs& args, std::ostream& out, std::ostream& err) {
    const ScriptLoad load = loadScriptFile(args.script);
    for (const auto& d : load.diagnostics.items()) err << formatDiagnostic(d) << "\n";
    if (!load.script || load.diagnostics.hasErrors()) return load.unreadable ? kExitUsage : kExitInvalid;
    const Script& script = *load.script;
    std::vector<int> steps;
    if (!args.step.empty()) {
        const auto found = std::find_if(script.steps.begin(), script.steps.end(), [&](const Step& s) { return s.id == args.step; });
        if (found == script.steps.end()) {
            std::vector<std::string> ids;
            for (const auto& s : script.steps) ids.push_back(s.id);
            err << "kindly: no step '" << args.step << "' in " << args.script.string() << didYouMean(args.step, ids) << "\n";
            return kExitUsage;
        }
        if (!found->say) {
            err << "kindly: step '" << args.step << "' has no words (say) to record\n";
            return kExitUsage;
        }
        steps.push_back(static_cast<int>(found - script.steps.begin()));
    } else {
        // The steps still spoken by the synthesized voice; all of them with --all (or when
        // every one is recorded already).
        std::vector<int> all;
        for (std::size_t i = 0; i < script.steps.size(); ++i) {
            const Step& s = script.steps[i];
            if (!s.say || s.clip) continue;
            all.push_back(static_cast<int>(i));
            if (!findRecordedClip(script.session.voiceDir, s.id)) steps.push_back(static_cast<int>(i));
        }
        if (args.all || steps.empty()) steps = all;
    }
    RecordOptions options;
    options.input = args.input;
    options.output = args.output;
    options.playBack = !args.noPlayback;
    options.countIn = args.countIn;
    InterruptGuard guard;
    RecordingFlow flow(script, steps, options);
    if (flow.phase() == RecordingFlow::Phase::Failed) {
        err << "kindly: " << flow.error() << "\n";
        return flow.noSuchInput() ? kExitUsage : kExitFailure;
    }
    out << "Recording \"" << script.session.title << "\" into " << flow.voiceDir().string() << "\n";
    if (!args.noWindow) {
        std::string why;
        if (ui::windowAvailable(why)) {
            try {
                ui::RecordWindow window(flow, script.session.title, args.highContrast);
                window.run([&] { return guard.requested(); });
                if (flow.phase() == RecordingFlow::Phase::Failed) {  // the microphone was lost
                    err << "kindly: " << flow.error() << "\n";
                    return kExitFailure;
                }
                flow.act(RecordingFlow::Action::Quit);
                out << flow.summary() << "\n";
                return kExitOk;
            } catch (const std::exception& e) {
                err << "kindly: " << e.what() << "; recording in the terminal\n";
            }
        } else if (ui::displayNamed()) {
            err << "kindly: " << why << "; recording in the terminal\n";
        }
    }
    return recordInTerminal(flow, guard, out);
}

}  // namespace kindly
