#pragma once
// The output when there is no sound device: a thread that asks for frames at the pace of
// the wall clock and discards them, so captions, progress and the window keep time.

#include <atomic>
#include <thread>

#include "output/AudioOutput.hpp"

namespace kindly {

class SilentOutput final : public AudioOutput {
public:
    explicit SilentOutput(int rate, double speed = 1.0) : rate_(rate), speed_(speed) {}
    ~SilentOutput() override { stop(); }
    bool start(AudioSink& sink) override;
    void stop() override;
    int rate() const override { return rate_; }
    std::string name() const override { return "no sound device (silent)"; }

private:
    int rate_;
    double speed_;  // > 1 only in tests: time runs faster
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace kindly
