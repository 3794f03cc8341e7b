#pragma once
// A PortAudio output stream: float, stereo, interleaved, at 48 kHz when the device can,
// else its preferred rate. PortAudio itself is initialised by PortAudioSystem, which can be
// restarted to see devices again after one was lost.

#include <optional>
#include <string>
#include <vector>

#include "output/AudioOutput.hpp"

typedef void PaStream;

namespace kindly {

struct OutputDevice {
    int index = -1;
    std::string name;
    std::string hostApi;
    double defaultRate = 0;
    int channels = 0;
    bool isDefault = false;
};

/// Pa_Initialize on construction, Pa_Terminate on destruction.
class PortAudioSystem {
public:
    PortAudioSystem();
    ~PortAudioSystem();
    bool ok() const { return ok_; }
    /// Terminate and initialise again: PortAudio only sees new devices after this.
    bool restart();
    /// The output devices, or with `inputs` the input devices (microphones).
    std::vector<OutputDevice> outputDevices(bool inputs = false) const;

private:
    bool ok_ = false;
    bool lostDevice_ = false;  // set by restart(): a device went away during this run
};

/// The PortAudio device `wanted` names: empty, the default output (or input); a number, that
/// index; else the first output (or input) whose name contains it. -1 when there is none.
/// PortAudio must be initialised. The caller checks the device's channels.
int findDevice(const std::string& wanted, bool input);

class PortAudioOutput final : public AudioOutput {
public:
    /// `device`: a device name (or part of one) or index; empty: the default output.
    PortAudioOutput(std::string device, int preferredRate = 48000, unsigned long framesPerBuffer = 0);
    ~PortAudioOutput() override;

    /// Finds the device and its rate; false (with error()) when there is no usable device.
    bool open();
    bool start(AudioSink& sink) override;
    void stop() override;
    int rate() const override { return rate_; }
    std::string name() const override { return deviceName_; }
    std::string error() const override { return error_; }
    bool failed() const override;

private:
    static int callback(const void* input, void* output, unsigned long frames, const void* timeInfo,
                        unsigned long statusFlags, void* self);

    std::string device_;
    int preferredRate_;
    unsigned long framesPerBuffer_;
    int deviceIndex_ = -1;
    int rate_ = 0;
    std::string deviceName_, error_;
    PaStream* stream_ = nullptr;
    AudioSink* sink_ = nullptr;
};

}  // namespace kindly
