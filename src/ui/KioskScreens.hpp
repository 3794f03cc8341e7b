#pragma once
// The kiosk's own screens (the kiosk shell shows them; see ui/KioskShell.hpp): the home screen
// with the config's sessions as large cards, the notice before a scheduled break, and the PIN
// pad that ends the kiosk. Each owns its input like every screen.

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/KioskConfig.hpp"
#include "ui/Screen.hpp"

namespace kindly::ui {

class HomeScreen final : public Screen {
public:
    struct Card {
        std::string title;
        std::optional<Nanos> length;
    };
    HomeScreen(const KioskConfig& config, std::vector<Card> cards) : config_(config), cards_(std::move(cards)) {}
    ScreenId id() const override { return ScreenId::Home; }
    /// A line under the cards for a few seconds ("That PIN is not right."); empty: none.
    std::string notice;
    const std::vector<Card>& cards() const { return cards_; }
    /// Where the heading was last drawn (for tests of the layout).
    SDL_Rect heading() const { return heading_; }

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    /// Enter or space start the focused card, or the first.
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    std::string viewKey(const Canvas& /*canvas*/) const override { return notice; }

private:
    const KioskConfig& config_;
    std::vector<Card> cards_;
    SDL_Rect heading_{};
};

class AnnounceScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Announce; }
    /// What is announced: the break's title, its time, and whether it is a break at a desk
    /// (start now, later, skip) or a kiosk's (skip only).
    void announce(std::string title, std::time_t at, bool desk, Nanos postpone);
    /// The wall clock's now, for the countdown.
    void setNow(std::time_t now) { now_ = now; }

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    std::string viewKey(const Canvas& canvas) const override;

private:
    std::string title_;
    std::time_t at_ = 0, now_ = 0;
    bool desk_ = false;
    Nanos postpone_ = 0;
};

class PinScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Pin; }
    const std::string& digits() const { return digits_; }
    void clear() { digits_.clear(); }

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    /// Digits (and the keypad's), Backspace and Enter; every other key does nothing.
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    /// Takes the digits and erasing; returns PinOk and PinCancel.
    Action act(const Action& action) override;
    std::string viewKey(const Canvas& /*canvas*/) const override { return std::to_string(digits_.size()); }

private:
    std::string digits_;
};

/// "1 minute", "12 minutes" (rounded, at least 1).
std::string minutesText(Nanos n);

}  // namespace kindly::ui
