#pragma once
// For builds under AddressSanitizer's LeakSanitizer only: Mesa's GL/EGL libraries (which SDL
// loads for its renderer and unloads when the window closes) and ALSA's plugins and JACK
// (which PortAudio's ALSA backend loads and unloads) keep one-off allocations for the life of
// their library. Once unloaded those look like leaks (with no symbols to suppress
// them by), and would hide real ones in the report. Loading them once more with RTLD_NODELETE
// keeps them, and what they hold stays reachable, until the process ends.

namespace kindly {

/// Does nothing unless built with AddressSanitizer. Call first thing in main().
void keepGraphicsLibrariesLoaded();

}  // namespace kindly
