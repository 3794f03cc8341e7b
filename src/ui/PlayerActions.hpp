#pragma once
// What the player screen's actions do to the player playing: the window routes them here.

#include <functional>

#include "player/Player.hpp"
#include "ui/Action.hpp"

namespace kindly::ui {

/// Applies a player action (play/pause, steps, chapters, volumes, continue, resume, play
/// again, restart); `clampVolume` keeps the listener's volumes within a shell's limits.
/// Returns false when the action is not the player's.
bool applyPlayerAction(Player& player, const Action& action, const std::function<double(double)>& clampVolume);

}  // namespace kindly::ui
