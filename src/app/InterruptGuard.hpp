#pragma once
// While one lives, Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) only raise a flag,
// so a long command can stop cleanly (remove a temporary file, end the programs it started,
// remember where the listener was) instead of dying. The flag is platform/StopRequest's, so a
// speech engine running below the app ends at once too. Guards nest (one per thread: the main one).

#include <atomic>

namespace kindly {

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /// True once SIGINT, SIGTERM or SIGHUP arrived since this guard was made.
    bool requested() const;
    /// The exit status a shell expects of a program that stopped for the signal that came:
    /// 128 + its number (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP); 130 when none came.
    int exitStatus() const;
};

}  // namespace kindly
