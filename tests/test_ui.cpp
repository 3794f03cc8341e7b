// The window, driven as a person would (SDL_PushEvent) under SDL's offscreen video driver:
// screens render, screenshots are saved and their pixels checked, and events change the state.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "TestSupport.hpp"
#include "UiEvents.hpp"
#include "library/Library.hpp"
#include "ui/BreathingGuide.hpp"
#include "ui/LibraryScreen.hpp"
#include "ui/PlayerScreen.hpp"
#include "ui/Screenshot.hpp"
#include "platform/Language.hpp"
#include "ui/WindowApp.hpp"

using namespace kindly;
using namespace kindly::ui;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const char* kSession = R"(kindly = 1
[session]
title = "Window Test"
description = "A short session for the window's tests."
tags = ["test", "calm"]

[[ambient]]
id = "bed"
sound = "pink-noise"
gain_db = -20

[[step]]
id = "welcome"
chapter = "Arriving"
pause = "3s"
caption = "Welcome. Settle in and let your shoulders drop."

[[step]]
id = "breath"
breathe = { in = "4s", hold = "1s", out = "4s", cycles = 2 }
caption = "Breathe with the circle."

[[step]]
id = "pause-here"
chapter = "Resting"
pause = "2s"
caption = "Stay here as long as you like."
wait = true

[[step]]
id = "close"
pause = "2s"
caption = "Thank you."
)";

const char* kElastic = R"(kindly = 1
[session]
title = "Stretchy"
tags = ["calm"]
[[step]]
id = "sit"
pause = "1m..10m"
caption = "Sit."
[[step]]
id = "end"
pause = "1s"
caption = "Done."
)";

const char* kBroken = R"(kindly = 1
[session]
title = "Broken"
[[step]]
id = "a"
paus = "1s"
)";

/// A library folder of its own, the offscreen driver, and state kept inside the test's folder.
struct UiFixture {
    TempDir dir;
    ScopedEnv video{"SDL_VIDEODRIVER", "offscreen"}, data{"XDG_DATA_HOME", (dir / "data").string()},
        state{"XDG_STATE_HOME", (dir / "state").string()};
    fs::path library;
    UiFixture() : library(dir / "library") {
        fs::create_directories(library);
        writeText(library / "window-test.toml", kSession);
    }
    WindowOptions options(SDL_Point size = {1024, 640}) const {
        WindowOptions o;
        o.libraryFolders = {library};
        o.output.silent = true;
        o.size = size;
        return o;
    }
};

SDL_Point centre(const SDL_Rect& r) { return {r.x + r.w / 2, r.y + r.h / 2}; }

void settle(WindowApp& app, int ms = 60) {
    app.runUntil([] { return false; }, ms);
}

/// Starts the test session from the library with the keyboard, as a listener would.
void startFromLibrary(WindowApp& app) {
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    pushKey(SDLK_RETURN);
    REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Player; }, 30000));
}

bool near(SDL_Color a, SDL_Color b, int tolerance = 24) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

/// Pixels in `r` that are near `colour`.
int countNear(const Image& image, const SDL_Rect& r, SDL_Color colour, int tolerance = 24) {
    int n = 0;
    for (int y = std::max(0, r.y); y < std::min(image.height, r.y + r.h); ++y)
        for (int x = std::max(0, r.x); x < std::min(image.width, r.x + r.w); ++x)
            if (near(image.at(x, y), colour, tolerance)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the library lists sessions with length and tags, and a broken script with its reason", "[ui]") {
    UiFixture f;
    writeText(f.library / "broken.toml", kBroken);
    WindowApp app(f.options());
    app.keepFrames(true);
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    REQUIRE(app.entries().size() == 2);
    const LibraryEntry* broken = nullptr;
    const LibraryEntry* good = nullptr;
    for (const auto& e : app.entries()) (e.title == "Broken" ? broken : good) = &e;
    REQUIRE(broken);
    REQUIRE(good);
    CHECK_FALSE(broken->valid);
    INFO(broken->problem);
    // The first error by position, and how many more `kindly check` would show.
    CHECK(broken->problem.find("line 4: [[step]] 'a' does nothing") == 0);
    CHECK(broken->problem.find("(and 1 more)") != std::string::npos);
    CHECK(good->valid);
    CHECK(good->lengthText() == "0:25");
    CHECK(good->tags == std::vector<std::string>{"test", "calm"});

    // Both are drawn: each card holds text (pixels of the text colour) where the title goes.
    app.draw(true);
    int cards = 0;
    for (const auto& c : app.controls()) {
        if (c.action.kind != Act::OpenEntry) continue;
        ++cards;
        const SDL_Rect titleArea{c.rect.x, c.rect.y, c.rect.w / 2, c.rect.h / 3};
        CHECK(countNear(app.lastFrame(), titleArea, calmPalette().text, 40) > 50);
    }
    CHECK(cards == 2);
    // The broken one says why in the warning colour.
    CHECK(countNear(app.lastFrame(), {0, 0, 1024, 640}, calmPalette().warning, 30) > 100);

    // Choosing it shows the reason instead of playing.
    int brokenIndex = app.entries()[0].title == "Broken" ? 0 : 1;
    const auto card = app.control({Act::OpenEntry, brokenIndex});
    REQUIRE(card);
    pushClick(centre(card->rect).x, centre(card->rect).y);
    settle(app);
    CHECK(app.screen() == ScreenId::Problem);
    pushKey(SDLK_ESCAPE);
    settle(app);
    CHECK(app.screen() == ScreenId::Library);
}

TEST_CASE("the library's About opens the credits of every recording, and Escape closes them", "[ui][credits]") {
    UiFixture f;
    WindowApp app(f.options());
    app.keepFrames(true);
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    app.draw(true);
    const auto about = app.control(Act::OpenAbout);
    REQUIRE(about);
    pushClick(centre(about->rect).x, centre(about->rect).y);
    settle(app);
    app.draw(true);
    // Only the sheet can be pressed: its Back button, not the sessions behind it.
    CHECK(app.control(Act::CloseAbout));
    CHECK_FALSE(app.control({Act::OpenEntry, 0}));
    // A line of text per recording (pixels of the text colour across the sheet's middle).
    const Image& frame = app.lastFrame();
    CHECK(countNear(frame, {0, frame.height / 5, frame.width, frame.height * 3 / 5}, calmPalette().text, 40) > 2000);
    pushKey(SDLK_ESCAPE);
    settle(app);
    CHECK_FALSE(app.control(Act::CloseAbout));
    CHECK(app.control({Act::OpenEntry, 0}));
}

TEST_CASE("the tag filter keeps the sessions with that tag", "[ui]") {
    UiFixture f;
    writeText(f.library / "stretchy.toml", kElastic);
    WindowApp app(f.options());
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    const auto entryCards = [&] {
        int n = 0;
        for (const auto& c : app.controls()) n += c.action.kind == Act::OpenEntry;
        return n;
    };
    settle(app);
    CHECK(entryCards() == 2);
    // Tags are sorted: calm, test. "test" is tag 1: its chip chooses tag 1.
    const auto chip = app.control({Act::ChooseTag, 1});
    REQUIRE(chip);
    pushClick(centre(chip->rect).x, centre(chip->rect).y);
    settle(app);
    CHECK(entryCards() == 1);
    pushKey(SDLK_t);  // the next tag: none, back to all
    settle(app);
    CHECK(entryCards() == 2);
}

TEST_CASE("choosing a session starts it, space pauses, the right arrow moves to the next step", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    startFromLibrary(app);
    Player& player = *app.player();
    REQUIRE(app.runUntil([&] { return player.snapshot().position > 0; }, 5000));
    CHECK(player.snapshot().state == PlayerState::Playing);

    pushKey(SDLK_SPACE);
    REQUIRE(app.runUntil([&] { return player.snapshot().state == PlayerState::Paused; }, 2000));
    settle(app, 100);  // the 10 ms fade out
    const Frames pausedAt = player.snapshot().position;
    settle(app, 300);
    CHECK(player.snapshot().position == pausedAt);  // the clock stops with the sound
    pushKey(SDLK_SPACE);
    REQUIRE(app.runUntil([&] { return player.snapshot().state == PlayerState::Playing; }, 2000));

    CHECK(player.snapshot().step == 0);
    pushKey(SDLK_RIGHT);
    CHECK(app.runUntil([&] { return player.snapshot().step == 1; }, 3000));
    pushKey(SDLK_LEFT);  // near the start of a step: back to the one before
    CHECK(app.runUntil([&] { return player.snapshot().step == 0; }, 3000));
}

TEST_CASE("a click on the voice slider sets the voice volume, the ambient slider its own", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    startFromLibrary(app);
    settle(app);
    const auto voice = app.control(Act::SetVoice);
    const auto ambient = app.control(Act::SetAmbient);
    REQUIRE(voice);
    REQUIRE(ambient);
    // A quarter of the way along the track (the knob's reach is kept at each end).
    const int knob = voice->rect.h * 11 / 40;
    const int x = voice->rect.x + knob + (voice->rect.w - 2 * knob) / 4;
    pushClick(x, centre(voice->rect).y);
    settle(app);
    CHECK(app.player()->volume(Player::Volume::Voice) == Approx(0.25).margin(0.02));
    CHECK(app.player()->volume(Player::Volume::Ambient) == Approx(1.0));
    pushClick(ambient->rect.x + ambient->rect.w - 1, centre(ambient->rect).y);
    pushClick(ambient->rect.x, centre(ambient->rect).y);
    settle(app);
    CHECK(app.player()->volume(Player::Volume::Ambient) == Approx(0.0));
    CHECK(app.player()->volume(Player::Volume::Voice) == Approx(0.25).margin(0.02));
}

TEST_CASE("a tap acts once: the mouse events SDL makes up from touch are ignored", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    startFromLibrary(app);
    settle(app);
    const auto play = app.control(Act::PlayPause);
    REQUIRE(play);
    const SDL_Point c = centre(play->rect);
    // The tap as a finger and, as SDL would emulate it, as a mouse click from the touch device.
    pushTap(static_cast<float>(c.x) / 1024.0f, static_cast<float>(c.y) / 640.0f);
    pushClick(c.x, c.y, SDL_TOUCH_MOUSEID);
    REQUIRE(app.runUntil([&] { return app.player()->snapshot().state == PlayerState::Paused; }, 2000));
    settle(app, 200);
    CHECK(app.player()->snapshot().state == PlayerState::Paused);  // toggled once, not twice
}

TEST_CASE("a wait step shows a continue prompt, Enter goes on", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    startFromLibrary(app);
    Player& player = *app.player();
    player.seekToStep(2);
    REQUIRE(app.runUntil([&] { return player.snapshot().state == PlayerState::Waiting; }, 10000));
    settle(app);
    CHECK(app.control(Act::Continue));
    pushKey(SDLK_RETURN);
    CHECK(app.runUntil([&] { return player.snapshot().step == 3; }, 3000));
    settle(app);
    CHECK_FALSE(app.control(Act::Continue));
}

TEST_CASE("the window offers to continue where the last play of a script stopped, and goes there", "[ui]") {
    UiFixture f;
    {
        WindowApp app(f.options());
        startFromLibrary(app);
        settle(app);
        CHECK_FALSE(app.control(Act::Resume));  // never played: nothing to continue
        app.player()->seekToStep(2);
        REQUIRE(app.runUntil([&] { return app.player()->snapshot().step == 2; }, 5000));
        const auto back = app.control(Act::Back);
        REQUIRE(back);
        pushClick(centre(back->rect).x, centre(back->rect).y);  // leaves the session in step 2
        REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Library; }, 5000));
    }
    WindowApp app(f.options());  // a new window, as the next day
    startFromLibrary(app);
    REQUIRE(app.runUntil([&] { return app.control(Act::Resume).has_value(); }, 5000));
    CHECK(app.player()->snapshot().step == 0);  // it starts at the beginning, and offers
    const auto resume = app.control(Act::Resume);
    pushClick(centre(resume->rect).x, centre(resume->rect).y);
    CHECK(app.runUntil([&] { return app.player()->snapshot().step == 2; }, 5000));
    settle(app);
    CHECK_FALSE(app.control(Act::Resume));  // taken: the offer is gone
}

TEST_CASE("keyboard only: Tab moves the focus and Enter presses the focused control", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    startFromLibrary(app);
    settle(app);
    CHECK_FALSE(app.highContrast());
    // The contrast button is the first control of the player screen.
    pushKey(SDLK_TAB);
    pushKey(SDLK_RETURN);
    settle(app);
    CHECK(app.highContrast());
    // Shift+Tab from the first control wraps to the last: the ambient slider; Left lowers it.
    pushKey(SDLK_TAB, KMOD_SHIFT);
    pushKey(SDLK_LEFT);
    settle(app);
    CHECK(app.player()->volume(Player::Volume::Ambient) == Approx(0.95));
    CHECK(app.player()->volume(Player::Volume::Voice) == Approx(1.0));
    pushKey(SDLK_ESCAPE);  // drops the focus
    pushKey(SDLK_ESCAPE);  // back to the library
    settle(app);
    CHECK(app.screen() == ScreenId::Library);
    CHECK(app.player() == nullptr);
}

TEST_CASE("an elastic session offers the lengths it can reach and plays the one chosen", "[ui]") {
    UiFixture f;
    fs::remove(f.library / "window-test.toml");
    writeText(f.library / "stretchy.toml", kElastic);
    WindowApp app(f.options());
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    const auto offered = app.entries().at(0).offeredLengths();
    // 1m1s to 10m1s (the pause and the last step's second): 1 minute is out of reach.
    CHECK(offered == std::vector<Nanos>{2 * kNanosPerMinute, 3 * kNanosPerMinute, 5 * kNanosPerMinute, 10 * kNanosPerMinute});
    pushKey(SDLK_RETURN);
    settle(app);
    CHECK(app.screen() == ScreenId::Library);
    const auto ten = app.control({Act::ChooseLength, 3});
    REQUIRE(ten);
    pushClick(centre(ten->rect).x, centre(ten->rect).y);
    REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Player; }, 30000));
    const Timeline& tl = app.session()->timeline();
    CHECK(tl.length == 10 * 60 * tl.rate);
}

TEST_CASE("offered lengths: round minutes in reach, at most five, or the ends of a short range", "[ui][library]") {
    LibraryEntry e;
    e.checked = e.valid = e.elastic = true;
    e.minLength = 3 * kNanosPerMinute + 15 * kNanosPerSecond;
    e.maxLength = 6 * kNanosPerMinute + 26 * kNanosPerSecond;
    CHECK(e.offeredLengths() == std::vector<Nanos>{5 * kNanosPerMinute});
    e.minLength = 3 * kNanosPerMinute;
    e.maxLength = 60 * kNanosPerMinute;
    const auto wide = e.offeredLengths();
    CHECK(wide.size() <= 5);
    CHECK(wide.front() == 3 * kNanosPerMinute);
    CHECK(wide.back() == 60 * kNanosPerMinute);
    e.minLength = 70 * kNanosPerSecond;
    e.maxLength = 100 * kNanosPerSecond;
    CHECK(e.offeredLengths() == std::vector<Nanos>{70 * kNanosPerSecond, 100 * kNanosPerSecond});
    CHECK(e.lengthText() == "1:10 to 1:40");
    e.elastic = false;
    e.length = 5 * kNanosPerMinute;
    CHECK(e.offeredLengths() == std::vector<Nanos>{5 * kNanosPerMinute});
}

/// A renderer of its own, to draw one screen from a made-up snapshot.
class Drawing {
public:
    explicit Drawing(SDL_Point size) : size_(size) {
        REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
        window_ = SDL_CreateWindow("test", 0, 0, size.x, size.y, SDL_WINDOW_HIDDEN);
        REQUIRE(window_);
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
        REQUIRE(renderer_);
        text_ = std::make_unique<TextRenderer>(renderer_);
    }
    ~Drawing() {
        text_.reset();
        SDL_DestroyRenderer(renderer_);
        SDL_DestroyWindow(window_);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    Image player(const PlayerView& view, bool highContrast = false) {
        Canvas canvas(renderer_, *text_, palette(highContrast), size_);
        controls = drawPlayer(canvas, view);
        Image image;
        image.width = size_.x;
        image.height = size_.y;
        image.rgba.resize(static_cast<std::size_t>(size_.x * size_.y * 4));
        SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), size_.x * 4);
        return image;
    }
    std::vector<Control> controls;

private:
    ScopedEnv video_{"SDL_VIDEODRIVER", "offscreen"};  // before the window: members are made first
    SDL_Point size_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::unique_ptr<TextRenderer> text_;
};

TEST_CASE("the breathing circle is larger mid-in than at its start, and rests large on hold", "[ui]") {
    TempDir dir;
    const PreparedSession p = prepareText(dir, kSession);
    REQUIRE(p.ok());
    const Timeline& tl = *p.timeline;
    const BreathEvent* in = nullptr;
    for (const auto& b : tl.breaths)
        if (b.phase == BreathPhase::In && !in) in = &b;
    REQUIRE(in);
    CHECK(breathAt(tl, in->start)->size == Approx(0));
    CHECK(breathAt(tl, in->start + in->length / 2)->size == Approx(0.5));
    CHECK(breathAt(tl, in->start + in->length)->phase == BreathPhase::Hold);
    CHECK(breathAt(tl, in->start + in->length)->size == Approx(1));
    CHECK_FALSE(breathAt(tl, tl.steps[0].start));

    // Drawn: the accent pixels of the circle at the start of "in", halfway, and on hold.
    Drawing drawing({1024, 640});
    PlayerView view;
    view.script = &*p.script;
    view.timeline = &tl;
    view.snapshot.state = PlayerState::Paused;
    view.snapshot.step = 1;
    view.snapshot.chapter = 0;
    const SDL_Rect guide{0, 100, 1024 / 2, 300};  // the circle's side of the screen
    const auto circle = [&](Frames at) {
        view.snapshot.position = at;
        return countNear(drawing.player(view), guide, calmPalette().accent, 12);
    };
    const int start = circle(in->start);
    const int middle = circle(in->start + in->length / 2);
    const int hold = circle(in->start + in->length + 10);
    INFO("accent pixels: start " << start << ", middle " << middle << ", hold " << hold);
    CHECK(start > 1000);
    CHECK(middle > start * 2);
    CHECK(hold > middle);
    // The words under it.
    view.snapshot.position = in->start + in->length / 2;
    const Image mid = drawing.player(view);
    CHECK(countNear(mid, {0, 330, 1024 / 2, 60}, calmPalette().text, 40) > 50);
}

TEST_CASE("the caption area holds the caption's text, large, and high contrast changes the palette", "[ui]") {
    TempDir dir;
    const PreparedSession p = prepareText(dir, kSession);
    REQUIRE(p.ok());
    Drawing drawing({1024, 640});
    PlayerView view;
    view.script = &*p.script;
    view.timeline = &*p.timeline;
    view.snapshot.state = PlayerState::Playing;
    view.snapshot.position = p.timeline->steps[0].start + 100;
    const SDL_Rect captionArea{60, 120, 1024 - 120, 220};

    const Image empty = drawing.player(view);
    view.snapshot.caption = "Welcome. Settle in and let your shoulders drop.";
    const Image calm = drawing.player(view);
    const int without = countNear(empty, captionArea, calmPalette().text, 40);
    const int with = countNear(calm, captionArea, calmPalette().text, 40);
    INFO("text pixels: " << without << " without a caption, " << with << " with one");
    CHECK(without == 0);
    CHECK(with > 2000);
    CHECK(near(calm.at(3, 3), calmPalette().background, 2));

    const Image contrast = drawing.player(view, true);
    CHECK(near(contrast.at(3, 3), SDL_Color{0, 0, 0, 255}, 2));
    CHECK(countNear(contrast, captionArea, SDL_Color{255, 255, 255, 255}, 40) > 2000);
    CHECK(countNear(contrast, {0, 0, 1024, 640}, calmPalette().background, 2) == 0);
}

TEST_CASE("the layout fits from 800x480 to 4K: every control on screen, none overlapping", "[ui]") {
    TempDir dir;
    const PreparedSession p = prepareText(dir, kSession);
    REQUIRE(p.ok());
    for (const SDL_Point size : {SDL_Point{800, 480}, SDL_Point{1280, 720}, SDL_Point{1024, 768}, SDL_Point{3840, 2160}}) {
        Drawing drawing(size);
        PlayerView view;
        view.script = &*p.script;
        view.timeline = &*p.timeline;
        view.snapshot.state = PlayerState::Waiting;
        view.snapshot.caption = "A caption long enough to wrap onto a second line on the smallest of screens, surely.";
        view.status = "The sound device stopped; Kindly will go on when it is back.";
        view.snapshot.position = p.timeline->breaths[2].start;  // the guide and a wait prompt at once
        drawing.player(view);
        INFO(size.x << "x" << size.y);
        REQUIRE(drawing.controls.size() == 10);
        for (std::size_t i = 0; i < drawing.controls.size(); ++i) {
            const SDL_Rect& a = drawing.controls[i].rect;
            CHECK(a.x >= 0);
            CHECK(a.y >= 0);
            CHECK(a.x + a.w <= size.x);
            CHECK(a.y + a.h <= size.y);
            // Large enough to touch: at least 36 px at 800x480 and growing with the screen.
            CHECK(std::min(a.w, a.h) >= 36 * std::min(size.x / 800.0, size.y / 480.0) - 1);
            for (std::size_t j = i + 1; j < drawing.controls.size(); ++j) {
                const SDL_Rect& b = drawing.controls[j].rect;
                CHECK_FALSE(SDL_HasIntersection(&a, &b));
            }
        }
    }
}

TEST_CASE("screenshots are saved as PNG and read back with the same pixels", "[ui]") {
    UiFixture f;
    WindowApp app(f.options({800, 480}));
    app.keepFrames(true);
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    app.draw(true);
    std::string error;
    REQUIRE(savePng(app.lastFrame(), f.dir / "library.png", error));
    CHECK_FALSE(fs::exists(f.dir / "library.png.part"));
    const Image back = loadPng(f.dir / "library.png");
    REQUIRE(back.width == 800);
    REQUIRE(back.height == 480);
    CHECK(back.rgba == app.lastFrame().rgba);
    // "Kindly" in the heading's corner is drawn in the text colour.
    CHECK(countNear(back, {0, 0, 200, 70}, calmPalette().text, 40) > 100);
    CHECK_FALSE(savePng(app.lastFrame(), f.dir / "no-such-folder" / "x.png", error));
    CHECK(error.find("no-such-folder") != std::string::npos);
}

TEST_CASE("the window redraws only when something changes, and waits for events", "[ui]") {
    UiFixture f;
    WindowApp app(f.options());
    REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
    app.draw();
    CHECK(app.nextWakeMs() == -1);  // the library waits for the listener
    const long long drawn = app.framesDrawn();
    for (int i = 0; i < 5; ++i) app.draw();
    CHECK(app.framesDrawn() == drawn);
    pushKey(SDLK_h);
    settle(app);
    CHECK(app.framesDrawn() == drawn + 1);

    pushKey(SDLK_RETURN);
    REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Player; }, 30000));
    app.player()->pause();
    settle(app, 300);
    const long long paused = app.framesDrawn();
    settle(app, 500);
    CHECK(app.framesDrawn() == paused);  // paused on a caption: nothing moves, nothing is drawn
    CHECK(app.nextWakeMs() == 100);
}

TEST_CASE("fonts are found at run time through fontconfig", "[ui]") {
    const auto regular = findFont(false);
    REQUIRE(regular);
    CHECK(fs::exists(*regular));
    const auto bold = findFont(true);
    REQUIRE(bold);
    CHECK(fs::exists(*bold));
}

TEST_CASE("while a session's speech is made the window shows a calm progress line, then plays", "[ui][progress]") {
    UiFixture f;
    const ScopedEnv config("XDG_CONFIG_HOME", (f.dir / "config").string()), cache("XDG_CACHE_HOME", (f.dir / "cache").string());
    // A listener's own engine that speaks every phrase at once but the third, which waits for a
    // gate the test opens (bounded, so nothing hangs).
    writeTone(f.dir / "reply.wav", 8000, 16000);
    writeText(f.dir / "engine.sh", "#!/bin/sh\nphrase=$(cat)\ncase \"$phrase\" in *Third*)\n  i=0\n  while [ ! -e '" +
                                       (f.dir / "gate").string() + "' ] && [ $i -lt 1500 ]; do sleep 0.02; i=$((i+1)); done;;\nesac\ncp '" +
                                       (f.dir / "reply.wav").string() + "' \"$1\"\n");
    fs::permissions(f.dir / "engine.sh", fs::perms::owner_all);
    writeText(f.dir / "config/kindly/voices.toml", "[engine.mine]\ncommand = [\"" + (f.dir / "engine.sh").string() + "\", \"{output}\"]\n");
    const fs::path script = f.dir / "made-now.toml";
    writeText(script, "kindly = 1\n[session]\ntitle = \"Made now\"\n[voice]\nengine = \"mine\"\n[[step]]\nsay = \"First.\"\n"
                      "[[step]]\nsay = \"Second.\"\n[[step]]\nsay = \"Third.\"\n");
    WindowApp app(f.options({800, 480}));
    app.keepFrames(true);
    app.play(script, "Made now", std::nullopt);
    CHECK(app.screen() == ScreenId::Preparing);
    // Two of the three steps have their speech; the line is two thirds full. It lies 3/5 down,
    // 320 units wide (one unit is a pixel at 800x480), centred.
    const SDL_Rect line{400 - 160, 480 * 3 / 5, 320, 6};
    const auto filled = [&] {
        app.draw(true);
        int n = 0;
        for (int x = line.x; x < line.x + line.w; ++x) n += near(app.lastFrame().at(x, line.y + 3), calmPalette().accent, 30) ? 1 : 0;
        return n;
    };
    REQUIRE(app.runUntil([&] { return filled() > line.w / 2; }, 20000));
    const int twoThirds = filled();
    CHECK(twoThirds >= line.w * 2 / 3 - 4);
    CHECK(twoThirds <= line.w * 2 / 3 + 4);
    CHECK(app.screen() == ScreenId::Preparing);
    // The last step's speech comes: the session plays, and the line is gone with the screen.
    writeText(f.dir / "gate", "");
    REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Player; }, 20000));
    CHECK(app.session()->timeline().voices.size() == 3);
}

TEST_CASE("in German, French, Spanish and English every label fits its place at 800x480 and 1920x1080", "[ui][language]") {
    const ScopedEnv catalogues("KINDLY_LOCALE_DIR", KINDLY_LOCALE_BUILD_DIR);
    for (const std::string language : {"de", "fr", "es", "en"}) {
        setUpLanguage(language);
        for (const SDL_Point size : {SDL_Point{800, 480}, SDL_Point{1920, 1080}}) {
            INFO(language << " at " << size.x << "x" << size.y);
            UiFixture f;
            writeText(f.library / "stretchy.toml", kElastic);
            writeText(f.library / "broken.toml", kBroken);
            WindowApp app(f.options(size));
            app.collectCuts(true);
            const auto look = [&](const char* where) {
                app.draw(true);
                std::string cut;
                for (const auto& text : app.takeCuts()) cut += "[" + text + "] ";
                INFO("on " << where << ", cut: " << cut);
                CHECK(cut.empty());
            };
            REQUIRE(app.runUntil([&] { return app.libraryChecked(); }, 30000));
            look("the library");
            const auto click = [&](const Action& action) {
                const auto c = app.control(action);
                REQUIRE(c);
                pushClick(c->rect);
                settle(app);
            };
            click(Act::OpenAbout);
            look("the credits");
            click(Act::CloseAbout);
            // The elastic session's length row.
            const auto& entries = app.entries();
            int stretchy = -1, broken = -1;
            for (std::size_t i = 0; i < entries.size(); ++i) {
                if (entries[i].title == "Stretchy") stretchy = static_cast<int>(i);
                if (entries[i].title == "Broken") broken = static_cast<int>(i);
            }
            REQUIRE(stretchy >= 0);
            REQUIRE(broken >= 0);
            click({Act::OpenEntry, stretchy});
            look("the length row");
            click(Act::CancelLength);
            click({Act::OpenEntry, broken});
            REQUIRE(app.screen() == ScreenId::Problem);
            look("a script that cannot play");
            click(Act::Back);
            // The player: playing, breathing, waiting, the end.
            pushKey(SDLK_HOME);
            settle(app);
            int window = -1;
            for (std::size_t i = 0; i < entries.size(); ++i)
                if (entries[i].title == "Window Test") window = static_cast<int>(i);
            click({Act::OpenEntry, window});
            REQUIRE(app.runUntil([&] { return app.screen() == ScreenId::Player; }, 30000));
            look("the player");
            app.player()->nextStep();
            REQUIRE(app.runUntil([&] { return app.player()->snapshot().step == 1; }, 5000));
            look("the breathing guide");
            app.player()->nextStep();
            REQUIRE(app.runUntil([&] { return app.player()->snapshot().state == PlayerState::Waiting; }, 10000));
            look("a step that waits");
            app.player()->continueAfterWait();
            REQUIRE(app.runUntil([&] { return app.player()->snapshot().state == PlayerState::Ended; }, 20000));
            look("the end");
        }
    }
    setUpLanguage("en");
}
