#pragma once
// The player screen (and, when the session has ended, the end in its place): title and
// chapter, the caption large and wrapped, the breathing guide during `breathe` steps, a
// progress bar with chapter marks and times, the transport buttons, voice and ambient volume,
// the continue prompt on `wait` steps, "Continue from m:ss" when the listener stopped this
// script before, and a one-line status. Its keys and controls become the player's actions,
// which the window routes to the session runner.

#include <optional>
#include <string>
#include <vector>

#include "live/LiveSession.hpp"
#include "player/Player.hpp"
#include "ui/Screen.hpp"

namespace kindly::ui {

struct PlayerView {
    const Script* script = nullptr;
    const Timeline* timeline = nullptr;
    PlayerSnapshot snapshot;
    std::string status;  ///< the device's trouble, when there is any (else empty)
    Action focus;        ///< the control with the keyboard focus
    std::string backLabel = "Library";  ///< where the top-right button leads ("Home" in a kiosk)
    /// "Continue from 2:40" when the listener stopped this script there last time (the offer
    /// stands during the first step); empty: no offer.
    std::string resumeLabel;
};

/// Draws the screen; returns its controls in keyboard (Tab) order.
std::vector<Control> drawPlayer(Canvas& canvas, const PlayerView& view);

/// The breathing circle's radius in pixels as drawPlayer() would draw it (-1 when not breathing):
/// the window redraws the guide only when it changes by a pixel.
int breathingCircleRadius(const Canvas& canvas, const PlayerView& view);

class PlayerScreen final : public Screen {
public:
    static constexpr double kVolumeStep = 0.05;  ///< one key press or wheel notch

    ScreenId id() const override { return ScreenId::Player; }
    /// The session shown (owned by the runner; null when none), and the step "Continue from"
    /// offers during its first step.
    void setSession(const LiveSession* session, std::optional<int> resumeStep);
    const LiveSession* session() const { return session_; }
    std::string status;                 ///< a line about the device or a new version's errors
    std::string backLabel;  ///< the shell's word for leaving ("Home", "Close"); empty: "Library"

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    Action wheel(int dy, SDL_Point at, const ControlSet& controls) override;
    /// Resume: the offer is used up and the action carries its step.
    Action act(const Action& action) override;
    std::string viewKey(const Canvas& canvas) const override;

private:
    PlayerView view() const;
    const LiveSession* session_ = nullptr;
    std::optional<int> resumeStep_;
    Player::Volume keyVolume_ = Player::Volume::Voice;  ///< what +/- change (v and a choose)
};

}  // namespace kindly::ui
