// The widget layer and the screens' own input, without a window: controls hit-tested on the
// rectangles they were drawn at, buttons acting on release over themselves, sliders following
// the pointer, the focus wrapping; the library, PIN and player screens turning keys and
// presses into typed actions.
#include <catch2/catch.hpp>

#include "ui/Controls.hpp"
#include "ui/KioskScreens.hpp"
#include "ui/LibraryScreen.hpp"
#include "ui/PlayerScreen.hpp"

using namespace kindly;
using namespace kindly::ui;

namespace {

ControlSet drawnSet() {
    ControlSet set;
    set.setDrawn({{Control::Kind::Button, Act::PlayPause, {100, 100, 50, 50}, 0},
                  {Control::Kind::Button, {Act::ChooseTag, 2}, {200, 100, 50, 50}, 0},
                  {Control::Kind::Slider, Act::SetVoice, {0, 300, 400, 40}, 0.5}});
    return set;
}

}  // namespace

TEST_CASE("a control is one typed action: kind and index, not its value", "[ui][controls]") {
    CHECK(Action{Act::ChooseTag, 2} == Action{Act::ChooseTag, 2, 0.7});
    CHECK_FALSE(Action{Act::ChooseTag, 2} == Action{Act::ChooseTag, 1});
    CHECK_FALSE(Action{Act::Back} == Action{Act::PinCancel});  // two screens' "back" are not one control
    CHECK_FALSE(static_cast<bool>(Action{}));
    const ControlSet set = drawnSet();
    REQUIRE(set.find({Act::ChooseTag, 2}));
    CHECK(set.find({Act::ChooseTag, 2})->rect.x == 200);
    CHECK_FALSE(set.find({Act::ChooseTag, 1}));
    CHECK_FALSE(set.find({}));
}

TEST_CASE("a button acts when released over itself and sliding off cancels", "[ui][controls]") {
    ControlSet set = drawnSet();
    CHECK_FALSE(set.pointerDown(120, 120));  // nothing yet
    CHECK(set.pointerUp(130, 140) == Action{Act::PlayPause});
    CHECK_FALSE(set.pointerDown(120, 120));
    CHECK_FALSE(set.pointerUp(300, 120));  // released elsewhere: nothing
    CHECK_FALSE(set.pointerDown(120, 120));
    CHECK_FALSE(set.pointerUp(220, 120));  // released over another button: not that one either
    CHECK_FALSE(set.pointerUp(120, 120));  // a release with no press
    CHECK_FALSE(set.pointerDown(10, 10));  // nothing there
    CHECK_FALSE(set.pointerUp(10, 10));
}

TEST_CASE("a slider takes the value under the pointer at once and follows it, within 0..1", "[ui][controls]") {
    ControlSet set = drawnSet();
    const Control slider = *set.find(Act::SetVoice);
    const int knob = slider.rect.h * 11 / 40;  // the knob's reach at each end
    const Action down = set.pointerDown(knob + (400 - 2 * knob) / 4, 320);
    CHECK(down == Action{Act::SetVoice});
    CHECK(down.value == Approx(0.25).margin(0.01));
    CHECK(set.pointerMove(knob + (400 - 2 * knob) * 3 / 4, 500).value == Approx(0.75).margin(0.01));  // off it vertically: still held
    CHECK(set.pointerMove(-50, 320).value == 0.0);
    CHECK(set.pointerMove(900, 320).value == 1.0);
    CHECK_FALSE(set.pointerUp(900, 320));  // a slider does nothing more on release
    CHECK_FALSE(set.pointerMove(200, 320));  // and no longer follows
}

TEST_CASE("Tab and Shift+Tab move the focus through the drawn controls and wrap around", "[ui][controls]") {
    ControlSet set = drawnSet();
    CHECK_FALSE(set.focus());
    set.moveFocus(1);
    CHECK(set.focus() == Action{Act::PlayPause});
    set.moveFocus(1);
    set.moveFocus(1);
    CHECK(set.focus() == Action{Act::SetVoice});
    set.moveFocus(1);
    CHECK(set.focus() == Action{Act::PlayPause});
    set.moveFocus(-1);
    CHECK(set.focus() == Action{Act::SetVoice});
    CHECK(set.focused()->kind == Control::Kind::Slider);
    // A focused control that is no longer drawn is not pressed by mistake.
    set.setDrawn({{Control::Kind::Button, Act::Back, {0, 0, 10, 10}, 0}});
    CHECK_FALSE(set.focused());
    set.clearFocus();
    set.moveFocus(-1);
    CHECK(set.focus() == Action{Act::Back});
}

TEST_CASE("the PIN pad takes digits (at most 12) and erasing itself, and hands on OK and Cancel", "[ui][kiosk][controls]") {
    PinScreen pin;
    ControlSet none;
    CHECK_FALSE(pin.act(pin.key(SDLK_2, 0, none)));
    CHECK_FALSE(pin.act(pin.key(SDLK_KP_4, 0, none)));
    CHECK_FALSE(pin.act(pin.key(SDLK_KP_0, 0, none)));
    CHECK(pin.digits() == "240");
    CHECK_FALSE(pin.act(pin.key(SDLK_BACKSPACE, 0, none)));
    CHECK(pin.digits() == "24");
    CHECK_FALSE(pin.key(SDLK_a, 0, none));  // letters do nothing
    CHECK_FALSE(pin.key(SDLK_ESCAPE, 0, none));
    for (int i = 0; i < 20; ++i) pin.act({Act::PinDigit, 9});
    CHECK(pin.digits().size() == 12);
    CHECK(pin.act(pin.key(SDLK_RETURN, 0, none)) == Action{Act::PinOk});
    CHECK(pin.act(Act::PinCancel) == Action{Act::PinCancel});
}

TEST_CASE("the library turns a choice into PlayEntry, a broken entry into ShowProblem, and an elastic one into a length first",
          "[ui][controls]") {
    std::vector<LibraryEntry> entries(3);
    entries[0] = {"/s/a.toml", "Alpha", "", {"calm"}, "en", true, true, "", 5 * kNanosPerMinute, 5 * kNanosPerMinute, 5 * kNanosPerMinute, false};
    entries[1] = {"/s/b.toml", "Broken", "", {}, "en", true, false, "line 3: unknown key 'duk'", 0, 0, 0, false};
    entries[2] = {"/s/c.toml", "Stretch", "", {"calm"}, "en", true, true, "", 5 * kNanosPerMinute, 3 * kNanosPerMinute,
                  15 * kNanosPerMinute, true};
    LibraryScreen library;
    library.setEntries(entries);
    ControlSet controls;
    CHECK(library.act({Act::OpenEntry, 0}) == Action{Act::PlayEntry, 0});
    CHECK_FALSE(library.chosenLength());
    CHECK(library.act({Act::OpenEntry, 1}) == Action{Act::ShowProblem, 1});
    CHECK(library.problemText(1).find("line 3: unknown key 'duk'") != std::string::npos);
    // The elastic one asks how long first; Enter takes the length nearest its own (5 minutes).
    CHECK_FALSE(library.act({Act::OpenEntry, 2}));
    CHECK(library.act(library.key(SDLK_RETURN, 0, controls)) == Action{Act::PlayEntry, 2});
    REQUIRE(library.chosenLength());
    CHECK(*library.chosenLength() == 5 * kNanosPerMinute);
    // The keys: down to the next entry, Enter plays it (the broken one: its problem).
    library.key(SDLK_HOME, 0, controls);
    library.key(SDLK_DOWN, 0, controls);
    CHECK(library.act(library.key(SDLK_RETURN, 0, controls)) == Action{Act::ShowProblem, 1});
    // A tag filter keeps the others.
    CHECK_FALSE(library.act({Act::ChooseTag, 0}));  // "calm"
    library.key(SDLK_HOME, 0, controls);
    CHECK(library.act(library.key(SDLK_DOWN, 0, controls)) == Action{});
    CHECK(library.act(library.key(SDLK_RETURN, 0, controls)) == Action{});  // Stretch: the length row again
    // Actions that are not the library's pass through for the window.
    CHECK(library.act(Act::ToggleContrast) == Action{Act::ToggleContrast});
}
