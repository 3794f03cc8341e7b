#pragma once
// Kindly's window: the library, the player and the screens between them, on SDL2.
//
// Threads: everything here runs on the UI thread, except two helpers that never touch SDL's
// video: a worker that checks the library's scripts one by one (their lengths need their
// speech) and the preparation of a chosen session. Both wake the UI with an SDL user event.
// The UI waits for events (no busy loop): indefinitely on the library, at most 100 ms while a
// session plays (captions, the clock, the device watchdog, the breathing guide at ten frames a
// second); it redraws only when what it would draw has changed.

#include <SDL.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/DeskBreaks.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/UsageLog.hpp"
#include "library/Library.hpp"
#include "live/LiveOutput.hpp"
#include "live/LiveSession.hpp"
#include "live/SessionRunner.hpp"
#include "live/ScriptReload.hpp"
#include "platform/Clock.hpp"
#include "ui/Canvas.hpp"
#include "ui/Display.hpp"
#include "ui/LibraryScreen.hpp"
#include "ui/PlayerScreen.hpp"

namespace kindly::ui {

struct WindowOptions {
    std::vector<std::filesystem::path> libraryFolders;  ///< searched for *.toml, in order
    LiveOutputOptions output;
    bool highContrast = false;
    bool fullscreen = false;
    /// The screen (0-based) the window opens on, and that fullscreen covers.
    int display = 0;
    std::optional<SDL_Point> size;  ///< the window's size; default: most of the display
    std::string title = "Kindly";

    /// `kindly play --watch`: the session started with startSession() follows edits to its
    /// script, prepared again with these options (see live/ScriptReload.hpp).
    bool watch = false;
    PrepareOptions watchOptions;

    /// Kiosk mode when set (must outlive the window): fullscreen, the home screen and the
    /// config's sessions instead of the library, locked (only the chord and the PIN exit),
    /// back home when idle, scheduled breaks, and a usage log when `usage` is set.
    const KioskConfig* kiosk = nullptr;
    UsageLog* usage = nullptr;
    /// A break at a desk (`kindly breaks`) when set with `kiosk`: an ordinary window (not
    /// locked, not fullscreen, above the others) that opens on the notice of the break starting
    /// at this time, with start now, later and skip; it closes when the break is over.
    std::optional<std::time_t> deskBreakAt;
    /// The wall clock for the schedule, a desk's break and the usage log (must outlive the
    /// window; default: the machine's), and milliseconds for idle timeouts, injectable for tests.
    const Clock* clock = nullptr;
    std::function<Uint64()> tickClock;
};

/// RGBA pixels of a drawn frame.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    SDL_Color at(int x, int y) const;
};

class WindowApp {
public:
    enum class Screen { Library, Preparing, Player, Problem, Home, Announce, Pin };

    /// Opens the window. Throws std::runtime_error when SDL, the renderer or the font fail.
    explicit WindowApp(WindowOptions options);
    ~WindowApp();
    WindowApp(const WindowApp&) = delete;
    WindowApp& operator=(const WindowApp&) = delete;

    /// Goes straight to the player with a session made ready by `kindly play` (its output
    /// already open at the session's rate). Without this the window starts on the library.
    void startSession(std::unique_ptr<LiveOutput> output, std::unique_ptr<LiveSession> session);

    /// Runs until the window is closed or `stop` returns true (it is asked a few times a second).
    void run(const std::function<bool()>& stop = {});

    /// Runs the loop until `done` returns true (true) or `timeoutMs` pass (false): for tests
    /// and the screenshot tool, which drive the window with SDL_PushEvent.
    bool runUntil(const std::function<bool()>& done, int timeoutMs);

    // One turn of the loop, for tests: handle one event, catch up, draw when needed.
    void handle(const SDL_Event& event);
    void update();
    /// Draws when something visible changed (or `force`); returns whether it drew.
    bool draw(bool force = false);

    Screen screen() const { return screen_; }
    bool quitRequested() const { return quit_; }
    Player* player() { return runner_.player(); }
    const LiveSession* session() const { return runner_.session(); }
    const std::vector<LibraryEntry>& entries() const { return entries_; }
    /// True once every library entry has been checked (and the screen knows it).
    bool libraryChecked() const;
    const std::vector<Control>& controls() const { return controls_; }
    /// The control with this id as last drawn, if it is on screen.
    std::optional<Control> control(int id) const;
    /// The last frame drawn (kept only after keepFrames(true)).
    void keepFrames(bool keep) { keepFrames_ = keep; }
    const Image& lastFrame() const { return lastFrame_; }
    /// Where the kiosk's home screen last drew its heading (for tests of the layout).
    SDL_Rect kioskHeading() const { return kioskHeading_; }
    bool highContrast() const { return highContrast_; }
    long long framesDrawn() const { return framesDrawn_; }
    /// SDL's event type for the helpers' wake-ups.
    Uint32 wakeEvent() const { return wakeEvent_; }
    /// Milliseconds until the loop should look again without an event (-1: only on events).
    int nextWakeMs() const;

    /// --watch: the newest version's first error while the last good one plays (else empty).
    const std::string& reloadProblem() const { return reloadProblem_; }
    /// --watch: versions that took over so far.
    int reloads() const { return reloads_; }

    // Kiosk mode, for tests.
    /// Seconds left before an idle kiosk goes home (shown in the last 10), or -1.
    int idleCountdown() const;
    std::optional<std::time_t> nextScheduledBreak() const { return nextBreak_; }
    /// How a desk break's window ended (once it has: quitRequested()).
    BreakOutcome deskOutcome() const { return deskOutcome_.value_or(BreakOutcome::Skipped); }

private:
    void openWindow();
    int displayIndex() const;     ///< options_.display, within the screens there are
    int screenOfWindow() const;   ///< the screen fullscreen covers
    bool isFullscreen() const;
    void setFullscreen(bool on);  ///< F11: covers the window's screen, or back to where it was
    std::optional<SDL_Rect> screenBounds() const;  ///< the bounds, now, of the screen fullscreen covers
    void fitToScreen();           ///< covers the screen's bounds and asks for fullscreen
    void fitTo(const SDL_Rect& bounds);
    void followScreen();          ///< re-covers the screen when its resolution changed
    void startLibraryScan();
    void takeCheckedEntries();
    void refilter();
    void choose(int visibleIndex);
    void beginSession(const LibraryEntry& entry, std::optional<Nanos> length);
    void takePreparedSession();
    void watchScript();    ///< --watch: a changed script is prepared again on a worker
    void takeNewVersion();
    void endSession();
    void activate(int id, int x = -1);
    void pointerDown(int x, int y);
    void pointerMove(int x, int y);
    void pointerUp(int x, int y);
    void key(const SDL_KeyboardEvent& key);
    void libraryKey(SDL_Keycode code);
    void playerKey(SDL_Keycode code, Uint16 mod);
    void moveFocus(int delta);
    void setSlider(const Control& slider, int x);
    void setListenerVolume(Player::Volume which, double value);
    std::string viewKey() const;
    // Kiosk mode (KioskMode.cpp).
    void kioskStart();
    void kioskUpdate();
    bool kioskKey(const SDL_KeyboardEvent& key);  ///< true when the kiosk took (or swallowed) it
    void kioskActivate(int id);
    void kioskDraw(Canvas& canvas);
    void kioskOverlay(Canvas& canvas);
    std::string kioskViewKey() const;
    void startKioskSession(std::size_t index, bool scheduled);
    void goHome();
    void startBreak();  ///< the schedule's session, as a scheduled break
    bool desk() const { return options_.kiosk && options_.deskBreakAt; }
    void closeDesk(std::optional<BreakOutcome> outcome);
    void record(UsageEvent event, const std::string& script, double seconds, bool scheduled);
    Uint64 nowMs() const;
    std::time_t wallNow() const;
    PlayerView playerView() const;
    SDL_Point toPixels(int x, int y) const;

    WindowOptions options_;
    SDL_Window* window_ = nullptr;
    SDL_Rect windowed_{};              ///< where the window was before F11 made it fullscreen
    SDL_Rect fittedTo_{};              ///< the screen bounds fullscreen last covered
    Uint64 nextScreenCheckMs_ = 0;
    SDL_Rect kioskHeading_{};
    SDL_Renderer* renderer_ = nullptr;
    std::unique_ptr<TextRenderer> text_;
    Uint32 wakeEvent_ = 0;
    Screen screen_ = Screen::Library;
    bool quit_ = false;
    bool highContrast_ = false;
    bool dirty_ = true;
    std::string drawnKey_;
    std::vector<Control> controls_;
    std::optional<int> resumeStep_;  ///< the step offered by "Continue from m:ss" (see startSession)
    int focus_ = -1;
    int pressed_ = -1;        // the control under the pointer since it went down
    bool keepFrames_ = false;
    Image lastFrame_;
    long long framesDrawn_ = 0;

    // The library.
    std::vector<LibraryEntry> entries_;
    LibraryView library_;
    std::mutex checkedMutex_;
    std::vector<LibraryEntry> checked_;  // results from the worker, not yet taken
    bool scanStarted_ = false;
    std::atomic<bool> stopScan_{false};
    std::atomic<int> checkedCount_{0};
    std::thread scanThread_;

    // The session.
    std::unique_ptr<LiveOutput> output_;
    SessionRunner runner_;  // the session playing, if any
    struct Prepared {
        std::unique_ptr<LiveSession> live;
        std::string problem;  // why it cannot play, when live is null
    };
    std::future<Prepared> preparing_;
    std::string preparingTitle_;
    std::optional<FileWatcher> watcher_;
    std::future<NewVersion> reloading_;
    std::string reloadProblem_;
    int reloads_ = 0;
    std::string problem_;
    Player::Volume keyVolume_ = Player::Volume::Voice;

    // Kiosk state.
    std::vector<LibraryEntry> kioskSessions_;  // the config's sessions, with their titles
    Uint64 lastInputMs_ = 0, lastPointerMs_ = 0, endedAtMs_ = 0;
    bool cursorShown_ = true;
    std::optional<std::time_t> nextBreak_;
    std::optional<BreakOutcome> deskOutcome_;
    std::string pinDigits_, pinMessage_;
    Uint64 pinMessageUntil_ = 0;
    struct Running {
        std::string script;  // its id: the file name without .toml
        double seconds = 0;
        bool scheduled = false;
    } running_;
};

}  // namespace kindly::ui
