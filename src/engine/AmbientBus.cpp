#include "engine/AmbientBus.hpp"

#include <algorithm>

#include "engine/Engine.hpp"
#include "engine/Gain.hpp"

namespace kindly {

AmbientBus::AmbientBus(const Script& script, const Timeline& timeline, SourceProvider& provider)
    : script_(script), timeline_(timeline), provider_(provider), busDb_(script.mix.ambientDb) {
    for (const AmbientSpan& span : timeline.ambients) {
        const Frames soundFrames = span.sound.kind == SoundMedia::Kind::File
                                       ? resampledLength(span.sound.file.frames, span.sound.file.sampleRate, timeline.rate)
                                       : 0;
        layers_.emplace_back(span, soundFrames);
        levelDb_.push_back(span.gainDb);
    }
    reported_.assign(layers_.size(), false);
    gridLevels_.assign(2 * layers_.size(), GridLevel{});
    lastGain_.assign(layers_.size(), LastGain{});
}

void AmbientBus::prepare(Frames mixPosition, Frames horizon, Frames heldFrames) {
    const int rate = timeline_.rate;
    for (auto& layer : layers_) {
        const AmbientSpan& span = layer.span();
        if (!layer.opened() && span.start < horizon && span.end > mixPosition) {
            layer.open(provider_.open(span.sound, rate, kQuality),
                       span.loop && span.sound.kind == SoundMedia::Kind::File ? provider_.open(span.sound, rate, kQuality) : nullptr);
            if (span.start < mixPosition + heldFrames) layer.seek(mixPosition + heldFrames);  // after a seek
        } else if (layer.opened() && span.end <= mixPosition) {
            layer.close();
        }
    }
}

void AmbientBus::close() {
    for (auto& layer : layers_) layer.close();
}

void AmbientBus::collectProblems(std::vector<std::string>& warnings) {
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        if (reported_[l] || !layers_[l].opened()) continue;
        if (auto problem = layers_[l].problem(); !problem.empty()) {
            warnings.push_back("ambient '" + script_.ambients[l].id + "' could not be read (" + problem +
                               "); it plays as silence");
            reported_[l] = true;
        }
    }
}

void AmbientBus::mix(float* bus, Frames from, std::size_t frames, const float listener[2], bool hold, Frames heldFrames,
                     float* scratchA, float* scratchB) {
    const Frames to = from + static_cast<Frames>(frames);
    const Frames minFade = static_cast<Frames>(Engine::kClipFadeSeconds * timeline_.rate);  // as every start and stop has
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        AmbientLayer& layer = layers_[l];
        const AmbientSpan& span = layer.span();
        if (!layer.opened() || span.start >= to || span.end <= from) continue;
        const Frames begin = std::max(from, span.start), end = std::min(to, span.end);
        const auto n = static_cast<std::size_t>(end - begin);
        // Level at a frame: bus and layer gain, ducking, fade-in and fade-out.
        // Even fade_in = 0 gets the short fade every start and stop has, so it cannot click.
        const Frames fadeIn = std::max(span.fadeInEnd - span.start, minFade);
        const Frames fadeOut = std::max(span.end - span.fadeOutStart, minFade);
        auto level = [&](Frames t) {
            const double db = busDb_ + levelDb_[l] + timeline_.duckDbAt(t);
            LastGain& last = lastGain_[l];
            if (db != last.db) last = {db, gainFromDb(db)};
            return last.gain *
                   fadeCurve(static_cast<double>(t - span.start) / static_cast<double>(fadeIn)) *
                   fadeCurve(static_cast<double>(span.end - t) / static_cast<double>(fadeOut));
        };
        // Levels change slowly: exact at this block's grid points, linear in between.
        const Frames gridStart = from - from % static_cast<Frames>(kBlock);
        // Each grid point's level serves the blocks on both sides of it: computed once.
        auto levelAtGrid = [&](Frames t) {
            GridLevel& remembered = gridLevels_[2 * l + static_cast<std::size_t>((t / static_cast<Frames>(kBlock)) % 2)];
            if (remembered.frame != t) remembered = {t, level(t)};
            return remembered.level;
        };
        const double g0 = levelAtGrid(gridStart), g1 = hold ? g0 : levelAtGrid(gridStart + static_cast<Frames>(kBlock));
        // Render the layer's raw sound into a block, then add it with its level.
        float raw[2 * kBlock];
        layer.render(raw, n, begin + heldFrames, scratchA, scratchB);
        float* out = bus + 2 * (begin - from);
        if (listener[0] == listener[1]) {
            // The listener's level rests (always, in a render): the same gains, computed
            // without the listener's ramp, and once per block when the level rests too.
            const double l = listener[0];
            if (hold || g0 == g1) {
                const auto g = static_cast<float>(g0 * l);
                for (std::size_t i = 0; i < 2 * n; ++i) out[i] += g * raw[i];
            } else {
                const auto offset = static_cast<double>(begin - gridStart);
                for (std::size_t i = 0; i < n; ++i) {
                    const double x = (offset + static_cast<double>(i)) / static_cast<double>(kBlock);
                    const auto g = static_cast<float>((g0 + (g1 - g0) * x) * l);
                    out[2 * i] += g * raw[2 * i];
                    out[2 * i + 1] += g * raw[2 * i + 1];
                }
            }
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double x = hold ? 0.0 : static_cast<double>(begin - gridStart + static_cast<Frames>(i)) / static_cast<double>(kBlock);
            const double y = static_cast<double>(i) / static_cast<double>(n);
            const auto g = static_cast<float>((g0 + (g1 - g0) * x) * (listener[0] + (listener[1] - listener[0]) * y));
            out[2 * i] += g * raw[2 * i];
            out[2 * i + 1] += g * raw[2 * i + 1];
        }
    }
}

}  // namespace kindly
