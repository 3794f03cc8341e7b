#pragma once
// `kindly record`: the teleprompter's steps, whatever draws them (the window or the
// terminal). For each step with words: show them, count in, record from the microphone until
// a key (or, hands-free, until the words have ended: a few seconds of quiet after speech),
// play the take back, then keep, redo or skip. UI thread; the microphone and the playback
// run on their audio threads and meet this one only through lock-free rings and atomics.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "output/AudioOutput.hpp"
#include "record/Microphone.hpp"
#include "record/Takes.hpp"
#include "script/Script.hpp"

namespace kindly {

struct RecordOptions {
    std::string input;                 ///< the microphone: a name (or part) or index; empty: default
    std::string output;                ///< where takes play back; empty: the default device
    bool playBack = true;              ///< false: no playback (no output device wanted)
    double countIn = 3;                ///< seconds shown before recording starts
    double autoStopAfter = 3;          ///< seconds of quiet after speech that end a take
    double maxTake = 300;              ///< a take stops by itself after this long
    /// Seconds without a sample from the microphone after which it counts as stopped (a
    /// device unplugged, a sound server restarted): a take ends there and the input restarts.
    /// A playback still running this long after the take's length has stalled too.
    double inputStall = 3;
};

struct RecordStepStatus {
    int step = 0;           ///< index into Script::steps
    std::string id, words;
    bool recorded = false;  ///< a recording exists (else the synthesized voice speaks it)
};

/// Plays a mono take on both channels of an output (the audio thread reads; no locks).
class TakePlayback final : public AudioSink {
public:
    void set(std::vector<float> mono) {
        mono_ = std::move(mono);
        position_ = 0;
    }
    void renderAudio(float* stereo, std::size_t frames, bool) override;
    bool finished() const { return position_.load() >= mono_.size(); }

private:
    std::vector<float> mono_;
    std::atomic<std::size_t> position_{0};
};

/// The sound devices a RecordingFlow uses; null ones are opened from the options (PortAudio).
struct RecordDevices {
    std::unique_ptr<Microphone> microphone;
    std::unique_ptr<AudioOutput> output;  ///< where takes play back (when options.playBack)
};

class RecordingFlow {
public:
    enum class Phase { Ready, CountIn, Recording, Playback, Decide, Done, Failed };
    enum class Action { Start, Stop, Keep, Redo, Skip, Quit };

    /// `steps`: indices into `script.steps` to record, in order (each has `say`). `clock`:
    /// seconds (default: steady_clock).
    RecordingFlow(const Script& script, const std::vector<int>& steps, RecordOptions options, std::function<double()> clock = {},
                  RecordDevices devices = {});
    ~RecordingFlow();

    void act(Action action);
    /// Moves time on: drains the microphone, counts in, stops a take, ends a playback.
    void update();

    Phase phase() const { return phase_; }
    /// The step being recorded: its place in the list, and its status.
    int position() const { return position_; }
    int count() const { return static_cast<int>(steps_.size()); }
    const RecordStepStatus& current() const { return statuses_[static_cast<std::size_t>(steps_[static_cast<std::size_t>(position_)])]; }
    /// Every step with words, recorded or not (for the list of what still uses the synthesized voice).
    const std::vector<RecordStepStatus>& statuses() const { return statuses_; }
    /// "2 of 5 steps recorded; still synthesized: arrive, close".
    std::string summary() const;
    int countdown() const;             ///< during the count-in: 3, 2, 1
    double levelDb() const { return levelDb_; }  ///< the microphone's recent peak, dBFS
    bool clippingNow() const { return clipHoldUntil_ > now(); }
    double takeSeconds() const;
    const std::string& message() const { return message_; }  ///< what just happened (saved, a warning)
    const std::string& error() const { return error_; }      ///< why Failed
    bool noSuchInput() const { return mic_->noSuchDevice(); }  ///< Failed: --input named no device
    const std::filesystem::path& voiceDir() const { return voiceDir_; }
    std::string micName() const { return mic_->deviceName(); }

private:
    double now() const;
    void beginTake();
    void endTake();
    void restartStalledInput(double t);
    void addMessage(const std::string& text);  // after what message() says already
    void next();
    void refreshStatus(int step);

    const Script& script_;
    std::vector<int> steps_;  // indices into statuses_
    std::vector<RecordStepStatus> statuses_;
    RecordOptions options_;
    std::function<double()> clock_;
    std::filesystem::path voiceDir_;
    std::unique_ptr<Microphone> mic_;
    std::unique_ptr<AudioOutput> output_;
    TakePlayback playback_;
    Phase phase_ = Phase::Ready;
    int position_ = 0;
    double phaseStart_ = 0, clipHoldUntil_ = 0;
    double lastInput_ = 0;  // when the microphone last delivered a sample
    long long dropoutsBefore_ = 0;  // the microphone's dropouts when the take began
    double levelDb_ = -200;
    std::vector<float> take_, scratch_, trimmed_;
    bool heard_ = false;                       // the take held sound somewhere
    std::size_t lastSound_ = 0, scanned_ = 0;  // samples: the sound's last end, how far scanned
    std::string message_, error_;
};

}  // namespace kindly
