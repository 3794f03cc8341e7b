#include "app/InterruptGuard.hpp"

#include <csignal>

#include "platform/StopRequest.hpp"

namespace kindly {
namespace {

extern "C" void onInterrupt(int signal) { requestStop(signal); }
struct sigaction oldInt {}, oldTerm {}, oldHup {};
int depth = 0;  // guards alive: `say` holds one around the render or play that holds another

}  // namespace

InterruptGuard::InterruptGuard() {
    if (depth++ > 0) return;  // the outer guard already listens, and a signal it took still counts
    clearStopRequest();
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);
    sigaction(SIGHUP, &action, &oldHup);
}

InterruptGuard::~InterruptGuard() {
    if (--depth > 0) return;
    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    sigaction(SIGHUP, &oldHup, nullptr);
}

bool InterruptGuard::requested() const { return stopRequested(); }

int InterruptGuard::exitStatus() const {
    const int signal = stopSignal();
    return 128 + (signal != 0 ? signal : SIGINT);
}

}  // namespace kindly
