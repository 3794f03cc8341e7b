// Parses the command line (CLI11) and dispatches to the commands.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <ostream>

#include "app/Commands.hpp"
#include "app/ParseFailure.hpp"
#include "platform/AppIdentity.hpp"
#include "platform/Language.hpp"
#include "script/Suggest.hpp"
#include "sources/BuiltinSounds.hpp"
#include "timeline/Timeline.hpp"
#include "ui/Display.hpp"
#include "ui/WindowApp.hpp"

namespace kindly {
namespace {

/// CLI11 validator: a duration as scripts write it ("10m", "1h", "90s").
struct DurationValidator : public CLI::Validator {
    DurationValidator() {
        name_ = "DURATION";
        func_ = [](const std::string& text) {
            auto parsed = parseDurationText(text);
            if (!parsed.value) return parsed.error;
            if (*parsed.value == 0) return std::string(tr("a target length must be longer than 0s"));
            return std::string();
        };
    }
};

void addLengthAndRate(CLI::App* command, std::string& length, int& rate) {
    command->add_option("--length", length,
                        tr("Target length, like 10m or 1h30m: elastic pauses stretch so the session lasts exactly this"))
        ->check(DurationValidator())
        ->type_name("DURATION");
    command->add_option("--rate", rate, tr("Output sample rate in Hz (default 48000)"))
        ->check(CLI::Range(kMinRate, kMaxRate))
        ->type_name("HZ");
}

/// The window's options, on `kindly` itself and on `play`.
void addWindowOptions(CLI::App* command, std::vector<std::string>& libraries, bool& highContrast, bool& fullscreen) {
    command->add_option("--library", libraries, tr("Also list the session scripts (*.toml) in this folder (repeatable)"))
        ->type_name("DIR")
        ->check(CLI::Validator(
            [](const std::string& folder) -> std::string {
                std::error_code ec;
                if (std::filesystem::is_directory(folder, ec)) return {};
                return format(std::filesystem::exists(folder, ec)
                                  ? tr("%s is a file; give the folder that holds the session scripts")
                                  : tr("%s: there is no such folder"),
                              folder.c_str());
            },
            "DIR"));
    command->add_flag("--high-contrast", highContrast, tr("Start the window in high contrast (H toggles it)"));
    command->add_flag("--fullscreen", fullscreen, tr("Start the window fullscreen (F11 toggles it)"));
}

std::vector<std::filesystem::path> toPaths(const std::vector<std::string>& texts) {
    return {texts.begin(), texts.end()};
}

std::optional<Nanos> optionalDuration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return parseDurationText(text).value;
}

}  // namespace

int runKindly(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{
        tr("Kindly plays guided self-compassion meditations written as TOML session scripts.\n"
           "Start with `kindly check SCRIPT` to find mistakes in a script, and\n"
           "`kindly timeline SCRIPT` to see what happens when, and\n"
           "`kindly render SCRIPT -o session.flac` to hear it.\n"
           "Run alone (`kindly`), it opens the library of sessions in a window."),
        "kindly"};
    app.require_subcommand(0, 1);
    // CLI11's own words in the listener's language too; every option and command inherits these.
    auto formatter = app.get_formatter();
    for (const char* label : {N_("Usage"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("REQUIRED"), N_("Positionals"),
                              N_("Excludes"), N_("Needs")})
        formatter->label(label, tr(label));
    app.option_defaults()->group(tr("Options"));
    app.set_help_flag("-h,--help", tr("Print this help message and exit"));
    app.failure_message(parseFailure);
    app.set_version_flag("--version", std::string("kindly ") + kVersion, tr("Print Kindly's version and exit"));
    LibraryArgs libraryArgs;
    std::vector<std::string> libraryFolders;
    addWindowOptions(&app, libraryFolders, libraryArgs.highContrast, libraryArgs.fullscreen);
    app.add_flag("--silent", libraryArgs.silent, tr("Play without sound: captions and timing only"));
    app.add_option("--device", libraryArgs.device, tr("Output device: a name (or part of one) or an index from `kindly devices`"))
        ->type_name("NAME|INDEX");
    bool credits = false;
    app.add_flag("--credits", credits, tr("Who made the field recordings Kindly plays, and their licenses"));
    std::string language;  // chosen in main() before this parser exists (see platform/Language.hpp)
    app.add_option("--language", language, tr("The language of Kindly's words (de, fr, es, en ...); default: the locale's"))
        ->type_name("LANG");
    app.footer(tr("Run `kindly COMMAND --help` for a command's options. Scripts are described in kindly-script(5); the manual is kindly(1)."));

    std::vector<std::string> checkFiles;
    std::string checkLength;
    int checkRate = 48000;
    CLI::App* check = app.add_subcommand(
        "check", tr("Check session scripts: print every problem as PATH:LINE:COLUMN: error: MESSAGE, then a summary "
                 "of each valid script. Exit 0 when all are valid, 1 when any has errors, 2 when a path cannot be read."));
    check->add_option("SCRIPT", checkFiles, tr("Session scripts (.toml) to check"))->required()->type_name("FILE");
    addLengthAndRate(check, checkLength, checkRate);

    std::string timelineFile, timelineLength;
    int timelineRate = 48000;
    bool detail = false;
    CLI::App* timeline = app.add_subcommand(
        "timeline", tr("Show when everything in a session happens: steps, chapters, voice, bells, breathing, pauses, "
                    "ambient fades (time as m:ss.mmm)."));
    timeline->add_option("SCRIPT", timelineFile, tr("The session script (.toml)"))->required()->type_name("FILE");
    addLengthAndRate(timeline, timelineLength, timelineRate);
    timeline->add_flag("--detail", detail, tr("Also list every breath phase and every ducking ramp"));
    std::string timelineSvgFile;
    timeline->add_option("--svg", timelineSvgFile, tr("Draw the session's shape as an SVG picture into OUT (lanes for voice, "
                                                   "captions, bells, breathing, pauses and each ambient layer; chapters as bands)"))
        ->type_name("OUT.svg");

    std::string renderOut, renderCaptions, renderLength;
    int renderRate = 48000;
    CLI::App* render = app.add_subcommand(
        "render", tr("Render a session to a sound file (WAV, FLAC, Ogg Vorbis, MP3 or Opus, by OUT's extension; 48 kHz "
                  "stereo by default), with its title, tags and chapters, optionally with WebVTT captions. The file "
                  "appears only when the render is complete."));
    std::vector<std::string> renderFiles;
    render->add_option("SCRIPT", renderFiles, tr("The session script (.toml); several go into the folder -o names"))
        ->required()
        ->type_name("FILE...");
    render->add_option("-o,--output", renderOut,
                       tr("The sound file to write: .wav, .flac, .ogg, .mp3 or .opus; for several scripts, a folder"))
        ->required()
        ->type_name("OUT");
    render->add_option("--captions", renderCaptions, tr("Also write the captions as WebVTT (.vtt) to this file"))
        ->type_name("OUT.vtt");
    addLengthAndRate(render, renderLength, renderRate);
    int renderThreads = 0;
    render->add_option("--threads", renderThreads,
                       tr("Mixing threads: 2 mixes the ambient layers on a second core, 1 mixes all on one; the file "
                       "is the same either way (default: 2 on a machine with two cores or more)"))
        ->check(CLI::Range(1, 2))
        ->type_name("1|2");
    int renderQuality = RenderArgs{}.quality;
    render->add_option("--quality", renderQuality,
                       tr("MP3, Opus and Ogg Vorbis: 0 (smallest) to 10 (best); 6, the default, is MP3 VBR V4 (about "
                       "150 kbit/s), Opus 96 kbit/s, Vorbis q6"))
        ->check(CLI::Range(0, 10))
        ->type_name("0-10");
    double renderLoudness = 0;
    CLI::Option* loudnessOption =
        render->add_option("--loudness", renderLoudness,
                           tr("Bring the whole file to this integrated loudness in LUFS, its true peak at most -1 dBTP: "
                           "-16 for listening on a phone (the podcast norm), -23 for broadcast (default: as mixed)"))
            ->check(CLI::Range(-40.0, -5.0))
            ->type_name("LUFS");
    std::string renderFadeOut;
    bool renderSleep = false;
    render->add_option("--fade-out", renderFadeOut,
                       tr("After the session's end, let the ambient sound play on and fade out over this long, "
                       "for falling asleep (\"30s\", \"5m\"); the voice is never cut"))
        ->check(DurationValidator())
        ->type_name("DURATION");
    render->add_flag("--sleep", renderSleep, tr("The same as --fade-out 10m: a long, gentle end to fall asleep to"))
        ->excludes(render->get_option("--fade-out"));
    std::string renderFormat = "mp3";
    render->add_option("--format", renderFormat,
                       tr("For several scripts: the files' format, by extension (default mp3)"))
        ->type_name("EXT");
    std::string renderAlbum;
    render->add_option("--album", renderAlbum, tr("The album tag (default: \"Kindly\")"))->type_name("NAME");

    // A word that is not a command gets a clear answer, not CLI11's generic one.
    PlayArgs play;
    std::string playFile, playLength, playFrom;
    CLI::App* playCommand = app.add_subcommand(
        "play", tr("Play a session live (the bundled Self-Compassion Break when no SCRIPT is given), in a window where "
                "there is a display (keys: see the README), else in the terminal. In the terminal: "
                "space pauses, arrows step, n/p skip chapters, +/- change the volume, v/a choose voice or ambient, "
                "q quits. When the output is not a terminal it prints the captions with their times."));
    playCommand->add_option("SCRIPT", playFile, tr("The session script (.toml)"))->type_name("FILE");
    playCommand->add_option("--length", playLength, tr("Target length, like 10m: elastic pauses stretch to fit"))
        ->check(DurationValidator())
        ->type_name("DURATION");
    playCommand->add_option("--from", playFrom, tr("Start at this step (by id), to preview part of a script"))->type_name("STEP");
    playCommand->add_option("--device", play.device, tr("Output device: a name (or part of one) or an index from `kindly devices`"))
        ->type_name("NAME|INDEX");
    playCommand->add_flag("--resume", play.resume, tr("Continue where you last stopped this script"));
    playCommand->add_flag("--no-window", play.noWindow, tr("Play in the terminal even when there is a display"));
    playCommand->add_flag("--stats", play.stats, tr("When the sound starts, how long after Kindly started; in the terminal, at the end: the longest audio callback and the underflows"));
    playCommand->add_flag("--watch", play.watch,
                          tr("Preview while you edit: when the script changes on disk, a valid new version goes on from the same "
                          "step; an invalid one keeps the last good version playing and shows its errors"));
    std::vector<std::string> playLibraries;
    addWindowOptions(playCommand, playLibraries, play.highContrast, play.fullscreen);
    playCommand->add_flag("--silent", play.silent, tr("Play without sound: captions and timing only"));
    playCommand->add_option("--rate", play.rate, tr("Preferred output rate in Hz (default 48000; the device may differ)"))
        ->check(CLI::Range(kMinRate, kMaxRate))
        ->type_name("HZ");
    CLI::App* devices = app.add_subcommand("devices", tr("List the sound output devices `kindly play --device` can use."));

    KioskArgs kioskArgs;
    std::string kioskConfig;
    CLI::App* kiosk = app.add_subcommand(
        "kiosk", tr("Run the kiosk: fullscreen and locked, the config's sessions, scheduled breaks, a usage log (see the "
                 "README's \"Running a kiosk\"). --check checks a kiosk config; --hash-pin makes the exit PIN's pin_hash "
                 "line from a PIN read on standard input."));
    kiosk->add_option("--config", kioskConfig, tr("The kiosk config (default $XDG_CONFIG_HOME/kindly/kiosk.toml)"))->type_name("FILE");
    kiosk->add_flag("--check", kioskArgs.check, tr("Check the config: every problem as PATH:LINE:COLUMN: error: MESSAGE"));
    kiosk->add_flag("--hash-pin", kioskArgs.hashPin, tr("Read a PIN (4 to 12 digits) from standard input and print its pin_hash"));
    kiosk->add_option("--device", kioskArgs.device, tr("Output device: a name (or part of one) or an index"))->type_name("NAME|INDEX");
    kiosk->add_flag("--silent", kioskArgs.silent, tr("No sound: captions and timing only"));
    std::string kioskLog;
    kiosk->add_option("--log", kioskLog, tr("The usage log (default $XDG_STATE_HOME/kindly/usage.sqlite)"))->type_name("FILE");

    RecordArgs recordArgs;
    std::string recordFile;
    CLI::App* record = app.add_subcommand(
        "record", tr("Record your own voice for a script, step by step, as a teleprompter: the words large, a count-in, "
                  "the take played back, keep / redo / skip. Kept takes are trimmed and saved as <voice_dir>/<step>.wav "
                  "(an earlier take is kept as <step>.take-N.wav). In the window where there is a display."));
    record->add_option("SCRIPT", recordFile, tr("The session script (.toml)"))->required()->type_name("FILE");
    record->add_option("--step", recordArgs.step, tr("Only this step (by id)"))->type_name("ID");
    record->add_flag("--all", recordArgs.all, tr("Every step with words (default: the ones not recorded yet)"));
    record->add_option("--input", recordArgs.input, tr("The microphone: a name (or part of one) or an index"))->type_name("DEVICE");
    record->add_option("--output", recordArgs.output, tr("Where takes play back (default: the default output)"))->type_name("DEVICE");
    record->add_flag("--no-playback", recordArgs.noPlayback, tr("Do not play takes back"));
    record->add_option("--count-in", recordArgs.countIn, tr("Seconds counted down before a take starts (default 3; 0: at once)"))
        ->check(CLI::Range(0.0, 30.0))
        ->type_name("SECONDS");
    record->add_flag("--no-window", recordArgs.noWindow, tr("Record in the terminal even when there is a display"));
    record->add_flag("--high-contrast", recordArgs.highContrast, tr("High-contrast colours in the window"));

    NewArgs newArgs;
    VoicesArgs voicesArgs;
    CLI::App* voices = app.add_subcommand("voices", tr("List the speech engines and their voices on this machine"));
    voices->add_option("ENGINE", voicesArgs.engine, tr("Only this engine, with every voice it has"));

    SayArgs sayArgs;
    std::string sayOut;
    CLI::App* say = app.add_subcommand(
        "say", tr("Speak a phrase as a script's [voice] would, to audition a voice (plays it, or -o writes it)"));
    say->add_option("TEXT", sayArgs.text, tr("The words to say"))->required();
    say->add_option("--engine", sayArgs.engine, tr("flite (default), espeak-ng, festival, or one of your voices.toml"));
    say->add_option("--name", sayArgs.name, tr("The engine's voice (see `kindly voices`)"));
    say->add_option("--language", sayArgs.language, tr("The language, for engines whose voice follows it (espeak-ng)"));
    say->add_option("--rate", sayArgs.rate, tr("Speaking rate, 0.5 to 2.0 (1.0: the engine's calm pace)"))->check(CLI::Range(0.5, 2.0));
    say->add_option("--pitch", sayArgs.pitch, tr("Pitch in semitones, -12 to 12"))->check(CLI::Range(-12.0, 12.0));
    say->add_option("-o,--output", sayOut, tr("Write a sound file (WAV, FLAC or Ogg, by its extension) instead of playing"));
    say->add_option("--device", sayArgs.device, tr("Output device: a name (or part of one) or an index from `kindly devices`"));
    say->add_flag("--silent", sayArgs.silent, tr("Play without sound (captions only)"));

    CLI::App* newCommand = app.add_subcommand(
        "new", tr("Write a commented starter script NAME.toml (it checks clean and plays at once) to make your own session."));
    newCommand->add_option("NAME", newArgs.name, tr("The new script's name or path (.toml is added)"))->required();
    newCommand->add_option("--language", newArgs.language,
                           tr("The script's language, its comments and words too (de, fr, es, en ...); default: Kindly's "
                              "language"))
        ->type_name("LANG");

    BreaksArgs breaksArgs;
    std::string breaksConfig, breaksLog;
    CLI::App* breaks = app.add_subcommand(
        "breaks", tr("Scheduled breaks at your desk: waits quietly (no window) and opens a break window at the "
                  "schedule's times, with start now, later and skip. The config is a kiosk config's [[session]] and "
                  "[schedule] (see the README's \"Breaks at a desk\"); without one, a three-minute break every hour "
                  "from 09:00 to 17:00."));
    breaks->add_option("--config", breaksConfig, tr("The config (default $XDG_CONFIG_HOME/kindly/breaks.toml)"))->type_name("FILE");
    breaks->add_flag("--check", breaksArgs.check, tr("Check the config and print when the next breaks are"));
    breaks->add_flag("--now", breaksArgs.now, tr("Begin with a break now (its notice first), then follow the schedule"));
    breaks->add_option("--device", breaksArgs.device, tr("Output device: a name (or part of one) or an index"))->type_name("NAME|INDEX");
    breaks->add_flag("--silent", breaksArgs.silent, tr("No sound: captions and timing only"));
    breaks->add_option("--log", breaksLog, tr("The usage log (default $XDG_STATE_HOME/kindly/usage.sqlite)"))->type_name("FILE");

    StatsArgs statsArgs;
    std::string statsLog;
    CLI::App* stats = app.add_subcommand("stats", tr("Summarize the kiosk's usage log: sessions per day, completion rate, "
                                                  "most used sessions; or every row as CSV."));
    stats->add_option("--since", statsArgs.since, tr("Only from this day on (local time)"))->type_name("YYYY-MM-DD");
    stats->add_flag("--csv", statsArgs.csv, tr("Every row as CSV: time (UTC), event, script, length_seconds, scheduled"));
    stats->add_option("--log", statsLog, tr("The usage log (default $XDG_STATE_HOME/kindly/usage.sqlite)"))->type_name("FILE");

    std::vector<std::string> names;
    for (CLI::App* command : app.get_subcommands({})) {
        command->group(tr("Subcommands"));
        names.push_back(command->get_name());
    }
    if (const std::string first = argc > 1 ? argv[1] : "";
        !first.empty() && first[0] != '-' && std::find(names.begin(), names.end(), first) == names.end()) {
        err << format(tr("kindly: unknown command '%s'"), first.c_str()) << didYouMean(first, names) << "\n"
            << tr("Run `kindly --help` to see the commands.") << "\n";
        return kExitUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e, out, err);
        return status == 0 ? kExitOk : kExitUsage;
    }

    if (credits) {
        out << tr("Kindly's ambient beds are field recordings by these people, with thanks:") << "\n";
        for (const auto& line : soundCreditLines()) out << "  " << line << "\n";
        out << tr("The bells, the stream bed and the noises are synthesized by Kindly (tools/make-sounds.cpp).") << "\n"
            << tr("Synthesized speech: flite (CMU), eSpeak NG, Festival with the HTS voice cmu_us_slt_arctic (CMU, NITECH).")
            << "\n";
        return kExitOk;
    }
    if (app.get_subcommands().empty()) {
        // `kindly` alone: the library in a window, or the help where there is no display.
        libraryArgs.libraries = toPaths(libraryFolders);
        std::string why;
        if (argc < 2 && !ui::windowAvailable(why)) {
            out << app.help();
            return kExitOk;
        }
        return runLibrary(libraryArgs, out, err);
    }
    if (check->parsed()) {
        CheckArgs args;
        for (const auto& f : checkFiles) args.scripts.emplace_back(f);
        args.length = optionalDuration(checkLength);
        args.rate = checkRate;
        return runCheck(args, out, err);
    }
    if (playCommand->parsed()) {
        play.script = playFile;
        play.libraries = toPaths(playLibraries);
        play.length = optionalDuration(playLength);
        if (!playFrom.empty()) play.from = playFrom;
        return runPlay(play, out, err);
    }
    if (devices->parsed()) return runDevices(out, err);
    if (kiosk->parsed()) {
        kioskArgs.config = kioskConfig;
        kioskArgs.log = kioskLog;
        return runKiosk(kioskArgs, std::cin, out, err);
    }
    if (newCommand->parsed()) return runNew(newArgs, out, err);
    if (voices->parsed()) return runVoices(voicesArgs, out, err);
    if (say->parsed()) {
        sayArgs.output = sayOut;
        return runSay(sayArgs, out, err);
    }
    if (record->parsed()) {
        recordArgs.script = recordFile;
        return runRecord(recordArgs, out, err);
    }
    if (breaks->parsed()) {
        breaksArgs.config = breaksConfig;
        breaksArgs.log = breaksLog;
        return runBreaks(breaksArgs, out, err);
    }
    if (stats->parsed()) {
        statsArgs.log = statsLog;
        return runStats(statsArgs, out, err);
    }
    if (render->parsed()) {
        RenderArgs args;
        args.script = renderFiles.front();
        args.output = renderOut;
        if (!renderCaptions.empty()) args.captions = renderCaptions;
        args.length = optionalDuration(renderLength);
        args.rate = renderRate;
        args.threads = renderThreads;
        args.quality = renderQuality;
        if (loudnessOption->count() > 0) args.loudness = renderLoudness;
        args.fadeOut = renderSleep ? std::optional<Nanos>(Nanos{600} * kNanosPerSecond) : optionalDuration(renderFadeOut);
        std::error_code ec;
        if (renderFiles.size() > 1 || std::filesystem::is_directory(renderOut, ec) || renderOut.back() == '/')
            return runRenderAll(args, toPaths(renderFiles), renderFormat, out, err);
        if (!renderAlbum.empty()) args.album = renderAlbum;
        return runRender(args, out, err);
    }
    TimelineArgs args;
    args.script = timelineFile;
    args.length = optionalDuration(timelineLength);
    args.rate = timelineRate;
    args.detail = detail;
    args.svg = timelineSvgFile;
    return runTimeline(args, out, err);
}

}  // namespace kindly
