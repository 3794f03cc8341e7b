#include "ui/PlayerScreen.hpp"

#include <cmath>
#include <algorithm>

#include "ui/BreathingGuide.hpp"

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

void slider(Canvas& c, std::vector<Control>& controls, int id, const std::string& label, SDL_Rect row, double value,
            int focus) {
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

void iconButton(Canvas& c, std::vector<Control>& controls, int id, Icon icon, SDL_Rect r, bool primary, int focus) {
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
    const SDL_Rect library{w - rows.margin - c.u(96), rows.margin, c.u(96), c.u(40)};
    const SDL_Rect contrast{library.x - c.u(12) - c.u(110), rows.margin, c.u(110), c.u(40)};
    const int textWidth = contrast.x - rows.margin - c.u(12);
    const std::string title = c.texts().fit(v.script->session.title, c.u(22), true, textWidth);
    c.text(title, {rows.margin, rows.margin, textWidth, c.u(30)}, c.u(22), p.text, Align::Start, Align::Center, true);
    const auto& s = v.snapshot;
    if (s.chapter >= 0 && static_cast<std::size_t>(s.chapter) < v.timeline->chapters.size()) {
        const std::string chapter = c.texts().fit(v.timeline->chapters[static_cast<std::size_t>(s.chapter)].title, c.u(16),
                                                  false, textWidth);
        c.text(chapter, {rows.margin, rows.margin + c.u(30), textWidth, c.u(24)}, c.u(16), p.muted);
    }
    drawButton(c, contrast, "Contrast", false, v.focus == kContrastButton);
    controls.push_back({Control::Kind::Button, kContrastButton, contrast, 0});
    drawButton(c, library, v.backLabel, false, v.focus == kLibraryButton);
    controls.push_back({Control::Kind::Button, kLibraryButton, library, 0});
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
    if (s.state == PlayerState::Waiting) {
        drawButton(c, m.button, "Continue when you are ready", true, v.focus == kContinueButton);
        controls.push_back({Control::Kind::Button, kContinueButton, m.button, 0});
    } else if (offer) {
        drawButton(c, m.button, v.resumeLabel, false, v.focus == kResumeButton);
        controls.push_back({Control::Kind::Button, kResumeButton, m.button, 0});
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
    const auto place = [&](int id, Icon icon, int side, bool primary) {
        iconButton(c, controls, id, icon, {x, y + (big - side) / 2, side, side}, primary, v.focus);
        x += side + gap;
    };
    const bool playing = v.snapshot.state == PlayerState::Playing;
    place(kChapterBack, Icon::ChapterBack, size, false);
    place(kStepBack, Icon::StepBack, size, false);
    place(kPlayPause, playing ? Icon::Pause : Icon::Play, big, true);
    place(kStepForward, Icon::StepForward, size, false);
    place(kChapterForward, Icon::ChapterForward, size, false);
}

}  // namespace

void drawFocus(Canvas& c, const SDL_Rect& r) {
    const int pad = c.u(4);
    c.roundOutline({r.x - pad, r.y - pad, r.w + 2 * pad, r.h + 2 * pad}, std::min(r.h, r.w) / 2 + pad,
                   std::max(2, c.u(3)), c.palette().focus);
}

void drawButton(Canvas& c, const SDL_Rect& r, const std::string& label, bool primary, bool focused) {
    const Palette& p = c.palette();
    c.roundRect(r, c.u(10), primary ? p.accent : p.surface);
    if (!primary && p.surface.r == p.background.r && p.surface.g == p.background.g && p.surface.b == p.background.b)
        c.roundOutline(r, c.u(10), std::max(1, c.u(2)), p.text);
    c.text(c.texts().fit(label, c.u(16), true, r.w - c.u(12)), r, c.u(16), primary ? p.accentText : p.text, Align::Center,
           Align::Center, true);
    if (focused) drawFocus(c, r);
}

std::vector<Control> drawPlayer(Canvas& c, const PlayerView& v) {
    std::vector<Control> controls;
    c.clear();
    const bool withStatus = !v.status.empty();
    const Rows rows = layoutRows(c, withStatus);
    header(c, controls, v, rows);
    const Palette& p = c.palette();
    const int w = c.size().x;
    if (v.snapshot.state == PlayerState::Ended) {
        // The end: a few kind words and the way on, nothing else.
        const SDL_Rect words{rows.margin + c.u(40), rows.middleTop, w - 2 * (rows.margin + c.u(40)),
                             (rows.volumes - rows.middleTop) / 2};
        c.text("Thank you for taking this time for yourself.", words, c.u(30), p.text, Align::Center, Align::End, false, true);
        c.text("Stay as long as you like.", {words.x, words.y + words.h + c.u(12), words.w, c.u(30)}, c.u(18), p.muted,
               Align::Center);
        const SDL_Rect again{w / 2 - c.u(100), words.y + words.h + c.u(64), c.u(200), c.u(52)};
        drawButton(c, again, "Play again", true, v.focus == kPlayAgainButton);
        controls.insert(controls.begin(), {Control::Kind::Button, kPlayAgainButton, again, 0});
    } else {
        middle(c, controls, v, rows);
        progress(c, v, rows);
        transport(c, controls, v, rows);
        const SDL_Rect volumes{rows.margin, rows.volumes, w - 2 * rows.margin, c.u(40)};
        const int half = (volumes.w - c.u(40)) / 2;
        slider(c, controls, kVoiceSlider, "Voice", {volumes.x, volumes.y, half, volumes.h}, v.snapshot.voiceVolume, v.focus);
        slider(c, controls, kAmbientSlider, "Ambient", {volumes.x + half + c.u(40), volumes.y, half, volumes.h},
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

std::vector<Control> drawMessage(Canvas& c, const MessageView& v) {
    std::vector<Control> controls;
    c.clear();
    const Palette& p = c.palette();
    const int w = c.size().x, h = c.size().y;
    const int m = c.u(60);
    c.text(v.heading, {m, h / 5, w - 2 * m, c.u(40)}, c.u(28), p.text, Align::Center, Align::Center, true);
    c.text(v.body, {m, h / 5 + c.u(56), w - 2 * m, h / 2 - c.u(56)}, c.u(18), v.bodyIsWarning ? p.warning : p.muted,
           Align::Center, Align::Start, false, true);
    const int bw = c.u(200), gap = c.u(20);
    int x = w / 2 - (static_cast<int>(v.buttons.size()) * (bw + gap) - gap) / 2;
    for (const auto& [id, label] : v.buttons) {
        const SDL_Rect r{x, h * 3 / 4 - c.u(26), bw, c.u(52)};
        drawButton(c, r, label, &label == &v.buttons.front().second, v.focus == id);
        controls.push_back({Control::Kind::Button, id, r, 0});
        x += bw + gap;
    }
    return controls;
}

}  // namespace kindly::ui
