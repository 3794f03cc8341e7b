// The window in kiosk mode: the home screen with the config's sessions, scheduled breaks with
// their notice, the idle timeout and its countdown, the lock (only the configured chord and
// the PIN exit), and the usage log. Part of WindowApp; UI thread only.

#include <malloc.h>

#include <algorithm>
#include <cctype>

#include "kiosk/Pin.hpp"
#include "kiosk/Schedule.hpp"
#include "script/ScriptLoader.hpp"
#include "ui/PlayerScreen.hpp"
#include "ui/WindowApp.hpp"

#include <iostream>

namespace kindly::ui {
namespace fs = std::filesystem;
namespace {

constexpr int kHomeSessionBase = 2000;  // session i
constexpr int kAnnounceSkip = 3000;
constexpr int kAnnounceStart = 3001;     // a desk break: start now
constexpr int kAnnouncePostpone = 3002;  // a desk break: later
constexpr int kPinKeyBase = 3100;       // digit d
constexpr int kPinErase = 3110;
constexpr int kPinOk = 3111;
constexpr int kPinCancel = 3112;
constexpr Uint64 kCursorHideMs = 5000;
constexpr Uint64 kEndedHomeMs = 10000;  // the thank-you stays this long, then home
constexpr int kCountdownSeconds = 10;

std::string minutesText(Nanos n) {
    const Nanos minutes = (n + kNanosPerMinute / 2) / kNanosPerMinute;
    return std::to_string(std::max<Nanos>(1, minutes)) + (minutes == 1 ? " minute" : " minutes");
}

/// The chord's modifiers and key, from a checked "ctrl+alt+shift+k".
bool chordPressed(const std::string& chord, const SDL_KeyboardEvent& k) {
    bool ctrl = false, alt = false, shift = false, super = false;
    std::string key, part;
    for (std::size_t i = 0; i <= chord.size(); ++i) {
        if (i == chord.size() || chord[i] == '+') {
            if (i == chord.size()) key = part;
            else if (part == "ctrl") ctrl = true;
            else if (part == "alt") alt = true;
            else if (part == "shift") shift = true;
            else if (part == "super") super = true;
            part.clear();
        } else {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(chord[i])));
        }
    }
    const Uint16 mod = k.keysym.mod;
    if (ctrl != ((mod & KMOD_CTRL) != 0) || alt != ((mod & KMOD_ALT) != 0) || shift != ((mod & KMOD_SHIFT) != 0) ||
        super != ((mod & KMOD_GUI) != 0))
        return false;
    const char* name = SDL_GetKeyName(k.keysym.sym);
    std::string lower;
    for (const char* c = name; *c; ++c) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    return lower == key;
}

}  // namespace

Uint64 WindowApp::nowMs() const { return options_.tickClock ? options_.tickClock() : SDL_GetTicks64(); }
std::time_t WindowApp::wallNow() const { return (options_.clock ? *options_.clock : systemClock()).now(); }

void WindowApp::record(UsageEvent event, const std::string& script, double seconds, bool scheduled) {
    if (!options_.usage) return;
    if (!options_.usage->record({wallNow(), event, script, seconds, scheduled}))
        std::cerr << "kindly: the usage log could not be written: " << options_.usage->error() << "\n";
}

void WindowApp::kioskStart() {
    const KioskConfig& k = *options_.kiosk;
    for (const auto& s : k.sessions) {
        LibraryEntry e;
        e.file = s.file;
        e.title = s.file.stem().string();
        if (const ScriptLoad load = loadScriptFile(s.file); load.script && !load.script->session.title.empty())
            e.title = load.script->session.title;
        e.length = s.length.value_or(0);
        kioskSessions_.push_back(std::move(e));
    }
    lastInputMs_ = lastPointerMs_ = nowMs();
    if (desk()) {
        screen_ = Screen::Announce;
        nextBreak_ = options_.deskBreakAt;
        record(UsageEvent::Offered, fs::path(k.schedule.session).stem().string(), 0, true);
        return;
    }
    screen_ = Screen::Home;
    nextBreak_ = nextBreak(k.schedule, wallNow());
}

void WindowApp::closeDesk(std::optional<BreakOutcome> outcome) {
    endSession();  // sets the outcome of a session that was open
    if (outcome) deskOutcome_ = outcome;
    quit_ = true;
}

void WindowApp::goHome() {
    if (desk()) return closeDesk(std::nullopt);
    endSession();
    // A device that was missing is looked for again before the next session.
    if (output_ && output_->deviceMissing() && !options_.output.silent) output_.reset();
    screen_ = Screen::Home;
    focus_ = -1;
    pinDigits_.clear();
    lastInputMs_ = nowMs();
    dirty_ = true;
    // Each session's threads leave freed memory in glibc's per-thread arenas; a kiosk runs
    // for weeks, so between sessions that memory goes back to the system.
    malloc_trim(0);
}

void WindowApp::startKioskSession(std::size_t index, bool scheduled) {
    if (index >= kioskSessions_.size()) return;
    const KioskSession& config = options_.kiosk->sessions[index];
    running_ = {config.file.stem().string(), static_cast<double>(config.length.value_or(0)) / kNanosPerSecond, scheduled};
    beginSession(kioskSessions_[index], config.length);
}

int WindowApp::idleCountdown() const {
    if (!options_.kiosk) return -1;
    const Uint64 now = nowMs();
    Uint64 deadline = 0;
    if (screen_ == Screen::Player && runner_.session()) {
        const PlayerState state = runner_.session()->player->snapshot().state;
        if (state == PlayerState::Ended) deadline = std::max(endedAtMs_, lastInputMs_) + kEndedHomeMs;
        // Someone is listening; and a paused break at a desk waits for its person.
        else if (state == PlayerState::Playing || desk()) return -1;
        else deadline = lastInputMs_ + static_cast<Uint64>(options_.kiosk->idleTimeout / kNanosPerMilli);
    } else if (!desk() && (screen_ == Screen::Pin || screen_ == Screen::Problem)) {
        deadline = lastInputMs_ + static_cast<Uint64>(options_.kiosk->idleTimeout / kNanosPerMilli);
    } else {
        return -1;
    }
    if (now >= deadline) return 0;
    const auto left = static_cast<int>((deadline - now + 999) / 1000);
    return left <= kCountdownSeconds ? left : -1;
}

void WindowApp::kioskUpdate() {
    const KioskConfig& k = *options_.kiosk;
    const Uint64 now = nowMs();
    if (cursorShown_ && !desk() && now - lastPointerMs_ > kCursorHideMs) {
        SDL_ShowCursor(SDL_DISABLE);
        cursorShown_ = false;
    }
    if (screen_ == Screen::Player && runner_.session() && runner_.session()->player->snapshot().state == PlayerState::Ended && endedAtMs_ == 0)
        endedAtMs_ = now;
    // Idle: home, and the session abandoned if one was open.
    if (idleCountdown() == 0) {
        goHome();
        return;
    }
    // The schedule: a notice `announce` before each break, then the break, unless someone is
    // in a session (that break is skipped).
    const std::time_t wall = wallNow();
    if (desk()) {  // one break, planned by `kindly breaks`
        if (screen_ == Screen::Announce && nextBreak_ && wall >= *nextBreak_) startBreak();
    } else if (nextBreak_ && !k.schedule.session.empty()) {
        const std::time_t noticeAt = *nextBreak_ - static_cast<std::time_t>(k.schedule.announce / kNanosPerSecond);
        const bool busy = screen_ == Screen::Player || screen_ == Screen::Preparing || screen_ == Screen::Pin;
        if (wall >= noticeAt && screen_ != Screen::Announce) {
            if (busy) {
                nextBreak_ = nextBreak(k.schedule, *nextBreak_);
            } else {
                screen_ = Screen::Announce;
                focus_ = -1;
                record(UsageEvent::Offered, fs::path(k.schedule.session).stem().string(), 0, true);
            }
            dirty_ = true;
        }
        if (screen_ == Screen::Announce && wall >= *nextBreak_) {
            nextBreak_ = nextBreak(k.schedule, *nextBreak_);
            startBreak();
        }
    }
    if (pinMessageUntil_ && now >= pinMessageUntil_) {
        pinMessage_.clear();
        pinMessageUntil_ = 0;
        dirty_ = true;
    }
}

void WindowApp::startBreak() {
    const KioskConfig& k = *options_.kiosk;
    for (std::size_t i = 0; i < k.sessions.size(); ++i)
        if (k.sessions[i].script == k.schedule.session) return startKioskSession(i, true);
}

bool WindowApp::kioskKey(const SDL_KeyboardEvent& k) {
    if (desk()) {  // not locked: the window's usual keys, and Escape skips the notice
        if (screen_ != Screen::Announce || k.keysym.sym != SDLK_ESCAPE) return false;
        kioskActivate(kAnnounceSkip);
        return true;
    }
    if (chordPressed(options_.kiosk->chord, k)) {
        endSession();
        screen_ = Screen::Pin;
        pinDigits_.clear();
        focus_ = -1;
        return true;
    }
    const SDL_Keycode code = k.keysym.sym;
    if (screen_ == Screen::Pin) {
        if (code >= SDLK_0 && code <= SDLK_9) kioskActivate(kPinKeyBase + (code - SDLK_0));
        else if (code >= SDLK_KP_1 && code <= SDLK_KP_9) kioskActivate(kPinKeyBase + 1 + (code - SDLK_KP_1));
        else if (code == SDLK_KP_0) kioskActivate(kPinKeyBase);
        else if (code == SDLK_BACKSPACE) kioskActivate(kPinErase);
        else if (code == SDLK_RETURN || code == SDLK_KP_ENTER) kioskActivate(kPinOk);
        return true;
    }
    // Only the keys a listener needs; every escape (Escape, Alt+F4, Ctrl+Q, Ctrl+W, F11) does nothing.
    if (k.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) return true;
    switch (code) {
        case SDLK_TAB:
        case SDLK_SPACE:
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_LEFT:
        case SDLK_RIGHT:
        case SDLK_UP:
        case SDLK_DOWN: return false;  // handled as in the window
        default: return true;
    }
}

void WindowApp::kioskActivate(int id) {
    dirty_ = true;
    if (screen_ == Screen::Home && id >= kHomeSessionBase && id < kHomeSessionBase + static_cast<int>(kioskSessions_.size())) {
        startKioskSession(static_cast<std::size_t>(id - kHomeSessionBase), false);
    } else if (desk() && screen_ == Screen::Announce) {
        if (id == kAnnounceStart) startBreak();
        else if (id == kAnnouncePostpone) closeDesk(BreakOutcome::Postponed);
        else if (id == kAnnounceSkip) closeDesk(BreakOutcome::Skipped);
    } else if (screen_ == Screen::Announce && id == kAnnounceSkip) {
        nextBreak_ = nextBreak(options_.kiosk->schedule, *nextBreak_);
        goHome();
    } else if (screen_ == Screen::Pin) {
        if (id >= kPinKeyBase && id <= kPinKeyBase + 9 && pinDigits_.size() < 12) pinDigits_ += static_cast<char>('0' + id - kPinKeyBase);
        else if (id == kPinErase && !pinDigits_.empty()) pinDigits_.pop_back();
        else if (id == kPinCancel) goHome();
        else if (id == kPinOk) {
            if (verifyPin(pinDigits_, options_.kiosk->pinHash)) {
                quit_ = true;
            } else {
                goHome();
                pinMessage_ = "That PIN is not right.";
                pinMessageUntil_ = nowMs() + 4000;
            }
        }
    }
}

std::string WindowApp::kioskViewKey() const {
    std::string key = std::to_string(idleCountdown()) + "|" + pinMessage_ + "|";
    if (screen_ == Screen::Pin) key += std::to_string(pinDigits_.size());
    if (screen_ == Screen::Announce && nextBreak_) key += std::to_string(*nextBreak_ - wallNow());
    return key;
}

void WindowApp::kioskDraw(Canvas& c) {
    const Palette& p = c.palette();
    const KioskConfig& k = *options_.kiosk;
    const int w = c.size().x, h = c.size().y, m = c.u(40);
    controls_.clear();
    if (screen_ == Screen::Home) {
        c.clear();
        kioskHeading_ = c.text(k.title, {m, h / 8, w - 2 * m, c.u(56)}, c.u(40), p.text, Align::Center, Align::Center, true);
        c.text(k.message, {m, h / 8 + c.u(64), w - 2 * m, c.u(60)}, c.u(20), p.muted, Align::Center, Align::Start, false, true);
        // Large targets: one row of cards, or two rows when they do not fit.
        const int n = static_cast<int>(kioskSessions_.size());
        const int perRow = std::max(1, std::min(n, (w - 2 * m + c.u(20)) / (c.u(220) + c.u(20))));
        const int rows = (n + perRow - 1) / perRow;
        const int cardW = std::min(c.u(300), (w - 2 * m - (perRow - 1) * c.u(20)) / perRow), cardH = c.u(136);
        const int top = std::max(h / 8 + c.u(140), (h - rows * (cardH + c.u(20))) / 2 + c.u(60));
        for (int i = 0; i < n; ++i) {
            const int row = i / perRow, col = i % perRow;
            const int inRow = std::min(perRow, n - row * perRow);
            const int x0 = w / 2 - (inRow * cardW + (inRow - 1) * c.u(20)) / 2;
            const SDL_Rect r{x0 + col * (cardW + c.u(20)), top + row * (cardH + c.u(20)), cardW, cardH};
            const auto& e = kioskSessions_[static_cast<std::size_t>(i)];
            c.roundRect(r, c.u(16), p.accent);
            c.text(e.title, {r.x + c.u(12), r.y + c.u(12), r.w - c.u(24), r.h - c.u(48)}, c.u(20), p.accentText, Align::Center,
                   Align::Center, true, true);
            const KioskSession& s = k.sessions[static_cast<std::size_t>(i)];
            if (s.length)
                c.text(minutesText(*s.length), {r.x, r.y + r.h - c.u(40), r.w, c.u(28)}, c.u(16), p.accentText, Align::Center);
            if (focus_ == kHomeSessionBase + i) drawFocus(c, r);
            controls_.push_back({Control::Kind::Button, kHomeSessionBase + i, r, 0});
        }
        if (!pinMessage_.empty()) c.text(pinMessage_, {m, h - c.u(60), w - 2 * m, c.u(30)}, c.u(16), p.warning, Align::Center);
    } else if (screen_ == Screen::Announce) {
        const long left = nextBreak_ ? std::max<long>(0, static_cast<long>(*nextBreak_ - wallNow())) : 0;
        std::string title = k.schedule.session;
        for (std::size_t i = 0; i < k.sessions.size(); ++i)
            if (k.sessions[i].script == k.schedule.session) title = kioskSessions_[i].title;
        const std::string heading = "A break begins in " + std::to_string(left) + (left == 1 ? " second" : " seconds");
        if (desk())
            controls_ = drawMessage(c, {heading, title + ". Time to pause for a few calm minutes.",
                                        {{kAnnounceStart, "Start now"},
                                         {kAnnouncePostpone, "In " + minutesText(k.schedule.postpone)},
                                         {kAnnounceSkip, "Skip"}},
                                        focus_, false});
        else
            controls_ = drawMessage(c, {heading, title + ". Join in, or carry on with your day.", {{kAnnounceSkip, "Skip this break"}},
                                        focus_, false});
    } else if (screen_ == Screen::Pin) {
        c.clear();
        c.text("Enter the PIN", {m, c.u(30), w - 2 * m, c.u(44)}, c.u(28), p.text, Align::Center, Align::Center, true);
        c.text(std::string(pinDigits_.size(), '*').empty() ? " " : std::string(pinDigits_.size(), '*'),
               {m, c.u(80), w - 2 * m, c.u(40)}, c.u(30), p.text, Align::Center);
        const int key = c.u(64), gap = c.u(12);
        const int x0 = w / 2 - (3 * key + 2 * gap) / 2, y0 = c.u(130);
        const int ids[12] = {kPinKeyBase + 1, kPinKeyBase + 2, kPinKeyBase + 3, kPinKeyBase + 4, kPinKeyBase + 5, kPinKeyBase + 6,
                             kPinKeyBase + 7, kPinKeyBase + 8, kPinKeyBase + 9, kPinErase, kPinKeyBase, kPinOk};
        const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", "OK"};
        for (int i = 0; i < 12; ++i) {
            const SDL_Rect r{x0 + (i % 3) * (key + gap), y0 + (i / 3) * (key + gap), key, key};
            drawButton(c, r, labels[i], ids[i] == kPinOk, focus_ == ids[i]);
            controls_.push_back({Control::Kind::Button, ids[i], r, 0});
        }
        const SDL_Rect cancel{w / 2 - c.u(80), y0 + 4 * (key + gap), c.u(160), c.u(44)};
        drawButton(c, cancel, "Cancel", false, focus_ == kPinCancel);
        controls_.push_back({Control::Kind::Button, kPinCancel, cancel, 0});
    }
}

void WindowApp::kioskOverlay(Canvas& c) {
    const Palette& p = c.palette();
    const int w = c.size().x, h = c.size().y;
    if (const int left = idleCountdown(); left > 0) {
        SDL_Color shade = p.surface;
        const SDL_Rect bar{0, h - c.u(44), w, c.u(44)};
        c.fill(bar, shade);
        c.text(desk() ? "Closing in " + std::to_string(left) + " s."
                      : "Back to the start in " + std::to_string(left) + " s. Touch the screen to stay.",
               bar, c.u(16), p.text, Align::Center);
    }
}

}  // namespace kindly::ui
