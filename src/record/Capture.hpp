#pragma once
// The microphone: a PortAudio input stream, mono float at 48 kHz. Its callback (the audio
// thread) only copies into a lock-free ring; the UI thread drains it into the take.

#include <atomic>
#include <string>
#include <vector>

#include "engine/SpscRing.hpp"

typedef void PaStream;

namespace kindly {

class Capture {
public:
    static constexpr int kRate = 48000;

    Capture();
    ~Capture();
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    /// Opens and starts the input: `device` a name (or part of one) or an index; empty: the
    /// default input. False with error() when it cannot.
    bool start(const std::string& device);
    void stop();
    /// Moves what was captured since the last call to the end of `take`. UI thread.
    void drain(std::vector<float>& take);
    /// Samples lost because the ring was full (the UI thread fell behind).
    long long overflows() const { return overflows_.load(); }
    const std::string& error() const { return error_; }
    const std::string& deviceName() const { return deviceName_; }

private:
    static int callback(const void* input, void* output, unsigned long frames, const void* time, unsigned long flags, void* self);

    bool initialised_ = false;
    PaStream* stream_ = nullptr;
    SpscRing<float> ring_;
    std::atomic<long long> overflows_{0};
    std::string error_, deviceName_;
};

}  // namespace kindly
