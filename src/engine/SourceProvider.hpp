#pragma once
// Opens the sources the engine plays. Called outside the mix (Engine::prepare), never from
// the audio callback: opening files allocates and does I/O.

#include <memory>

#include "sources/FrameSource.hpp"
#include "sources/SessionMedia.hpp"

namespace kindly {

class SourceProvider {
public:
    virtual ~SourceProvider() = default;
    /// A source for a file or generator at the output rate; never null (a file that cannot be
    /// opened gives a silent source whose problem() says why).
    /// `quality`: how a file at another rate is resampled (Medium for ambient beds).
    virtual std::unique_ptr<FrameSource> open(const SoundMedia& sound, int rate, ResampleQuality quality) = 0;
};

class ResampleCache;

/// Decodes files directly (libsndfile + libsoxr) and generates noises: for offline renders.
/// With a ResampleCache, files at another rate are read from their resampled copies.
class DirectSourceProvider final : public SourceProvider {
public:
    explicit DirectSourceProvider(ResampleCache* resampled = nullptr) : resampled_(resampled) {}
    std::unique_ptr<FrameSource> open(const SoundMedia& sound, int rate, ResampleQuality quality) override;

private:
    ResampleCache* resampled_;
};

}  // namespace kindly
