#include "live/LiveOutput.hpp"

#include "platform/Language.hpp"
#include "output/PortAudioOutput.hpp"
#include "output/SilentOutput.hpp"
#include "player/Player.hpp"

namespace kindly {

LiveOutput::LiveOutput() = default;

LiveOutput::~LiveOutput() {
    if (output_) output_->stop();
}

bool LiveOutput::open(const LiveOutputOptions& options, std::string& error) {
    options_ = options;
    if (!options.silent) {
        portaudio_ = std::make_unique<PortAudioSystem>();
        auto device = std::make_unique<PortAudioOutput>(options.device, options.rate);
        if (portaudio_->ok() && device->open()) {
            output_ = std::move(device);
        } else if (!options.device.empty()) {
            error = device->error();
            return false;
        } else {
            note_ = tr("No sound device found: playing silently, so the captions still keep time.");
        }
    } else {
        note_ = tr("Playing silently (--silent).");
    }
    if (!output_) output_ = std::make_unique<SilentOutput>(options.rate, options.silentSpeed);
    status_ = note_.empty() ? output_->name() : note_;
    return true;
}

void LiveOutput::start(Player& player) {
    if (output_->start(player)) return;
    note_ = format(tr("The sound device failed to start (%s): playing silently."), output_->error().c_str());
    status_ = note_;
    output_ = std::make_unique<SilentOutput>(output_->rate());
    output_->start(player);
}

void LiveOutput::stop() { output_->stop(); }

LiveOutput::Change LiveOutput::watch(Player& player, std::chrono::steady_clock::time_point now) {
    if (!portaudio_ || !note_.empty()) return Change::None;  // silent by choice or from the start
    const bool stalled = output_->lastCallback() + std::chrono::seconds(2) < now;
    if (!lost_ && (output_->failed() || stalled)) {
        lost_ = true;
        // A listener who had paused stays paused when the device comes back.
        resumeOnReturn_ = player.snapshot().state != PlayerState::Paused;
        player.pause();
        output_->stop();
        status_ = tr("The sound device stopped; Kindly will go on when it is back.");
        nextRetry_ = now + std::chrono::seconds(2);
        return Change::Lost;
    }
    if (lost_ && now >= nextRetry_) {
        nextRetry_ = now + std::chrono::seconds(2);
        portaudio_->restart();  // PortAudio sees new devices only after a restart
        auto device = std::make_unique<PortAudioOutput>(options_.device, output_->rate());
        if (device->open() && device->rate() == output_->rate() && device->start(player)) {
            output_ = std::move(device);
            lost_ = false;
            status_ = output_->name();
            if (resumeOnReturn_) player.play();  // fades in where it stopped
            return Change::Back;
        }
    }
    return Change::None;
}

}  // namespace kindly
