#pragma once
// The ambient bus of an offline render, mixed ahead on a thread of its own: the render has
// no real-time constraint, and the ambient layers (decoding, looping, crossfades, levels)
// are about half of the mixing work, so the second core takes them while the Engine mixes
// voice and bells, sums and limits. The samples are the ones the Engine would mix itself
// (the bus depends only on the timeline frame), so the output is byte-identical.
//
// The worker hands over chunks of kChunk frames through a short bounded queue (memory stays
// flat however long the session) and reuses the buffers the Engine has finished with.
// Offline only: fill() waits on a lock.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/AmbientBus.hpp"
#include "engine/Engine.hpp"

namespace kindly {

class AmbientAhead final : public AmbientFeed {
public:
    static constexpr std::size_t kChunk = 16384;  // frames, a multiple of AmbientBus::kBlock
    static constexpr std::size_t kQueued = 4;

    /// Starts mixing frames [0, end) of `timeline`'s ambient bus, opening sources through
    /// `provider` (which must be safe to use from two threads).
    AmbientAhead(const Script& script, const Timeline& timeline, SourceProvider& provider, Frames end);
    ~AmbientAhead() override;
    AmbientAhead(const AmbientAhead&) = delete;
    AmbientAhead& operator=(const AmbientAhead&) = delete;

    /// The Engine's side. Throws std::runtime_error if the worker failed (out of memory).
    void fill(float* bus, Frames from, std::size_t frames) override;

    /// Warnings about layers that could not be read, gathered since the last call.
    std::vector<std::string> takeWarnings();

private:
    struct Chunk {
        Frames start = 0;
        std::size_t frames = 0;
        std::vector<float> stereo;
    };
    void run();
    void mixChunk(Chunk& chunk, Frames start);

    const Timeline& timeline_;
    AmbientBus bus_;  // used by the worker only
    Frames end_;
    std::vector<float> scratchA_, scratchB_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Chunk> full_;
    std::vector<Chunk> empty_;
    std::size_t made_ = 0;   // chunk buffers allocated (at most kQueued + 1)
    bool stopping_ = false;
    bool finished_ = false;  // the worker mixed up to end_
    std::string failure_;
    std::vector<std::string> warnings_;

    Chunk current_;  // the chunk fill() reads from (the Engine's thread)
    bool haveCurrent_ = false;
    std::thread thread_;
};

}  // namespace kindly
