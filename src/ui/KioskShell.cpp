#include "ui/KioskShell.hpp"

#include "platform/Language.hpp"

#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "kiosk/Pin.hpp"
#include "kiosk/Schedule.hpp"
#include "script/ScriptLoader.hpp"
#include "ui/WindowApp.hpp"

namespace kindly::ui {
namespace fs = std::filesystem;
namespace {

constexpr Uint64 kCursorHideMs = 5000;
constexpr Uint64 kEndedHomeMs = 10000;  // the thank-you stays this long, then home
constexpr Uint64 kNoticeMs = 4000;
constexpr int kCountdownSeconds = 10;

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
    std::string lower;
    for (const char* c = SDL_GetKeyName(k.keysym.sym); *c; ++c) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    return lower == key;
}

std::vector<HomeScreen::Card> cardsFor(const KioskConfig& config) {
    std::vector<HomeScreen::Card> cards;
    for (const auto& s : config.sessions) {
        HomeScreen::Card card{s.file.stem().string(), s.length};
        if (const ScriptLoad load = loadScriptFile(s.file); load.script && !load.script->session.title.empty())
            card.title = load.script->session.title;
        cards.push_back(std::move(card));
    }
    return cards;
}

}  // namespace

KioskShell::KioskShell(KioskShellOptions options)
    : options_(std::move(options)), config_(*options_.config), home_(config_, cardsFor(config_)) {}

Uint64 KioskShell::nowMs() const { return options_.tickClock ? options_.tickClock() : SDL_GetTicks64(); }
std::time_t KioskShell::wallNow() const { return (options_.clock ? *options_.clock : systemClock()).now(); }

void KioskShell::record(UsageEvent event, const std::string& script, double seconds, bool scheduled) {
    if (!options_.usage) return;
    if (!options_.usage->record({wallNow(), event, script, seconds, scheduled}))
        std::cerr << "kindly: the usage log could not be written: " << options_.usage->error() << "\n";
}

void KioskShell::configure(SdlWindowOptions& window) {
    window.keepToDisplay = true;
    if (desk()) window.onTop = true;  // a break's notice must be seen
    else window.fullscreen = true;
}

void KioskShell::attach(WindowApp& window) {
    window_ = &window;
    lastInputMs_ = lastPointerMs_ = nowMs();
    if (desk()) {
        nextBreak_ = options_.deskBreakAt;
        showAnnounce();
        return;
    }
    nextBreak_ = nextBreak(config_.schedule, wallNow());
    window_->show(home_);
}

void KioskShell::showAnnounce() {
    std::string title = config_.schedule.session;
    for (std::size_t i = 0; i < config_.sessions.size(); ++i)
        if (config_.sessions[i].script == config_.schedule.session) title = home_.cards()[i].title;
    announce_.announce(title, nextBreak_.value_or(wallNow()), desk(), config_.schedule.postpone);
    announce_.setNow(wallNow());
    window_->show(announce_);
    record(UsageEvent::Offered, fs::path(config_.schedule.session).stem().string(), 0, true);
}

bool KioskShell::filter(const SDL_Event& e) {
    // Any touch, click or key is someone there.
    switch (e.type) {
        case SDL_KEYDOWN:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_FINGERDOWN:
        case SDL_MOUSEWHEEL: lastInputMs_ = nowMs(); break;
        case SDL_MOUSEMOTION:
            if (e.motion.which != SDL_TOUCH_MOUSEID) {
                lastPointerMs_ = nowMs();
                if (!cursorShown_) {
                    SDL_ShowCursor(SDL_ENABLE);
                    cursorShown_ = true;
                }
            }
            break;
        default: break;
    }
    // A kiosk ignores requests to close; a desk break's window closes like any other.
    if (!desk() && (e.type == SDL_QUIT || (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE))) return true;
    return e.type == SDL_KEYDOWN && lockedKey(e.key);
}

bool KioskShell::lockedKey(const SDL_KeyboardEvent& k) {
    if (desk()) return false;  // not locked: the window's usual keys
    if (chordPressed(config_.chord, k)) {
        window_->endSession();
        pin_.clear();
        window_->show(pin_);
        return true;
    }
    const SDL_Keycode code = k.keysym.sym;
    if (window_->screen() == ScreenId::Pin)  // the PIN pad's own keys, and nothing else
        return !((code >= SDLK_0 && code <= SDLK_9) || (code >= SDLK_KP_1 && code <= SDLK_KP_0) || code == SDLK_BACKSPACE ||
                 code == SDLK_RETURN || code == SDLK_KP_ENTER);
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

Action KioskShell::route(const Action& a) {
    switch (a.kind) {
        case Act::StartKioskSession:
            if (a.index >= 0) startSession(static_cast<std::size_t>(a.index), false);
            return {};
        case Act::StartBreakNow: startBreak(); return {};
        case Act::PostponeBreak: closeDesk(BreakOutcome::Postponed); return {};
        case Act::SkipBreak:
            if (desk()) {
                closeDesk(BreakOutcome::Skipped);
            } else {
                nextBreak_ = nextBreak(config_.schedule, nextBreak_.value_or(wallNow()));
                goHome();
            }
            return {};
        case Act::PinOk:
            if (verifyPin(pin_.digits(), config_.pinHash)) {
                window_->quit();
            } else {
                goHome();
                home_.notice = tr("That PIN is not right.");
                noticeUntilMs_ = nowMs() + kNoticeMs;
            }
            return {};
        case Act::PinCancel:
        case Act::Back: goHome(); return {};
        default: return a;
    }
}

void KioskShell::closeDesk(std::optional<BreakOutcome> outcome) {
    window_->endSession();  // ended() sets the outcome of a session that was open
    if (outcome) deskOutcome_ = outcome;
    window_->quit();
}

void KioskShell::goHome() {
    if (desk()) return closeDesk(std::nullopt);
    window_->endSession();
    window_->dropMissingOutput();  // a device that was missing is looked for again before the next session
    pin_.clear();
    window_->show(home_);
    lastInputMs_ = nowMs();
    // Each session's threads leave freed memory in glibc's per-thread arenas; a kiosk runs
    // for weeks, so between sessions that memory goes back to the system.
    malloc_trim(0);
}

void KioskShell::startSession(std::size_t index, bool scheduled) {
    if (index >= config_.sessions.size()) return;
    const KioskSession& s = config_.sessions[index];
    running_ = {s.file.stem().string(), static_cast<double>(s.length.value_or(0)) / kNanosPerSecond, scheduled};
    window_->play(s.file, home_.cards()[index].title, s.length);
}

void KioskShell::startBreak() {
    for (std::size_t i = 0; i < config_.sessions.size(); ++i)
        if (config_.sessions[i].script == config_.schedule.session) return startSession(i, true);
}

void KioskShell::started(LiveSession& session) {
    // The listener's volume starts at the kiosk's default, within its limits.
    session.player->setVolume(Player::Volume::Voice, config_.volume);
    session.player->setVolume(Player::Volume::Ambient, config_.volume);
    if (running_.seconds <= 0) running_.seconds = static_cast<double>(session.timeline().length) / session.timeline().rate;
    record(UsageEvent::Started, running_.script, running_.seconds, running_.scheduled);
    endedAtMs_ = 0;
    lastInputMs_ = nowMs();
}

void KioskShell::ended(const SessionRunner::Ending& ending) {
    record(ending.completed ? UsageEvent::Completed : UsageEvent::Abandoned, running_.script, running_.seconds, running_.scheduled);
    if (desk()) deskOutcome_ = ending.completed ? BreakOutcome::Completed : BreakOutcome::Abandoned;
}

int KioskShell::idleCountdown() const {
    if (!window_) return -1;
    const Uint64 now = nowMs();
    const Uint64 idle = static_cast<Uint64>(config_.idleTimeout / kNanosPerMilli);
    const ScreenId screen = window_->screen();
    Uint64 deadline = 0;
    if (screen == ScreenId::Player && window_->session()) {
        const PlayerState state = window_->session()->player->snapshot().state;
        if (state == PlayerState::Ended) deadline = std::max(endedAtMs_, lastInputMs_) + kEndedHomeMs;
        // Someone is listening; and a paused break at a desk waits for its person.
        else if (state == PlayerState::Playing || desk()) return -1;
        else deadline = lastInputMs_ + idle;
    } else if (!desk() && (screen == ScreenId::Pin || screen == ScreenId::Problem)) {
        deadline = lastInputMs_ + idle;
    } else {
        return -1;
    }
    if (now >= deadline) return 0;
    const auto left = static_cast<int>((deadline - now + 999) / 1000);
    return left <= kCountdownSeconds ? left : -1;
}

void KioskShell::update() {
    const Uint64 now = nowMs();
    if (cursorShown_ && !desk() && now - lastPointerMs_ > kCursorHideMs) {
        SDL_ShowCursor(SDL_DISABLE);
        cursorShown_ = false;
    }
    const ScreenId screen = window_->screen();
    if (screen == ScreenId::Player && window_->session() && window_->session()->player->snapshot().state == PlayerState::Ended &&
        endedAtMs_ == 0)
        endedAtMs_ = now;
    // Idle: home, and the session abandoned if one was open.
    if (idleCountdown() == 0) return goHome();
    // The schedule: a notice `announce` before each break, then the break, unless someone is
    // in a session (that break is skipped).
    const std::time_t wall = wallNow();
    announce_.setNow(wall);
    if (desk()) {  // one break, planned by `kindly breaks`
        if (screen == ScreenId::Announce && nextBreak_ && wall >= *nextBreak_) startBreak();
    } else if (nextBreak_ && !config_.schedule.session.empty()) {
        const std::time_t noticeAt = *nextBreak_ - static_cast<std::time_t>(config_.schedule.announce / kNanosPerSecond);
        const bool busy = screen == ScreenId::Player || screen == ScreenId::Preparing || screen == ScreenId::Pin;
        if (wall >= noticeAt && screen != ScreenId::Announce) {
            if (busy) nextBreak_ = nextBreak(config_.schedule, *nextBreak_);
            else showAnnounce();
        }
        if (window_->screen() == ScreenId::Announce && wall >= *nextBreak_) {
            nextBreak_ = nextBreak(config_.schedule, *nextBreak_);
            startBreak();
        }
    }
    if (noticeUntilMs_ && now >= noticeUntilMs_) {
        home_.notice.clear();
        noticeUntilMs_ = 0;
    }
}

void KioskShell::overlay(Canvas& c) {
    const int left = idleCountdown();
    if (left <= 0) return;
    const Palette& p = c.palette();
    const int w = c.size().x, h = c.size().y;
    const SDL_Rect bar{0, h - c.u(44), w, c.u(44)};
    c.fill(bar, p.surface);
    c.text(desk() ? format(tr("Closing in %d s."), left) : format(tr("Back to the start in %d s. Touch the screen to stay."), left),
           bar, c.u(16), p.text, Align::Center);
}

std::string KioskShell::viewKey() const { return std::to_string(idleCountdown()); }

int KioskShell::wakeMs() const {
    // The clock (breaks, the idle countdown) is looked at four times a second.
    return window_ && window_->screen() == ScreenId::Player ? -1 : 250;
}

void KioskShell::limit(PrepareOptions& options) const {
    options.confineTo = config_.library;
    options.allowedUserEngines = config_.voiceEngines;
}

double KioskShell::clampVolume(double value) const { return std::clamp(value, config_.volumeMin, config_.volumeMax); }

}  // namespace kindly::ui
