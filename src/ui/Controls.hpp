#pragma once
// The widget layer every window shares (the main window and the recorder): controls as drawn
// in the last frame, each carrying its typed Action; hit-testing on those very rectangles;
// pressing (a button acts when released over itself, a slider follows the pointer); the
// keyboard focus; and the drawing of buttons and focus rings. UI thread only.

#include <SDL.h>

#include <optional>
#include <string>
#include <vector>

#include "ui/Action.hpp"
#include "ui/Canvas.hpp"

namespace kindly::ui {

/// Something on screen a person can press or drag; screens list theirs as they draw.
struct Control {
    enum class Kind { Button, Slider } kind = Kind::Button;
    Action action;     ///< what pressing it does (a slider's value goes into the action's value)
    SDL_Rect rect{};   ///< where it was drawn, in drawable pixels
    double value = 0;  ///< a slider's value, 0..1
};

/// A slider's value under the pointer at `x`: its track excludes the knob's reach at each end.
double sliderValueAt(const Control& slider, int x);

class ControlSet {
public:
    /// The controls of the frame just drawn, in keyboard (Tab) order.
    void setDrawn(std::vector<Control> controls);
    const std::vector<Control>& drawn() const { return drawn_; }
    std::optional<Control> find(const Action& action) const;
    /// The topmost control at a point (drawable pixels), if any.
    std::optional<Control> at(int x, int y) const;

    // The pointer (mouse or finger), in drawable pixels: each returns the action to take now.
    Action pointerDown(int x, int y);  ///< a slider is set at once; a button waits for release
    Action pointerMove(int x, int y);  ///< a held slider follows
    Action pointerUp(int x, int y);    ///< a button pressed and released over itself
    void cancelPointer() { pressed_ = {}; }

    // The keyboard focus: none, or a control's action.
    Action focus() const { return focus_; }
    /// The focused control, when it is on screen.
    std::optional<Control> focused() const { return find(focus_); }
    void setFocus(Action action) { focus_ = action; }
    void clearFocus() { focus_ = {}; }
    void moveFocus(int delta);  ///< Tab (+1) and Shift+Tab (-1), wrapping around

private:
    std::vector<Control> drawn_;
    Action focus_;
    Action pressed_;  ///< the control under the pointer since it went down
};

/// A text button: a rounded box with its label; `primary` fills it with the accent.
void drawButton(Canvas& canvas, const SDL_Rect& r, const std::string& label, bool primary, bool focused);
/// The keyboard focus ring around a control.
void drawFocus(Canvas& canvas, const SDL_Rect& r);

}  // namespace kindly::ui
