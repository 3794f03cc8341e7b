#pragma once
// What each sound of a script turned out to be once resolved against the disk: the file
// (and its header) or the generator behind every voice, bell and ambient layer.

#include <optional>
#include <vector>

#include "sources/AudioInfo.hpp"
#include "sources/BuiltinSounds.hpp"
#include "sources/SpeechCache.hpp"

namespace kindly {

/// A resolved sound reference: an audio file, or a noise generator (endless).
struct SoundMedia {
    enum class Kind { File, Noise };
    Kind kind = Kind::File;
    AudioFileInfo file;  ///< for Kind::File
    NoiseColor noise = NoiseColor::White;
    bool builtin = false;
};

enum class VoiceOrigin { Clip, Recorded, Synthesized };

struct VoiceMedia {
    VoiceOrigin origin = VoiceOrigin::Synthesized;
    AudioFileInfo file;
    /// Synthesized speech: where each sentence starts in the file (captions follow them).
    std::vector<SpokenSentence> sentences{};
};

struct StepMedia {
    std::optional<VoiceMedia> voice;
    std::optional<SoundMedia> bell;
    std::optional<SoundMedia> intervalBell;
};

/// Parallel to Script: steps[i] belongs to script.steps[i], ambients[i] to script.ambients[i].
struct SessionMedia {
    std::vector<StepMedia> steps;
    std::vector<SoundMedia> ambients;
};

}  // namespace kindly
