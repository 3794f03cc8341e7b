#pragma once
// Work a person is not waiting for (the library checking and preparing every session ahead)
// yields to the work they are: the calling thread, and the programs it starts (speech engines),
// run at a lower priority (nice 10), so a session chosen meanwhile is made ready first.

namespace kindly {

/// Lowers the calling thread's priority (Linux: nice values are per thread). Best effort.
void lowerThisThreadsPriority();

}  // namespace kindly
