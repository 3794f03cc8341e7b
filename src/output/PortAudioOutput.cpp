#include "output/PortAudioOutput.hpp"

#include "output/QuietStderr.hpp"

#include <portaudio.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace kindly {

int findDevice(const std::string& wanted, bool input) {
    if (wanted.empty()) return input ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
    const PaDeviceIndex count = Pa_GetDeviceCount();
    char* end = nullptr;
    const long number = std::strtol(wanted.c_str(), &end, 10);
    if (end && *end == '\0' && number >= 0 && number < count) return static_cast<int>(number);
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        const int channels = info ? (input ? info->maxInputChannels : info->maxOutputChannels) : 0;
        if (channels > 0 && info->name && std::string(info->name).find(wanted) != std::string::npos) return i;
    }
    return -1;
}

PortAudioSystem::PortAudioSystem() {
    QuietStderr quiet;
    ok_ = Pa_Initialize() == paNoError;
}

PortAudioSystem::~PortAudioSystem() {
    // After a lost device, the JACK backend may hold a dead server: Pa_Terminate would crash
    // (see restart()). The process is ending; the OS reclaims what PortAudio held.
    if (ok_ && !(lostDevice_ && Pa_HostApiTypeIdToHostApiIndex(paJACK) >= 0)) Pa_Terminate();
}

bool PortAudioSystem::restart() {
    lostDevice_ = true;
    // PortAudio 19.6 aborts in Pa_Terminate when its JACK backend's server has died. With that
    // backend loaded, keep PortAudio running: reopening the stream on the same device still
    // reconnects (ALSA devices reopen their PCM); only a device that vanished from the list
    // needs the full restart, which other backends get.
    if (ok_ && Pa_HostApiTypeIdToHostApiIndex(paJACK) >= 0) return true;
    QuietStderr quiet;
    if (ok_) Pa_Terminate();
    ok_ = Pa_Initialize() == paNoError;
    return ok_;
}

std::vector<OutputDevice> PortAudioSystem::outputDevices(bool inputs) const {
    std::vector<OutputDevice> devices;
    if (!ok_) return devices;
    const PaDeviceIndex count = Pa_GetDeviceCount();
    const PaDeviceIndex preferred = inputs ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        const int channels = info ? (inputs ? info->maxInputChannels : info->maxOutputChannels) : 0;
        if (channels < 1) continue;
        const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
        devices.push_back({i, info->name ? info->name : "?", api && api->name ? api->name : "?", info->defaultSampleRate, channels,
                           i == preferred});
    }
    return devices;
}

PortAudioOutput::PortAudioOutput(std::string device, int preferredRate, unsigned long framesPerBuffer)
    : device_(std::move(device)), preferredRate_(preferredRate), framesPerBuffer_(framesPerBuffer) {}

PortAudioOutput::~PortAudioOutput() { stop(); }

bool PortAudioOutput::open() {
    QuietStderr quiet;
    deviceIndex_ = findDevice(device_, false);
    if (deviceIndex_ < 0 && !device_.empty()) {
        error_ = "no output device matches '" + device_ + "' (see `kindly devices`)";
        return false;
    }
    const PaDeviceInfo* info = deviceIndex_ >= 0 ? Pa_GetDeviceInfo(deviceIndex_) : nullptr;
    if (!info || info->maxOutputChannels < 1) {
        error_ = "no sound output device";
        return false;
    }
    PaStreamParameters params{};
    params.device = deviceIndex_;
    params.channelCount = 2;
    params.sampleFormat = paFloat32;
    params.suggestedLatency = info->defaultHighOutputLatency;
    rate_ = 0;
    for (double rate : {static_cast<double>(preferredRate_), info->defaultSampleRate}) {
        if (rate > 0 && Pa_IsFormatSupported(nullptr, &params, rate) == paFormatIsSupported) {
            rate_ = static_cast<int>(rate);
            break;
        }
    }
    if (rate_ == 0) {
        error_ = std::string("the device '") + info->name + "' cannot play stereo float audio";
        return false;
    }
    deviceName_ = info->name;
    return true;
}

int PortAudioOutput::callback(const void*, void* output, unsigned long frames, const void*, unsigned long statusFlags,
                              void* self) {
    auto* me = static_cast<PortAudioOutput*>(self);
    me->noteCallback();
    me->sink_->renderAudio(static_cast<float*>(output), frames, (statusFlags & paOutputUnderflow) != 0);
    return paContinue;
}

bool PortAudioOutput::start(AudioSink& sink) {
    if (rate_ == 0 && !open()) return false;
    sink_ = &sink;
    const PaDeviceInfo* info = Pa_GetDeviceInfo(deviceIndex_);
    PaStreamParameters params{};
    params.device = deviceIndex_;
    params.channelCount = 2;
    params.sampleFormat = paFloat32;
    params.suggestedLatency = info ? info->defaultHighOutputLatency : 0.1;
    QuietStderr quiet;
    PaError error = Pa_OpenStream(&stream_, nullptr, &params, rate_,
                                  framesPerBuffer_ ? framesPerBuffer_ : paFramesPerBufferUnspecified, paNoFlag,
                                  reinterpret_cast<PaStreamCallback*>(&PortAudioOutput::callback), this);
    if (error != paNoError) {
        error_ = Pa_GetErrorText(error);
        stream_ = nullptr;
        return false;
    }
    noteCallback();  // the watchdog counts from the start
    error = Pa_StartStream(stream_);
    if (error != paNoError) {
        error_ = Pa_GetErrorText(error);
        Pa_CloseStream(stream_);
        stream_ = nullptr;
        return false;
    }
    return true;
}

void PortAudioOutput::stop() {
    if (!stream_) return;
    QuietStderr quiet;
    Pa_AbortStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
}

bool PortAudioOutput::failed() const { return stream_ && Pa_IsStreamActive(stream_) != 1; }

}  // namespace kindly
