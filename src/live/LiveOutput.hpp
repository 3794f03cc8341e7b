#pragma once
// The sound device of a live session, kept alive: opens the chosen device (or a silent clock
// when there is none), notices when it stops (an error, or no callback for 2 s) and retries
// every 2 s until it is back. Shared by the terminal player, the window and the kiosk.
// UI thread only.

#include <chrono>
#include <memory>
#include <string>

#include "output/AudioOutput.hpp"

namespace kindly {

class Player;
class PortAudioSystem;

struct LiveOutputOptions {
    std::string device;  ///< name (or part of one) or index; empty: the default
    bool silent = false; ///< no sound device even if there is one
    int rate = 48000;    ///< preferred; the device may insist on its own
    double silentSpeed = 1.0;  ///< > 1 only in tests and soaks: the silent clock runs faster
};

class LiveOutput {
public:
    LiveOutput();
    ~LiveOutput();

    /// Opens the device. False only when a device was named and cannot be opened (`error`);
    /// without one, a missing device gives a silent clock and a note().
    bool open(const LiveOutputOptions& options, std::string& error);
    int rate() const { return output_->rate(); }
    /// Why there is no sound, when there is none ("No sound device found: ..."); else empty.
    const std::string& note() const { return note_; }
    /// One line for a status bar: the device's name, or what is wrong with it.
    const std::string& status() const { return status_; }
    bool deviceMissing() const { return lost_ || !note_.empty(); }

    /// Starts the sound. A device that fails to start is replaced by a silent clock.
    void start(Player& player);
    void stop();

    enum class Change { None, Lost, Back };
    /// Call several times a second: pauses the player when the device is lost and resumes it
    /// (where it stopped) when the device is back.
    Change watch(Player& player, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

private:
    LiveOutputOptions options_;
    std::unique_ptr<PortAudioSystem> portaudio_;
    std::unique_ptr<AudioOutput> output_;
    std::string note_, status_;
    bool lost_ = false;
    bool resumeOnReturn_ = true;
    std::chrono::steady_clock::time_point nextRetry_{};
};

}  // namespace kindly
