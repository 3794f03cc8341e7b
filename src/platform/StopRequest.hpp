#pragma once
// A request to stop, raised by a signal (Ctrl-C, SIGTERM, SIGHUP: see app/InterruptGuard) and
// seen by long work below the app: a speech engine that is running ends with its whole process
// group, and synthesis of the remaining speech is not started.
// Safe to raise from a signal handler (a lock-free atomic); read from any thread.

namespace kindly {

/// Raises the request for `signal` (its number). Async-signal-safe.
void requestStop(int signal);
/// True once a stop was requested and not cleared since.
bool stopRequested();
/// The signal that requested the stop; 0: none.
int stopSignal();
/// Forgets a request (a new command starting).
void clearStopRequest();

}  // namespace kindly
