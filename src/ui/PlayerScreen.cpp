#include "ui/PlayerScreen.hpp"

#include "platform/Language.hpp"

#include <cmath>
#include <algorithm>

#include "ui/BreathingGuide.hpp"
#include "ui/EndScreen.hpp"

namespace kindly::ui {
namespace {

std::string clockText(Frames frames, int rate) { return formatClockSeconds(nanosFromFrames(frames, rate)); }

struct Rows {
    int margin, headerBottom, middleTop, middleBottom, bar, times, controls, volumes, status;
};

Rows layoutRows(const Canvas& c, bool withStatus) {
    const int h = c.size().y;
    Rows r{};
    r.margin = c.u(24);
    r.headerBottom = r.margin + c.u(56);
    r.status = h - r.margin / 2 - c.u(20);
    r.volumes = (withStatus ? r.status - c.u(4) : h - r.margin) - c.u(40);
    r.controls = r.volumes - c.u(14) - c.u(60);
    r.times = r.controls - c.u(8) - c.u(20);
    r.bar = r.times - c.u(8) - c.u(8);
    r.middleTop = r.headerBottom + c.u(10);
    r.middleBottom = r.bar - c.u(18);
    return r;
}

void slider(Canvas& c, std::vector<Control>& controls, Act id, const std::string& label, SDL_Rect row, double value,
            Action focus) {
    const Palette& p = c.palette();
    const int labelWidth = c.u(86);
    c.text(label, {row.x, row.y, labelWidth, row.h}, c.u(15), p.muted);
    const SDL_Rect hit{row.x + labelWidth, row.y, row.w - labelWidth, row.h};
    const int knob = c.u(11);
    const int x0 = hit.x + knob, x1 = hit.x + hit.w - knob;
    const int cy = hit.y + hit.h / 2;
    const int x = x0 + static_cast<int>(std::lround((x1 - x0) * std::clamp(value, 0.0, 1.0)));
    c.roundRect({x0, cy - c.u(3), x1 - x0, c.u(6)}, c.u(3), p.track);
    c.roundRect({x0, cy - c.u(3), x - x0, c.u(6)}, c.u(3), p.accent);
    c.softCircle(static_cast<float>(x), static_cast<float>(cy), static_cast<float>(knob), 1.5f, p.accent);
    if (focus == id) drawFocus(c, hit);
    // The slider's active span is x0..x1; the hit box adds the knob's reach at both ends.
    Control control{Control::Kind::Slider, id, hit, value};
    controls.push_back(control);
}

void iconButton(Canvas& c, std::vector<Control>& controls, Act id, Icon icon, SDL_Rect r, bool primary, Action focus) {
    const Palette& p = c.palette();
    c.roundRect(r, r.h / 2, primary ? p.accent : p.surface);
    if (!primary && p.surface.r == p.background.r && p.surface.g == p.background.g)
        c.roundOutline(r, r.h / 2, std::max(1, c.u(2)), p.text);  // high contrast: outline the buttons
    c.icon(icon, r, primary ? p.accentText : p.text);
    if (focus == id) drawFocus(c, r);
    controls.push_back({Control::Kind::Button, id, r, 0});
}

void header(Canvas& c, std::vector<Control>& controls, const PlayerView& v, const Rows& rows) {
    const Palette& p = c.palette();
    const int w = c.size().x;
    // The buttons grow with their words (longer in some languages than in English).
    const auto widthFor = [&](const std::string& label, int least) {
        return std::max(c.u(least), c.texts().measure(label, c.u(16), true).x + c.u(28));
    };
    const int libraryWidth = widthFor(v.backLabel, 96), contrastWidth = widthFor(tr("Contrast"), 110);
    const SDL_Rect library{w - rows.margin - libraryWidth, rows.margin, libraryWidth, c.u(40)};
    const SDL_Rect contrast{library.x - c.u(12) - contrastWidth, rows.margin, contrastWidth, c.u(40)};
    const int textWidth = contrast.x - rows.margin - c.u(12);
    const std::string title = c.texts().fit(v.script->session.title, c.u(22), true, textWidth);
    c.text(title, {rows.margin, rows.margin, textWidth, c.u(30)}, c.u(22), p.text, Align::Start, Align::Center, true);
    const auto& s = v.snapshot;
    if (s.chapter >= 0 && static_cast<std::size_t>(s.chapter) < v.timeline->chapters.size()) {
        const std::string chapter = c.texts().fit(v.timeline->chapters[static_cast<std::size_t>(s.chapter)].title, c.u(16),
                                                  false, textWidth);
        c.text(chapter, {rows.margin, rows.margin + c.u(30), textWidth, c.u(24)}, c.u(16), p.muted);
    }
    drawButton(c, contrast, tr("Contrast"), false, v.focus == Act::ToggleContrast);
    controls.push_back({Control::Kind::Button, Act::ToggleContrast, contrast, 0});
    drawButton(c, library, v.backLabel, false, v.focus == Act::Back);
    controls.push_back({Control::Kind::Button, Act::Back, library, 0});
}

/// Where the middle's parts go: the caption, the continue prompt, the breathing guide.
struct Middle {
    SDL_Rect area;           // the caption's box when there is no guide
    SDL_Rect button;         // the continue prompt (when waiting)
    SDL_Rect guide, words;   // the guide's side and the caption's side (when breathing)
    bool sideBySide = true;
    int wordsHeight = 0;     // the breath's words under the circle
    float maxRadius = 0, cx = 0, cy = 0;
};

Middle middleLayout(const Canvas& c, const Rows& rows, bool waiting) {
    const int w = c.size().x;
    Middle m;
    m.area = {rows.margin + c.u(20), rows.middleTop, w - 2 * (rows.margin + c.u(20)), rows.middleBottom - rows.middleTop};
    if (waiting) {
        // The prompt takes the bottom of the middle; the caption keeps the rest.
        m.button = {w / 2 - c.u(150), m.area.y + m.area.h - c.u(52), c.u(300), c.u(52)};
        m.area.h -= c.u(64);
    }
    // The circle and its words on one side, the caption on the other (stacked when narrow).
    m.sideBySide = c.size().x >= c.size().y * 13 / 10;
    m.guide = m.words = m.area;
    if (m.sideBySide) {
        m.guide.w = m.area.w * 2 / 5;
        m.words.x = m.area.x + m.guide.w + c.u(20);
        m.words.w = m.area.w - m.guide.w - c.u(20);
    } else {
        m.words.h = m.area.h / 3;
        m.guide.y = m.area.y + m.words.h;
        m.guide.h = m.area.h - m.words.h;
    }
    m.wordsHeight = c.u(28);
    m.maxRadius = static_cast<float>(std::min(m.guide.w, m.guide.h - m.wordsHeight)) / 2.0f - static_cast<float>(c.u(6));
    m.cx = static_cast<float>(m.guide.x) + static_cast<float>(m.guide.w) / 2;
    m.cy = static_cast<float>(m.guide.y) + static_cast<float>(m.guide.h - m.wordsHeight) / 2;
    return m;
}

float circleRadius(const Middle& m, double size) { return m.maxRadius * static_cast<float>(0.35 + 0.65 * size); }

void breathingCircle(Canvas& c, const Middle& m, double size) {
    const Palette& p = c.palette();
    const float radius = circleRadius(m, size);
    SDL_Color glow = p.accent;
    glow.a = 60;
    c.softCircle(m.cx, m.cy, radius, static_cast<float>(c.u(10)), glow);
    c.softCircle(m.cx, m.cy, radius * 0.92f, static_cast<float>(c.u(3)), p.accent);
}

void middle(Canvas& c, std::vector<Control>& controls, const PlayerView& v, const Rows& rows) {
    const Palette& p = c.palette();
    const auto& s = v.snapshot;
    const bool offer = !v.resumeLabel.empty() && s.state != PlayerState::Waiting;
    const Middle m = middleLayout(c, rows, s.state == PlayerState::Waiting || offer);
    // The prompt grows with its words, centred, within the middle's width.
    const auto prompt = [&](const std::string& label) {
        SDL_Rect r = m.button;
        r.w = std::clamp(c.texts().measure(label, c.u(16), true).x + c.u(28), r.w, m.area.w);
        r.x = m.button.x + m.button.w / 2 - r.w / 2;
        return r;
    };
    if (s.state == PlayerState::Waiting) {
        const std::string label = tr("Continue when you are ready");
        const SDL_Rect r = prompt(label);
        drawButton(c, r, label, true, v.focus == Act::Continue);
        controls.push_back({Control::Kind::Button, Act::Continue, r, 0});
    } else if (offer) {
        const SDL_Rect r = prompt(v.resumeLabel);
        drawButton(c, r, v.resumeLabel, false, v.focus == Act::Resume);
        controls.push_back({Control::Kind::Button, Act::Resume, r, 0});
    }
    const auto breath = breathAt(*v.timeline, s.position);
    if (breath) {
        c.softCircle(m.cx, m.cy, m.maxRadius, 0, {p.track.r, p.track.g, p.track.b, 255});  // the size it grows to
        breathingCircle(c, m, breath->size);
        c.text(breathWords(breath->phase), {m.guide.x, m.guide.y + m.guide.h - m.wordsHeight, m.guide.w, m.wordsHeight},
               c.u(18), p.text, Align::Center, Align::Center, true);
        if (s.caption)
            c.text(*s.caption, m.words, c.u(24), p.text, m.sideBySide ? Align::Start : Align::Center, Align::Center, false, true);
        return;
    }
    if (s.caption) c.text(*s.caption, m.area, c.u(30), p.text, Align::Center, Align::Center, false, true);
}

void progress(Canvas& c, const PlayerView& v, const Rows& rows) {
    const Palette& p = c.palette();
    const int w = c.size().x;
    const Timeline& tl = *v.timeline;
    const SDL_Rect bar{rows.margin, rows.bar, w - 2 * rows.margin, c.u(8)};
    const double fraction =
        tl.length > 0 ? std::clamp(static_cast<double>(v.snapshot.position) / static_cast<double>(tl.length), 0.0, 1.0) : 1.0;
    c.roundRect(bar, bar.h / 2, p.track);
    c.roundRect({bar.x, bar.y, static_cast<int>(std::lround(bar.w * fraction)), bar.h}, bar.h / 2, p.accent);
    for (const auto& chapter : tl.chapters) {
        if (chapter.start <= 0 || tl.length <= 0) continue;
        const int x = bar.x + static_cast<int>(static_cast<double>(bar.w) * static_cast<double>(chapter.start) /
                                               static_cast<double>(tl.length));
        c.fill({x - std::max(1, c.u(1.5)), bar.y - c.u(5), std::max(2, c.u(3)), bar.h + c.u(10)}, p.text);
    }
    const SDL_Rect times{bar.x, rows.times, bar.w, c.u(20)};
    c.text(clockText(v.snapshot.position, tl.rate), times, c.u(15), p.muted, Align::Start);
    c.text("-" + clockText(std::max<Frames>(0, tl.length - v.snapshot.position), tl.rate), times, c.u(15), p.muted, Align::End);
}

void transport(Canvas& c, std::vector<Control>& controls, const PlayerView& v, const Rows& rows) {
    const int w = c.size().x;
    const int size = c.u(52), big = c.u(60), gap = c.u(18);
    const int total = 4 * size + big + 4 * gap;
    int x = w / 2 - total / 2;
    const int y = rows.controls;
    const auto place = [&](Act id, Icon icon, int side, bool primary) {
        iconButton(c, controls, id, icon, {x, y + (big - side) / 2, side, side}, primary, v.focus);
        x += side + gap;
    };
    const bool playing = v.snapshot.state == PlayerState::Playing;
    place(Act::ChapterBack, Icon::ChapterBack, size, false);
    place(Act::StepBack, Icon::StepBack, size, false);
    place(Act::PlayPause, playing ? Icon::Pause : Icon::Play, big, true);
    place(Act::StepForward, Icon::StepForward, size, false);
    place(Act::ChapterForward, Icon::ChapterForward, size, false);
}

}  // namespace

std::vector<Control> drawPlayer(Canvas& c, const PlayerView& v) {
    std::vector<Control> controls;
    c.clear();
    const bool withStatus = !v.status.empty();
    const Rows rows = layoutRows(c, withStatus);
    header(c, controls, v, rows);
    const Palette& p = c.palette();
    const int w = c.size().x;
    if (v.snapshot.state == PlayerState::Ended) {
        const SDL_Rect area{rows.margin + c.u(40), rows.middleTop, w - 2 * (rows.margin + c.u(40)), rows.volumes - rows.middleTop};
        auto end = drawEnd(c, area, v.focus);
        controls.insert(controls.begin(), end.begin(), end.end());
    } else {
        middle(c, controls, v, rows);
        progress(c, v, rows);
        transport(c, controls, v, rows);
        const SDL_Rect volumes{rows.margin, rows.volumes, w - 2 * rows.margin, c.u(40)};
        const int half = (volumes.w - c.u(40)) / 2;
        slider(c, controls, Act::SetVoice, tr("Voice"), {volumes.x, volumes.y, half, volumes.h}, v.snapshot.voiceVolume, v.focus);
        slider(c, controls, Act::SetAmbient, tr("Ambient"), {volumes.x + half + c.u(40), volumes.y, half, volumes.h},
               v.snapshot.ambientVolume, v.focus);
    }
    if (withStatus) c.text(v.status, {rows.margin, rows.status, w - 2 * rows.margin, c.u(20)}, c.u(14), p.warning, Align::Center);
    return controls;
}

int breathingCircleRadius(const Canvas& c, const PlayerView& v) {
    const auto breath = breathAt(*v.timeline, v.snapshot.position);
    if (!breath) return -1;
    const Middle m = middleLayout(c, layoutRows(c, !v.status.empty()), v.snapshot.state == PlayerState::Waiting);
    return static_cast<int>(std::lround(circleRadius(m, breath->size)));
}

// --- The screen's input -----------------------------------------------------------------------

void PlayerScreen::setSession(const LiveSession* session, std::optional<int> resumeStep) {
    session_ = session;
    resumeStep_ = resumeStep;
}

PlayerView PlayerScreen::view() const {
    PlayerView view;
    view.script = &session_->script();
    view.timeline = &session_->timeline();
    view.snapshot = session_->player->snapshot();
    view.status = status;
    view.backLabel = backLabel.empty() ? tr("Library") : backLabel;
    if (resumeStep_ && view.snapshot.step == 0 && view.snapshot.state != PlayerState::Ended) {
        const Timeline& timeline = session_->timeline();
        for (const auto& step : timeline.steps)
            if (step.step == *resumeStep_)
                view.resumeLabel = format(tr("Continue from %s"), formatClockSeconds(nanosFromFrames(step.start, timeline.rate)).c_str());
    }
    return view;
}

std::vector<Control> PlayerScreen::draw(Canvas& canvas, Action focus) {
    if (!session_) {
        canvas.clear();
        return {};
    }
    PlayerView v = view();
    v.focus = focus;
    return drawPlayer(canvas, v);
}

Action PlayerScreen::act(const Action& a) {
    if (a.kind == Act::Resume) {
        const auto step = resumeStep_;
        resumeStep_.reset();
        return step ? Action{Act::Resume, *step} : Action{};
    }
    return a;
}

Action PlayerScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& controls) {
    if (!session_) return {};
    const PlayerState state = session_->player->snapshot().state;
    const auto focused = controls.focused();
    const bool onSlider = focused && focused->kind == Control::Kind::Slider;
    const bool voice = onSlider ? focused->action.kind == Act::SetVoice : keyVolume_ == Player::Volume::Voice;
    const Action louder{voice ? Act::NudgeVoice : Act::NudgeAmbient, 0, kVolumeStep};
    const Action softer{voice ? Act::NudgeVoice : Act::NudgeAmbient, 0, -kVolumeStep};
    const Action keyLouder{keyVolume_ == Player::Volume::Voice ? Act::NudgeVoice : Act::NudgeAmbient, 0, kVolumeStep};
    const Action keySofter{keyLouder.kind, 0, -kVolumeStep};
    switch (code) {
        case SDLK_SPACE:
            return state == PlayerState::Waiting ? Act::Continue : state == PlayerState::Ended ? Act::PlayAgain : Act::PlayPause;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            if (focused && !onSlider) return focused->action;
            if (state == PlayerState::Waiting) return Act::Continue;
            if (state == PlayerState::Ended) return Act::PlayAgain;
            return {};
        case SDLK_LEFT: return onSlider ? softer : Action{Act::StepBack};
        case SDLK_RIGHT: return onSlider ? louder : Action{Act::StepForward};
        case SDLK_UP: return louder;
        case SDLK_DOWN: return softer;
        case SDLK_PLUS:
        case SDLK_EQUALS:
        case SDLK_KP_PLUS: return keyLouder;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: return keySofter;
        case SDLK_v: keyVolume_ = Player::Volume::Voice; return {};
        case SDLK_a: keyVolume_ = Player::Volume::Ambient; return {};
        case SDLK_n:
        case SDLK_PAGEDOWN: return Act::ChapterForward;
        case SDLK_p:
        case SDLK_PAGEUP: return Act::ChapterBack;
        case SDLK_HOME: return Act::Restart;
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
            if (controls.focus()) {
                controls.clearFocus();
                return {};
            }
            return Act::Back;
        default: return {};
    }
}

Action PlayerScreen::wheel(int dy, SDL_Point at, const ControlSet& controls) {
    const auto c = controls.at(at.x, at.y);
    if (!c || c->kind != Control::Kind::Slider) return {};
    return {c->action.kind == Act::SetVoice ? Act::NudgeVoice : Act::NudgeAmbient, 0, kVolumeStep * dy};
}

std::string PlayerScreen::viewKey(const Canvas& canvas) const {
    if (!session_) return "none";
    const PlayerView view = this->view();
    const PlayerSnapshot& s = view.snapshot;
    const Frames rate = view.timeline->rate;
    // The clock, the remaining time and the progress bar move together, once a second; the
    // breathing guide when its circle has grown or shrunk by two pixels.
    std::string key = std::to_string(static_cast<int>(s.state)) + "|" + std::to_string(s.step) + "|" + std::to_string(s.chapter) +
                      "|" + s.caption.value_or("") + "|" + std::to_string(s.position / rate) + "|" +
                      std::to_string(static_cast<int>(s.voiceVolume * 1000)) + "|" +
                      std::to_string(static_cast<int>(s.ambientVolume * 1000)) + "|" + view.status + "|" + view.resumeLabel + "|" +
                      view.backLabel;
    if (const auto b = breathAt(*view.timeline, s.position))
        key += "|" + std::to_string(static_cast<int>(b->phase)) + ":" + std::to_string(breathingCircleRadius(canvas, view) / 2);
    return key;
}

}  // namespace kindly::ui
