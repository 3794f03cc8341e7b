// The kiosk's window, driven with SDL_PushEvent under SDL's offscreen driver and fake clocks:
// the lock, the PIN, the idle timeout and its countdown, scheduled breaks, and the usage log.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "TestSupport.hpp"
#include "UiEvents.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Pin.hpp"
#include "kiosk/UsageLog.hpp"
#include "platform/Language.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"

using namespace kindly;
using namespace kindly::ui;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

struct Kiosk {
    TempDir dir;
    ScopedEnv video{"SDL_VIDEODRIVER", "offscreen"}, state{"XDG_STATE_HOME", (dir / "state").string()};
    KioskConfig config;
    std::unique_ptr<UsageLog> usage;
    Uint64 ms = 1000000;
    ManualClock wall{1767225600};  // 2026-01-01 00:00 UTC
    std::unique_ptr<KioskShell> shell;
    std::unique_ptr<WindowApp> app;

    /// `desk`: a desk break's window (`kindly breaks`) for a break 30 s from now.
    explicit Kiosk(const std::string& schedule = "", bool desk = false, SDL_Point size = {1024, 640}) {
        fs::create_directories(dir / "library");
        writeText(dir / "library" / "short.toml",
                  "kindly = 1\n[session]\ntitle = \"Short\"\n[[step]]\nid = \"a\"\npause = \"1s\"\ncaption = \"Rest.\"\n");
        writeText(dir / "library" / "long.toml",
                  "kindly = 1\n[session]\ntitle = \"Long\"\n[[step]]\nid = \"a\"\npause = \"10m\"\ncaption = \"Rest.\"\n");
        writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\nidle_timeout = \"60s\"\n"
                                      "[volume]\ndefault = 0.6\nmin = 0.2\nmax = 0.8\n"
                                      "[[session]]\nscript = \"short.toml\"\n[[session]]\nscript = \"long.toml\"\n" +
                                          schedule + "[exit]\nchord = \"ctrl+alt+k\"\npin_hash = \"" + hashPin("2468", 1000) + "\"\n");
        auto load = loadKioskConfig(dir / "kiosk.toml", desk ? ConfigUse::Desk : ConfigUse::Kiosk);
        INFO(diagnosticLines(load.diagnostics));
        REQUIRE(load.config);
        config = *load.config;
        usage = std::make_unique<UsageLog>(dir / "usage.sqlite");
        std::optional<std::time_t> deskAt;
        if (desk) deskAt = wall.now() + 30;
        shell = std::make_unique<KioskShell>(KioskShellOptions{&config, usage.get(), deskAt, &wall, [this] { return ms; }});
        WindowOptions o;
        o.shell = shell.get();
        o.output.silent = true;
        o.size = size;
        app = std::make_unique<WindowApp>(o);
    }
    void settle(int realMs = 60) { app->runUntil([] { return false; }, realMs); }
    std::vector<UsageEvent> events() const {
        std::vector<UsageEvent> e;
        for (const auto& r : usage->rows()) e.push_back(r.event);
        return e;
    }
};

void typePin(const std::string& digits) {
    for (char d : digits) pushKey(SDLK_0 + (d - '0'));
    pushKey(SDLK_RETURN);
}

}  // namespace

TEST_CASE("a kiosk cannot be closed or escaped: only the chord and the right PIN exit", "[kiosk][ui]") {
    Kiosk k;
    k.settle();
    CHECK(k.app->screen() == ScreenId::Home);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    SDL_PushEvent(&close);
    pushKey(SDLK_F4, KMOD_LALT);
    pushKey(SDLK_ESCAPE);
    pushKey(SDLK_q, KMOD_LCTRL);
    pushKey(SDLK_w, KMOD_LCTRL);
    pushKey(SDLK_F11);
    pushKey(SDLK_k, KMOD_LCTRL);  // half the chord
    k.settle();
    CHECK_FALSE(k.app->quitRequested());
    CHECK(k.app->screen() == ScreenId::Home);

    pushKey(SDLK_k, KMOD_LCTRL | KMOD_LALT);
    k.settle();
    CHECK(k.app->screen() == ScreenId::Pin);
    typePin("1357");
    k.settle();
    CHECK_FALSE(k.app->quitRequested());
    CHECK(k.app->screen() == ScreenId::Home);

    pushKey(SDLK_k, KMOD_LCTRL | KMOD_LALT);
    typePin("2468");
    k.settle();
    CHECK(k.app->quitRequested());
}

TEST_CASE("the PIN can be typed on the screen's keypad", "[kiosk][ui]") {
    Kiosk k;
    pushKey(SDLK_k, KMOD_RCTRL | KMOD_RALT);
    k.settle();
    for (const Action id : {Action{Act::PinDigit, 2}, Action{Act::PinDigit, 4}, Action{Act::PinDigit, 6}, Action{Act::PinDigit, 8},
                            Action{Act::PinOk}}) {  // 2 4 6 8 OK
        const auto c = k.app->control(id);
        REQUIRE(c);
        CHECK(c->rect.w >= 48);  // large enough for a finger
        pushClick(c->rect);
        k.settle(20);
    }
    CHECK(k.app->quitRequested());
}

TEST_CASE("an idle kiosk counts down its last 10 seconds and goes home, logging the session abandoned", "[kiosk][ui]") {
    Kiosk k;
    k.settle();
    const auto first = k.app->control({Act::StartKioskSession, 1});  // the long session
    REQUIRE(first);
    CHECK(first->rect.h >= 100);
    pushClick(first->rect);
    REQUIRE(k.app->runUntil([&] { return k.app->screen() == ScreenId::Player; }, 20000));
    CHECK(k.app->player()->volume(Player::Volume::Voice) == Approx(0.6));
    // Playing: no countdown however long nobody touches it.
    k.ms += 5 * 60 * 1000;
    k.settle();
    CHECK(k.app->screen() == ScreenId::Player);
    CHECK(k.shell->idleCountdown() == -1);
    // Paused and left alone: 50 s in nothing shows, then 10 s of countdown, then home.
    pushKey(SDLK_SPACE);
    k.settle();
    k.ms += 49 * 1000;
    k.settle();
    CHECK(k.shell->idleCountdown() == -1);
    k.ms += 2 * 1000;
    k.settle();
    CHECK(k.shell->idleCountdown() == 9);
    pushKey(SDLK_UP);  // someone touches it: the countdown starts over
    k.settle();
    CHECK(k.shell->idleCountdown() == -1);
    CHECK(k.app->player()->volume(Player::Volume::Voice) == Approx(0.65));
    for (int i = 0; i < 5; ++i) pushKey(SDLK_UP);
    k.settle();
    CHECK(k.app->player()->volume(Player::Volume::Voice) <= 0.8 + 1e-9);  // the kiosk's limit
    k.ms += 60 * 1000;
    k.settle();
    CHECK(k.app->screen() == ScreenId::Home);
    CHECK(k.app->player() == nullptr);
    CHECK(k.events() == std::vector<UsageEvent>{UsageEvent::Started, UsageEvent::Abandoned});
    CHECK(k.usage->rows()[0].script == "long");
}

TEST_CASE("a completed session is logged, and the kiosk goes home after its thank-you", "[kiosk][ui]") {
    Kiosk k;
    k.settle();
    pushKey(SDLK_RETURN);  // the first session: one second long
    REQUIRE(k.app->runUntil([&] { return k.app->player() && k.app->player()->snapshot().state == PlayerState::Ended; }, 20000));
    k.settle();
    CHECK(k.app->screen() == ScreenId::Player);
    k.ms += 11 * 1000;
    k.settle();
    CHECK(k.app->screen() == ScreenId::Home);
    CHECK(k.events() == std::vector<UsageEvent>{UsageEvent::Started, UsageEvent::Completed});
}

TEST_CASE("a scheduled break is announced, can be skipped, and otherwise starts", "[kiosk][ui]") {
    TimeZone zone("UTC0");
    Kiosk k("[schedule]\ntimes = [\"00:10\", \"00:20\"]\nsession = \"short.toml\"\nannounce = \"30s\"\n");
    REQUIRE(k.shell->nextScheduledBreak());
    CHECK(*k.shell->nextScheduledBreak() == k.wall.now() + 600);
    k.wall.advance(600 - 31);
    k.settle();
    CHECK(k.app->screen() == ScreenId::Home);
    k.wall.advance(1);  // 30 s before
    k.settle();
    CHECK(k.app->screen() == ScreenId::Announce);
    const auto skip = k.app->control(Act::SkipBreak);
    REQUIRE(skip);
    pushClick(skip->rect);
    k.settle();
    CHECK(k.app->screen() == ScreenId::Home);
    CHECK(*k.shell->nextScheduledBreak() == k.wall.now() + 30 + 600);  // the next one, 00:20
    k.wall.advance(30 + 600 - 30);
    k.settle();
    CHECK(k.app->screen() == ScreenId::Announce);
    k.wall.advance(30);
    k.settle();
    REQUIRE(k.app->runUntil([&] { return k.app->screen() == ScreenId::Player; }, 20000));
    const auto rows = k.usage->rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].event == UsageEvent::Offered);
    CHECK(rows[1].event == UsageEvent::Offered);
    CHECK(rows[2].event == UsageEvent::Started);
    CHECK(rows[2].scheduled);
}

namespace {
const std::string kDeskSchedule = "[schedule]\ntimes = [\"10:30\"]\nsession = \"short.toml\"\npostpone = \"5m\"\n";
const std::string kDeskLongSchedule = "[schedule]\ntimes = [\"10:30\"]\nsession = \"long.toml\"\n";
}  // namespace

TEST_CASE("a desk break's window opens on its notice and closes on later or skip", "[kiosk][ui][breaks]") {
    for (const Act choice : {Act::PostponeBreak, Act::SkipBreak}) {  // later, skip
        Kiosk k(kDeskSchedule, true);
        k.settle();
        CHECK(k.app->screen() == ScreenId::Announce);
        for (const Act id : {Act::SkipBreak, Act::StartBreakNow, Act::PostponeBreak}) CHECK(k.app->control(id));
        pushClick(k.app->control(choice)->rect);
        k.settle();
        CHECK(k.app->quitRequested());
        CHECK(k.shell->deskOutcome() == (choice == Act::PostponeBreak ? BreakOutcome::Postponed : BreakOutcome::Skipped));
        CHECK(k.events() == std::vector<UsageEvent>{UsageEvent::Offered});
    }
    // Not locked: Escape skips the notice, and the window closes like any other.
    {
        Kiosk k(kDeskSchedule, true);
        pushKey(SDLK_ESCAPE);
        k.settle();
        CHECK(k.app->quitRequested());
        CHECK(k.shell->deskOutcome() == BreakOutcome::Skipped);
    }
    {
        Kiosk k(kDeskSchedule, true);
        SDL_Event close{};
        close.type = SDL_WINDOWEVENT;
        close.window.event = SDL_WINDOWEVENT_CLOSE;
        SDL_PushEvent(&close);
        k.settle();
        CHECK(k.app->quitRequested());
    }
}

TEST_CASE("a desk break starts when its notice ends and the window closes after it", "[kiosk][ui][breaks]") {
    Kiosk k(kDeskSchedule, true);
    k.wall.advance(29);
    k.settle();
    CHECK(k.app->screen() == ScreenId::Announce);
    k.wall.advance(1);
    REQUIRE(k.app->runUntil([&] { return k.app->player() && k.app->player()->snapshot().state == PlayerState::Ended; }, 20000));
    k.settle();
    CHECK_FALSE(k.app->quitRequested());  // the end screen stays a while
    k.ms += 11 * 1000;
    k.settle();
    CHECK(k.app->quitRequested());
    CHECK(k.shell->deskOutcome() == BreakOutcome::Completed);
    CHECK(k.events() == std::vector<UsageEvent>{UsageEvent::Offered, UsageEvent::Started, UsageEvent::Completed});
    CHECK(k.usage->rows().back().scheduled);
}

TEST_CASE("a desk break can start at once, and closing its window stops it", "[kiosk][ui][breaks]") {
    Kiosk k(kDeskLongSchedule, true);
    k.settle();
    pushClick(k.app->control(Act::StartBreakNow)->rect);  // start now
    REQUIRE(k.app->runUntil([&] { return k.app->screen() == ScreenId::Player; }, 20000));
    // A paused break at a desk has no idle timeout: it waits for its person.
    pushKey(SDLK_SPACE);
    k.settle();
    k.ms += 10 * 60 * 1000;
    k.settle();
    CHECK(k.app->screen() == ScreenId::Player);
    CHECK(k.shell->idleCountdown() == -1);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
    k.settle();
    CHECK(k.app->quitRequested());
    k.app.reset();  // the window's end: the session ends with it
    CHECK(k.events() == std::vector<UsageEvent>{UsageEvent::Offered, UsageEvent::Started, UsageEvent::Abandoned});
}

TEST_CASE("in German, French, Spanish and English the kiosk's words fit at 800x480 and 1920x1080", "[kiosk][ui][language]") {
    const ScopedEnv catalogues("KINDLY_LOCALE_DIR", KINDLY_LOCALE_BUILD_DIR);
    for (const std::string language : {"de", "fr", "es", "en"}) {
        setUpLanguage(language);
        for (const SDL_Point size : {SDL_Point{800, 480}, SDL_Point{1920, 1080}}) {
            for (const bool desk : {false, true}) {
                INFO(language << " at " << size.x << "x" << size.y << (desk ? ", a desk break" : ", the kiosk"));
                Kiosk k("[schedule]\nsession = \"short.toml\"\ntimes = [\"10:30\"]\n", desk, size);
                k.app->collectCuts(true);
                const auto look = [&](const char* where) {
                    k.settle();
                    k.app->draw(true);
                    std::string cut;
                    for (const auto& text : k.app->takeCuts()) cut += "[" + text + "] ";
                    INFO("on " << where << ", cut: " << cut);
                    CHECK(cut.empty());
                };
                if (desk) {
                    REQUIRE(k.app->screen() == ScreenId::Announce);
                    look("a break's notice");
                    continue;
                }
                look("the home screen");
                pushKey(SDLK_k, KMOD_CTRL | KMOD_ALT);
                k.settle();
                REQUIRE(k.app->screen() == ScreenId::Pin);
                look("the PIN pad");
            }
        }
    }
    setUpLanguage("en");
}
