#include "record/Capture.hpp"

#include <portaudio.h>

#include "output/PortAudioOutput.hpp"
#include "output/QuietStderr.hpp"

namespace kindly {

Capture::Capture() : ring_(std::size_t{Capture::kRate} * 4) {
    QuietStderr quiet;
    initialised_ = Pa_Initialize() == paNoError;
}

Capture::~Capture() {
    stop();
    QuietStderr quiet;
    if (initialised_) Pa_Terminate();
}

bool Capture::start(const std::string& device) {
    stop();  // a restart
    if (!initialised_) {
        error_ = "the sound system could not start";
        return false;
    }
    QuietStderr quiet;
    const PaDeviceIndex index = findDevice(device, true);
    const PaDeviceInfo* info = index < 0 ? nullptr : Pa_GetDeviceInfo(index);
    noSuchDevice_ = !device.empty() && (!info || info->maxInputChannels < 1);
    if (!info || info->maxInputChannels < 1) {
        error_ = device.empty() ? "no input device (a microphone) was found"
                                : "no input device matches '" + device + "' (see `kindly devices`)";
        return false;
    }
    PaStreamParameters params{};
    params.device = index;
    params.channelCount = 1;
    params.sampleFormat = paFloat32;
    params.suggestedLatency = info->defaultLowInputLatency;
    const PaError opened = Pa_OpenStream(&stream_, &params, nullptr, kRate, paFramesPerBufferUnspecified, paNoFlag,
                                         reinterpret_cast<PaStreamCallback*>(&Capture::callback), this);
    if (opened != paNoError) {
        error_ = std::string("the input '") + info->name + "' cannot record mono at 48 kHz: " + Pa_GetErrorText(opened);
        stream_ = nullptr;
        return false;
    }
    if (const PaError started = Pa_StartStream(stream_); started != paNoError) {
        error_ = std::string("the input '") + info->name + "' cannot start: " + Pa_GetErrorText(started);
        Pa_CloseStream(stream_);
        stream_ = nullptr;
        return false;
    }
    deviceName_ = info->name;
    return true;
}

void Capture::stop() {
    if (!stream_) return;
    QuietStderr quiet;
    Pa_AbortStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
}

int Capture::callback(const void* input, void*, unsigned long frames, const void*, unsigned long flags, void* self) {
    // The audio thread: copy, count what was lost, nothing else.
    auto* me = static_cast<Capture*>(self);
    bool lost = (flags & paInputOverflow) != 0;  // the device dropped sound before this block
    if (input) {
        if (me->ring_.write(static_cast<const float*>(input), frames) < frames) lost = true;  // the UI thread fell behind
    }
    if (lost) me->dropouts_.fetch_add(1, std::memory_order_relaxed);
    return paContinue;
}

void Capture::drain(std::vector<float>& take) {
    float block[4096];
    for (;;) {
        const std::size_t got = ring_.read(block, sizeof block / sizeof block[0]);
        if (got == 0) return;
        take.insert(take.end(), block, block + got);
    }
}

}  // namespace kindly
