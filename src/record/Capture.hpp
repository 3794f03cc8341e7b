#pragma once
// The microphone: a PortAudio input stream, mono float at 48 kHz. Its callback (the audio
// thread) only copies into a lock-free ring; the UI thread drains it into the take.

#include <atomic>
#include <string>
#include <vector>

#include "engine/SpscRing.hpp"
#include "record/Microphone.hpp"

typedef void PaStream;

namespace kindly {

class Capture final : public Microphone {
public:
    Capture();
    ~Capture() override;
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    bool start(const std::string& device) override;
    void stop() override;
    void drain(std::vector<float>& take) override;
    long long dropouts() const override { return dropouts_.load(std::memory_order_relaxed); }
    const std::string& error() const override { return error_; }
    bool noSuchDevice() const override { return noSuchDevice_; }
    const std::string& deviceName() const override { return deviceName_; }

private:
    static int callback(const void* input, void* output, unsigned long frames, const void* time, unsigned long flags, void* self);

    bool initialised_ = false;
    PaStream* stream_ = nullptr;
    SpscRing<float> ring_;
    std::atomic<long long> dropouts_{0};  // callbacks that lost sound (device or ring)
    bool noSuchDevice_ = false;
    std::string error_, deviceName_;
};

}  // namespace kindly
