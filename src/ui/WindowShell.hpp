#pragma once
// The hooks by which a shell wraps the window with behaviour of its own: the kiosk (a locked
// fullscreen home screen, idle return, the PIN, scheduled breaks, the usage log) and a break at
// a desk are shells (ui/KioskShell.hpp). The window calls these at fixed points and knows
// nothing else of what a shell does. UI thread only.

#include <SDL.h>

#include <string>

#include "live/SessionRunner.hpp"
#include "session/PrepareSession.hpp"
#include "ui/Action.hpp"
#include "ui/Canvas.hpp"
#include "ui/SdlWindow.hpp"

namespace kindly::ui {

class WindowApp;

class WindowShell : public SessionRunner::Observer {
public:
    /// Before the window opens: its size, screen, fullscreen and title.
    virtual void configure(SdlWindowOptions& window) = 0;
    /// Once the window is open: the shell shows its first screen (else the library shows).
    virtual void attach(WindowApp& window) = 0;
    /// Every event first: true when the shell took it (a locked kiosk swallows most keys).
    virtual bool filter(const SDL_Event& event) = 0;
    /// Every action a screen did not take itself: the shell takes its own (None) or returns it.
    virtual Action route(const Action& action) = 0;
    /// Each turn of the loop, before drawing.
    virtual void update() = 0;
    /// Drawn over every screen (a countdown).
    virtual void overlay(Canvas& canvas) = 0;
    /// Changes whenever the overlay or the shell's screens would draw differently.
    virtual std::string viewKey() const = 0;
    /// Milliseconds until the shell must look again without an event (-1: only on events).
    virtual int wakeMs() const = 0;
    /// A session the shell started is prepared with its limits (confined, allowed engines).
    virtual void limit(PrepareOptions& options) const = 0;
    /// The listener's volume within the shell's bounds.
    virtual double clampVolume(double value) const = 0;
    /// The player's button for leaving ("Home", "Close").
    virtual std::string backLabel() const = 0;
    /// Whether where a listener stopped is remembered and offered again.
    virtual bool remembers() const = 0;
};

}  // namespace kindly::ui
