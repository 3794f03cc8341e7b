#pragma once
// A short screen with a heading, some words and buttons: a session being made ready, a script
// that cannot play (with Back), a device that cannot be opened.

#include <string>
#include <utility>
#include <vector>

#include "ui/Screen.hpp"

namespace kindly::ui {

struct MessageView {
    std::string heading;
    std::string body;
    std::vector<std::pair<Action, std::string>> buttons;  ///< the first is the primary one
    Action focus;
    bool bodyIsWarning = false;
    /// A calm progress line under the words (0..1) with a few words on it; below 0: none.
    double progress = -1;
    std::string progressText;
};
std::vector<Control> drawMessage(Canvas& canvas, const MessageView& view);

class MessageScreen final : public Screen {
public:
    explicit MessageScreen(ScreenId id) : id_(id) {}
    ScreenId id() const override { return id_; }
    void show(MessageView view) { view_ = std::move(view); }
    const MessageView& shown() const { return view_; }
    /// The progress line: the speech of `done` of `total` spoken steps is ready (none while
    /// `total` is 0, and once all are).
    void showProgress(int done, int total);

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    /// Enter, space or Escape press the first button (Back, where there is one).
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    std::string viewKey(const Canvas& canvas) const override;

private:
    ScreenId id_;
    MessageView view_;
};

}  // namespace kindly::ui
