#pragma once
// Where live frames go: a sound device (PortAudio) or a silent clock when there is none.
// An output calls its sink from its own thread, the audio thread: the sink must not
// allocate, lock, do I/O or throw there.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace kindly {

class AudioSink {
public:
    virtual ~AudioSink() = default;
    /// Called on the audio thread: fill `frames` interleaved stereo frames. `deviceUnderflow`
    /// is set when the device reports it ran dry before this call.
    virtual void renderAudio(float* stereo, std::size_t frames, bool deviceUnderflow) = 0;
};

class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    /// Starts calling `sink`; false (with error()) when it cannot.
    virtual bool start(AudioSink& sink) = 0;
    virtual void stop() = 0;
    virtual int rate() const = 0;
    /// A short description for the status line ("pulse (ALSA)", "no sound device").
    virtual std::string name() const = 0;
    virtual std::string error() const { return {}; }
    /// True when the output failed while running (an error reported by the device).
    virtual bool failed() const { return false; }

    /// When the sink was last called (the watchdog uses it to notice a stalled device).
    std::chrono::steady_clock::time_point lastCallback() const {
        return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(lastCallback_.load()));
    }

protected:
    void noteCallback() { lastCallback_.store(std::chrono::steady_clock::now().time_since_epoch().count()); }

private:
    std::atomic<std::chrono::steady_clock::rep> lastCallback_{0};
};

}  // namespace kindly
