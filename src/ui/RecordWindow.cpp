#include "ui/RecordWindow.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ui/Display.hpp"
#include "ui/Fonts.hpp"
#include "ui/PlayerScreen.hpp"
#include "ui/Theme.hpp"

namespace kindly::ui {

RecordWindow::RecordWindow(RecordingFlow& flow, std::string title, bool highContrast, std::optional<SDL_Point> size)
    : flow_(flow), title_(std::move(title)), highContrast_(highContrast) {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    startVideo();
    const SDL_Point s = size.value_or(SDL_Point{1024, 640});
    window_ = SDL_CreateWindow(("Recording: " + title_ + " - Kindly").c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, s.x, s.y,
                               SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window_) throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    SDL_SetWindowMinimumSize(window_, 640, 400);
    renderer_ = SDL_CreateRenderer(window_, -1, 0);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) throw std::runtime_error(std::string("cannot draw in the window: ") + SDL_GetError());
    text_ = std::make_unique<TextRenderer>(renderer_);
}

RecordWindow::~RecordWindow() {
    text_.reset();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

std::optional<Control> RecordWindow::control(int id) const {
    for (const auto& c : controls_)
        if (c.id == id) return c;
    return std::nullopt;
}

void RecordWindow::activate(int id) {
    using A = RecordingFlow::Action;
    if (id == kRecordButton) flow_.act(flow_.phase() == RecordingFlow::Phase::Recording ? A::Stop : A::Start);
    else if (id == kKeepButton) flow_.act(A::Keep);
    else if (id == kRedoButton) flow_.act(A::Redo);
    else if (id == kSkipButton) flow_.act(A::Skip);
}

void RecordWindow::handle(const SDL_Event& e) {
    using A = RecordingFlow::Action;
    switch (e.type) {
        case SDL_QUIT: closed_ = true; break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) closed_ = true;
            break;
        case SDL_KEYDOWN:
            switch (e.key.keysym.sym) {
                case SDLK_SPACE:
                case SDLK_RETURN:
                case SDLK_KP_ENTER: activate(kRecordButton); break;
                case SDLK_k: flow_.act(A::Keep); break;
                case SDLK_r: flow_.act(A::Redo); break;
                case SDLK_s: flow_.act(A::Skip); break;
                case SDLK_h: highContrast_ = !highContrast_; break;
                case SDLK_ESCAPE:
                case SDLK_q: closed_ = true; break;
                default: break;
            }
            break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            int ww = 1, wh = 1, pw = 1, ph = 1;
            SDL_GetWindowSize(window_, &ww, &wh);
            SDL_GetRendererOutputSize(renderer_, &pw, &ph);
            const int x = e.button.x * pw / std::max(1, ww), y = e.button.y * ph / std::max(1, wh);
            if (e.type == SDL_MOUSEBUTTONDOWN) {
                pressed_ = -1;
                for (const auto& c : controls_)
                    if (contains(c.rect, x, y)) pressed_ = c.id;
            } else {
                const auto c = control(pressed_);
                pressed_ = -1;
                if (c && contains(c->rect, x, y)) activate(c->id);
            }
            break;
        }
        default: break;
    }
}

void RecordWindow::draw() {
    using P = RecordingFlow::Phase;
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    Canvas c(renderer_, *text_, palette(highContrast_), {w, h});
    const Palette& p = c.palette();
    const int m = c.u(32);
    c.clear();
    controls_.clear();
    const P phase = flow_.phase();
    const auto& step = flow_.current();
    // Where we are.
    c.text("Recording \"" + title_ + "\": step " + std::to_string(flow_.position() + 1) + " of " + std::to_string(flow_.count()) + ", " +
               step.id,
           {m, c.u(16), w - 2 * m, c.u(28)}, c.u(16), p.muted, Align::Start);
    // The words, large: the teleprompter.
    const SDL_Rect words{m, c.u(60), w - 2 * m, h / 2 - c.u(40)};
    c.text(step.words, words, c.u(30), p.text, Align::Center, Align::Center, false, true);
    // The state: count-in, recording light, take.
    const int stateY = h / 2 + c.u(28);
    std::string state;
    SDL_Color stateColor = p.muted;
    if (phase == P::Ready) state = "Press space to record (a take ends by itself after 3 s of quiet)";
    else if (phase == P::CountIn) state = "Recording in " + std::to_string(flow_.countdown()) + "...";
    else if (phase == P::Recording) {
        state = "Recording  " + std::to_string(static_cast<int>(flow_.takeSeconds())) + " s";
        stateColor = p.warning;
        c.softCircle(static_cast<float>(w) / 2.0f - static_cast<float>(c.u(110)), static_cast<float>(stateY + c.u(14)), static_cast<float>(c.u(9)), 1.5f, p.warning);
    } else if (phase == P::Playback) state = "Listening back to the take...";
    else if (phase == P::Decide) state = "Keep this take?";
    else if (phase == P::Done) state = "Done";
    c.text(state, {m, stateY, w - 2 * m, c.u(28)}, c.u(20), stateColor, Align::Center, Align::Center, true);
    // The microphone's level, red while it clips.
    const SDL_Rect meter{w / 4, stateY + c.u(40), w / 2, c.u(12)};
    c.roundRect(meter, c.u(6), p.track);
    const double fraction = std::clamp((flow_.levelDb() + 60.0) / 60.0, 0.0, 1.0);
    if (fraction > 0)
        c.roundRect({meter.x, meter.y, std::max(meter.h, static_cast<int>(meter.w * fraction)), meter.h}, c.u(6),
                    flow_.clippingNow() ? p.warning : p.accent);
    if (flow_.clippingNow()) c.text("Too loud", {meter.x + meter.w + c.u(10), meter.y - c.u(6), c.u(120), c.u(24)}, c.u(14), p.warning);
    // The buttons.
    std::vector<std::pair<int, std::string>> buttons;
    if (phase == P::Ready) buttons = {{kRecordButton, "Record"}, {kSkipButton, "Skip"}};
    else if (phase == P::Recording) buttons = {{kRecordButton, "Stop"}};
    else if (phase == P::Playback || phase == P::Decide) buttons = {{kKeepButton, "Keep"}, {kRedoButton, "Redo"}, {kSkipButton, "Skip"}};
    const int bw = c.u(150), gap = c.u(16), by = stateY + c.u(70);
    int x = w / 2 - (static_cast<int>(buttons.size()) * (bw + gap) - gap) / 2;
    for (const auto& [id, label] : buttons) {
        const SDL_Rect r{x, by, bw, c.u(48)};
        drawButton(c, r, label, id == buttons.front().first, false);
        controls_.push_back({Control::Kind::Button, id, r, 0});
        x += bw + gap;
    }
    // What happened, and what is left.
    if (!flow_.message().empty())
        c.text(flow_.message(), {m, by + c.u(58), w - 2 * m, c.u(40)}, c.u(14), p.warning, Align::Center, Align::Start, false, true);
    c.text(flow_.summary(),
           {m, h - c.u(36), w - 2 * m, c.u(24)}, c.u(14), p.muted, Align::Center);
    SDL_RenderPresent(renderer_);
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
