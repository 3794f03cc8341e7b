#include "platform/LeakCheckSupport.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#include <glob.h>

#include <cstddef>
#include <initializer_list>
#endif

namespace kindly {

void keepGraphicsLibrariesLoaded() {
#if defined(__SANITIZE_ADDRESS__)
    // Whichever of these exist; the software rasterizer's driver lives under the multiarch dir.
    for (const char* name : {"libEGL.so.1", "libEGL_mesa.so.0", "libGL.so.1", "libGLX_mesa.so.0", "libGLX.so.0", "libjack.so.0"})
        dlopen(name, RTLD_LAZY | RTLD_NODELETE);
    // Mesa's drivers, and ALSA's plugins (jack, pulse, ...), which alsa-lib loads and unloads.
    for (const char* pattern : {"/usr/lib/*/dri/*_dri.so", "/usr/lib/*/alsa-lib/libasound_module_*.so"}) {
        glob_t found{};
        if (glob(pattern, 0, nullptr, &found) == 0)
            for (std::size_t i = 0; i < found.gl_pathc; ++i) dlopen(found.gl_pathv[i], RTLD_LAZY | RTLD_NODELETE);
        globfree(&found);
    }
#endif
}

}  // namespace kindly
