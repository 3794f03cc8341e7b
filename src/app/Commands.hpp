#pragma once
// The command line's commands. Each writes to the given streams and returns the exit status:
// 0 success, 1 the script has errors, 2 a bad command line or an unreadable path,
// 3 the work itself failed (a full disk), 130 interrupted.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "platform/Clock.hpp"
#include "script/Duration.hpp"

namespace kindly {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 3;       ///< the work failed (e.g. the disk is full)

struct CheckArgs {
    std::vector<std::filesystem::path> scripts;
    std::optional<Nanos> length;
    int rate = 48000;
};
int runCheck(const CheckArgs& args, std::ostream& out, std::ostream& err);

struct TimelineArgs {
    std::filesystem::path script;
    std::optional<Nanos> length;
    int rate = 48000;
    bool detail = false;  ///< also every breath phase and duck ramp
    std::filesystem::path svg;  ///< draw it as SVG into this file instead of the table
};
int runTimeline(const TimelineArgs& args, std::ostream& out, std::ostream& err);

struct RenderArgs {
    std::filesystem::path script;
    std::filesystem::path output;
    std::optional<std::filesystem::path> captions;
    std::optional<Nanos> length;
    int rate = 48000;
    bool progress = true;  ///< a progress bar when stderr is a terminal
    int threads = 0;       ///< mixing threads: 1, or 2 (the ambient on its own); 0: by the machine's cores
    int quality = 6;       ///< lossy formats: 0 (smallest) to 10 (best)
    std::string album = "Kindly";
    std::optional<double> loudness;  ///< LUFS, integrated over the file; nullopt: as mixed
    std::optional<Nanos> fadeOut;    ///< the beds fade over this long after the session's end
    int track = 0, tracks = 0;       ///< its place among several rendered at once (0: alone)
};
int runRender(const RenderArgs& args, std::ostream& out, std::ostream& err);
/// Several scripts into the folder `args.output`, each as NAME.`extension` (".mp3", ...), with
/// track numbers in the order given; `args.script` and `args.captions` are not used.
int runRenderAll(RenderArgs args, const std::vector<std::filesystem::path>& scripts, const std::string& extension,
                 std::ostream& out, std::ostream& err);

struct PlayArgs {
    std::filesystem::path script;  ///< empty: the bundled default session
    std::optional<Nanos> length;
    std::optional<std::string> from;  ///< a step id to start at
    std::string device;               ///< name (or part of it) or index; empty: the default
    bool resume = false;
    bool silent = false;              ///< no sound device even if there is one
    int rate = 48000;                 ///< preferred; the device may insist on its own
    bool noWindow = false;            ///< the terminal player even when there is a display
    bool watch = false;               ///< follow edits to the script (a live preview)
    bool stats = false;               ///< at the end: the worst audio callback, underflows
    bool highContrast = false;
    bool fullscreen = false;
    std::vector<std::filesystem::path> libraries;  ///< more folders for the window's library
};
int runPlay(const PlayArgs& args, std::ostream& out, std::ostream& err);
int runDevices(std::ostream& out, std::ostream& err);

/// `kindly` with no command: the library in a window.
struct LibraryArgs {
    std::vector<std::filesystem::path> libraries;
    std::string device;
    bool silent = false;
    bool highContrast = false;
    bool fullscreen = false;
    int rate = 48000;
};
int runLibrary(const LibraryArgs& args, std::ostream& out, std::ostream& err);

struct KioskArgs {
    std::filesystem::path config;  ///< empty: $XDG_CONFIG_HOME/kindly/kiosk.toml
    bool check = false;            ///< only check the config
    bool hashPin = false;          ///< read a PIN from `in`, print its pin_hash line
    std::string device;            ///< the sound device (default: the system's)
    bool silent = false;
    std::filesystem::path log;     ///< the usage log; empty: $XDG_STATE_HOME/kindly/usage.sqlite
};
/// `clock` times the schedule's breaks and the usage log (the machine's unless a test chooses).
int runKiosk(const KioskArgs& args, std::istream& in, std::ostream& out, std::ostream& err,
             const Clock& clock = systemClock());

/// `kindly voices [ENGINE]`: the speech engines and voices on this machine.
struct VoicesArgs {
    std::string engine;  ///< only this engine, with all its voices
};
int runVoices(const VoicesArgs& args, std::ostream& out, std::ostream& err);

/// `kindly say TEXT`: speaks one phrase as a script's [voice] would, to audition a voice.
struct SayArgs {
    std::string text;
    std::string engine = "flite";
    std::string name;                 ///< the engine's voice; empty: its default
    std::string language = "en";
    double rate = 1.0;
    double pitch = 0.0;
    std::filesystem::path output;     ///< write this file instead of playing
    std::string device;
    bool silent = false;
};
int runSay(const SayArgs& args, std::ostream& out, std::ostream& err);

/// `kindly new NAME`: a commented starter script.
struct NewArgs {
    std::string name;  ///< a file name or path; ".toml" is added when missing
    std::string language;  ///< the script's language (its comments and words too); default: Kindly's
};
int runNew(const NewArgs& args, std::ostream& out, std::ostream& err);

/// `kindly record SCRIPT`: the teleprompter recorder.
struct RecordArgs {
    std::filesystem::path script;
    std::string step;          ///< only this step
    bool all = false;          ///< every step with words (default: those not recorded yet)
    std::string input;         ///< the microphone
    std::string output;        ///< where takes play back
    bool noPlayback = false;
    bool noWindow = false;
    bool highContrast = false;
    double countIn = 3;        ///< seconds shown before a take starts
};
int runRecord(const RecordArgs& args, std::ostream& out, std::ostream& err);

/// `kindly breaks`: scheduled breaks at a desk, a window only when one is due.
struct BreaksArgs {
    std::filesystem::path config;  ///< empty: $XDG_CONFIG_HOME/kindly/breaks.toml, else the default schedule
    bool check = false;            ///< check the config and say when the next breaks are
    bool now = false;              ///< the first break right away (to try it)
    std::string device;
    bool silent = false;
    std::filesystem::path log;     ///< the usage log; empty: $XDG_STATE_HOME/kindly/usage.sqlite
};
/// `clock` says when the breaks are due (the machine's; a test's own to choose the moment).
int runBreaks(const BreaksArgs& args, std::ostream& out, std::ostream& err, const Clock& clock = systemClock());

struct StatsArgs {
    std::string since;             ///< YYYY-MM-DD, local time
    bool csv = false;
    std::filesystem::path log;     ///< empty: $XDG_STATE_HOME/kindly/usage.sqlite
};
int runStats(const StatsArgs& args, std::ostream& out, std::ostream& err);

/// The whole command line: parses argv and runs the chosen command.
int runKindly(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace kindly
