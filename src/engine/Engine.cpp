#include "engine/Engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/Gain.hpp"
#include "sources/FileSource.hpp"
#include "sources/NoiseSource.hpp"
#include "sources/ResampleCache.hpp"
#include "sources/ToneSource.hpp"

namespace kindly {

std::unique_ptr<FrameSource> DirectSourceProvider::open(const SoundMedia& sound, int rate, ResampleQuality quality) {
    if (sound.kind == SoundMedia::Kind::Noise) return std::make_unique<NoiseSource>(sound.noise);
    return std::make_unique<FileSource>(resampled_ ? resampled_->resolve(sound.file, quality) : sound.file, rate, quality);
}

struct Engine::Shot {
    Bus bus = Bus::Voice;
    Frames start = 0;
    Frames length = 0;
    double gain = 1.0;  // linear, without the bus level
    Frames fadeIn = 0, fadeOut = 0;
    SoundMedia sound;             // for files
    double toneFrom = 0, toneTo = 0;  // for breathing tones (when sound is unused)
    bool tone = false;
    std::string name;             // for warnings
    std::unique_ptr<FrameSource> source;
    bool reported = false;

    Frames end() const { return start + length; }
    double envelope(Frames t) const {  // t relative to start
        double g = gain;
        if (fadeIn > 0) g *= fadeCurve(static_cast<double>(t) / static_cast<double>(fadeIn));
        if (fadeOut > 0) g *= fadeCurve(static_cast<double>(length - t) / static_cast<double>(fadeOut));
        return g;
    }
};

Engine::Engine(const Script& script, const Timeline& timeline, std::vector<double> voiceGainsDb, SourceProvider& provider)
    : script_(script), timeline_(timeline), provider_(provider),
      ambient_(script, timeline, provider), busDb_{script.mix.voiceDb, script.mix.bellsDb}, limiter_(timeline.rate) {
    const int rate = timeline.rate;
    const auto clipFade = static_cast<Frames>(kClipFadeSeconds * rate);
    for (std::size_t i = 0; i < timeline.voices.size(); ++i) {
        const VoiceEvent& v = timeline.voices[i];
        Shot s;
        s.bus = Bus::Voice;
        s.start = v.start;
        s.length = v.length;
        s.gain = gainFromDb(i < voiceGainsDb.size() ? voiceGainsDb[i] : 0.0);
        s.fadeIn = s.fadeOut = std::min(clipFade, v.length / 2);
        s.sound.kind = SoundMedia::Kind::File;
        s.sound.file = v.file;
        s.name = "voice of step '" + script.steps[static_cast<std::size_t>(v.step)].id + "' (" + v.file.path.string() + ")";
        shots_.push_back(std::move(s));
    }
    for (const BellEvent& b : timeline.bells) {
        Shot s;
        s.bus = Bus::Bells;
        s.start = b.start;
        s.length = b.length;
        s.fadeIn = std::min<Frames>(static_cast<Frames>(0.002 * rate), b.length / 2);
        s.sound = b.sound;
        s.name = "bell of step '" + script.steps[static_cast<std::size_t>(b.step)].id + "' (" + b.sound.file.path.string() + ")";
        shots_.push_back(std::move(s));
    }
    for (const BreathEvent& b : timeline.breaths) {
        if (!b.toneCue || (b.phase != BreathPhase::In && b.phase != BreathPhase::Out)) continue;
        Shot s;
        s.bus = Bus::Bells;
        s.start = b.start;
        s.length = b.length;
        s.tone = true;
        s.toneFrom = b.phase == BreathPhase::In ? ToneSource::kLowHz : ToneSource::kHighHz;
        s.toneTo = b.phase == BreathPhase::In ? ToneSource::kHighHz : ToneSource::kLowHz;
        s.name = "breathing tone";
        shots_.push_back(std::move(s));
    }
    std::stable_sort(shots_.begin(), shots_.end(), [](const Shot& a, const Shot& b) { return a.start < b.start; });

    // The most shots that can be open at once: each is open from a look-ahead before its
    // start to its end. Reserving that many keeps prepare() from ever reallocating.
    const auto lookahead = static_cast<Frames>(kLookaheadSeconds * rate) + 2 * static_cast<Frames>(kBlock) +
                           static_cast<Frames>(limiter_.latency());
    std::vector<std::pair<Frames, int>> edges;
    for (const Shot& s : shots_) {
        edges.emplace_back(s.start - lookahead, +1);
        edges.emplace_back(s.end() + 2 * static_cast<Frames>(kBlock), -1);
    }
    std::sort(edges.begin(), edges.end());
    std::size_t most = 0, open = 0;
    for (const auto& [frame, change] : edges) {
        open = change > 0 ? open + 1 : open - 1;
        most = std::max(most, open);
    }
    active_.reserve(most + 1);

    for (auto* bus : {&voiceBus_, &bellsBus_, &ambientBus_, &scratchA_, &scratchB_}) bus->assign(2 * kBlock, 0.0f);
}

Engine::~Engine() = default;

void Engine::prepare() {
    const int rate = timeline_.rate;
    const Frames horizon = mixPosition_ + static_cast<Frames>(kLookaheadSeconds * rate);
    // Close what has finished (destroying sources frees memory: not in render()).
    checkProblems();
    active_.erase(std::remove_if(active_.begin(), active_.end(), [&](Shot* s) {
                      if (s->end() > mixPosition_) return false;
                      s->source.reset();
                      return true;
                  }),
                  active_.end());
    while (nextShot_ < shots_.size() && shots_[nextShot_].start < horizon) {
        Shot& s = shots_[nextShot_++];
        if (s.end() <= mixPosition_) continue;  // already over (e.g. a zero-length sound)
        if (s.tone) {
            s.source = std::make_unique<ToneSource>(s.toneFrom, s.toneTo, s.length, rate);
        } else {
            s.source = provider_.open(s.sound, rate, ResampleQuality::High);
        }
        if (s.start < mixPosition_) s.source->skip(static_cast<std::size_t>(mixPosition_ - s.start));  // after a seek
        active_.push_back(&s);
    }
    if (!feed_) ambient_.prepare(mixPosition_, horizon, heldFrames_);
}

void Engine::checkProblems() {
    ambient_.collectProblems(warnings_);
    for (Shot* s : active_) {
        if (s->reported || !s->source) continue;
        if (auto problem = s->source->problem(); !problem.empty()) {
            warnings_.push_back(s->name + " could not be read (" + problem + "); it plays as silence");
            s->reported = true;
        }
    }
}

std::vector<std::string> Engine::takeWarnings() {
    checkProblems();
    std::vector<std::string> out;
    out.swap(warnings_);
    return out;
}

void Engine::setMaster(double gainDb, double ceilingDb) {
    masterGain_ = static_cast<float>(std::pow(10.0, gainDb / 20.0));
    limiter_ = Limiter(timeline_.rate, ceilingDb);
}

void Engine::applyMasterGain(float* stereo, std::size_t frames) const {
    if (masterGain_ == 1.0f) return;  // live playback, and a render without a loudness target
    for (std::size_t i = 0; i < 2 * frames; ++i) stereo[i] *= masterGain_;
}

std::size_t Engine::render(float* stereo, std::size_t frames) {
    // The limiter looks ahead: mix its latency first, once, so output frame 0 is timeline frame 0.
    const auto latency = static_cast<Frames>(limiter_.latency());
    while (mixPosition_ - position_ < latency) {
        const auto n = std::min<std::size_t>(kBlock - static_cast<std::size_t>(mixPosition_ % kBlock),
                                             static_cast<std::size_t>(latency - (mixPosition_ - position_)));
        float discard[2 * kBlock];
        mixBlock(discard, n);
        applyMasterGain(discard, n);
        limiter_.process(discard, n);
    }
    if (hold_) {
        // The timeline waits; only the ambient plays on, frozen at its current level.
        for (std::size_t done = 0; done < frames;) {
            const std::size_t n = std::min(kBlock, frames - done);
            std::fill(ambientBus_.begin(), ambientBus_.begin() + static_cast<long>(2 * n), 0.0f);
            const float listener[2] = {static_cast<float>(listenerGain_[1]), static_cast<float>(listenerGain_[1])};
            // (With a feed no layer is open here: holding is for live playback.)
            ambient_.mix(ambientBus_.data(), mixPosition_, n, listener, true, heldFrames_, scratchA_.data(), scratchB_.data());
            std::copy(ambientBus_.begin(), ambientBus_.begin() + static_cast<long>(2 * n), stereo + 2 * done);
            limiter_.process(stereo + 2 * done, n);
            heldFrames_ += static_cast<Frames>(n);
            done += n;
        }
        return frames;
    }
    const auto remaining = static_cast<std::size_t>(std::max<Frames>(0, timeline_.renderEnd - position_));
    frames = std::min(frames, remaining);
    for (std::size_t done = 0; done < frames;) {
        // Blocks are aligned to multiples of kBlock in the timeline, so the samples never
        // depend on how the caller slices its requests.
        const std::size_t n = std::min(kBlock - static_cast<std::size_t>(mixPosition_ % kBlock), frames - done);
        mixBlock(stereo + 2 * done, n);
        applyMasterGain(stereo + 2 * done, n);
        limiter_.process(stereo + 2 * done, n);
        done += n;
        position_ += static_cast<Frames>(n);
    }
    return frames;
}

void Engine::mixBlock(float* out, std::size_t frames) {
    std::fill(voiceBus_.begin(), voiceBus_.begin() + static_cast<long>(2 * frames), 0.0f);
    std::fill(bellsBus_.begin(), bellsBus_.begin() + static_cast<long>(2 * frames), 0.0f);
    std::fill(ambientBus_.begin(), ambientBus_.begin() + static_cast<long>(2 * frames), 0.0f);
    // The listener's levels move towards their targets once per block, ramping within it.
    double before[3], after[3];
    const double step = 1.0 - std::exp(-static_cast<double>(frames) / (0.03 * timeline_.rate));
    for (int b = 0; b < 3; ++b) {
        before[b] = listenerGain_[b];
        listenerGain_[b] += (gainFromDb(listenerDb_[b]) - listenerGain_[b]) * step;
        after[b] = listenerGain_[b];
    }
    const float ambient[2] = {static_cast<float>(before[1]), static_cast<float>(after[1])};
    mixShots(mixPosition_, frames);
    if (feed_) {
        feed_->fill(ambientBus_.data(), mixPosition_, frames);
    } else {
        ambient_.mix(ambientBus_.data(), mixPosition_, frames, ambient, hold_, heldFrames_, scratchA_.data(), scratchB_.data());
    }
    const double voice = gainFromDb(busDb_[0]), bells = gainFromDb(busDb_[1]);
    if (before[0] == after[0] && before[2] == after[2]) {
        // The listener's levels rest (always, in a render): the same sums without the ramps.
        const auto v = static_cast<float>(voice * before[0]), b = static_cast<float>(bells * before[2]);
        for (std::size_t i = 0; i < 2 * frames; ++i) out[i] = v * voiceBus_[i] + b * bellsBus_[i] + ambientBus_[i];
        mixPosition_ += static_cast<Frames>(frames);
        return;
    }
    for (std::size_t i = 0; i < frames; ++i) {
        const double x = static_cast<double>(i) / static_cast<double>(frames);
        const auto v = static_cast<float>(voice * (before[0] + (after[0] - before[0]) * x));
        const auto b = static_cast<float>(bells * (before[2] + (after[2] - before[2]) * x));
        out[2 * i] = v * voiceBus_[2 * i] + b * bellsBus_[2 * i] + ambientBus_[2 * i];
        out[2 * i + 1] = v * voiceBus_[2 * i + 1] + b * bellsBus_[2 * i + 1] + ambientBus_[2 * i + 1];
    }
    mixPosition_ += static_cast<Frames>(frames);
}

void Engine::mixShots(Frames from, std::size_t frames) {
    const Frames to = from + static_cast<Frames>(frames);
    for (Shot* s : active_) {
        if (!s->source || s->start >= to || s->end() <= from) continue;
        const Frames begin = std::max(from, s->start), end = std::min(to, s->end());
        const auto n = static_cast<std::size_t>(end - begin);
        s->source->pull(scratchA_.data(), n);
        float* bus = (s->bus == Bus::Voice ? voiceBus_.data() : bellsBus_.data()) + 2 * (begin - from);
        const Frames t0 = begin - s->start;
        const bool fading = t0 < s->fadeIn || t0 + static_cast<Frames>(n) > s->length - s->fadeOut;
        for (std::size_t i = 0; i < n; ++i) {
            // Exact per frame inside the short start and end fades; a constant elsewhere.
            const auto g = static_cast<float>(fading ? s->envelope(t0 + static_cast<Frames>(i)) : s->gain);
            bus[2 * i] += g * scratchA_[2 * i];
            bus[2 * i + 1] += g * scratchA_[2 * i + 1];
        }
    }
}

void Engine::setListenerLevel(Level level, double db) { listenerDb_[static_cast<int>(level)] = db; }

void Engine::seek(Frames frame) {
    frame = std::clamp<Frames>(frame, 0, timeline_.renderEnd);
    checkProblems();
    for (Shot* s : active_) s->source.reset();
    active_.clear();
    ambient_.close();
    nextShot_ = 0;
    while (nextShot_ < shots_.size() && shots_[nextShot_].end() <= frame) ++nextShot_;
    position_ = mixPosition_ = frame;
    heldFrames_ = 0;
    limiter_.reset();
    prepare();
}

}  // namespace kindly
