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
#include "ui/Canvas.hpp"

namespace kindly::ui {

class TextRenderer;

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
    const std::vector<Control>& controls() const { return controls_; }
    std::optional<Control> control(int id) const;
    bool closed() const { return closed_; }

    static constexpr int kRecordButton = 4000, kKeepButton = 4001, kRedoButton = 4002, kSkipButton = 4003;

private:
    void activate(int id);
    RecordingFlow& flow_;
    std::string title_;
    bool highContrast_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::unique_ptr<TextRenderer> text_;
    std::vector<Control> controls_;
    int pressed_ = -1;
    bool closed_ = false;
};

}  // namespace kindly::ui
