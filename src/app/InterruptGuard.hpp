#pragma once
// While one lives, Ctrl-C (SIGINT) and SIGTERM only raise a flag, so a long command can stop
// cleanly (remove a temporary file, remember where the listener was) instead of dying.

#include <atomic>

namespace kindly {

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /// True once SIGINT or SIGTERM arrived since this guard was made.
    bool requested() const;
};

}  // namespace kindly
