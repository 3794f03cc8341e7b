#include "ui/RecordWindow.hpp"

#include <algorithm>
#include <cmath>

#include "platform/Language.hpp"
#include "ui/Theme.hpp"

namespace kindly::ui {

RecordWindow::RecordWindow(RecordingFlow& flow, std::string title, bool highContrast, std::optional<SDL_Point> size)
    : flow_(flow), title_(std::move(title)), highContrast_(highContrast),
      window_(SdlWindowOptions{"Recording: " + title_ + " - Kindly", 0, size.value_or(SDL_Point{1024, 640})}) {}

RecordWindow::~RecordWindow() = default;

void RecordWindow::activate(const Action& action) {
    using A = RecordingFlow::Action;
    switch (action.kind) {
        case Act::RecordOrStop: flow_.act(flow_.phase() == RecordingFlow::Phase::Recording ? A::Stop : A::Start); break;
        case Act::KeepTake: flow_.act(A::Keep); break;
        case Act::RedoTake: flow_.act(A::Redo); break;
        case Act::SkipStep: flow_.act(A::Skip); break;
        case Act::ToggleContrast: highContrast_ = !highContrast_; break;
        default: break;
    }
}

void RecordWindow::handle(const SDL_Event& e) {
    switch (e.type) {
        case SDL_QUIT: closed_ = true; return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) closed_ = true;
            return;
        case SDL_KEYDOWN:
            switch (e.key.keysym.sym) {
                case SDLK_SPACE:
                case SDLK_RETURN:
                case SDLK_KP_ENTER: return activate(Act::RecordOrStop);
                case SDLK_k: return activate(Act::KeepTake);
                case SDLK_r: return activate(Act::RedoTake);
                case SDLK_s: return activate(Act::SkipStep);
                case SDLK_h: return activate(Act::ToggleContrast);
                case SDLK_ESCAPE:
                case SDLK_q: closed_ = true; return;
                default: return;
            }
        default: break;
    }
    if (const auto p = window_.pointer(e)) {
        if (p->phase == Pointer::Phase::Down) activate(controls_.pointerDown(p->x, p->y));
        else if (p->phase == Pointer::Phase::Up) activate(controls_.pointerUp(p->x, p->y));
    }
}

void RecordWindow::draw() {
    using P = RecordingFlow::Phase;
    const SDL_Point size = window_.drawableSize();
    const int w = size.x, h = size.y;
    Canvas c(window_.renderer(), window_.text(), palette(highContrast_), size);
    const Palette& p = c.palette();
    const int m = c.u(32);
    c.clear();
    std::vector<Control> controls;
    const P phase = flow_.phase();
    const auto& step = flow_.current();
    // Where we are.
    c.text(format(tr("Recording \"%s\": step %d of %d, %s"), title_.c_str(), flow_.position() + 1, flow_.count(),
                  step.id.c_str()),
           {m, c.u(16), w - 2 * m, c.u(28)}, c.u(16), p.muted, Align::Start);
    // The words, large: the teleprompter.
    const SDL_Rect words{m, c.u(60), w - 2 * m, h / 2 - c.u(40)};
    c.text(step.words, words, c.u(30), p.text, Align::Center, Align::Center, false, true);
    // The state: count-in, recording light, take.
    const int stateY = h / 2 + c.u(28);
    std::string state;
    SDL_Color stateColor = p.muted;
    if (phase == P::Ready) state = tr("Press space to record (a take ends by itself after 3 s of quiet)");
    else if (phase == P::CountIn) state = format(tr("Recording in %d..."), flow_.countdown());
    else if (phase == P::Recording) {
        state = format(tr("Recording  %d s"), static_cast<int>(flow_.takeSeconds()));
        stateColor = p.warning;
        c.softCircle(static_cast<float>(w) / 2.0f - static_cast<float>(c.u(110)), static_cast<float>(stateY + c.u(14)), static_cast<float>(c.u(9)), 1.5f, p.warning);
    } else if (phase == P::Playback) state = tr("Listening back to the take...");
    else if (phase == P::Decide) state = tr("Keep this take?");
    else if (phase == P::Done) state = tr("Done");
    c.text(state, {m, stateY, w - 2 * m, c.u(28)}, c.u(20), stateColor, Align::Center, Align::Center, true);
    // The microphone's level, red while it clips.
    const SDL_Rect meter{w / 4, stateY + c.u(40), w / 2, c.u(12)};
    c.roundRect(meter, c.u(6), p.track);
    const double fraction = std::clamp((flow_.levelDb() + 60.0) / 60.0, 0.0, 1.0);
    if (fraction > 0)
        c.roundRect({meter.x, meter.y, std::max(meter.h, static_cast<int>(meter.w * fraction)), meter.h}, c.u(6),
                    flow_.clippingNow() ? p.warning : p.accent);
    if (flow_.clippingNow()) c.text(tr("Too loud"), {meter.x + meter.w + c.u(10), meter.y - c.u(6), c.u(120), c.u(24)}, c.u(14), p.warning);
    // The buttons.
    std::vector<std::pair<Action, std::string>> buttons;
    if (phase == P::Ready) buttons = {{Act::RecordOrStop, tr("Record")}, {Act::SkipStep, tr("Skip")}};
    else if (phase == P::Recording) buttons = {{Act::RecordOrStop, tr("Stop")}};
    else if (phase == P::Playback || phase == P::Decide)
        buttons = {{Act::KeepTake, tr("Keep")}, {Act::RedoTake, tr("Redo")}, {Act::SkipStep, tr("Skip")}};
    // As wide as the longest word needs (German's are long), and never wider than the window.
    int bw = c.u(150);
    for (const auto& b : buttons) bw = std::max(bw, c.texts().measure(b.second, c.u(16), true).x + c.u(32));
    const int gap = c.u(16), by = stateY + c.u(70);
    if (!buttons.empty()) bw = std::min(bw, (w - 2 * m - gap * (static_cast<int>(buttons.size()) - 1)) / static_cast<int>(buttons.size()));
    int x = w / 2 - (static_cast<int>(buttons.size()) * (bw + gap) - gap) / 2;
    for (const auto& [action, label] : buttons) {
        const SDL_Rect r{x, by, bw, c.u(48)};
        drawButton(c, r, label, action == buttons.front().first, false);
        controls.push_back({Control::Kind::Button, action, r, 0});
        x += bw + gap;
    }
    // What happened, and what is left.
    if (!flow_.message().empty())
        c.text(flow_.message(), {m, by + c.u(58), w - 2 * m, c.u(40)}, c.u(14), p.warning, Align::Center, Align::Start, false, true);
    c.text(flow_.summary(),
           {m, h - c.u(36), w - 2 * m, c.u(24)}, c.u(14), p.muted, Align::Center);
    controls_.setDrawn(std::move(controls));
    window_.present();
}

void RecordWindow::run(const std::function<bool()>& stop) {
    while (!closed_ && !(stop && stop()) && flow_.phase() != RecordingFlow::Phase::Done &&
           flow_.phase() != RecordingFlow::Phase::Failed) {
        SDL_Event e;
        // Twenty looks a second: the level meter moves, and takes end by themselves.
        if (SDL_WaitEventTimeout(&e, 50) == 1) {
            handle(e);
            while (SDL_PollEvent(&e) == 1) handle(e);
        }
        flow_.update();
        draw();
    }
}

}  // namespace kindly::ui
