#pragma once
// Runs a program (no shell) with text on its standard input, within a time limit: for speech
// engines that run as commands (festival, and those a listener defines in voices.toml).
// Blocking; called from the thread that prepares a session, never from the audio callback.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kindly {

struct ProgramRun {
    bool started = false;   ///< false: it could not be run at all (see `error`)
    bool timedOut = false;  ///< ended (with its process group) at the time limit
    bool stopped = false;   ///< ended (with its process group) as a stop was requested (platform/StopRequest)
    int exitStatus = -1;    ///< its exit status, when it exited
    int signal = 0;         ///< the signal that ended it, when one did
    std::string errorOutput;  ///< the last part of its standard error (at most 4 KiB)
    std::string error;        ///< why it could not be started

    bool succeeded() const { return started && !timedOut && !stopped && signal == 0 && exitStatus == 0; }
    /// "timed out after 30 s", "exited with status 3: <stderr's last line>", ...
    std::string describe(std::chrono::milliseconds limit) const;
};

/// `argv[0]` is looked up on PATH. Standard output is discarded. The program runs in a process
/// group of its own; when it ends, times out or a stop is requested, whatever still runs in
/// that group (what it started and left behind) is ended too: SIGTERM, then SIGKILL after 1 s.
ProgramRun runProgram(const std::vector<std::string>& argv, const std::string& input, std::chrono::milliseconds limit);

/// Whether `program` is an executable file, or one on PATH.
bool programExists(const std::string& program);
/// Where `program` is found (as programExists looks for it), if anywhere.
std::optional<std::string> findProgram(const std::string& program);

}  // namespace kindly
