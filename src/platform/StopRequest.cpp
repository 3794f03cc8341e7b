#include "platform/StopRequest.hpp"

#include <atomic>

namespace kindly {
namespace {

std::atomic<int> requested{0};  // the signal's number; 0: none
static_assert(std::atomic<int>::is_always_lock_free, "raised from a signal handler");

}  // namespace

void requestStop(int signal) { requested.store(signal); }
bool stopRequested() { return requested.load() != 0; }
int stopSignal() { return requested.load(); }
void clearStopRequest() { requested.store(0); }

}  // namespace kindly
