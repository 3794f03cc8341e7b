// The kiosk on a real (virtual) X server with no window manager, as xinit/startx kiosks run
// it: the window covers the whole screen at 1024x600 and 1920x1080, nothing of the root shows
// around it, its heading and cards lie inside it, a resolution changed with xrandr while it
// runs is covered again and laid out anew, and with two screens it covers the one asked for;
// `kindly --fullscreen` (the library) covers the screen the same way.
#include <catch2/catch.hpp>

#include <deque>

#include <signal.h>

#include <cstdlib>
#include <functional>
#include <regex>
#include <thread>

#include "TestSupport.hpp"
#include "kiosk/KioskConfig.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"

// Last: Xlib's macros (None, Status ...) must not meet Kindly's headers.
#include <X11/Xlib.h>
#include <X11/Xutil.h>

using namespace kindly;
using namespace kindly::test;
using namespace kindly::ui;
namespace fs = std::filesystem;

namespace {

/// An X server started in the background by the shell (`command` gets fd 3 for -displayfd),
/// its display's name once it answers; stopped at scope exit, also when a check in its
/// owner's constructor fails.
class XServer {
public:
    XServer(const TempDir& dir, const std::string& command) {
        // run() waits only for the shell; the server's pid is noted for the stop.
        REQUIRE(run("cd '" + dir.path().string() + "' && { " + command +
                    " 3> display > /dev/null 2> server.log < /dev/null & echo $! > server.pid; }") == 0);
        pid_ = std::stoi(readText(dir / "server.pid"));
        for (int i = 0; i < 600 && readText(dir / "display").empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::string number = readText(dir / "display");
        number.erase(number.find_last_not_of("\n ") + 1);
        INFO(readText(dir / "server.log"));
        REQUIRE_FALSE(number.empty());
        name_ = ":" + number;
        for (int i = 0; i < 600 && run("DISPLAY=" + name_ + " xwininfo -root > /dev/null 2>&1") != 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~XServer() {
        if (pid_ > 0) kill(pid_, SIGTERM);
    }
    XServer(const XServer&) = delete;
    XServer& operator=(const XServer&) = delete;
    const std::string& name() const { return name_; }

private:
    int pid_ = 0;
    std::string name_;
};

/// Xvfb on a free display, its root white (-wr: a colour the kiosk's calm palette never draws
/// at full strength); stopped at scope exit.
class VirtualScreen {
public:
    VirtualScreen(const TempDir& dir, const std::string& screen)
        : dir_(dir), server_(dir, "Xvfb -displayfd 3 -wr -screen 0 " + screen + " -nolisten tcp"), name_(server_.name()) {
        // The server answers xwininfo, but on a busy machine a first connection can still be
        // refused: tried again (up to 30 s) rather than failing the test.
        for (int i = 0; i < 600 && !(display_ = XOpenDisplay(name_.c_str())); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        INFO(readText(dir / "server.log"));
        REQUIRE(display_);
    }
    ~VirtualScreen() {
        if (display_) XCloseDisplay(display_);
    }
    VirtualScreen(const VirtualScreen&) = delete;
    VirtualScreen& operator=(const VirtualScreen&) = delete;

    const std::string& name() const { return name_; }
    std::string shell(const std::string& command) const {
        return runShell(dir_, "DISPLAY=" + name_ + " " + command).out;
    }
    /// Pixels of the screen (what a person sees) that are still the root's white.
    long rootPixels() const {
        const Window root = DefaultRootWindow(display_);
        XWindowAttributes a{};
        XGetWindowAttributes(display_, root, &a);
        XImage* image = XGetImage(display_, root, 0, 0, static_cast<unsigned>(a.width), static_cast<unsigned>(a.height),
                                  AllPlanes, ZPixmap);
        if (!image) return -1;
        long count = 0;
        UNSCOPED_INFO("root " << a.width << "x" << a.height << " first pixel " << std::hex << XGetPixel(image, 0, 0) << std::dec
                              << " depth " << image->depth << " bpp " << image->bits_per_pixel);
        for (int y = 0; y < a.height; ++y)
            for (int x = 0; x < a.width; ++x)
                if ((XGetPixel(image, x, y) & 0xffffff) == 0xffffff) ++count;
        XDestroyImage(image);
        return count;
    }

private:
    const TempDir& dir_;
    XServer server_;
    std::string name_;
    Display* display_ = nullptr;
};

/// An X server (Xorg with its dummy driver) with two screens side by side, as RandR outputs
/// of one X screen, as a real two-monitor machine has: DUMMY0 1024x600 at 0,0 and DUMMY1
/// 800x480 at 1024,0. (Xvfb cannot: it has one output.) Stopped at scope exit.
class TwoScreens {
public:
    explicit TwoScreens(const TempDir& dir)
        : server_(dir, "Xorg -displayfd 3 -config '" + writeConfig(dir).string() +
                           "' -noreset -nolisten tcp -logfile xorg.log") {
        const std::string modes =
            "xrandr --newmode 1024x600 49 1024 1072 1168 1312 600 603 613 624 && "
            "xrandr --newmode 800x480 29.5 800 824 896 992 480 483 493 500 && "
            "xrandr --addmode DUMMY0 1024x600 && xrandr --addmode DUMMY1 800x480 && "
            "xrandr --output DUMMY0 --mode 1024x600 --pos 0x0 --output DUMMY1 --mode 800x480 --pos 1024x0";
        REQUIRE(run("DISPLAY=" + name() + " sh -c '" + modes + "' > /dev/null 2>&1") == 0);
        // Plain xrandr probes the outputs: until something does, the dummy driver's DUMMY1 reads
        // as disconnected to a client that asks without probing, as SDL does (it then saw one
        // display). Real hardware is probed when a monitor is plugged in.
        const std::string monitors = runShell(dir, "DISPLAY=" + name() + " xrandr --listmonitors").out;
        INFO(monitors);
        REQUIRE(monitors.find("Monitors: 2") != std::string::npos);
    }
    const std::string& name() const { return server_.name(); }

private:
    static fs::path writeConfig(const TempDir& dir) {
        writeText(dir / "dummy.conf",
                  "Section \"Device\"\n  Identifier \"dummy\"\n  Driver \"dummy\"\n  VideoRam 64000\nEndSection\n"
                  "Section \"Monitor\"\n  Identifier \"monitor\"\n  HorizSync 5.0 - 1000.0\n  VertRefresh 5.0 - 200.0\nEndSection\n"
                  "Section \"Screen\"\n  Identifier \"screen\"\n  Device \"dummy\"\n  Monitor \"monitor\"\n  DefaultDepth 24\n"
                  "  SubSection \"Display\"\n    Depth 24\n    Virtual 2048 1200\n  EndSubSection\nEndSection\n");
        return dir / "dummy.conf";
    }
    XServer server_;
};

/// The geometry xwininfo reports for the window titled `title`: x, y, width, height.
SDL_Rect windowGeometry(const std::string& display, const TempDir& dir, const std::string& title) {
    const std::string info = runShell(dir, "DISPLAY=" + display + " xwininfo -name '" + title + "'").out;
    std::smatch m;
    SDL_Rect r{-1, -1, -1, -1};
    if (std::regex_search(info, m, std::regex(R"(Absolute upper-left X:\s+(-?\d+))"))) r.x = std::stoi(m[1]);
    if (std::regex_search(info, m, std::regex(R"(Absolute upper-left Y:\s+(-?\d+))"))) r.y = std::stoi(m[1]);
    if (std::regex_search(info, m, std::regex(R"(Width:\s+(\d+))"))) r.w = std::stoi(m[1]);
    if (std::regex_search(info, m, std::regex(R"(Height:\s+(\d+))"))) r.h = std::stoi(m[1]);
    return r;
}

bool inside(const SDL_Rect& r, int w, int h) { return r.w > 0 && r.h > 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h; }

bool same(const SDL_Rect& a, const SDL_Rect& b) { return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h; }

/// Runs `app` until `done` holds (looked at every 20 turns of its loop, about 0.2 s: it asks the
/// X server), or 30 s have passed however slow the machine: a wait on the condition the test
/// then checks, not on a time.
bool runUntilSeen(WindowApp& app, const std::function<bool()>& done) {
    int turns = 0;
    return app.runUntil([&] { return ++turns % 20 == 0 && done(); }, 30000);
}

/// Runs `app` until its window titled `title` covers `expected` and, given `screen`, no root
/// pixel of it shows (or 30 s each).
void runUntilCovering(WindowApp& app, const VirtualScreen* screen, const std::string& display, const TempDir& dir,
                      const std::string& title, const SDL_Rect& expected) {
    runUntilSeen(app, [&] { return same(windowGeometry(display, dir, title), expected); });
    if (screen) runUntilSeen(app, [&] { return screen->rootPixels() == 0; });
}

struct XKiosk {
    TempDir dir;
    std::deque<ScopedEnv> env;  // put back when the kiosk is gone
    // Noon, half an hour and more from the example config's breaks (10:30 and 15:00, with 30 s
    // of notice): these tests look at the home screen, whatever the machine's time of day.
    const ManualClock clock{localMoment(2026, 1, 15, 12, 0)};
    KioskConfig config;
    std::unique_ptr<KioskShell> shell;
    std::unique_ptr<WindowApp> app;

    explicit XKiosk(const std::string& display, int screen = 1) {
        env.emplace_back("SDL_VIDEODRIVER", "x11");
        env.emplace_back("DISPLAY", display);
        env.emplace_back("XDG_STATE_HOME", (dir / "state").string());
        auto load = loadKioskConfig(fs::path(KINDLY_SOURCE_DIR) / "kiosk" / "kiosk.example.toml");
        INFO(diagnosticLines(load.diagnostics));
        REQUIRE(load.config);
        config = *load.config;
        config.display = screen;
        shell = std::make_unique<KioskShell>(KioskShellOptions{&config, nullptr, std::nullopt, &clock, {}});
        WindowOptions o;
        o.shell = shell.get();
        o.display = screen - 1;
        o.output.silent = true;
        o.title = "Kindly kiosk";
        app = std::make_unique<WindowApp>(o);
        app->keepFrames(true);
    }
    /// Runs until the kiosk covers `expected` on `display` (and, given `screen`, no root shows).
    void settleCovering(const std::string& display, const SDL_Rect& expected, const VirtualScreen* screen) {
        runUntilCovering(*app, screen, display, dir, "Kindly kiosk", expected);
    }
    /// The drawn frame's size, and every card and the heading inside it.
    void checkLayout(int w, int h) {
        app->draw(true);
        CHECK(app->lastFrame().width == w);
        CHECK(app->lastFrame().height == h);
        const SDL_Rect heading = shell->homeHeading();
        INFO("heading " << heading.x << "," << heading.y << " " << heading.w << "x" << heading.h);
        CHECK(inside(heading, w, h));
        int cards = 0;
        for (const auto& c : app->controls()) {
            INFO("control " << c.action << " at " << c.rect.x << "," << c.rect.y << " " << c.rect.w << "x" << c.rect.h);
            CHECK(inside(c.rect, w, h));
            ++cards;
        }
        CHECK(cards == static_cast<int>(config.sessions.size()));
    }
};

}  // namespace

TEST_CASE("the kiosk covers the whole screen of an X server with no window manager", "[kiosk][xvfb]") {
    for (const auto& [w, h] : {std::pair{1024, 600}, std::pair{1920, 1080}}) {
        DYNAMIC_SECTION(w << "x" << h) {
            TempDir dir;
            VirtualScreen screen(dir, std::to_string(w) + "x" + std::to_string(h) + "x24");
            REQUIRE(screen.rootPixels() == static_cast<long>(w) * h);  // the check below can fail
            XKiosk k(screen.name());
            k.settleCovering(screen.name(), SDL_Rect{0, 0, w, h}, &screen);
            const SDL_Rect g = windowGeometry(screen.name(), dir, "Kindly kiosk");
            CHECK(g.x == 0);
            CHECK(g.y == 0);
            CHECK(g.w == w);
            CHECK(g.h == h);
            CHECK(screen.rootPixels() == 0);  // no pixel of the root around it
            k.checkLayout(w, h);
        }
    }
}

TEST_CASE("a resolution changed with xrandr while the kiosk runs is covered and laid out again", "[kiosk][xvfb]") {
    TempDir dir;
    VirtualScreen screen(dir, "1920x1080x24");
    XKiosk k(screen.name());
    k.settleCovering(screen.name(), SDL_Rect{0, 0, 1920, 1080}, &screen);
    REQUIRE(windowGeometry(screen.name(), dir, "Kindly kiosk").w == 1920);
    screen.shell("xrandr --newmode 1024x600 49 1024 1072 1168 1312 600 603 613 624; xrandr --addmode screen 1024x600; "
                 "xrandr --output screen --mode 1024x600");
    REQUIRE(screen.shell("xwininfo -root").find("Width: 1024") != std::string::npos);
    k.settleCovering(screen.name(), SDL_Rect{0, 0, 1024, 600}, &screen);  // it looks once a second
    const SDL_Rect g = windowGeometry(screen.name(), dir, "Kindly kiosk");
    CHECK(g.x == 0);
    CHECK(g.y == 0);
    CHECK(g.w == 1024);
    CHECK(g.h == 600);
    CHECK(screen.rootPixels() == 0);
    k.checkLayout(1024, 600);
}

namespace {

/// The kiosk asked for `screen` on two screens side by side covers exactly `expected`.
void coversScreen(int screen, const SDL_Rect& expected) {
    TempDir dir;
    TwoScreens screens(dir);
    XKiosk k(screens.name(), screen);
    INFO("SDL sees " << SDL_GetNumVideoDisplays() << " displays");
    k.settleCovering(screens.name(), expected, nullptr);
    const SDL_Rect g = windowGeometry(screens.name(), dir, "Kindly kiosk");
    CHECK(g.x == expected.x);
    CHECK(g.y == expected.y);
    CHECK(g.w == expected.w);
    CHECK(g.h == expected.h);
    k.checkLayout(expected.w, expected.h);
}

}  // namespace

// Each case on an X server of its own, in a process of its own (as CTest runs every case).
TEST_CASE("with two screens attached, the kiosk covers the first when asked for it", "[kiosk][xvfb]") {
    coversScreen(1, SDL_Rect{0, 0, 1024, 600});
}

TEST_CASE("with two screens attached, the kiosk covers the second when asked for it", "[kiosk][xvfb]") {
    coversScreen(2, SDL_Rect{1024, 0, 800, 480});
}

TEST_CASE("kindly --fullscreen covers the screen with no window manager, the library laid out inside", "[ui][xvfb]") {
    TempDir dir;
    VirtualScreen screen(dir, "1024x600x24");
    const ScopedEnv video("SDL_VIDEODRIVER", "x11"), display("DISPLAY", screen.name()),
        state("XDG_STATE_HOME", (dir / "state").string()), data("XDG_DATA_HOME", (dir / "data").string());
    WindowOptions o;
    o.fullscreen = true;
    o.output.silent = true;
    o.title = "Kindly library";
    o.libraryFolders = {fs::path(KINDLY_SOURCE_DIR) / "scripts"};
    WindowApp app(o);
    app.keepFrames(true);
    runUntilCovering(app, &screen, screen.name(), dir, "Kindly library", SDL_Rect{0, 0, 1024, 600});
    const SDL_Rect g = windowGeometry(screen.name(), dir, "Kindly library");
    CHECK(g.x == 0);
    CHECK(g.y == 0);
    CHECK(g.w == 1024);
    CHECK(g.h == 600);
    CHECK(screen.rootPixels() == 0);
    app.draw(true);
    CHECK(app.lastFrame().width == 1024);
    CHECK(app.lastFrame().height == 600);
    int shown = 0;
    for (const auto& c : app.controls()) {
        INFO("control " << c.action << " at " << c.rect.x << "," << c.rect.y << " " << c.rect.w << "x" << c.rect.h);
        CHECK(inside(c.rect, 1024, 600));
        ++shown;
    }
    CHECK(shown > 3);  // the sessions, the tags, About and Contrast
}
