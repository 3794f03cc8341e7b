#include "player/Player.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/Gain.hpp"

namespace kindly {

double volumeToDb(double volume) {
    volume = std::clamp(volume, 0.0, 1.0);
    if (volume <= 0.0) return -200.0;
    return 50.0 * std::log10(volume);  // 0.5 -> -15 dB, 0.1 -> -50 dB: even steps to the ear
}

Player::Player(const Script& script, const Timeline& timeline, std::vector<double> voiceGainsDb,
               std::unique_ptr<SourceProvider> provider, Frames startFrame)
    : script_(script), timeline_(timeline), provider_(std::move(provider)),
      engine_(std::make_unique<Engine>(script, timeline, std::move(voiceGainsDb), *provider_)),
      ring_(2 * kRingFrames), tags_(kRingFrames / kBlock + 4), commands_(256) {
    engine_->seek(startFrame);
    position_ = startFrame;
    // From the very beginning the session's own fades apply (so live is sample-identical to
    // a render); starting mid-session fades in.
    fade_ = startFrame == 0 ? 1.0 : 0.0;
    thread_ = std::thread([this] { stream(); });
}

Player::~Player() {
    quit_ = true;
    if (thread_.joinable()) thread_.join();
}

void Player::post(const Command& command) {
    // The UI thread is the only producer; a full queue (256 pending commands) drops the command.
    commands_.push(command);
}

// ---- UI thread -------------------------------------------------------------------------------

void Player::play() {
    started_ = true;
    if (state_ == static_cast<int>(PlayerState::Paused)) state_ = static_cast<int>(PlayerState::Playing);
}
void Player::pause() {
    if (state_ == static_cast<int>(PlayerState::Playing)) state_ = static_cast<int>(PlayerState::Paused);
}
void Player::togglePause() {
    if (state_ == static_cast<int>(PlayerState::Paused)) play(); else pause();
}

void Player::seekToStep(int step) {
    step = std::clamp(step, 0, static_cast<int>(timeline_.steps.size()) - 1);
    if (state_ == static_cast<int>(PlayerState::Ended) || state_ == static_cast<int>(PlayerState::Waiting))
        state_ = static_cast<int>(PlayerState::Playing);
    post({Command::Kind::Seek, timeline_.steps[static_cast<std::size_t>(step)].start, 0, 0});
}
void Player::nextStep() { seekToStep(snapshot().step + 1); }
void Player::previousStep() {
    const int step = snapshot().step;
    // Within the first 3 s of a step, go to the one before; later, to this step's start.
    const bool nearStart = position_ - timeline_.steps[static_cast<std::size_t>(step)].start < Frames{3} * timeline_.rate;
    seekToStep(nearStart ? step - 1 : step);
}
void Player::nextChapter() {
    for (const ChapterSpan& c : timeline_.chapters)
        if (c.start > position_) return seekToStep(c.firstStep);
}
void Player::previousChapter() {
    const int current = chapterAt(position_);
    if (current < 0) return seekToStep(0);
    const ChapterSpan& c = timeline_.chapters[static_cast<std::size_t>(current)];
    const bool nearStart = position_ - c.start < Frames{3} * timeline_.rate;
    if (nearStart && current > 0) return seekToStep(timeline_.chapters[static_cast<std::size_t>(current - 1)].firstStep);
    seekToStep(c.firstStep);
}
void Player::restart() { seekToStep(0); }

void Player::continueAfterWait() {
    if (state_ == static_cast<int>(PlayerState::Waiting)) post({Command::Kind::Continue, 0, 0, 0});
}

void Player::setVolume(Volume which, double volume) {
    volume = std::clamp(volume, 0.0, 1.0);
    volumes_[static_cast<int>(which)] = volume;
    if (which == Volume::Master) {
        masterGainTarget_ = gainFromDb(volumeToDb(volume));
    } else {
        post({Command::Kind::Level, 0, which == Volume::Voice ? 0 : 1, volumeToDb(volume)});
    }
}

double Player::volume(Volume which) const { return volumes_[static_cast<int>(which)]; }

int Player::stepAt(Frames frame) const {
    auto after = std::upper_bound(timeline_.steps.begin(), timeline_.steps.end(), frame,
                                  [](Frames f, const StepTiming& s) { return f < s.start; });
    return std::max(0, static_cast<int>(after - timeline_.steps.begin()) - 1);
}

int Player::chapterAt(Frames frame) const {
    int chapter = -1;
    for (std::size_t i = 0; i < timeline_.chapters.size(); ++i)
        if (timeline_.chapters[i].start <= frame) chapter = static_cast<int>(i);
    return chapter;
}

PlayerSnapshot Player::snapshot() const {
    PlayerSnapshot s;
    s.state = static_cast<PlayerState>(state_.load());
    s.position = position_;
    // What is heard is the last frame played: at a step's boundary (where a wait holds) the
    // step that just ended is still the current one.
    const Frames heard = std::max<Frames>(0, s.position - 1);
    s.step = stepAt(heard);
    s.chapter = chapterAt(heard);
    for (const CaptionCue& c : timeline_.captions)
        if (c.start <= heard && heard < c.end) s.caption = c.text;
    for (const BreathEvent& b : timeline_.breaths)
        if (b.start <= heard && heard < b.start + b.length) s.breath = b.phase;
    s.voiceVolume = volumes_[0];
    s.ambientVolume = volumes_[1];
    s.masterVolume = volumes_[2];
    s.underflows = underflows_;
    s.deviceUnderflows = deviceUnderflows_;
    s.worstCallbackNs = worstCallbackNs_.load(std::memory_order_relaxed);
    s.worstCallbackFrames = worstCallbackFrames_.load(std::memory_order_relaxed);
    return s;
}

std::vector<PlayerEvent> Player::pollEvents() {
    std::vector<PlayerEvent> events;
    const PlayerSnapshot now = snapshot();
    auto add = [&](PlayerEvent::Kind kind) { events.push_back({kind, now}); };
    if (!lastValid_ || now.step != last_.step) add(PlayerEvent::Kind::Step);
    if (!lastValid_ || now.chapter != last_.chapter) add(PlayerEvent::Kind::Chapter);
    if (!lastValid_ || now.caption != last_.caption) add(PlayerEvent::Kind::Caption);
    if (!lastValid_ || now.breath != last_.breath) add(PlayerEvent::Kind::Breath);
    if (!lastValid_ || now.state != last_.state) add(now.state == PlayerState::Ended ? PlayerEvent::Kind::Ended : PlayerEvent::Kind::State);
    last_ = now;
    lastValid_ = true;
    return events;
}

std::vector<std::string> Player::takeWarnings() {
    std::lock_guard lock(warningsMutex_);
    std::vector<std::string> out;
    out.swap(warnings_);
    return out;
}

// ---- Streaming thread ------------------------------------------------------------------------

void Player::stream() {
    std::vector<float> block(2 * kBlock);
    // Wait steps not yet answered, by the frame where each holds.
    std::vector<Frames> waits;
    for (const StepTiming& s : timeline_.steps)
        if (s.wait) waits.push_back(s.end);
    std::size_t nextWait = 0;
    auto syncWaits = [&] {
        nextWait = 0;
        while (nextWait < waits.size() && waits[nextWait] < engine_->position()) ++nextWait;
    };
    syncWaits();
    while (!quit_) {
        Command command{};
        while (commands_.pop(command)) {
            switch (command.kind) {
                case Command::Kind::Seek: {
                    // Ask the callback to drop what it has, wait for it (briefly: a stalled
                    // device must not hang us), then render from the new place.
                    const unsigned generation = generation_.fetch_add(1) + 1;
                    for (int i = 0; i < 100 && acknowledged_ != generation && !quit_; ++i)
                        std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    engine_->setHold(false);
                    engine_->seek(command.frame);
                    syncWaits();
                    finishedRendering_ = false;
                    waitingAtStep_ = -1;
                    break;
                }
                case Command::Kind::Level:
                    engine_->setListenerLevel(command.level == 0 ? Engine::Level::Voice : Engine::Level::Ambient, command.db);
                    break;
                case Command::Kind::Continue:
                    if (engine_->holding()) {
                        engine_->setHold(false);
                        ++nextWait;
                        waitingAtStep_ = -1;
                        int expected = static_cast<int>(PlayerState::Waiting);
                        state_.compare_exchange_strong(expected, static_cast<int>(PlayerState::Playing));
                    }
                    break;
                case Command::Kind::Quit: break;
            }
        }
        bool wrote = false;
        while (!quit_ && ring_.writable() >= 2 * kBlock && tags_.writable() > 0 && generation_ == acknowledged_) {
            if (engine_->finished() && !engine_->holding()) {
                finishedRendering_ = true;
                break;
            }
            // Render up to the next wait step's end, exactly; hold there.
            std::size_t n = kBlock;
            if (!engine_->holding() && nextWait < waits.size()) {
                const Frames untilWait = waits[nextWait] - engine_->position();
                if (untilWait <= 0) {
                    engine_->setHold(true);
                    waitingAtStep_ = stepAt(waits[nextWait] - 1);
                } else {
                    n = static_cast<std::size_t>(std::min<Frames>(untilWait, static_cast<Frames>(kBlock)));
                }
            }
            const Frames start = engine_->position();
            const bool held = engine_->holding();
            engine_->prepare();
            n = engine_->render(block.data(), n);
            if (n == 0) continue;
            ring_.write(block.data(), 2 * n);
            tags_.push({start, static_cast<std::uint32_t>(n), held});
            taggedFrames_.fetch_add(static_cast<long long>(n), std::memory_order_release);
            wrote = true;
            // Said at once, so the callback never mistakes the end for a shortage.
            if (engine_->finished() && !engine_->holding()) finishedRendering_ = true;
        }
        if (auto w = engine_->takeWarnings(); !w.empty()) {
            std::lock_guard lock(warningsMutex_);
            warnings_.insert(warnings_.end(), w.begin(), w.end());
        }
        // The ring is full (~170 ms): let the device drain about an eighth of it before
        // topping it up again, rather than waking hundreds of times a second for one block.
        if (!wrote) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

// ---- Audio thread ----------------------------------------------------------------------------

namespace {
/// Measures the audio callback (steady_clock reads the vDSO: no system call, no lock) and keeps
/// the longest, for `kindly play --stats` and the soak benchmark.
class CallbackTimer {
public:
    CallbackTimer(std::atomic<long long>& worstNs, std::atomic<long long>& worstFrames, std::size_t frames)
        : worstNs_(worstNs), worstFrames_(worstFrames), frames_(frames), start_(std::chrono::steady_clock::now()) {}
    ~CallbackTimer() {
        const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count();
        if (ns > worstNs_.load(std::memory_order_relaxed)) {  // only this thread writes them
            worstNs_.store(ns, std::memory_order_relaxed);
            worstFrames_.store(static_cast<long long>(frames_), std::memory_order_relaxed);
        }
    }

private:
    std::atomic<long long>& worstNs_;
    std::atomic<long long>& worstFrames_;
    std::size_t frames_;
    std::chrono::steady_clock::time_point start_;
};
}  // namespace

void Player::renderAudio(float* out, std::size_t frames, bool deviceUnderflow) {
    const CallbackTimer timer(worstCallbackNs_, worstCallbackFrames_, frames);
    bool starved = false;
    const double rate = timeline_.rate;
    const double fadeStep = 1.0 / (0.010 * rate);    // pause/resume/seek fades: 10 ms
    const double gainStep = 1.0 / (0.030 * rate);    // master volume glides over ~30 ms
    const unsigned generation = generation_.load(std::memory_order_acquire);
    if (generation != seenGeneration_) {
        // A seek: drop what was rendered for the old place; fade in the new one.
        ring_.discard();
        Tag ignored;
        while (tags_.pop(ignored)) taggedFrames_.fetch_sub(ignored.count, std::memory_order_relaxed);
        tagOffset_ = currentTag_.count = 0;
        fade_ = 0.0;
        seenGeneration_ = generation;
        acknowledged_.store(generation, std::memory_order_release);
    }
    if (!started_.load(std::memory_order_acquire)) {
        std::fill(out, out + 2 * frames, 0.0f);
        return;
    }
    const auto state = static_cast<PlayerState>(state_.load(std::memory_order_relaxed));
    const bool running = state == PlayerState::Playing || state == PlayerState::Waiting;
    // Counted only while the session sounds (not while starting, paused or after the end).
    if (deviceUnderflow && running) deviceUnderflows_.fetch_add(1, std::memory_order_relaxed);
    const double target = masterGainTarget_.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < frames; ++i) {
        // Paused and fully faded out: hold the ring where it is.
        if (!running && fade_ <= 0.0) {
            out[2 * i] = out[2 * i + 1] = 0.0f;
            continue;
        }
        if (tagOffset_ == currentTag_.count) {
            if (!tags_.pop(currentTag_)) {
                // Nothing ready: silence (at the very end that is simply the end).
                if (finishedRendering_.load(std::memory_order_acquire)) {
                    state_.store(static_cast<int>(PlayerState::Ended), std::memory_order_relaxed);
                } else if (running) {
                    starved = true;
                }
                out[2 * i] = out[2 * i + 1] = 0.0f;
                // Both to zero, so the next frame looks for a tag again (a count of zero with
                // the old offset would read on without tags and count the position forever).
                tagOffset_ = currentTag_.count = 0;
                continue;
            }
            taggedFrames_.fetch_sub(currentTag_.count, std::memory_order_relaxed);
            tagOffset_ = 0;
        }
        float frame[2];
        ring_.read(frame, 2);
        if (!currentTag_.held) position_.store(currentTag_.start + tagOffset_ + 1, std::memory_order_relaxed);
        if (currentTag_.held && waitingAtStep_.load(std::memory_order_relaxed) >= 0 && state == PlayerState::Playing)
            state_.store(static_cast<int>(PlayerState::Waiting), std::memory_order_relaxed);
        ++tagOffset_;
        fade_ = running ? std::min(1.0, fade_ + fadeStep) : std::max(0.0, fade_ - fadeStep);
        masterGain_ += std::clamp(target - masterGain_, -gainStep, gainStep);
        const auto g = static_cast<float>(masterGain_ * fadeCurve(fade_));
        out[2 * i] = frame[0] * g;
        out[2 * i + 1] = frame[1] * g;
    }
    if (starved) underflows_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace kindly
