// The wall clock Kindly is given (platform/Clock.hpp): what depends on the time of day or the
// date reads it, never the machine's directly, so the tests choose the moment. These are the
// only tests that read the machine's clock, to check that the real one is the machine's.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "TestSupport.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/UsageLog.hpp"
#include "platform/Clock.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

TEST_CASE("the system clock reads the machine's time", "[clock]") {
    const std::time_t before = std::time(nullptr);
    const std::time_t now = systemClock().now();
    const std::time_t after = std::time(nullptr);
    CHECK(now >= before);
    CHECK(now <= after);
    CHECK(&systemClock() == &systemClock());  // one for the whole program
}

TEST_CASE("a manual clock reads what it was set to and moves only when told", "[clock]") {
    ManualClock clock(1767225600);
    CHECK(clock.now() == 1767225600);
    clock.advance(90);
    CHECK(clock.now() == 1767225690);
    clock.set(1000);
    CHECK(clock.now() == 1000);
}

TEST_CASE("a local moment is read in the time zone, daylight saving included", "[clock]") {
    {
        TimeZone zone("UTC0");
        CHECK(localMoment(2026, 1, 15, 12, 0) == 1768478400);
        CHECK(localMoment(2026, 12, 31, 23, 59, 55) == 1798761595);
    }
    TimeZone zone("CET-1CEST,M3.5.0,M10.5.0/3");  // Central Europe, as a POSIX rule: no tzdata needed
    CHECK(localMoment(2026, 1, 15, 12, 0) == 1768478400 - 3600);
    // Summer time begins on 29 March 2026 at 02:00 CET: an hour of the clock is skipped.
    CHECK(localMoment(2026, 3, 29, 3, 0) - localMoment(2026, 3, 29, 1, 0) == 3600);
    // It ends on 25 October 2026 at 03:00 CEST: that day has 25 hours.
    CHECK(localMoment(2026, 10, 26, 0, 0) - localMoment(2026, 10, 25, 0, 0) == 25 * 3600);
}

TEST_CASE("a damaged usage log is kept aside under the clock's moment", "[clock][kiosk]") {
    TempDir dir;
    TimeZone zone("UTC0");
    writeText(dir / "usage.sqlite", std::string(4096, 'x'));
    const ManualClock clock(localMoment(2026, 3, 29, 1, 59, 50));
    std::ostringstream warn;
    const auto log = openUsageLogOrCarryOn(dir / "usage.sqlite", warn, clock);
    REQUIRE(log);
    CHECK(fs::exists(dir / "usage.sqlite.damaged-20260329-015950"));
    CHECK(warn.str().find("usage.sqlite.damaged-20260329-015950") != std::string::npos);
}

namespace {

/// The example kiosk config (breaks at 10:30 and 15:00, 30 s of notice) in a window on SDL's
/// offscreen driver, its wall clock at `clock`; the screen it shows once settled.
ui::ScreenId exampleKioskAt(const ManualClock& clock) {
    TempDir dir;
    const ScopedEnv video("SDL_VIDEODRIVER", "offscreen"), state("XDG_STATE_HOME", (dir / "state").string());
    auto load = loadKioskConfig(fs::path(KINDLY_SOURCE_DIR) / "kiosk" / "kiosk.example.toml");
    INFO(diagnosticLines(load.diagnostics));
    REQUIRE(load.config);
    ui::KioskShell shell({&*load.config, nullptr, std::nullopt, &clock, {}});
    ui::WindowOptions o;
    o.shell = &shell;
    o.output.silent = true;
    o.size = SDL_Point{800, 480};
    ui::WindowApp app(o);
    app.runUntil([] { return false; }, 100);
    return app.screen();
}

}  // namespace

TEST_CASE("the kiosk's breaks follow the clock it is given, not the machine's", "[clock][kiosk][ui]") {
    TimeZone zone("UTC0");
    // 20 s before the example's 10:30 break: its notice shows.
    CHECK(exampleKioskAt(ManualClock(localMoment(2026, 1, 15, 10, 29, 40))) == ui::ScreenId::Announce);
    CHECK(exampleKioskAt(ManualClock(localMoment(2026, 1, 15, 14, 59, 40))) == ui::ScreenId::Announce);
    // At noon, and a minute before the notice, the home screen.
    CHECK(exampleKioskAt(ManualClock(localMoment(2026, 1, 15, 12, 0))) == ui::ScreenId::Home);
    CHECK(exampleKioskAt(ManualClock(localMoment(2026, 1, 15, 10, 29, 0))) == ui::ScreenId::Home);
}
