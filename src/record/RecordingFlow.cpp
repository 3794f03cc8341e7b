#include "record/RecordingFlow.hpp"

#include <soxr.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "platform/Language.hpp"
#include "output/PortAudioOutput.hpp"
#include "record/Capture.hpp"
#include "sources/MediaResolver.hpp"

namespace kindly {
namespace fs = std::filesystem;

void TakePlayback::renderAudio(float* stereo, std::size_t frames, bool) {
    std::size_t at = position_.load();
    for (std::size_t i = 0; i < frames; ++i, ++at) {
        const float v = at < mono_.size() ? mono_[at] : 0.0f;
        stereo[2 * i] = v;
        stereo[2 * i + 1] = v;
    }
    position_.store(std::min(at, mono_.size()));
}

RecordingFlow::RecordingFlow(const Script& script, const std::vector<int>& steps, RecordOptions options, std::function<double()> clock,
                             RecordDevices devices)
    : script_(script), options_(std::move(options)), clock_(std::move(clock)), voiceDir_(script.session.voiceDir),
      mic_(devices.microphone ? std::move(devices.microphone) : std::make_unique<Capture>()) {
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const Step& s = script.steps[i];
        if (!s.say) continue;
        statuses_.push_back({static_cast<int>(i), s.id, *s.say, false});
        refreshStatus(static_cast<int>(statuses_.size()) - 1);
    }
    for (int step : steps)
        for (std::size_t k = 0; k < statuses_.size(); ++k)
            if (statuses_[k].step == step) steps_.push_back(static_cast<int>(k));
    if (steps_.empty()) {
        phase_ = Phase::Failed;
        error_ = tr("there is nothing to record: no step has words (say)");
        return;
    }
    if (!mic_->start(options_.input)) {
        phase_ = Phase::Failed;
        error_ = mic_->error();
        return;
    }
    if (options_.playBack && devices.output) {
        output_ = std::move(devices.output);
    } else if (options_.playBack) {
        auto device = std::make_unique<PortAudioOutput>(options_.output, Microphone::kRate);
        if (device->open()) output_ = std::move(device);
        else message_ = format(tr("Takes are not played back: %s."), device->error().c_str());
    }
    phaseStart_ = lastInput_ = now();
}

RecordingFlow::~RecordingFlow() {
    if (output_) output_->stop();
    mic_->stop();
}

double RecordingFlow::now() const {
    if (clock_) return clock_();
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void RecordingFlow::refreshStatus(int index) {
    RecordStepStatus& s = statuses_[static_cast<std::size_t>(index)];
    s.recorded = script_.steps[static_cast<std::size_t>(s.step)].clip.has_value() || findRecordedClip(voiceDir_, s.id).has_value();
}

std::string RecordingFlow::summary() const {
    std::string ids;
    int recorded = 0;
    for (const auto& s : statuses_) {
        if (s.recorded) ++recorded;
        else ids += (ids.empty() ? "" : ", ") + s.id;
    }
    const std::string done = format(trn("%d of %zu step recorded", "%d of %zu steps recorded",
                                        static_cast<unsigned long>(statuses_.size())),
                                    recorded, statuses_.size());
    return ids.empty() ? done : done + format(tr("; still synthesized: %s"), ids.c_str());
}

int RecordingFlow::countdown() const {
    if (phase_ != Phase::CountIn) return 0;
    return std::max(1, static_cast<int>(std::ceil(options_.countIn - (now() - phaseStart_))));
}

double RecordingFlow::takeSeconds() const {
    if (phase_ == Phase::Recording) return static_cast<double>(take_.size()) / Microphone::kRate;
    return static_cast<double>(trimmed_.size()) / Microphone::kRate;
}

void RecordingFlow::beginTake() {
    take_.clear();
    heard_ = false;
    lastSound_ = scanned_ = 0;
    trimmed_.clear();
    dropoutsBefore_ = mic_->dropouts();
    phase_ = Phase::Recording;
    phaseStart_ = now();
}

void RecordingFlow::endTake() {
    trimmed_ = trimSilence(take_, Microphone::kRate);
    const TakeLevels levels = measureTake(take_);
    take_.clear();
    if (trimmed_.empty()) {
        message_ = format(tr("No sound was heard (peak %d dBFS): is the microphone on and not muted? Press space to try again."),
                          static_cast<int>(std::lround(std::max(-99.0, levels.peakDb))));
        phase_ = Phase::Ready;
        return;
    }
    message_.clear();
    if (levels.clipping())
        message_ = format(tr("The take clipped (%s samples at full scale): move back from the microphone or lower its gain, "
                             "and redo it."),
                          std::to_string(levels.clipped).c_str());
    else if (levels.peakDb < -30)
        message_ = format(tr("The take is very quiet (peak %d dBFS): move closer to the microphone or raise its gain."),
                          static_cast<int>(std::lround(levels.peakDb)));
    if (mic_->dropouts() > dropoutsBefore_)
        addMessage(tr("Some sound was lost during the take (the computer or the device fell behind): listen for a gap, and redo "
                      "it if there is one."));
    phaseStart_ = now();
    if (output_) {
        std::vector<float> play = trimmed_;
        if (output_->rate() != Microphone::kRate) {  // the device insists on its own rate
            const double ratio = static_cast<double>(output_->rate()) / Microphone::kRate;
            std::vector<float> resampled(static_cast<std::size_t>(std::ceil(static_cast<double>(play.size()) * ratio)) + 16);
            std::size_t done = 0;
            soxr_oneshot(Microphone::kRate, output_->rate(), 1, play.data(), play.size(), nullptr, resampled.data(), resampled.size(),
                         &done, nullptr, nullptr, nullptr);
            resampled.resize(done);
            play = std::move(resampled);
        }
        output_->stop();
        playback_.set(std::move(play));
        if (output_->start(playback_)) {
            phase_ = Phase::Playback;
            return;
        }
        addMessage(format(tr("The take cannot be played back: %s."), output_->error().c_str()));
    }
    phase_ = Phase::Decide;
}

void RecordingFlow::addMessage(const std::string& text) { message_ += (message_.empty() ? "" : " ") + text; }

void RecordingFlow::restartStalledInput(double t) {
    std::string said = tr("The microphone stopped sending sound");
    if (phase_ == Phase::Recording) {
        said = format(tr("The microphone stopped sending sound %.1f s into the take, which ends there"), takeSeconds());
        endTake();  // keeps what was heard until then
        if (phase_ == Phase::Ready) message_.clear();  // nothing was: not a muted microphone
    }
    mic_->stop();
    lastInput_ = t;
    if (!mic_->start(options_.input)) {
        if (output_) output_->stop();
        phase_ = Phase::Failed;
        error_ = said + format(tr(", and cannot be started again: %s"), mic_->error().c_str());
        return;
    }
    said += tr("; it was started again.");
    message_ = said + (message_.empty() ? "" : " " + message_);
}

void RecordingFlow::next() {
    if (output_) output_->stop();
    trimmed_.clear();
    if (++position_ >= count()) {
        position_ = count() - 1;
        phase_ = Phase::Done;
        return;
    }
    phase_ = Phase::Ready;
    phaseStart_ = now();
}

void RecordingFlow::act(Action action) {
    if (phase_ == Phase::Done || phase_ == Phase::Failed) return;
    if (action == Action::Quit) {
        if (output_) output_->stop();
        phase_ = Phase::Done;
        return;
    }
    switch (phase_) {
        case Phase::Ready:
            if (action == Action::Start || action == Action::Stop) {
                message_.clear();
                phase_ = Phase::CountIn;
                phaseStart_ = now();
            } else if (action == Action::Skip) {
                next();
            }
            break;
        case Phase::CountIn:
            if (action == Action::Stop || action == Action::Skip) phase_ = Phase::Ready;
            break;
        case Phase::Recording:
            if (action == Action::Stop || action == Action::Start) {
                mic_->drain(take_);
                endTake();
            } else if (action == Action::Skip) {
                take_.clear();
                next();
            }
            break;
        case Phase::Playback:
        case Phase::Decide:
            if (action == Action::Keep) {
                const auto& s = current();
                const SavedTake saved = saveTake(voiceDir_, s.id, trimmed_, Microphone::kRate);
                if (!saved.ok) {
                    message_ = saved.error;
                    break;
                }
                message_ = saved.keptAs.empty()
                               ? format(tr("Saved %s."), saved.file.filename().c_str())
                               : format(tr("Saved %s (the earlier take is kept as %s)."), saved.file.filename().c_str(),
                                        saved.keptAs.filename().c_str());
                refreshStatus(steps_[static_cast<std::size_t>(position_)]);
                next();
            } else if (action == Action::Redo) {
                if (output_) output_->stop();
                trimmed_.clear();
                message_.clear();
                phase_ = Phase::CountIn;
                phaseStart_ = now();
            } else if (action == Action::Skip) {
                next();
            } else if (action == Action::Stop && phase_ == Phase::Playback) {
                if (output_) output_->stop();
                phase_ = Phase::Decide;
            }
            break;
        case Phase::Done:
        case Phase::Failed: break;
    }
}

void RecordingFlow::update() {
    if (phase_ == Phase::Done || phase_ == Phase::Failed) return;
    const double t = now();
    // The microphone's level is shown in every phase, so it can be checked before a take.
    const std::size_t before = phase_ == Phase::Recording ? take_.size() : 0;
    std::vector<float>& into = phase_ == Phase::Recording ? take_ : scratch_;
    if (phase_ != Phase::Recording) scratch_.clear();
    mic_->drain(into);
    if (into.size() > before) {
        lastInput_ = t;
    } else if (t - lastInput_ >= options_.inputStall) {
        restartStalledInput(t);
        return;
    }
    if (phase_ == Phase::Recording) {
        // Where the sound last was, from the new samples only (10 ms windows).
        const std::size_t window = Microphone::kRate / 100;
        for (std::size_t from = scanned_; from + window <= take_.size(); from += window) {
            if (loudWindow(take_.data() + from, window)) {
                heard_ = true;
                lastSound_ = from + window;
            }
            scanned_ = from + window;
        }
    }
    if (into.size() > before) {
        const TakeLevels recent = measureTake(into, before);
        levelDb_ = std::max(recent.peakDb, levelDb_ - 1.5);  // falls back slowly, as meters do
        if (recent.clipping()) clipHoldUntil_ = t + 1.5;
    }
    if (phase_ == Phase::CountIn && t - phaseStart_ >= options_.countIn) {
        scratch_.clear();
        beginTake();
    } else if (phase_ == Phase::Recording) {
        const double length = static_cast<double>(take_.size()) / Microphone::kRate;
        // Hands-free: once words were heard, a few seconds of quiet end the take.
        const double quiet = static_cast<double>(take_.size() - lastSound_) / Microphone::kRate;
        if (length >= options_.maxTake || (options_.autoStopAfter > 0 && heard_ && quiet >= options_.autoStopAfter)) endTake();
    } else if (phase_ == Phase::Playback && playback_.finished()) {
        if (output_) output_->stop();
        phase_ = Phase::Decide;
    } else if (phase_ == Phase::Playback && t - phaseStart_ > takeSeconds() + options_.inputStall) {
        // The output stopped taking sound (a stalled device): the choice is due all the same.
        if (output_) output_->stop();
        addMessage(tr("The take could not be played back to its end (the output stopped)."));
        phase_ = Phase::Decide;
    }
}

}  // namespace kindly
