#pragma once
// The kiosk, as a shell around the window, in one place: the locked fullscreen home screen
// with the config's sessions, the lock (only the listener's keys; the configured chord opens
// the PIN pad, the right PIN ends Kindly), back home when idle with a countdown, scheduled
// breaks with their notice, the usage log, the cursor hidden while touch is used; and a break
// at a desk (`kindly breaks`): an ordinary window above the others that opens on the break's
// notice with start now, later and skip, and closes when the break is over. UI thread only.

#include <SDL.h>

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/DeskBreaks.hpp"

#include "platform/Language.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/UsageLog.hpp"
#include "platform/Clock.hpp"
#include "platform/Language.hpp"
#include "ui/KioskScreens.hpp"
#include "ui/WindowShell.hpp"

namespace kindly::ui {

struct KioskShellOptions {
    const KioskConfig* config = nullptr;  ///< must outlive the shell
    UsageLog* usage = nullptr;            ///< the usage log, when kept
    /// A break at a desk when set: the break starting at this time.
    std::optional<std::time_t> deskBreakAt;
    /// The wall clock for the schedule, a desk's break and the usage log (default: the
    /// machine's), and milliseconds for idle timeouts (default: SDL's), injectable for tests.
    const Clock* clock = nullptr;
    std::function<Uint64()> tickClock;
};

class KioskShell final : public WindowShell {
public:
    explicit KioskShell(KioskShellOptions options);

    // For tests.
    /// Seconds left before an idle kiosk goes home (shown in the last 10), or -1.
    int idleCountdown() const;
    std::optional<std::time_t> nextScheduledBreak() const { return nextBreak_; }
    /// How a desk break's window ended (once it has: the window's quitRequested()).
    BreakOutcome deskOutcome() const { return deskOutcome_.value_or(BreakOutcome::Skipped); }
    /// Where the home screen last drew its heading.
    SDL_Rect homeHeading() const { return home_.heading(); }

    // WindowShell.
    void configure(SdlWindowOptions& window) override;
    void attach(WindowApp& window) override;
    bool filter(const SDL_Event& event) override;
    Action route(const Action& action) override;
    void update() override;
    void overlay(Canvas& canvas) override;
    std::string viewKey() const override;
    int wakeMs() const override;
    void limit(PrepareOptions& options) const override;
    double clampVolume(double value) const override;
    std::string backLabel() const override { return desk() ? tr("Close") : tr("Home"); }
    bool remembers() const override { return false; }
    // SessionRunner::Observer.
    void started(LiveSession& session) override;
    void ended(const SessionRunner::Ending& ending) override;

private:
    bool desk() const { return options_.deskBreakAt.has_value(); }
    Uint64 nowMs() const;
    std::time_t wallNow() const;
    bool lockedKey(const SDL_KeyboardEvent& key);  ///< true when the lock swallows it
    void goHome();
    void showAnnounce();
    void startSession(std::size_t index, bool scheduled);
    void startBreak();  ///< the schedule's session, as a scheduled break
    void closeDesk(std::optional<BreakOutcome> outcome);
    void record(UsageEvent event, const std::string& script, double seconds, bool scheduled);

    KioskShellOptions options_;
    const KioskConfig& config_;
    WindowApp* window_ = nullptr;
    HomeScreen home_;
    AnnounceScreen announce_;
    PinScreen pin_;
    Uint64 lastInputMs_ = 0, lastPointerMs_ = 0, endedAtMs_ = 0, noticeUntilMs_ = 0;
    bool cursorShown_ = true;
    std::optional<std::time_t> nextBreak_;
    std::optional<BreakOutcome> deskOutcome_;
    struct Running {
        std::string script;  // its id: the file name without .toml
        double seconds = 0;
        bool scheduled = false;
    } running_;
};

}  // namespace kindly::ui
