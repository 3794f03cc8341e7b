// The kiosk for a long time: 200 sessions back to back, each started from the home screen,
// played to its end on a silent clock running 50 times faster than real time, and back home.
// Resident memory at the end must be within 5% of what it was once warm (after the 20th
// session; the first ones fill bounded caches, see below).
#include <catch2/catch.hpp>

#include <fstream>

#include "TestSupport.hpp"
#include "UiEvents.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Pin.hpp"
#include "kiosk/UsageLog.hpp"
#include "ui/WindowApp.hpp"

using namespace kindly;
using namespace kindly::ui;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {
long residentKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}
}  // namespace

TEST_CASE("200 kiosk sessions back to back: memory stays flat", "[kiosk][soak]") {
    TempDir dir;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
    fs::create_directories(dir / "library");
    writeText(dir / "library" / "soak.toml",
              "kindly = 1\n[session]\ntitle = \"Soak\"\n[[ambient]]\nsound = \"rain\"\nfade_in = \"1s\"\nfade_out = \"1s\"\n"
              "[[step]]\nid = \"a\"\nbell = \"chime\"\nsay = \"Breathe in, and let it go.\"\npause = \"2s\"\n"
              "[[step]]\nid = \"b\"\nbreathe = { in = \"1s\", out = \"1s\", cycles = 2 }\n");
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\n[[session]]\nscript = \"soak.toml\"\n"
                                  "[exit]\npin_hash = \"" + hashPin("2468", 1000) + "\"\n");
    auto load = loadKioskConfig(dir / "kiosk.toml");
    REQUIRE(load.config);
    UsageLog usage(dir / "usage.sqlite");
    Uint64 ms = 1000000;
    WindowOptions o;
    o.kiosk = &*load.config;
    o.usage = &usage;
    o.output.silent = true;
    o.output.silentSpeed = std::getenv("SOAKSPEED") ? std::atof(std::getenv("SOAKSPEED")) : 50;
    o.size = SDL_Point{800, 480};
    o.tickClock = [&] { return ms; };
    WindowApp app(o);

    const int kSessions = std::getenv("SOAKSESSIONS") ? std::atoi(std::getenv("SOAKSESSIONS")) : 200;
    long afterFirst = 0, afterWarmUp = 0;
    constexpr int kWarmUp = 20;
    std::string curve;
    for (int i = 0; i < kSessions; ++i) {
        pushKey(SDLK_RETURN);
        const bool ended =
            app.runUntil([&] { return app.player() && app.player()->snapshot().state == PlayerState::Ended; }, 30000);
        INFO("session " << i << ", screen " << static_cast<int>(app.screen()) << ", state "
                        << (app.player() ? static_cast<int>(app.player()->snapshot().state) : -1) << ", at frame "
                        << (app.player() ? app.player()->snapshot().position : -1) << ", rendered all " << (app.player() && app.player()->renderedAll()) << ", length " << (app.session() ? app.session()->timeline().renderEnd : -1) << ", underflows " << (app.player() ? app.player()->snapshot().underflows : -1));
        REQUIRE(ended);
        // The thank-you's 10 s pass (the fake clock moves a second at each look).
        REQUIRE(app.runUntil([&] { return (ms += 1000, app.screen() == WindowApp::Screen::Home); }, 5000));
        if (i == 0) afterFirst = residentKb();
        if (i + 1 == kWarmUp) afterWarmUp = residentKb();
        if (i + 1 == 1 || i + 1 == 5 || (i + 1) % 20 == 0) curve += " " + std::to_string(i + 1) + ":" + std::to_string(residentKb() / 1024);
    }
    const long atEnd = residentKb();
    INFO("resident memory after the first session " << afterFirst << " kB, after " << kWarmUp << ": " << afterWarmUp
                                                    << " kB, after " << kSessions << ": " << atEnd << " kB");
    // Flat once warm: the first sessions fill bounded caches (text textures, the decoders'
    // and resampler's buffers, the allocator's pools), so the bar is set after the 20th.
    CHECK(atEnd <= afterWarmUp * 105 / 100);
    std::size_t completed = 0;
    for (const auto& row : usage.rows()) completed += row.event == UsageEvent::Completed;
    CHECK(completed == static_cast<std::size_t>(kSessions));
    WARN("kiosk soak: " << kSessions << " sessions; resident memory (MB) after session N:" << curve << "; after the 20th "
                         << afterWarmUp << " kB, after the last " << atEnd << " kB ("
                         << (atEnd - afterWarmUp) * 100.0 / afterWarmUp << "%)");
}
