#include "engine/AmbientLayer.hpp"

#include <algorithm>
#include <cmath>

namespace kindly {

AmbientLayer::AmbientLayer(const AmbientSpan& span, Frames soundFrames)
    : span_(span), length_(soundFrames), overlap_(span.loop ? span.loopCrossfade : 0),
      period_(soundFrames > 0 ? soundFrames - (span.loop ? span.loopCrossfade : 0) : 0) {
    if (period_ <= 0) period_ = length_;  // a degenerate crossfade: splice instead
    if (period_ <= 0) overlap_ = 0;
}

void AmbientLayer::open(std::unique_ptr<FrameSource> first, std::unique_ptr<FrameSource> second) {
    sources_[0] = std::move(first);
    sources_[1] = std::move(second);
    startedPass_ = -1;
}

void AmbientLayer::close() {
    sources_[0].reset();
    sources_[1].reset();
}

void AmbientLayer::seek(Frames frame) {
    if (!sources_[0]) return;
    const Frames t = std::max<Frames>(0, frame - span_.start);
    if (!span_.loop || length_ == 0) {
        sources_[0]->restart();
        sources_[0]->skip(static_cast<std::size_t>(t));
        return;
    }
    const long long pass = t / period_;
    const Frames offset = t - pass * period_;
    FrameSource* current = sources_[static_cast<std::size_t>(pass % 2)].get();
    current->restart();
    current->skip(static_cast<std::size_t>(offset));
    if (pass > 0 && offset < overlap_ && sources_[static_cast<std::size_t>(1 - pass % 2)]) {
        FrameSource* previous = sources_[static_cast<std::size_t>(1 - pass % 2)].get();
        previous->restart();
        previous->skip(static_cast<std::size_t>(offset + period_));
    }
    startedPass_ = pass;
}

std::string AmbientLayer::problem() const {
    for (const auto& s : sources_)
        if (s && !s->problem().empty()) return s->problem();
    return {};
}

void AmbientLayer::pullInto(int which, float* dest, std::size_t frames) {
    FrameSource* source = sources_[static_cast<std::size_t>(which)].get();
    if (!source) source = sources_[0].get();
    source->pull(dest, frames);
}

void AmbientLayer::render(float* out, std::size_t frames, Frames frame, float* scratchA, float* scratchB) {
    if (!sources_[0]) {
        std::fill(out, out + 2 * frames, 0.0f);
        return;
    }
    Frames t = frame - span_.start;
    std::size_t done = 0;
    // Generators, and sounds that play once, have a single pass.
    const bool looping = span_.loop && length_ > 0;
    while (done < frames) {
        std::size_t chunk = frames - done;
        if (!looping) {
            sources_[0]->pull(out + 2 * done, chunk);
            break;
        }
        const long long pass = t / period_;
        const Frames offset = t - pass * period_;
        const int current = static_cast<int>(pass % 2);
        if (pass != startedPass_) {
            // A new pass starts here: its source was last used two passes ago.
            if (pass > 0 || offset == 0) sources_[static_cast<std::size_t>(current)]->restart();
            startedPass_ = pass;
        }
        if (pass > 0 && offset < overlap_) {
            chunk = std::min<std::size_t>(chunk, static_cast<std::size_t>(overlap_ - offset));
            pullInto(current, scratchA, chunk);       // the head of this pass
            pullInto(1 - current, scratchB, chunk);   // the tail of the one before
            for (std::size_t i = 0; i < chunk; ++i) {
                const double x = (static_cast<double>(offset) + static_cast<double>(i) + 0.5) / static_cast<double>(overlap_);
                const double in = std::sin(0.5 * 3.141592653589793 * x), fadeOut = std::cos(0.5 * 3.141592653589793 * x);
                for (int c = 0; c < 2; ++c)
                    out[2 * (done + i) + c] = static_cast<float>(in * scratchA[2 * i + c] + fadeOut * scratchB[2 * i + c]);
            }
        } else {
            chunk = std::min<std::size_t>(chunk, static_cast<std::size_t>(period_ - offset));
            pullInto(current, out + 2 * done, chunk);
        }
        done += chunk;
        t += static_cast<Frames>(chunk);
    }
}

}  // namespace kindly
