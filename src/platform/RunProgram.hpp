#pragma once
// Runs a program (no shell) with text on its standard input, within a time limit: for speech
// engines that run as commands (festival, and those a listener defines in voices.toml).
// Blocking; called from the thread that prepares a session, never from the audio callback.

#include <chrono>
#include <string>
#include <vector>

namespace kindly {

struct ProgramRun {
    bool started = false;   ///< false: it could not be run at all (see `error`)
    bool timedOut = false;  ///< killed (with its process group) at the time limit
    int exitStatus = -1;    ///< its exit status, when it exited
    int signal = 0;         ///< the signal that ended it, when one did
    std::string errorOutput;  ///< the last part of its standard error (at most 4 KiB)
    std::string error;        ///< why it could not be started

    bool succeeded() const { return started && !timedOut && signal == 0 && exitStatus == 0; }
    /// "timed out after 30 s", "exited with status 3: <stderr's last line>", ...
    std::string describe(std::chrono::milliseconds limit) const;
};

/// `argv[0]` is looked up on PATH. Standard output is discarded.
ProgramRun runProgram(const std::vector<std::string>& argv, const std::string& input, std::chrono::milliseconds limit);

/// Whether `program` is an executable file, or one on PATH.
bool programExists(const std::string& program);

}  // namespace kindly
