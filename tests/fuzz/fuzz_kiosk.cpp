// libFuzzer target: a kiosk config (and the same file read for `kindly breaks`): TOML, every
// table and key, times of day, the chord, the PIN hash's form; and the next breaks from the
// schedule it gives. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/KioskConfig.hpp"
#include "kiosk/Schedule.hpp"

using namespace kindly;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const ConfigUse use : {ConfigUse::Kiosk, ConfigUse::Desk}) {
        const KioskConfigLoad load = loadKioskConfigText(text, "/nonexistent/fuzz/kiosk.toml", use);
        for (const auto& d : load.diagnostics.items()) (void)formatDiagnostic(d);
        if (load.config) {
            std::time_t t = 1767225600;  // 2026-01-01
            for (int i = 0; i < 4; ++i)
                if (const auto next = nextBreak(load.config->schedule, t)) t = *next;
        }
    }
    (void)parseTimeOfDay(text);
    (void)checkChord(text);
    return 0;
}
