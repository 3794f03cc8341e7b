#include "sources/BuiltinSounds.hpp"

namespace kindly {

const std::vector<BuiltinSound>& builtinSounds() {
    static const std::vector<BuiltinSound> sounds = {
        {"bowl", BuiltinKind::Bell, "bells/bowl.flac"},
        {"chime", BuiltinKind::Bell, "bells/chime.flac"},
        {"gong", BuiltinKind::Bell, "bells/gong.flac"},
        // Field recordings (../shared/sounds/LICENSING.md), prepared by tools/prepare-beds.cpp.
        {"rain", BuiltinKind::Bed, "ambient/rain.ogg", NoiseColor::White,
         SoundCredit{"steady rain", "alex36917", "freesound.org, sound 524605", "Porrumentzio", "CC BY"}},
        {"waves", BuiltinKind::Bed, "ambient/waves.ogg", NoiseColor::White,
         SoundCredit{"sea waves on a shore", "Luftrum", "freesound.org, sound 48412", "Porrumentzio", "CC BY"}},
        {"birds", BuiltinKind::Bed, "ambient/birds.ogg", NoiseColor::White,
         SoundCredit{"birdsong", "kvgarlic", "freesound.org, sound 156826", "Porrumentzio", "CC0"}},
        {"wind", BuiltinKind::Bed, "ambient/wind.ogg", NoiseColor::White,
         SoundCredit{"wind", "felix.blume", "freesound.org, sound 217506", "Porrumentzio", "CC0"}},
        {"summer-night", BuiltinKind::Bed, "ambient/summer-night.ogg", NoiseColor::White,
         SoundCredit{"crickets at night", "Lisa Redfern", "soundbible.com, sound 2083", "", "public domain"}},
        {"fireplace", BuiltinKind::Bed, "ambient/fireplace.ogg", NoiseColor::White,
         SoundCredit{"a crackling fire", "ezwa", "soundbible.com, sound 1543", "", "public domain"}},
        // Synthesized (tools/make-sounds.cpp): no recording of a stream is bundled yet.
        {"stream", BuiltinKind::Bed, "ambient/stream.ogg"},
        {"white-noise", BuiltinKind::Noise, "", NoiseColor::White},
        {"pink-noise", BuiltinKind::Noise, "", NoiseColor::Pink},
        {"brown-noise", BuiltinKind::Noise, "", NoiseColor::Brown},
    };
    return sounds;
}

const BuiltinSound* findBuiltinSound(std::string_view name) {
    for (const auto& s : builtinSounds())
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<std::string> builtinSoundNames() {
    std::vector<std::string> names;
    for (const auto& s : builtinSounds()) names.emplace_back(s.name);
    return names;
}

std::vector<std::string> soundCreditLines() {
    std::vector<std::string> lines;
    for (const auto& s : builtinSounds()) {
        if (!s.credit) continue;
        const SoundCredit& c = *s.credit;
        std::string line = std::string(s.name) + ": " + std::string(c.what) + ", recorded by " + std::string(c.author) +
                           " (" + std::string(c.source) + ")";
        if (!c.editedBy.empty()) line += ", edited by " + std::string(c.editedBy);
        line += "; " + std::string(c.license);
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace kindly
