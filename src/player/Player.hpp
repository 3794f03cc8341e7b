#pragma once
// Live playback of one session, shared by the terminal player and the window.
//
// Threads:
//  - the caller's (UI) thread calls the public methods; they only post commands and read
//    atomics, never block on audio;
//  - the streaming thread owns the Engine: it applies commands (seeks, levels, holds) and
//    renders ahead of the play head into a lock-free ring (~170 ms), with every block
//    tagged with its timeline frame;
//  - the audio thread (the output's callback) copies from the ring, applies pause fades and
//    the master volume, and publishes the position. It allocates nothing, locks nothing.
//
// Why the engine mixes in the streaming thread rather than in the callback: the callback's
// cost is then tiny and constant however many sounds play, the engine's state never crosses
// threads, and live output is sample-identical to `kindly render`. Commands that go through
// the engine (skips, voice and ambient volume) take effect within the ring's ~170 ms; pause,
// resume and the master volume act in the callback at once.

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/Engine.hpp"
#include "engine/SpscRing.hpp"
#include "output/AudioOutput.hpp"
#include "script/Script.hpp"
#include "timeline/Timeline.hpp"

namespace kindly {

enum class PlayerState { Playing, Paused, Waiting, Ended };

/// What the player shows: everything a screen needs, read at once.
struct PlayerSnapshot {
    PlayerState state = PlayerState::Playing;
    Frames position = 0;
    int step = 0;
    int chapter = -1;
    std::optional<std::string> caption;
    std::optional<BreathPhase> breath;
    double voiceVolume = 1, ambientVolume = 1, masterVolume = 1;  // 0..1
    long long underflows = 0;        // callbacks that found the ring short (the streaming thread fell behind)
    long long deviceUnderflows = 0;  // callbacks the device flagged as late (PortAudio's status flags)
    long long worstCallbackNs = 0;   // the longest audio callback so far, and its block's frames
    long long worstCallbackFrames = 0;
};

struct PlayerEvent {
    enum class Kind { Step, Caption, Chapter, Breath, State, Ended };
    Kind kind;
    PlayerSnapshot snapshot;
};

class Player final : public AudioSink {
public:
    /// `script` and `timeline` must outlive the player. Starts paused at `startFrame`; call play().
    Player(const Script& script, const Timeline& timeline, std::vector<double> voiceGainsDb,
           std::unique_ptr<SourceProvider> provider, Frames startFrame = 0);
    ~Player() override;

    void play();
    void pause();
    void togglePause();
    void seekToStep(int step);
    void nextStep();
    void previousStep();  ///< to the start of this step, or the one before when near its start
    void nextChapter();
    void previousChapter();
    void restart();
    void continueAfterWait();
    enum class Volume { Voice, Ambient, Master };
    void setVolume(Volume which, double volume);  ///< 0..1 (a perceptual curve maps it to dB)
    double volume(Volume which) const;

    PlayerSnapshot snapshot() const;
    /// Changes since the last call (step, caption, chapter, breathing phase, state), in order.
    std::vector<PlayerEvent> pollEvents();
    std::vector<std::string> takeWarnings();

    /// The audio thread's entry (AudioSink).
    void renderAudio(float* stereo, std::size_t frames, bool deviceUnderflow) override;

    /// Frames the streaming thread has ready (for tests and the benchmark).
    std::size_t buffered() const { return static_cast<std::size_t>(std::max<long long>(0, taggedFrames_.load(std::memory_order_acquire))); }
    /// True once the streaming thread has rendered the session's last frame.
    bool renderedAll() const { return finishedRendering_.load(); }

    static constexpr std::size_t kBlock = 256;         ///< frames per tagged block
    static constexpr std::size_t kRingFrames = 8192;   ///< ~170 ms at 48 kHz

private:
    struct Command {
        enum class Kind { Seek, Level, Continue, Quit } kind;
        Frames frame;
        int level;
        double db;
    };
    struct Tag {
        Frames start;    // timeline frame of the block's first frame
        std::uint32_t count;
        bool held;       // rendered during a hold: the timeline did not move
    };

    void stream();  // the streaming thread
    void post(const Command& command);
    int stepAt(Frames frame) const;
    int chapterAt(Frames frame) const;

    const Script& script_;
    const Timeline& timeline_;
    std::unique_ptr<SourceProvider> provider_;
    std::unique_ptr<Engine> engine_;  // used only by the streaming thread after construction

    SpscRing<float> ring_;
    SpscRing<Tag> tags_;
    SpscRing<Command> commands_;

    // Shared between threads.
    std::atomic<bool> quit_{false};
    std::atomic<int> state_{static_cast<int>(PlayerState::Paused)};
    std::atomic<Frames> position_{0};
    std::atomic<unsigned> generation_{0};     // bumped by the streaming thread before a seek
    std::atomic<unsigned> acknowledged_{0};   // the generation the callback has flushed to
    std::atomic<bool> finishedRendering_{false};
    // Frames in tags pushed but not yet taken by the callback: what it can play now. (The ring
    // is written before its tag, so the ring alone would count a block the callback cannot see
    // yet.) Briefly below zero when the callback takes a tag before the stream thread counts it.
    std::atomic<long long> taggedFrames_{0};
    std::atomic<long long> underflows_{0};
    std::atomic<long long> deviceUnderflows_{0};
    std::atomic<long long> worstCallbackNs_{0}, worstCallbackFrames_{0};
    std::atomic<double> masterGainTarget_{1.0};
    std::atomic<int> waitingAtStep_{-1};
    std::atomic<bool> started_{false};  // nothing is consumed before the first play()

    // UI-thread state.
    double volumes_[3] = {1, 1, 1};
    PlayerSnapshot last_;
    bool lastValid_ = false;

    // Audio-thread state.
    Tag currentTag_{0, 0, false};
    std::uint32_t tagOffset_ = 0;
    unsigned seenGeneration_ = 0;
    double masterGain_ = 1.0;
    double fade_ = 0.0;  // 0 silent .. 1 full: pause/resume and seek fades

    std::mutex warningsMutex_;  // between the streaming and UI threads only, never the audio thread
    std::vector<std::string> warnings_;
    std::thread thread_;
};

/// The volume curve: 0..1 on a slider to dB (0 -> silence, 1 -> 0 dB, 0.5 -> about -15 dB).
double volumeToDb(double volume);

}  // namespace kindly
