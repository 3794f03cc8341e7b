#pragma once
// `kindly record` in a window: the teleprompter. The step's words large in the middle, the
// count-in, a recording light with the take's length, the microphone's level meter (red when
// it clips), keep / redo / skip after a take, and which steps still use the synthesized
// voice. Keys: space or Enter record/stop, k keep, r redo, s skip, Escape quit. UI thread.

#include <SDL.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "record/RecordingFlow.hpp"
#include "ui/Controls.hpp"
#include "ui/SdlWindow.hpp"

namespace kindly::ui {

class RecordWindow {
public:
    RecordWindow(RecordingFlow& flow, std::string title, bool highContrast, std::optional<SDL_Point> size = {});
    ~RecordWindow();
    RecordWindow(const RecordWindow&) = delete;
    RecordWindow& operator=(const RecordWindow&) = delete;

    /// Runs until the flow is done, the window is closed or `stop` returns true.
    void run(const std::function<bool()>& stop = {});
    // One turn, for tests.
    void handle(const SDL_Event& event);
    void draw();
    const std::vector<Control>& controls() const { return controls_.drawn(); }
    /// The control for this action as last drawn (RecordOrStop, KeepTake, RedoTake, SkipStep).
    std::optional<Control> control(const Action& action) const { return controls_.find(action); }
    bool closed() const { return closed_; }

private:
    void activate(const Action& action);
    RecordingFlow& flow_;
    std::string title_;
    bool highContrast_;
    SdlWindow window_;
    ControlSet controls_;
    bool closed_ = false;
};

}  // namespace kindly::ui
