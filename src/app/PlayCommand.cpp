// `kindly play [SCRIPT]`: live playback, in the window when there is a display (src/ui/),
// else with a terminal player; and `kindly` alone: the library in the window.

#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <ostream>
#include <sstream>

#include "app/Commands.hpp"
#include "app/PrepareOrReport.hpp"
#include "app/InterruptGuard.hpp"
#include "app/Terminal.hpp"
#include "live/ScriptReload.hpp"
#include "session/PrepareSession.hpp"
#include "library/Library.hpp"
#include "live/LiveOutput.hpp"
#include "live/LiveSession.hpp"
#include "live/ResumeState.hpp"
#include "live/SessionRunner.hpp"
#include "platform/Language.hpp"
#include "platform/ProcessAge.hpp"
#include "output/PortAudioOutput.hpp"
#include "platform/Paths.hpp"
#include "player/Player.hpp"
#include "script/Suggest.hpp"
#include "ui/Display.hpp"
#include "ui/WindowApp.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {


/// Raw keys from a terminal, restored on exit.
std::string clock(Frames frames, int rate) { return formatClockSeconds(nanosFromFrames(frames, rate)); }

int terminalWidth() {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col;
    return 80;
}

/// Cuts text into lines of at most `width` bytes at spaces.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(i, end - i);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        i = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

const char* breathWord(std::optional<BreathPhase> phase) {
    if (!phase) return "";
    switch (*phase) {
        case BreathPhase::In: return tr("breathe in");
        case BreathPhase::Hold: return tr("hold");
        case BreathPhase::Out: return tr("breathe out");
        default: return tr("rest");
    }
}

/// Redraws the terminal player in place.
class Screen {
public:
    Screen(std::ostream& out, const Script& script, const Timeline& timeline)
        : out_(out), script_(script), timeline_(timeline) {
        out_ << "\x1b[?25l";  // hide the cursor
    }
    ~Screen() { out_ << "\x1b[?25h\n" << std::flush; }

    void draw(const PlayerSnapshot& s, const std::string& status, Player::Volume selected) {
        const int width = std::min(terminalWidth(), 100);
        std::vector<std::string> lines;
        lines.push_back("\x1b[1m" + script_.session.title + "\x1b[0m");
        lines.push_back(s.chapter >= 0 ? timeline_.chapters[static_cast<std::size_t>(s.chapter)].title : "");
        lines.emplace_back();
        auto caption = wrap(s.caption.value_or(""), static_cast<std::size_t>(width - 4));
        caption.resize(std::max<std::size_t>(caption.size(), 3));
        for (const auto& l : caption) lines.push_back("  " + l);
        lines.push_back(std::string("  ") + breathWord(s.breath));
        lines.emplace_back();
        const int barWidth = width - 24;
        const double fraction = timeline_.length > 0 ? std::min(1.0, static_cast<double>(s.position) / timeline_.length) : 1.0;
        const int filled = static_cast<int>(fraction * barWidth);
        lines.push_back(clock(s.position, timeline_.rate) + " [" + std::string(static_cast<std::size_t>(filled), '#') +
                        std::string(static_cast<std::size_t>(barWidth - filled), '.') + "] -" +
                        clock(std::max<Frames>(0, timeline_.length - s.position), timeline_.rate));
        const char* state = s.state == PlayerState::Paused    ? tr("paused")
                            : s.state == PlayerState::Waiting ? tr("waiting: press any key to continue")
                            : s.state == PlayerState::Ended   ? tr("the end")
                                                              : tr("playing");
        // The volume being changed is in brackets: "[voice 80%]  ambient 60%".
        const auto volume = [&](const char* pattern, double value, Player::Volume which) {
            const std::string text = format(pattern, static_cast<int>(std::lround(value * 100)));
            return selected == which ? "[" + text + "]" : text;
        };
        lines.push_back(std::string(state) + "   " + volume(tr("voice %d%%"), s.voiceVolume, Player::Volume::Voice) + "  " +
                        volume(tr("ambient %d%%"), s.ambientVolume, Player::Volume::Ambient));
        lines.push_back(status);
        lines.emplace_back(tr("space pause  <- -> step  n p chapter  + - volume  v a voice/ambient  q quit"));
        if (drawn_ > 0) out_ << "\x1b[" << drawn_ << "F";  // back to the first line
        for (const auto& l : lines) out_ << "\x1b[2K" << l << "\n";
        out_ << std::flush;
        drawn_ = static_cast<int>(lines.size());
    }

private:
    std::ostream& out_;
    const Script& script_;
    const Timeline& timeline_;
    int drawn_ = 0;
};

/// `watch`: follow edits to the script (prepared again with `options`); `started` is called
/// once the sound has started.
int playInTerminal(std::unique_ptr<LiveSession> live, LiveOutput& output, const InterruptGuard& guard, bool watch, bool stats,
                   const PrepareOptions& options, std::ostream& out, std::ostream& err, const std::function<void()>& started);

}  // namespace

namespace {

struct ReadySession {
    std::unique_ptr<LiveSession> live;  ///< null when refused
    int status = kExitOk;               ///< why it was refused
};

/// The session made ready to play from where it should start: prepared (its problems printed
/// to `err`), then at --from's step, else --resume's, else the beginning. Any thread.
ReadySession readySession(const fs::path& script, const PrepareOptions& options, const PlayArgs& args, std::ostream& err) {
    ReadySession ready;
    auto prepared = prepareOrReport(script, options, err, ready.status);
    if (!prepared) return ready;
    const Script& checked = *prepared->script;
    int startStep = 0;
    if (const auto& from = args.from) {
        startStep = findStep(checked, *from);
        if (startStep < 0) {
            std::vector<std::string> ids;
            for (const auto& step : checked.steps) ids.push_back(step.id);
            err << "kindly: " << format(tr("no step '%s' in %s"), from->c_str(), script.c_str()) << didYouMean(*from, ids)
                << "\n";
            ready.status = kExitUsage;
            return ready;
        }
    } else if (const auto place = args.resume ? ResumeState().placeIn(script, checked) : std::nullopt) {
        // A saved place the script no longer has (the step renamed or removed since, or the
        // state file damaged) is a reason to start afresh, not to refuse to play.
        if (place->index >= 0) startStep = place->index;
        else
            err << "kindly: "
                << format(tr("the saved place in %s (step '%s') is no longer in the script; playing from the start"),
                          script.c_str(), place->step.c_str())
                << "\n";
    }
    ready.live = makeLiveSession(script, std::move(*prepared), startStep);
    return ready;
}

}  // namespace

int runPlay(const PlayArgs& args, std::ostream& out, std::ostream& err) {
    fs::path script = args.script;
    if (script.empty()) {
        const auto data = bundledDataDir();
        if (!data) {
            err << "kindly: " << tr("no script given and the bundled sessions were not found (set KINDLY_DATA_DIR)") << "\n";
            return kExitUsage;
        }
        script = *data / "scripts" / "self-compassion-break.toml";
    }

    // The device decides the rate; without one, a silent clock keeps time.
    auto output = std::make_unique<LiveOutput>();
    LiveOutputOptions outputOptions{args.device, args.silent, args.rate};
    if (std::string error; !output->open(outputOptions, error)) {
        err << "kindly: " << error << "\n";
        return kExitUsage;
    }

    PrepareOptions options;
    options.rate = output->rate();
    options.targetLength = args.length;
    InterruptGuard guard;  // from here: Ctrl-C ends a speech engine, or the session, cleanly
    // The session is made ready on another thread from here (its speech verified or made, its
    // loudness measured, its clips resampled) while the window opens: the first sound comes that
    // much sooner. A script whose own words have errors is reported before any window opens.
    std::future<ReadySession> readying;
    std::ostringstream readyErr;  // the other thread's words, printed once it is done
    if (!loadScriptFile(script).diagnostics.hasErrors())
        readying = std::async(std::launch::async, [&] { return readySession(script, options, args, readyErr); });
    auto finish = [&]() -> ReadySession {
        if (!readying.valid()) return readySession(script, options, args, err);
        ReadySession ready = readying.get();
        err << readyErr.str();
        return ready;
    };
    // --stats: when the sound started, counted from the moment Kindly was started.
    auto reportFirstSound = [&] {
        if (const auto age = processAgeMs(); args.stats && age) err << "stats: first sound " << *age << " ms after start\n" << std::flush;
    };

    if (!args.noWindow && ui::displayNamed() && readying.valid()) {
        try {
            ui::WindowOptions windowOptions;
            windowOptions.libraryFolders = libraryFolders(args.libraries);
            windowOptions.output = outputOptions;
            windowOptions.highContrast = args.highContrast;
            windowOptions.fullscreen = args.fullscreen;
            windowOptions.watch = args.watch;
            windowOptions.watchOptions = options;
            ui::WindowApp app(windowOptions);  // throws, saying why, when no window can open
            ReadySession ready = finish();
            if (!ready.live) return ready.status;  // refused before any sound
            if (!output->note().empty()) err << output->note() << "\n";
            app.startSession(std::move(output), std::move(ready.live));
            reportFirstSound();
            app.run([&] { return guard.requested(); });
            return kExitOk;
        } catch (const std::exception& e) {
            err << "kindly: " << e.what() << tr("; playing in the terminal") << "\n";
        }
    }
    ReadySession ready = finish();
    if (!ready.live) return ready.status;  // refused before any sound
    std::unique_ptr<LiveSession> live = std::move(ready.live);
    // The window prints the session's warnings itself as it starts it (as it does for a session
    // chosen in its library); the terminal player's are printed here.
    printWarnings(err, script, live->warnings);
    return playInTerminal(std::move(live), *output, guard, args.watch, args.stats, options, out, err, reportFirstSound);
}

namespace {

int playInTerminal(std::unique_ptr<LiveSession> session, LiveOutput& output, const InterruptGuard& guard, bool watch, bool stats,
                   const PrepareOptions& options, std::ostream& out, std::ostream& err, const std::function<void()>& started) {
    const fs::path script = session->file;
    std::string shownProblem;  // the new version's diagnostics, printed once

    if (!output.note().empty()) err << output.note() << "\n";
    SessionRunner runner;
    if (watch) runner.follow(options);
    runner.start(output, std::move(session));
    started();
    LiveSession* live = runner.session();

    const bool interactive = isatty(STDOUT_FILENO) != 0;
    RawTerminal keys;
    std::unique_ptr<Screen> screen;
    if (interactive) screen = std::make_unique<Screen>(out, live->script(), live->timeline());
    else out << live->script().session.title << "\n" << std::flush;
    Player::Volume selected = Player::Volume::Voice;
    std::string status = output.status();
    bool ended = false;
    // With --watch the preview stays open at the end, for the next edit.
    while (!guard.requested() && (!ended || watch)) {
        const int key = keys.key(interactive ? 100 : 50);
        // A new version on disk (prepared by the runner on a worker): it takes over at the same
        // place, or the old one plays on.
        if (const auto reload = runner.poll(); reload && reload->tookOver) {
            live = runner.session();
            printWarnings(err, script, live->warnings);
            shownProblem.clear();
            if (screen) screen = std::make_unique<Screen>(out, live->script(), live->timeline());
            else
                out << clock(live->player->snapshot().position, live->timeline().rate) << "  "
                    << format(tr("(reloaded: step %s)"),
                              live->script().steps[static_cast<std::size_t>(live->player->snapshot().step)].id.c_str())
                    << "\n"
                    << std::flush;
        } else if (reload) {
            std::string problem;
            for (const auto& line : reload->diagnostics) problem += line + "\n";
            if (problem != shownProblem) {
                err << problem << "kindly: " << tr("the new version has errors; still playing the last good one") << "\n"
                    << std::flush;
                shownProblem = problem;
            }
        }
        Player& player = *live->player;
        const Timeline& timeline = live->timeline();
        const PlayerSnapshot now = player.snapshot();
        if (now.state == PlayerState::Waiting && key >= 0 && key != 'q') {
            player.continueAfterWait();
        } else if (key == ' ') {
            player.togglePause();
        } else if (key == 1000 + 'C') {
            player.nextStep();
        } else if (key == 1000 + 'D') {
            player.previousStep();
        } else if (key == 'n') {
            player.nextChapter();
        } else if (key == 'p') {
            player.previousChapter();
        } else if (key == '+' || key == '=' || key == 1000 + 'A') {
            player.setVolume(selected, player.volume(selected) + 0.05);
        } else if (key == '-' || key == 1000 + 'B') {
            player.setVolume(selected, player.volume(selected) - 0.05);
        } else if (key == 'v') {
            selected = Player::Volume::Voice;
        } else if (key == 'a') {
            selected = Player::Volume::Ambient;
        } else if (key == 'q') {
            break;
        }
        // The device: pauses when it is lost, goes on when it is back.
        const auto change = output.watch(player);
        if (change != LiveOutput::Change::None && !interactive)
            out << clock(player.snapshot().position, timeline.rate) << "  ("
                << (change == LiveOutput::Change::Lost ? output.status() : std::string(tr("the sound device is back"))) << ")\n"
                << std::flush;
        status = output.status();
        for (const auto& w : player.takeWarnings()) err << script.string() << ": " << tr("warning") << ": " << w << "\n";
        for (const PlayerEvent& e : player.pollEvents()) {
            if (e.kind == PlayerEvent::Kind::Ended) {
                ended = true;
                if (watch && !interactive)
                    out << clock(e.snapshot.position, timeline.rate) << "  " << tr("the end (watching for changes)") << "\n"
                        << std::flush;
            }
            if (e.kind == PlayerEvent::Kind::Step) ended = false;
            if (!interactive && e.kind == PlayerEvent::Kind::Caption && e.snapshot.caption)
                out << clock(e.snapshot.position, timeline.rate) << "  " << *e.snapshot.caption << "\n" << std::flush;
            if (!interactive && e.kind == PlayerEvent::Kind::State && e.snapshot.state == PlayerState::Waiting)
                out << clock(e.snapshot.position, timeline.rate) << "  " << tr("(waiting for the listener)") << "\n" << std::flush;
        }
        if (screen) screen->draw(player.snapshot(), status, selected);
        if (!interactive && player.snapshot().state == PlayerState::Waiting) player.continueAfterWait();
    }
    screen.reset();
    const int rate = live->timeline().rate;
    // The runner stops the output and remembers where the listener stopped (or forgets it once
    // the session is complete).
    const PlayerSnapshot last = runner.end()->last;
    if (!interactive) out << clock(last.position, rate) << "  " << (ended ? tr("the end") : tr("stopped")) << "\n";
    if (stats) {
        char line[200];
        const double blockMs = last.worstCallbackFrames * 1000.0 / rate;
        std::snprintf(line, sizeof line, "stats: worst audio callback %.3f ms (a block of %lld frames, %.2f ms of sound); underflows %lld\n",
                      last.worstCallbackNs / 1e6, last.worstCallbackFrames, blockMs, last.underflows + last.deviceUnderflows);
        err << line;
    }
    if (last.underflows + last.deviceUnderflows > 0) {
        err << "kindly: "
            << format(tr("%lld underflows during playback (%lld with no audio ready, %lld reported by the device)"),
                      static_cast<long long>(last.underflows + last.deviceUnderflows), static_cast<long long>(last.underflows),
                      static_cast<long long>(last.deviceUnderflows))
            << "\n";
    }
    return kExitOk;
}

}  // namespace

int runLibrary(const LibraryArgs& args, std::ostream& out, std::ostream& err) {
    std::string why;
    if (!ui::windowAvailable(why)) {
        err << "kindly: " << format(tr("the library needs a window, and %s."), why.c_str()) << "\n"
            << tr("In a terminal, play a session with `kindly play [SCRIPT]`; `kindly --help` lists the commands.") << "\n";
        return kExitUsage;
    }
    InterruptGuard guard;
    try {
        ui::WindowOptions window;
        window.libraryFolders = libraryFolders(args.libraries);
        window.output = {args.device, args.silent, args.rate};
        window.highContrast = args.highContrast;
        window.fullscreen = args.fullscreen;
        ui::WindowApp app(std::move(window));
        app.run([&] { return guard.requested(); });
    } catch (const std::exception& e) {
        err << "kindly: " << e.what() << "\n";
        return kExitFailure;
    }
    (void)out;
    return kExitOk;
}

int runDevices(std::ostream& out, std::ostream& err) {
    PortAudioSystem portaudio;
    if (!portaudio.ok()) {
        err << "kindly: " << tr("the sound system could not start") << "\n";
        return kExitFailure;
    }
    for (const bool inputs : {false, true}) {
        const auto devices = portaudio.outputDevices(inputs);
        out << (inputs ? std::string("\n") + tr("Input devices (for `kindly record --input`):")
                       : std::string(tr("Output devices (for `kindly play --device`):")))
            << "\n";
        if (devices.empty())
            out << "  " << (inputs ? tr("none: `kindly record` needs a microphone.") : tr("none: `kindly play` will play silently."))
                << "\n";
        for (const auto& d : devices) {
            char line[256];
            std::snprintf(line, sizeof line, "%s%3d  %s  (%s)\n", d.isDefault ? "*" : " ", d.index, d.name.c_str(),
                          format(trn("%s, %d channel, %.0f Hz", "%s, %d channels, %.0f Hz", static_cast<unsigned long>(d.channels)),
                                 d.hostApi.c_str(), d.channels, d.defaultRate)
                              .c_str());
            out << line;
        }
    }
    out << tr("* the default. Choose by name (or part of one) or index.") << "\n";
    return kExitOk;
}

}  // namespace kindly
