#include "platform/Background.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace kindly {

void lowerThisThreadsPriority() {
    // On Linux PRIO_PROCESS with a thread id sets that thread's nice value; children forked
    // from it inherit it.
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    (void)setpriority(PRIO_PROCESS, thread, 10);
}

}  // namespace kindly
