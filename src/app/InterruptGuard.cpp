#include "app/InterruptGuard.hpp"

#include <csignal>

namespace kindly {
namespace {

std::atomic<int> interrupted{0};  // the signal's number; 0: none yet
extern "C" void onInterrupt(int signal) { interrupted.store(signal); }
struct sigaction oldInt {}, oldTerm {}, oldHup {};

}  // namespace

InterruptGuard::InterruptGuard() {
    interrupted = 0;
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);
    sigaction(SIGHUP, &action, &oldHup);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    sigaction(SIGHUP, &oldHup, nullptr);
}

bool InterruptGuard::requested() const { return interrupted.load() != 0; }

int InterruptGuard::exitStatus() const {
    const int signal = interrupted.load();
    return 128 + (signal != 0 ? signal : SIGINT);
}

}  // namespace kindly
