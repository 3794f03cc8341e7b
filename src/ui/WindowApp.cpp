#include "ui/WindowApp.hpp"

#include "ui/ScreenBounds.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "live/SessionRunner.hpp"
#include "platform/Background.hpp"
#include "ui/BreathingGuide.hpp"
#include "ui/PlayerScreen.hpp"

namespace kindly::ui {
namespace fs = std::filesystem;
namespace {

constexpr int kProblemBack = 1;
constexpr int kKioskFirstSession = 2000;  // KioskMode.cpp's kHomeSessionBase: Enter on the home screen
constexpr double kVolumeStep = 0.05;


/// Lets the streaming thread fill its ring before the sound starts (at most ~0.4 s).

}  // namespace

SDL_Color Image::at(int x, int y) const {
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
    return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

WindowApp::WindowApp(WindowOptions options) : options_(std::move(options)), highContrast_(options_.highContrast) {
    // Touch is handled as touch: SDL must not also turn each tap into a mouse click.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // Ctrl-C and SIGTERM are the command's (InterruptGuard), not SDL's.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    startVideo();
    wakeEvent_ = SDL_RegisterEvents(1);
    if (options_.kiosk && !options_.deskBreakAt) options_.fullscreen = true;
    openWindow();
    library_.entries = &entries_;
    if (options_.kiosk) kioskStart();
}

WindowApp::~WindowApp() {
    stopScan_ = true;
    if (scanThread_.joinable()) scanThread_.join();
    if (preparing_.valid()) preparing_.wait();
    if (reloading_.valid()) reloading_.wait();
    endSession();
    text_.reset();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

bool WindowApp::isFullscreen() const {
    return (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP;
}

void WindowApp::setFullscreen(bool on) {
    if (on == isFullscreen()) return;
    dirty_ = true;
    if (!on) {
        SDL_SetWindowFullscreen(window_, 0);
        // Where it was before: a bare X server (no window manager) would leave it screen-sized.
        if (windowed_.w > 0) {
            SDL_SetWindowSize(window_, windowed_.w, windowed_.h);
            SDL_SetWindowPosition(window_, windowed_.x, windowed_.y);
        }
        fittedTo_ = {};
        return;
    }
    SDL_GetWindowPosition(window_, &windowed_.x, &windowed_.y);
    SDL_GetWindowSize(window_, &windowed_.w, &windowed_.h);
    fitToScreen();
}

std::optional<SDL_Rect> WindowApp::screenBounds() const {
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(screenOfWindow(), &bounds) != 0) return std::nullopt;
    // SDL's bounds are those of its start; after a fit, X11 is asked for the screen's bounds now.
    if (fittedTo_.w > 0)
        if (const auto now = currentScreenBounds(window_, fittedTo_)) bounds = *now;
    return bounds;
}

void WindowApp::fitToScreen() {
    if (const auto bounds = screenBounds()) fitTo(*bounds);
}

void WindowApp::fitTo(const SDL_Rect& bounds) {
    // Covers the screen's bounds itself, then asks for fullscreen: a window manager makes it
    // fullscreen, and where there is none (xinit, a bare X server) it covers the screen anyway.
    SDL_SetWindowFullscreen(window_, 0);
    SDL_SetWindowPosition(window_, bounds.x, bounds.y);
    SDL_SetWindowSize(window_, bounds.w, bounds.h);
    SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
    fittedTo_ = bounds;
    dirty_ = true;
}

void WindowApp::followScreen() {
    // Called about once a second and on display events: a resolution changed while the window
    // is fullscreen (xrandr) is covered again, and the layout follows the new size.
    if (!window_ || !isFullscreen()) return;
    const auto bounds = screenBounds();
    if (!bounds) return;
    if (fittedTo_.w == 0) {
        fittedTo_ = *bounds;  // as opened
        return;
    }
    if (bounds->x != fittedTo_.x || bounds->y != fittedTo_.y || bounds->w != fittedTo_.w || bounds->h != fittedTo_.h)
        fitTo(*bounds);
}

int WindowApp::screenOfWindow() const {
    // A kiosk keeps to the screen it was asked for; a desktop window to the one it is on.
    const int on = window_ ? SDL_GetWindowDisplayIndex(window_) : -1;
    return options_.kiosk || on < 0 ? displayIndex() : on;
}

int WindowApp::displayIndex() const {
    const int count = SDL_GetNumVideoDisplays();
    return count <= 0 ? 0 : std::clamp(options_.display, 0, count - 1);
}

void WindowApp::openWindow() {
    const int display = displayIndex();
    if (options_.display != display)
        std::cerr << "kindly: there is no screen " << options_.display + 1 << " (" << SDL_GetNumVideoDisplays()
                  << " here); opening on screen " << display + 1 << "\n";
    SDL_Point size{1024, 640};
    SDL_Point position{static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display)),
                       static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display))};
    SDL_Rect bounds{};
    if (options_.size) {
        size = *options_.size;
    } else if (options_.fullscreen && SDL_GetDisplayBounds(display, &bounds) == 0) {
        // Fullscreen opens already covering the screen: with no window manager to honour the
        // fullscreen request (a bare X server, xinit), the window keeps the size it opened at.
        size = {bounds.w, bounds.h};
        position = {bounds.x, bounds.y};
    } else if (SDL_Rect usable; SDL_GetDisplayUsableBounds(display, &usable) == 0) {
        // Most of the display, 16:10, never below the smallest layout (800x480).
        size.x = std::clamp(usable.w * 6 / 10, std::min(800, usable.w), usable.w);
        size.y = std::clamp(size.x * 10 / 16, std::min(480, usable.h), usable.h);
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options_.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (options_.deskBreakAt) flags |= SDL_WINDOW_ALWAYS_ON_TOP;  // a break's notice must be seen
    window_ = SDL_CreateWindow(options_.title.c_str(), position.x, position.y, size.x, size.y, flags);
    if (!window_) throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    if (options_.deskBreakAt) SDL_RaiseWindow(window_);
    SDL_SetWindowMinimumSize(window_, 640, 400);
    renderer_ = SDL_CreateRenderer(window_, -1, 0);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) throw std::runtime_error(std::string("cannot draw in the window: ") + SDL_GetError());
    text_ = std::make_unique<TextRenderer>(renderer_);
}

// --- The library --------------------------------------------------------------------------

void WindowApp::startLibraryScan() {
    // Once, when the library is first shown (a window opened by `kindly play` may never show it).
    if (scanStarted_) return;
    scanStarted_ = true;
    entries_ = scanLibrary(options_.libraryFolders);
    library_.tags = allTags(entries_);
    refilter();
    std::vector<LibraryEntry> pending = entries_;
    const Uint32 wake = wakeEvent_;
    std::optional<std::vector<std::string>> allowedUserEngines;
    if (options_.kiosk) allowedUserEngines = options_.kiosk->voiceEngines;
    scanThread_ = std::thread([this, pending = std::move(pending), wake, allowedUserEngines]() mutable {
        // Checking an entry prepares it (its speech made ahead of a first play): behind whatever
        // the listener chooses meanwhile.
        lowerThisThreadsPriority();
        for (auto& entry : pending) {
            if (stopScan_) return;
            checkEntry(entry, 48000, allowedUserEngines);
            {
                std::lock_guard lock(checkedMutex_);
                checked_.push_back(entry);
            }
            ++checkedCount_;
            SDL_Event e{};
            e.type = wake;
            SDL_PushEvent(&e);
        }
    });
}

bool WindowApp::libraryChecked() const {
    return scanStarted_ && std::all_of(entries_.begin(), entries_.end(), [](const LibraryEntry& e) { return e.checked; });
}

void WindowApp::takeCheckedEntries() {
    std::vector<LibraryEntry> done;
    {
        std::lock_guard lock(checkedMutex_);
        done.swap(checked_);
    }
    for (auto& d : done)
        for (auto& e : entries_)
            if (e.file == d.file) {
                e = std::move(d);  // d is spent: no further entry may match it (clang-tidy's use-after-move)
                break;
            }
    if (!done.empty()) dirty_ = true;
}

void WindowApp::refilter() {
    const std::string tag = library_.tag >= 0 ? library_.tags[static_cast<std::size_t>(library_.tag)] : "";
    library_.visible = filterEntries(entries_, tag);
    library_.selected = std::clamp(library_.selected, 0, std::max(0, static_cast<int>(library_.visible.size()) - 1));
    library_.scroll = 0;
    library_.choosingLength = false;
}

void WindowApp::choose(int visibleIndex) {
    if (visibleIndex < 0 || visibleIndex >= static_cast<int>(library_.visible.size())) return;
    library_.selected = visibleIndex;
    const LibraryEntry& entry = entries_[static_cast<std::size_t>(library_.visible[static_cast<std::size_t>(visibleIndex)])];
    if (entry.checked && !entry.valid) {
        problem_ = entry.title + " cannot play.\n" + entry.problem + "\nRun `kindly check " + entry.file.string() +
                   "` for every detail.";
        screen_ = Screen::Problem;
        focus_ = -1;
        return;
    }
    const auto lengths = entry.checked ? entry.offeredLengths() : std::vector<Nanos>{};
    if (lengths.size() > 1) {
        library_.choosingLength = true;
        library_.lengths = lengths;
        // Start on the script's own length, or the nearest offer to it.
        library_.length = 0;
        for (std::size_t i = 0; i < lengths.size(); ++i)
            if (std::llabs(lengths[i] - entry.length) < std::llabs(lengths[static_cast<std::size_t>(library_.length)] - entry.length))
                library_.length = static_cast<int>(i);
        focus_ = -1;
        return;
    }
    beginSession(entry, std::nullopt);
}

// --- Sessions -------------------------------------------------------------------------------

void WindowApp::beginSession(const LibraryEntry& entry, std::optional<Nanos> length) {
    library_.choosingLength = false;
    if (!output_) {
        auto output = std::make_unique<LiveOutput>();
        std::string error;
        if (!output->open(options_.output, error)) {
            problem_ = "The sound device cannot be opened.\n" + error;
            screen_ = Screen::Problem;
            return;
        }
        output_ = std::move(output);
    }
    screen_ = Screen::Preparing;
    preparingTitle_ = entry.title;
    focus_ = -1;
    const fs::path file = entry.file;
    const int rate = output_->rate();
    const Uint32 wake = wakeEvent_;
    PrepareOptions options;
    options.rate = rate;
    options.targetLength = length;
    if (options_.kiosk) {
        options.confineTo = options_.kiosk->library;
        options.allowedUserEngines = options_.kiosk->voiceEngines;
    }
    preparing_ = std::async(std::launch::async, [file, wake, options] {
        Prepared result;
        PreparedSession p = prepareSession(file, options);
        if (p.ok()) {
            result.live = makeLiveSession(file, std::move(p), 0);
        } else {
            for (const auto& d : p.diagnostics.items())
                if (d.severity == Severity::Error) result.problem += formatDiagnostic(d) + "\n";
            if (result.problem.empty()) result.problem = "The script cannot be read.";
        }
        SDL_Event e{};
        e.type = wake;
        SDL_PushEvent(&e);
        return result;
    });
}

void WindowApp::takePreparedSession() {
    if (!preparing_.valid() || preparing_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    Prepared prepared = preparing_.get();
    if (!prepared.live) {
        problem_ = preparingTitle_ + " cannot play.\n" + prepared.problem;
        screen_ = Screen::Problem;
        dirty_ = true;
        return;
    }
    startSession(std::move(output_), std::move(prepared.live));
}

void WindowApp::startSession(std::unique_ptr<LiveOutput> output, std::unique_ptr<LiveSession> session) {
    endSession();
    output_ = std::move(output);
    for (const auto& w : session->warnings) std::cerr << session->file.string() << ": warning: " << w << "\n";
    if (options_.kiosk) {
        // The listener's volume starts at the kiosk's default, within its limits.
        session->player->setVolume(Player::Volume::Voice, options_.kiosk->volume);
        session->player->setVolume(Player::Volume::Ambient, options_.kiosk->volume);
        if (running_.seconds <= 0) running_.seconds = static_cast<double>(session->timeline().length) / session->timeline().rate;
        record(UsageEvent::Started, running_.script, running_.seconds, running_.scheduled);
        endedAtMs_ = 0;
        lastInputMs_ = nowMs();
    }
    // Where the listener stopped this script last time, offered during the first step as the
    // terminal offers `play --resume` (never in a kiosk: a stranger's place is not yours).
    resumeStep_.reset();
    if (!options_.kiosk && session->player->snapshot().step == 0) resumeStep_ = SessionRunner::savedStep(*session);
    runner_.start(*output_, std::move(session));
    const LiveSession& started = *runner_.session();
    if (options_.watch && (!watcher_ || watcher_->file() != started.file)) watcher_.emplace(started.file);
    screen_ = Screen::Player;
    focus_ = -1;
    dirty_ = true;
    SDL_SetWindowTitle(window_, (started.script().session.title + " - Kindly").c_str());
}

void WindowApp::watchScript() {
    if (!watcher_ || screen_ != Screen::Player || !runner_.session() || reloading_.valid() || !watcher_->changed()) return;
    const fs::path file = runner_.session()->file;
    PrepareOptions options = options_.watchOptions;
    options.rate = runner_.session()->timeline().rate;
    const Uint32 wake = wakeEvent_;
    reloading_ = std::async(std::launch::async, [file, options, wake] {
        NewVersion next = loadNewVersion(file, options);
        SDL_Event e{};
        e.type = wake;
        SDL_PushEvent(&e);
        return next;
    });
}

void WindowApp::takeNewVersion() {
    if (!reloading_.valid() || reloading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    NewVersion next = reloading_.get();
    dirty_ = true;
    if (!runner_.session() || screen_ != Screen::Player) return;  // the listener left meanwhile
    if (!next.live) {
        // The last good version plays on; the first error shows where the device status goes.
        for (const auto& line : next.diagnostics) std::cerr << line << "\n";
        const std::string& first = next.diagnostics.front();
        const std::string prefix = runner_.session()->file.string() + ":";
        reloadProblem_ = (first.rfind(prefix, 0) == 0 ? runner_.session()->file.filename().string() + ":" + first.substr(prefix.size()) : first) +
                         (next.diagnostics.size() > 1 ? " (and " + std::to_string(next.diagnostics.size() - 1) + " more)" : "") +
                         ". Still playing the last good version.";
        return;
    }
    runner_.takeOver(std::move(next.live));
    for (const auto& w : runner_.session()->warnings) std::cerr << runner_.session()->file.string() << ": warning: " << w << "\n";
    reloadProblem_.clear();
    ++reloads_;
}

void WindowApp::endSession() {
    // The runner remembers where the listener stopped, or forgets it once the session is complete.
    const auto ending = runner_.end();
    if (!ending) return;
    if (options_.kiosk)
        record(ending->completed ? UsageEvent::Completed : UsageEvent::Abandoned, running_.script, running_.seconds,
               running_.scheduled);
    if (desk()) deskOutcome_ = ending->completed ? BreakOutcome::Completed : BreakOutcome::Abandoned;
    if (window_) SDL_SetWindowTitle(window_, options_.title.c_str());
}

// --- Input ----------------------------------------------------------------------------------

std::optional<Control> WindowApp::control(int id) const {
    for (const auto& c : controls_)
        if (c.id == id) return c;
    return std::nullopt;
}

SDL_Point WindowApp::toPixels(int x, int y) const {
    // Mouse positions are in window coordinates; drawing is in drawable pixels (HiDPI).
    int ww = 1, wh = 1, pw = 1, ph = 1;
    SDL_GetWindowSize(window_, &ww, &wh);
    SDL_GetRendererOutputSize(renderer_, &pw, &ph);
    return {x * pw / std::max(1, ww), y * ph / std::max(1, wh)};
}

void WindowApp::setSlider(const Control& slider, int x) {
    Player* p = player();
    if (!p) return;
    const int knob = std::max(1, slider.rect.h * 11 / 40);  // the knob's reach at each end (drawPlayer's slider)
    const double value = std::clamp(static_cast<double>(x - slider.rect.x - knob) / std::max(1, slider.rect.w - 2 * knob), 0.0, 1.0);
    setListenerVolume(slider.id == kVoiceSlider ? Player::Volume::Voice : Player::Volume::Ambient, value);
    dirty_ = true;
}

void WindowApp::setListenerVolume(Player::Volume which, double value) {
    if (!player()) return;
    // A kiosk keeps the listener's volumes within its limits.
    if (options_.kiosk) value = std::clamp(value, options_.kiosk->volumeMin, options_.kiosk->volumeMax);
    player()->setVolume(which, value);
    dirty_ = true;
}

void WindowApp::pointerDown(int x, int y) {
    pressed_ = -1;
    for (const auto& c : controls_) {
        if (!contains(c.rect, x, y)) continue;
        pressed_ = c.id;
        if (c.kind == Control::Kind::Slider) setSlider(c, x);
        return;
    }
}

void WindowApp::pointerMove(int x, int /*y*/) {
    if (pressed_ < 0) return;
    if (auto c = control(pressed_); c && c->kind == Control::Kind::Slider) setSlider(*c, x);
}

void WindowApp::pointerUp(int x, int y) {
    const int pressed = pressed_;
    pressed_ = -1;
    auto c = control(pressed);
    // A button acts when released over itself (sliding off cancels, as people expect).
    if (c && c->kind == Control::Kind::Button && contains(c->rect, x, y)) activate(c->id);
}

void WindowApp::activate(int id, int /*x*/) {
    dirty_ = true;
    if (id == kContrastButton || id == kLibraryContrast) {
        highContrast_ = !highContrast_;
        return;
    }
    if (options_.kiosk) {
        if (screen_ == Screen::Home || screen_ == Screen::Announce || screen_ == Screen::Pin) return kioskActivate(id);
        if (id == kLibraryButton || (screen_ == Screen::Problem && id == kProblemBack)) return goHome();
    }
    switch (screen_) {
        case Screen::Library:
            if (id >= kEntryBase) {
                const auto found = std::find(library_.visible.begin(), library_.visible.end(), id - kEntryBase);
                if (found != library_.visible.end()) choose(static_cast<int>(found - library_.visible.begin()));
            } else if (id >= kLengthBase && id < kLengthBase + static_cast<int>(library_.lengths.size())) {
                library_.length = id - kLengthBase;
                const auto& entry =
                    entries_[static_cast<std::size_t>(library_.visible[static_cast<std::size_t>(library_.selected)])];
                beginSession(entry, library_.lengths[static_cast<std::size_t>(library_.length)]);
            } else if (id == kLengthCancel) {
                library_.choosingLength = false;
            } else if (id == kLibraryAbout) {
                library_.showingAbout = true;
                focus_ = -1;
            } else if (id == kAboutClose) {
                library_.showingAbout = false;
                focus_ = -1;
            } else if (id >= kTagAll && id < kLengthBase) {
                library_.tag = id - kTagAll - 1;
                refilter();
            }
            break;
        case Screen::Problem:
            if (id == kProblemBack) screen_ = Screen::Library;
            break;
        case Screen::Preparing:
        case Screen::Home:
        case Screen::Announce:
        case Screen::Pin: break;
        case Screen::Player: {
            Player* p = player();
            if (!p) break;
            const PlayerState state = p->snapshot().state;
            switch (id) {
                case kLibraryButton:
                    endSession();
                    screen_ = Screen::Library;
                    focus_ = -1;
                    break;
                case kChapterBack: p->previousChapter(); break;
                case kStepBack: p->previousStep(); break;
                case kStepForward: p->nextStep(); break;
                case kChapterForward: p->nextChapter(); break;
                case kPlayPause:
                    if (state == PlayerState::Waiting) p->continueAfterWait();
                    else if (state == PlayerState::Ended) p->restart();
                    else p->togglePause();
                    break;
                case kContinueButton: p->continueAfterWait(); break;
                case kResumeButton:
                    if (resumeStep_) p->seekToStep(*resumeStep_);
                    resumeStep_.reset();
                    focus_ = -1;
                    break;
                case kPlayAgainButton:
                    p->restart();
                    p->play();
                    focus_ = -1;
                    break;
                default: break;
            }
            break;
        }
    }
}

void WindowApp::moveFocus(int delta) {
    if (controls_.empty()) return;
    int index = -1;
    for (std::size_t i = 0; i < controls_.size(); ++i)
        if (controls_[i].id == focus_) index = static_cast<int>(i);
    const int n = static_cast<int>(controls_.size());
    index = index < 0 ? (delta > 0 ? 0 : n - 1) : ((index + delta) % n + n) % n;
    focus_ = controls_[static_cast<std::size_t>(index)].id;
    dirty_ = true;
}

void WindowApp::libraryKey(SDL_Keycode code) {
    if (library_.showingAbout) {
        if (code == SDLK_ESCAPE || code == SDLK_BACKSPACE || code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_SPACE)
            activate(kAboutClose);
        return;
    }
    if (library_.choosingLength) {
        const int n = static_cast<int>(library_.lengths.size());
        if (code == SDLK_LEFT) library_.length = std::max(0, library_.length - 1);
        else if (code == SDLK_RIGHT) library_.length = std::min(n - 1, library_.length + 1);
        else if (code == SDLK_ESCAPE || code == SDLK_BACKSPACE) library_.choosingLength = false;
        else if (code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_SPACE)
            activate(focus_ >= 0 ? focus_ : kLengthBase + library_.length);
        return;
    }
    const int count = static_cast<int>(library_.visible.size());
    switch (code) {
        case SDLK_UP: library_.selected = std::max(0, library_.selected - 1); break;
        case SDLK_DOWN: library_.selected = std::min(std::max(0, count - 1), library_.selected + 1); break;
        case SDLK_HOME: library_.selected = 0; break;
        case SDLK_END: library_.selected = std::max(0, count - 1); break;
        case SDLK_t:
            library_.tag = library_.tag + 1 >= static_cast<int>(library_.tags.size()) ? -1 : library_.tag + 1;
            refilter();
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (focus_ >= 0) activate(focus_);
            else choose(library_.selected);
            break;
        case SDLK_ESCAPE: focus_ = -1; break;
        default: break;
    }
    // Keep the selection on screen.
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    Canvas canvas(renderer_, *text_, palette(highContrast_), {w, h});
    const int fit = libraryRowsThatFit(canvas, library_);
    if (library_.selected < library_.scroll) library_.scroll = library_.selected;
    if (library_.selected >= library_.scroll + fit) library_.scroll = library_.selected - fit + 1;
}

void WindowApp::playerKey(SDL_Keycode code, Uint16 /*mod*/) {
    Player* p = player();
    if (!p) return;
    const PlayerState state = p->snapshot().state;
    const auto focused = control(focus_);
    const bool onSlider = focused && focused->kind == Control::Kind::Slider;
    const auto nudge = [&](Player::Volume which, double delta) { setListenerVolume(which, p->volume(which) + delta); };
    const Player::Volume sliderVolume =
        onSlider && focused->id == kAmbientSlider ? Player::Volume::Ambient : Player::Volume::Voice;
    switch (code) {
        case SDLK_SPACE:
            if (state == PlayerState::Waiting) p->continueAfterWait();
            else if (state == PlayerState::Ended) activate(kPlayAgainButton);
            else p->togglePause();
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            if (focus_ >= 0 && !onSlider) activate(focus_);
            else if (state == PlayerState::Waiting) p->continueAfterWait();
            else if (state == PlayerState::Ended) activate(kPlayAgainButton);
            break;
        case SDLK_LEFT:
            if (onSlider) nudge(sliderVolume, -kVolumeStep);
            else p->previousStep();
            break;
        case SDLK_RIGHT:
            if (onSlider) nudge(sliderVolume, kVolumeStep);
            else p->nextStep();
            break;
        case SDLK_UP: nudge(onSlider ? sliderVolume : keyVolume_, kVolumeStep); break;
        case SDLK_DOWN: nudge(onSlider ? sliderVolume : keyVolume_, -kVolumeStep); break;
        case SDLK_PLUS:
        case SDLK_EQUALS:
        case SDLK_KP_PLUS: nudge(keyVolume_, kVolumeStep); break;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: nudge(keyVolume_, -kVolumeStep); break;
        case SDLK_v: keyVolume_ = Player::Volume::Voice; break;
        case SDLK_a: keyVolume_ = Player::Volume::Ambient; break;
        case SDLK_n:
        case SDLK_PAGEDOWN: p->nextChapter(); break;
        case SDLK_p:
        case SDLK_PAGEUP: p->previousChapter(); break;
        case SDLK_HOME: p->restart(); break;
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
            if (focus_ >= 0) focus_ = -1;
            else activate(kLibraryButton);
            break;
        default: break;
    }
}

void WindowApp::key(const SDL_KeyboardEvent& k) {
    const SDL_Keycode code = k.keysym.sym;
    const Uint16 mod = k.keysym.mod;
    dirty_ = true;
    if (options_.kiosk && kioskKey(k)) return;
    if (code == SDLK_q && (mod & KMOD_CTRL)) {
        quit_ = true;
        return;
    }
    if (code == SDLK_TAB) return moveFocus((mod & KMOD_SHIFT) ? -1 : 1);
    if (code == SDLK_F11 || (code == SDLK_f && !(mod & KMOD_CTRL))) {
        setFullscreen(!isFullscreen());
        return;
    }
    if (code == SDLK_h) {
        highContrast_ = !highContrast_;
        return;
    }
    switch (screen_) {
        case Screen::Library: libraryKey(code); break;
        case Screen::Player: playerKey(code, mod); break;
        case Screen::Problem:
            if (code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_ESCAPE || code == SDLK_SPACE)
                activate(kProblemBack);
            break;
        case Screen::Home:
            if (code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_SPACE) activate(focus_ >= 0 ? focus_ : kKioskFirstSession);
            break;
        case Screen::Announce:
        case Screen::Pin:
        case Screen::Preparing: break;
    }
}

void WindowApp::handle(const SDL_Event& e) {
    if (e.type == wakeEvent_) {
        dirty_ = true;
        return;
    }
    if (options_.kiosk) {
        // Any touch, click or key is someone there; a kiosk ignores requests to close.
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
        if (!desk() && (e.type == SDL_QUIT || (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE))) return;
    }
    switch (e.type) {
        case SDL_QUIT: quit_ = true; break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) quit_ = true;
            dirty_ = true;  // resized, exposed, shown
            break;
        case SDL_DISPLAYEVENT:
            followScreen();
            dirty_ = true;
            break;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
            text_->clear();
            dirty_ = true;
            break;
        case SDL_KEYDOWN: key(e.key); break;
        // Mouse events that SDL made up from touch are ignored: the finger events carry them.
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
                const SDL_Point p = toPixels(e.button.x, e.button.y);
                pointerDown(p.x, p.y);
            }
            break;
        case SDL_MOUSEMOTION:
            if (e.motion.which != SDL_TOUCH_MOUSEID && (e.motion.state & SDL_BUTTON_LMASK)) {
                const SDL_Point p = toPixels(e.motion.x, e.motion.y);
                pointerMove(p.x, p.y);
            }
            break;
        case SDL_MOUSEBUTTONUP:
            if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
                const SDL_Point p = toPixels(e.button.x, e.button.y);
                pointerUp(p.x, p.y);
            }
            break;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            int w = 0, h = 0;
            SDL_GetRendererOutputSize(renderer_, &w, &h);
            const int x = static_cast<int>(e.tfinger.x * static_cast<float>(w));
            const int y = static_cast<int>(e.tfinger.y * static_cast<float>(h));
            if (e.type == SDL_FINGERDOWN) pointerDown(x, y);
            else if (e.type == SDL_FINGERMOTION) pointerMove(x, y);
            else pointerUp(x, y);
            break;
        }
        case SDL_MOUSEWHEEL:
            if (screen_ == Screen::Library && !library_.choosingLength && !library_.showingAbout) {
                const int count = static_cast<int>(library_.visible.size());
                library_.scroll = std::clamp(library_.scroll - e.wheel.y, 0, std::max(0, count - 1));
                dirty_ = true;
            } else if (screen_ == Screen::Player && player()) {
                int mx = 0, my = 0;
                SDL_GetMouseState(&mx, &my);
                const SDL_Point p = toPixels(mx, my);
                for (const auto& c : controls_)
                    if (c.kind == Control::Kind::Slider && contains(c.rect, p.x, p.y)) {
                        const auto which = c.id == kVoiceSlider ? Player::Volume::Voice : Player::Volume::Ambient;
                        setListenerVolume(which, player()->volume(which) + kVolumeStep * e.wheel.y);
                    }
            }
            break;
        default: break;
    }
}

// --- The loop -------------------------------------------------------------------------------

void WindowApp::update() {
    if (screen_ == Screen::Library && !options_.kiosk) startLibraryScan();
    takeCheckedEntries();
    takePreparedSession();
    watchScript();
    takeNewVersion();
    if (screen_ == Screen::Player && runner_.session()) {
        Player& p = *runner_.session()->player;
        if (output_) output_->watch(p);
        for (const auto& w : p.takeWarnings()) std::cerr << runner_.session()->file.string() << ": warning: " << w << "\n";
        if (!p.pollEvents().empty()) dirty_ = true;
    }
    if (options_.kiosk) kioskUpdate();
    if (const Uint64 now = SDL_GetTicks64(); now >= nextScreenCheckMs_) {
        nextScreenCheckMs_ = now + 1000;
        followScreen();
    }
}

int WindowApp::nextWakeMs() const {
    // A kiosk keeps an eye on the clock (breaks, the idle countdown) four times a second.
    if (options_.kiosk && screen_ != Screen::Player) return 250;
    switch (screen_) {
        case Screen::Home:
        case Screen::Announce:
        case Screen::Pin: return 250;
        case Screen::Library:
        case Screen::Problem: return -1;
        case Screen::Preparing: return 250;
        case Screen::Player: break;
    }
    if (!runner_.session()) return -1;
    if (runner_.session()->player->snapshot().state == PlayerState::Ended) return 500;  // the device watchdog only
    // Ten looks a second: the captions, the clock, and the breathing guide at a modest ten
    // frames a second at most (a breath takes seconds). Under Xvfb (software OpenGL) a frame
    // of 800x500 costs ~4 ms of CPU, so frames are drawn only when something visible changed.
    return 100;
}

PlayerView WindowApp::playerView() const {
    PlayerView view;
    view.script = &runner_.session()->script();
    view.timeline = &runner_.session()->timeline();
    view.snapshot = runner_.session()->player->snapshot();
    view.status = output_ && output_->deviceMissing() ? output_->status() : reloadProblem_;
    view.focus = focus_;
    if (options_.kiosk) view.backLabel = desk() ? "Close" : "Home";
    if (resumeStep_ && view.snapshot.step == 0 && view.snapshot.state != PlayerState::Ended) {
        const Timeline& timeline = runner_.session()->timeline();
        for (const auto& step : timeline.steps)
            if (step.step == *resumeStep_)
                view.resumeLabel = "Continue from " + formatClockSeconds(nanosFromFrames(step.start, timeline.rate));
    }
    return view;
}

std::string WindowApp::viewKey() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    std::string key = std::to_string(static_cast<int>(screen_)) + "|" + std::to_string(w) + "x" + std::to_string(h) + "|" +
                      std::to_string(highContrast_) + "|" + std::to_string(focus_) + "|";
    switch (screen_) {
        case Screen::Library:
            key += std::to_string(checkedCount_.load()) + "|" + std::to_string(library_.selected) + "|" +
                   std::to_string(library_.scroll) + "|" + std::to_string(library_.tag) + "|" +
                   std::to_string(library_.choosingLength) + "|" + std::to_string(library_.length) + "|" +
                   std::to_string(library_.showingAbout);
            break;
        case Screen::Preparing: key += preparingTitle_; break;
        case Screen::Problem: key += problem_; break;
        case Screen::Home:
        case Screen::Announce:
        case Screen::Pin: break;
        case Screen::Player: {
            if (!runner_.session()) break;
            const PlayerView view = playerView();
            const PlayerSnapshot& s = view.snapshot;
            const Frames rate = view.timeline->rate;
            // The clock, the remaining time and the progress bar move together, once a second;
            // the breathing guide when its circle has grown or shrunk by two pixels.
            key += std::to_string(static_cast<int>(s.state)) + "|" + std::to_string(s.step) + "|" + std::to_string(s.chapter) +
                   "|" + s.caption.value_or("") + "|" + std::to_string(s.position / rate) + "|" +
                   std::to_string(static_cast<int>(s.voiceVolume * 1000)) + "|" +
                   std::to_string(static_cast<int>(s.ambientVolume * 1000)) + "|" + view.status + "|" + view.resumeLabel;
            if (const auto b = breathAt(*view.timeline, s.position)) {
                Canvas canvas(renderer_, *text_, palette(highContrast_), {w, h});
                // In steps of two pixels: half the frames of a pixel's step, and still smooth.
                key += "|" + std::to_string(static_cast<int>(b->phase)) + ":" + std::to_string(breathingCircleRadius(canvas, view) / 2);
            }
            break;
        }
    }
    if (options_.kiosk) key += "|" + kioskViewKey();
    return key;
}

bool WindowApp::draw(bool force) {
    const std::string key = viewKey();
    if (!force && !dirty_ && key == drawnKey_) return false;
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    Canvas canvas(renderer_, *text_, palette(highContrast_), {w, h});
    switch (screen_) {
        case Screen::Library:
            library_.focus = focus_;
            controls_ = drawLibrary(canvas, library_);
            break;
        case Screen::Preparing:
            controls_ = drawMessage(canvas, {preparingTitle_, "Getting the session ready…", {}, focus_, false});
            break;
        case Screen::Problem:
            controls_ = drawMessage(canvas, {"This session cannot play", problem_, {{kProblemBack, "Back"}}, focus_, true});
            break;
        case Screen::Player:
            if (runner_.session()) controls_ = drawPlayer(canvas, playerView());
            break;
        case Screen::Home:
        case Screen::Announce:
        case Screen::Pin: kioskDraw(canvas); break;
    }
    if (options_.kiosk) kioskOverlay(canvas);
    if (keepFrames_) {
        lastFrame_.width = w;
        lastFrame_.height = h;
        lastFrame_.rgba.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
        SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, lastFrame_.rgba.data(), w * 4);
    }
    SDL_RenderPresent(renderer_);
    drawnKey_ = key;
    dirty_ = false;
    ++framesDrawn_;
    return true;
}

bool WindowApp::runUntil(const std::function<bool()>& done, int timeoutMs) {
    const Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(timeoutMs);
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e) == 1) handle(e);
        update();
        draw();
        if (done()) return true;
        if (SDL_GetTicks64() >= end) return false;
        SDL_WaitEventTimeout(nullptr, 10);
    }
}

void WindowApp::run(const std::function<bool()>& stop) {
    while (!quit_ && !(stop && stop())) {
        int wait = nextWakeMs();
        if (stop && (wait < 0 || wait > 250)) wait = 250;  // look at the stop flag now and then
        SDL_Event e;
        const bool got = wait < 0 ? SDL_WaitEvent(&e) == 1 : SDL_WaitEventTimeout(&e, wait) == 1;
        if (got) {
            handle(e);
            while (!quit_ && SDL_PollEvent(&e) == 1) handle(e);
        }
        update();
        draw();
    }
    endSession();
}

}  // namespace kindly::ui
