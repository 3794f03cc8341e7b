#pragma once
// Kindly's window: the loop, the keys every screen shares, and the routing of the screens'
// actions to the session runner. The screens own their drawing and input (ui/Screen.hpp); the
// session runner owns the session's life (live/SessionRunner.hpp); a shell (the kiosk, a desk
// break: ui/WindowShell.hpp) wraps the whole through its hooks.
//
// Threads: everything here runs on the UI thread; the runner's and the library check's
// workers wake it with an SDL user event. The UI waits for events (no busy loop):
// indefinitely on the library, at most 100 ms while a session plays (captions, the clock, the
// device watchdog, the breathing guide at ten frames a second); it redraws only when what it
// would draw has changed.

#include <SDL.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "library/BackgroundCheck.hpp"
#include "live/LiveOutput.hpp"
#include "live/SessionRunner.hpp"
#include "ui/LibraryScreen.hpp"
#include "ui/MessageScreen.hpp"
#include "ui/PlayerScreen.hpp"
#include "ui/SdlWindow.hpp"
#include "ui/WindowShell.hpp"

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
    /// A shell around the window (must outlive it): a kiosk or a desk break. None: the library.
    WindowShell* shell = nullptr;
};

class WindowApp {
public:
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

    // What a shell drives.
    void show(Screen& screen);
    /// Prepares the script on the runner's worker (the preparing screen shows meanwhile), then plays it.
    void play(const std::filesystem::path& file, const std::string& title, std::optional<Nanos> length);
    void endSession();
    /// Closes the output when its device went missing: the next session looks for it again.
    void dropMissingOutput();
    void quit() { quit_ = true; }

    ScreenId screen() const { return current_->id(); }
    bool quitRequested() const { return quit_; }
    Player* player() { return runner_.player(); }
    const LiveSession* session() const { return runner_.session(); }
    const std::vector<LibraryEntry>& entries() const { return library_.entries(); }
    /// True once every library entry has been checked (and the screen knows it).
    bool libraryChecked() const { return check_.started() && library_.allChecked(); }
    const std::vector<Control>& controls() const { return controls_.drawn(); }
    /// The control for this action as last drawn, if it is on screen.
    std::optional<Control> control(const Action& action) const { return controls_.find(action); }
    /// The last frame drawn (kept only after keepFrames(true)).
    void keepFrames(bool keep) { keepFrames_ = keep; }
    const Image& lastFrame() const { return lastFrame_; }
    /// Every text drawn since the last call that did not fit its place (see Canvas::noteCuts),
    /// once collectCuts(true): tests of the layout in every language.
    void collectCuts(bool collect) { collectCuts_ = collect; }
    std::vector<std::string> takeCuts() { return std::exchange(cuts_, {}); }
    bool highContrast() const { return highContrast_; }
    long long framesDrawn() const { return framesDrawn_; }
    /// SDL's event type for the workers' wake-ups.
    Uint32 wakeEvent() const { return wakeEvent_; }
    /// Milliseconds until the loop should look again without an event (-1: only on events).
    int nextWakeMs() const;
    /// --watch: the newest version's first error while the last good one plays (else empty).
    const std::string& reloadProblem() const { return reloadProblem_; }
    /// --watch: versions that took over so far.
    int reloads() const { return reloads_; }

private:
    void route(Action action);
    std::function<void()> wake() const;  ///< wakes the loop from a worker
    void key(const SDL_KeyboardEvent& key);
    void takePrepared();
    void takeReload();
    void showProblem(const std::string& body);
    std::string viewKey();

    WindowOptions options_;
    std::unique_ptr<SdlWindow> window_;
    Uint32 wakeEvent_ = 0;
    WindowShell* shell_ = nullptr;
    LibraryScreen library_;
    PlayerScreen player_;
    MessageScreen preparing_{ScreenId::Preparing}, problem_{ScreenId::Problem};
    Screen* current_ = &library_;
    ControlSet controls_;
    BackgroundCheck check_;
    std::unique_ptr<LiveOutput> output_;
    SessionRunner runner_;
    std::string preparingTitle_, reloadProblem_, drawnKey_;
    int reloads_ = 0;
    bool quit_ = false, highContrast_ = false, dirty_ = true, keepFrames_ = false;
    Image lastFrame_;
    bool collectCuts_ = false;
    std::vector<std::string> cuts_;
    long long framesDrawn_ = 0;
    Uint64 nextScreenCheckMs_ = 0;
    std::function<double(double)> clamp_;  ///< the shell's volume limits
};

}  // namespace kindly::ui
