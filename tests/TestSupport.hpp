#pragma once
// Helpers for tests: temporary folders, scripts written to disk, sound files of exact length.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "session/PrepareSession.hpp"
#include "script/ScriptLoader.hpp"

namespace kindly::test {

/// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void writeText(const std::filesystem::path& file, const std::string& text);

/// A sine tone of exactly `frames` frames; the format follows the extension (wav, flac, ogg).
void writeTone(const std::filesystem::path& file, long frames, int rate, int channels = 1, double amplitude = 0.3);

/// A sound file of exactly `frames` frames whose every sample is `value(frame, channel)`.
void writeSamples(const std::filesystem::path& file, long frames, int rate, int channels,
                  const std::function<float(long, int)>& value);

/// A sound file read whole: its format and its interleaved samples (all empty/0 when unreadable).
struct Sound {
    int rate = 0, channels = 0, format = 0;
    long frames = 0;
    std::vector<float> samples;
};
Sound readSound(const std::filesystem::path& file);

/// Where two runs of samples first differ ("" when they are the same): the index, both values
/// and the lengths, instead of Catch printing every sample of both when a comparison fails.
std::string firstDifference(const std::vector<float>& a, const std::vector<float>& b);

/// Writes `text` as `name` in `dir` and loads it (structure only, no media).
ScriptLoad loadText(const TempDir& dir, const std::string& text, const std::string& name = "session.toml");

/// Writes `text` as session.toml in `dir` and prepares it fully (media + timeline), with the
/// speech cache inside `dir`.
PreparedSession prepareText(const TempDir& dir, const std::string& text, PrepareOptions options = {});

/// A text file's whole content ("" when it cannot be read).
std::string readText(const std::filesystem::path& file);

/// What a shell command printed and how it ended (-1 when it did not exit normally).
struct ShellRun {
    int status;
    std::string out, err;
};
/// Runs `command` (a list of commands too) with sh in `dir`, its stdout and stderr captured in
/// dir/out.txt and dir/err.txt.
ShellRun runShell(const TempDir& dir, const std::string& command);

/// "PATH:LINE:COLUMN: error: MESSAGE" lines of a load, one per diagnostic, joined by "\n".
std::string diagnosticLines(const Diagnostics& diagnostics);

/// Runs a shell command; its exit status.
int run(const std::string& command);

/// Sets the time zone (a TZ value: a POSIX rule such as "CET-1CEST,M3.5.0,M10.5.0/3" needs no
/// tzdata) for this process until scope exit, then restores the one before.
/// Sets an environment variable for a scope (a test, a fixture), then puts back what was there:
/// a test that sets SDL_VIDEODRIVER or XDG_STATE_HOME must not change the tests run after it.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> saved_;
};

class TimeZone {
public:
    explicit TimeZone(const char* zone);
    ~TimeZone();
    TimeZone(const TimeZone&) = delete;
    TimeZone& operator=(const TimeZone&) = delete;

private:
    std::string old_;
    bool had_;
};

/// The environment that makes a program started by a shell command read `moment` ("YYYY-MM-DD
/// HH:MM:SS", local to its TZ) as the time of day and date, its clock running on from there:
/// libfaketime, preloaded. Its monotonic clock (timeouts, waits) is left alone. Prefix a command
/// with it: `runShell(dir, atMoment("2026-01-15 12:00:00") + "kindly stats")`, so that a
/// program tested from outside never reads the machine's time of day. Fails the test where
/// libfaketime is missing (tools/install-deps.sh installs it).
std::string atMoment(const std::string& moment);

/// A JACK server on the dummy driver (48 kHz, 256-frame periods: a real-time paced sound
/// device), its log and pid in `dir`; stopped at scope exit.
class DummyJack {
public:
    explicit DummyJack(const TempDir& dir) : dir_(dir) { start(); }
    ~DummyJack() { stop(); }
    void start();
    void stop();

private:
    const TempDir& dir_;
};

}  // namespace kindly::test
