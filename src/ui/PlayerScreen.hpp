#pragma once
// The player screen (and its end screen): title and chapter, the caption large and wrapped,
// the breathing guide during `breathe` steps, a progress bar with chapter marks and times,
// the transport buttons, voice and ambient volume, the continue prompt on `wait` steps and a
// one-line device status. Drawing only: what the controls do is the window's business.

#include <string>
#include <vector>

#include "player/Player.hpp"
#include "ui/Canvas.hpp"

namespace kindly::ui {

/// Control ids of the player screen.
enum PlayerControl {
    kLibraryButton = 1,
    kContrastButton,
    kChapterBack,
    kStepBack,
    kPlayPause,
    kStepForward,
    kChapterForward,
    kVoiceSlider,
    kAmbientSlider,
    kContinueButton,
    kPlayAgainButton,
    kResumeButton,
};

struct PlayerView {
    const Script* script = nullptr;
    const Timeline* timeline = nullptr;
    PlayerSnapshot snapshot;
    std::string status;  ///< the device's trouble, when there is any (else empty)
    int focus = -1;      ///< the control with the keyboard focus
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

/// A short screen with a heading, some words and buttons (preparing, a script that cannot play).
struct MessageView {
    std::string heading;
    std::string body;
    std::vector<std::pair<int, std::string>> buttons;  ///< id, label
    int focus = -1;
    bool bodyIsWarning = false;
};
std::vector<Control> drawMessage(Canvas& canvas, const MessageView& view);

/// A text button: a rounded box with its label; `primary` fills it with the accent.
void drawButton(Canvas& canvas, const SDL_Rect& r, const std::string& label, bool primary, bool focused);
/// The keyboard focus ring around a control.
void drawFocus(Canvas& canvas, const SDL_Rect& r);

}  // namespace kindly::ui
