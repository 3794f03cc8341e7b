#include "engine/AmbientAhead.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace kindly {

AmbientAhead::AmbientAhead(const Script& script, const Timeline& timeline, SourceProvider& provider, Frames end)
    : timeline_(timeline), bus_(script, timeline, provider), end_(end), scratchA_(2 * AmbientBus::kBlock),
      scratchB_(2 * AmbientBus::kBlock) {
    thread_ = std::thread([this] { run(); });
}

AmbientAhead::~AmbientAhead() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

void AmbientAhead::run() {
    try {
        for (Frames start = 0; start < end_;) {
            Chunk chunk;
            {
                // A buffer the Engine has finished with, or a new one while fewer than the
                // queue's worth plus the one being read exist.
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stopping_ || !empty_.empty() || made_ < kQueued + 1; });
                if (stopping_) return;
                if (!empty_.empty()) {
                    chunk = std::move(empty_.back());
                    empty_.pop_back();
                } else {
                    ++made_;
                }
            }
            chunk.stereo.resize(2 * kChunk);  // keeps a reused buffer's memory
            mixChunk(chunk, start);
            std::lock_guard lock(mutex_);
            bus_.collectProblems(warnings_);
            start += static_cast<Frames>(chunk.frames);
            full_.push_back(std::move(chunk));
            changed_.notify_all();
        }
        std::lock_guard lock(mutex_);
        finished_ = true;
        changed_.notify_all();
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        failure_ = std::string("the ambient could not be mixed: ") + e.what();
        changed_.notify_all();
    }
}

void AmbientAhead::mixChunk(Chunk& chunk, Frames start) {
    chunk.start = start;
    chunk.frames = static_cast<std::size_t>(std::min<Frames>(static_cast<Frames>(kChunk), end_ - start));
    // Open what sounds in this chunk or soon after, as the Engine's prepare() would.
    const auto lookahead = static_cast<Frames>(Engine::kLookaheadSeconds * timeline_.rate);
    bus_.prepare(start, start + static_cast<Frames>(chunk.frames) + lookahead, 0);
    std::fill(chunk.stereo.begin(), chunk.stereo.begin() + static_cast<long>(2 * chunk.frames), 0.0f);
    // The listener's ambient level in a render: 0 dB, as the Engine's own mix has it.
    const float listener[2] = {1.0f, 1.0f};
    for (std::size_t done = 0; done < chunk.frames;) {
        const Frames at = start + static_cast<Frames>(done);
        const std::size_t n = std::min(AmbientBus::kBlock - static_cast<std::size_t>(at % static_cast<Frames>(AmbientBus::kBlock)),
                                       chunk.frames - done);
        bus_.mix(chunk.stereo.data() + 2 * done, at, n, listener, false, 0, scratchA_.data(), scratchB_.data());
        done += n;
    }
}

void AmbientAhead::fill(float* bus, Frames from, std::size_t frames) {
    while (frames > 0) {
        if (!haveCurrent_ || from >= current_.start + static_cast<Frames>(current_.frames)) {
            std::unique_lock lock(mutex_);
            if (haveCurrent_) empty_.push_back(std::move(current_));
            haveCurrent_ = false;
            changed_.notify_all();
            changed_.wait(lock, [&] { return !full_.empty() || !failure_.empty() || finished_ || stopping_; });
            if (!failure_.empty()) throw std::runtime_error(failure_);
            if (full_.empty()) {  // past the end: silence
                std::memset(bus, 0, 2 * frames * sizeof(float));
                return;
            }
            current_ = std::move(full_.front());
            full_.pop_front();
            haveCurrent_ = true;
            changed_.notify_all();
        }
        if (from < current_.start) throw std::logic_error("ambient requested out of order");
        const auto offset = static_cast<std::size_t>(from - current_.start);
        const std::size_t n = std::min(frames, current_.frames - offset);
        std::memcpy(bus, current_.stereo.data() + 2 * offset, 2 * n * sizeof(float));
        bus += 2 * n;
        from += static_cast<Frames>(n);
        frames -= n;
    }
}

std::vector<std::string> AmbientAhead::takeWarnings() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    out.swap(warnings_);
    return out;
}

}  // namespace kindly
