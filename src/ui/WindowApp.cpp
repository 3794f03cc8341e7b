#include "ui/WindowApp.hpp"

#include "platform/Language.hpp"

#include <algorithm>
#include <iostream>

#include "ui/PlayerActions.hpp"

namespace kindly::ui {

WindowApp::WindowApp(WindowOptions options) : options_(std::move(options)), shell_(options_.shell), highContrast_(options_.highContrast) {
    SdlWindowOptions window{options_.title, options_.display, options_.size, options_.fullscreen};
    if (shell_) shell_->configure(window);
    window_ = std::make_unique<SdlWindow>(window);
    wakeEvent_ = SDL_RegisterEvents(1);
    runner_.setWake(wake());
    if (options_.watch) runner_.follow(options_.watchOptions);
    if (shell_) {
        runner_.setObserver(shell_);
        clamp_ = [shell = shell_](double v) { return shell->clampVolume(v); };
        runner_.setRemember(shell_->remembers());
        player_.backLabel = shell_->backLabel();
        shell_->attach(*this);
    }
}

WindowApp::~WindowApp() { endSession(); }

std::function<void()> WindowApp::wake() const {
    // Called on a worker's thread: SDL_PushEvent is thread-safe.
    return [type = wakeEvent_] {
        SDL_Event e{};
        e.type = type;
        SDL_PushEvent(&e);
    };
}

void WindowApp::show(Screen& screen) {
    current_ = &screen;
    controls_.clearFocus();
    controls_.cancelPointer();
    dirty_ = true;
}

void WindowApp::play(const std::filesystem::path& file, const std::string& title, std::optional<Nanos> length) {
    if (!output_) {
        auto output = std::make_unique<LiveOutput>();
        std::string error;
        if (!output->open(options_.output, error)) return showProblem(std::string(tr("The sound device cannot be opened.")) + "\n" + error);
        output_ = std::move(output);
    }
    PrepareOptions options;
    options.rate = output_->rate();
    options.targetLength = length;
    if (shell_) shell_->limit(options);
    preparingTitle_ = title;
    preparing_.show({title, tr("Getting the session ready…"), {}, {}, false, -1, {}});
    show(preparing_);
    runner_.prepare(file, options);
}

void WindowApp::takePrepared() {
    auto prepared = runner_.takePrepared();
    if (!prepared) return;
    if (!prepared->live) return showProblem(format(tr("%s cannot play."), preparingTitle_.c_str()) + "\n" + prepared->problem);
    startSession(std::move(output_), std::move(prepared->live));
}

void WindowApp::startSession(std::unique_ptr<LiveOutput> output, std::unique_ptr<LiveSession> session) {
    endSession();
    output_ = std::move(output);
    printWarnings(std::cerr, session->file, session->warnings);
    // Where the listener stopped this script last time, offered during the first step as the
    // terminal offers `play --resume` (never in a kiosk: a stranger's place is not yours).
    const auto resume = session->player->snapshot().step == 0 ? runner_.savedStep(*session) : std::nullopt;
    runner_.start(*output_, std::move(session));
    player_.setSession(runner_.session(), resume);
    show(player_);
    window_->setTitle(runner_.session()->script().session.title + " - Kindly");
}

void WindowApp::takeReload() {
    const auto reload = runner_.poll();
    if (!reload) return;
    dirty_ = true;
    if (reload->tookOver) {
        player_.setSession(runner_.session(), std::nullopt);
        printWarnings(std::cerr, runner_.session()->file, runner_.session()->warnings);
        reloadProblem_.clear();
        ++reloads_;
        return;
    }
    // The last good version plays on; the first error shows where the device status goes.
    for (const auto& line : reload->diagnostics) std::cerr << line << "\n";
    reloadProblem_ = reloadProblemLine(runner_.session()->file, reload->diagnostics);
}

void WindowApp::endSession() {
    // The runner remembers where the listener stopped (or forgets it once the session is
    // complete) and tells the shell.
    if (!runner_.end()) return;
    player_.setSession(nullptr, std::nullopt);
    window_->setTitle(options_.title);
}

void WindowApp::dropMissingOutput() {
    if (output_ && output_->deviceMissing() && !options_.output.silent) output_.reset();
}

void WindowApp::showProblem(const std::string& body) {
    problem_.show({tr("This session cannot play"), body, {{Act::Back, tr("Back")}}, {}, true, -1, {}});
    show(problem_);
}

void WindowApp::route(Action a) {
    // The screen takes what changes only itself, then the shell what is its own.
    a = current_->act(a);
    if (a && shell_) a = shell_->route(a);
    if (!a) return;
    dirty_ = true;
    switch (a.kind) {
        case Act::ToggleContrast: highContrast_ = !highContrast_; break;
        case Act::PlayEntry: {
            const LibraryEntry& entry = library_.entries().at(static_cast<std::size_t>(a.index));
            play(entry.file, entry.title, library_.chosenLength());
            break;
        }
        case Act::ShowProblem: showProblem(library_.problemText(a.index)); break;
        case Act::Back:
            endSession();
            show(library_);
            break;
        default:
            // The player's own, while it shows; the focus goes from a button that went away.
            if (Player* p = player(); p && current_ == &player_ && applyPlayerAction(*p, a, clamp_) &&
                (a.kind == Act::Resume || a.kind == Act::PlayAgain))
                controls_.clearFocus();
            break;
    }
}

void WindowApp::key(const SDL_KeyboardEvent& k) {
    const SDL_Keycode code = k.keysym.sym;
    const Uint16 mod = k.keysym.mod;
    dirty_ = true;
    // The keys every screen shares.
    if (code == SDLK_q && (mod & KMOD_CTRL)) quit_ = true;
    else if (code == SDLK_TAB) controls_.moveFocus((mod & KMOD_SHIFT) ? -1 : 1);
    else if (code == SDLK_F11 || (code == SDLK_f && !(mod & KMOD_CTRL))) window_->setFullscreen(!window_->isFullscreen());
    else if (code == SDLK_h) highContrast_ = !highContrast_;
    else route(current_->key(code, mod, controls_));
}

void WindowApp::handle(const SDL_Event& e) {
    if (e.type == wakeEvent_) {
        dirty_ = true;
        return;
    }
    if (shell_ && shell_->filter(e)) {
        dirty_ = true;
        return;
    }
    switch (e.type) {
        case SDL_QUIT: quit_ = true; return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) quit_ = true;
            dirty_ = true;  // resized, exposed, shown
            return;
        case SDL_DISPLAYEVENT:
            window_->followScreen();
            dirty_ = true;
            return;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
            window_->text().clear();
            dirty_ = true;
            return;
        case SDL_KEYDOWN: return key(e.key);
        case SDL_MOUSEWHEEL: {
            SDL_Point at{};
            SDL_GetMouseState(&at.x, &at.y);
            dirty_ = true;
            return route(current_->wheel(e.wheel.y, window_->toPixels(at.x, at.y), controls_));
        }
        default: break;
    }
    if (const auto p = window_->pointer(e)) {
        dirty_ = true;
        if (p->phase == Pointer::Phase::Down) route(controls_.pointerDown(p->x, p->y));
        else if (p->phase == Pointer::Phase::Move) route(controls_.pointerMove(p->x, p->y));
        else route(controls_.pointerUp(p->x, p->y));
    }
}

void WindowApp::update() {
    if (current_ == &library_ && !check_.started()) {
        // Once, when the library is first shown (a window opened by `kindly play` may never show it).
        library_.setEntries(scanLibrary(options_.libraryFolders, currentLanguage()));
        check_.start(library_.entries(), wake());
    }
    for (auto& entry : check_.take()) {
        library_.updateEntry(std::move(entry));
        dirty_ = true;
    }
    if (current_ == &preparing_ && runner_.preparing()) {  // a calm line while its speech is made
        const auto progress = runner_.preparingProgress();
        preparing_.showProgress(progress.done, progress.total);
    }
    takePrepared();
    takeReload();
    if (LiveSession* live = runner_.session(); live && current_ == &player_) {
        if (output_) output_->watch(*live->player);
        printWarnings(std::cerr, live->file, live->player->takeWarnings());
        if (!live->player->pollEvents().empty()) dirty_ = true;
    }
    player_.status = output_ && output_->deviceMissing() ? output_->status() : reloadProblem_;
    if (shell_) shell_->update();
    if (const Uint64 now = SDL_GetTicks64(); now >= nextScreenCheckMs_) {
        nextScreenCheckMs_ = now + 1000;
        if (window_->followScreen()) dirty_ = true;
    }
}

int WindowApp::nextWakeMs() const {
    int ms = -1;
    if (current_ == &preparing_) ms = 250;
    if (current_ == &player_ && runner_.session())
        // Ten looks a second: the captions, the clock, and the breathing guide at a modest ten
        // frames a second at most (a breath takes seconds); at the end, the device watchdog only.
        // Under Xvfb (software OpenGL) a frame of 800x500 costs ~4 ms of CPU, so frames are
        // drawn only when something visible changed.
        ms = runner_.session()->player->snapshot().state == PlayerState::Ended ? 500 : 100;
    if (const int shell = shell_ ? shell_->wakeMs() : -1; shell >= 0 && (ms < 0 || shell < ms)) ms = shell;
    return ms;
}

std::string WindowApp::viewKey() {
    const SDL_Point size = window_->drawableSize();
    const Canvas canvas(window_->renderer(), window_->text(), palette(highContrast_), size);
    const Action focus = controls_.focus();
    return std::to_string(static_cast<int>(current_->id())) + "|" + std::to_string(size.x) + "x" + std::to_string(size.y) + "|" +
           std::to_string(highContrast_) + "|" + std::to_string(static_cast<int>(focus.kind)) + "/" + std::to_string(focus.index) +
           "|" + current_->viewKey(canvas) + "|" + (shell_ ? shell_->viewKey() : "");
}

bool WindowApp::draw(bool force) {
    const std::string key = viewKey();
    if (!force && !dirty_ && key == drawnKey_) return false;
    Canvas canvas(window_->renderer(), window_->text(), palette(highContrast_), window_->drawableSize());
    canvas.noteCuts(collectCuts_ ? &cuts_ : nullptr);
    controls_.setDrawn(current_->draw(canvas, controls_.focus()));
    if (shell_) shell_->overlay(canvas);
    window_->present(keepFrames_ ? &lastFrame_ : nullptr);
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
