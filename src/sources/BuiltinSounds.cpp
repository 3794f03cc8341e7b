#include "sources/BuiltinSounds.hpp"

namespace kindly {

const std::vector<BuiltinSound>& builtinSounds() {
    static const std::vector<BuiltinSound> sounds = {
        {"bowl", BuiltinKind::Bell, "bells/bowl.flac"},
        {"chime", BuiltinKind::Bell, "bells/chime.flac"},
        {"gong", BuiltinKind::Bell, "bells/gong.flac"},
        {"rain", BuiltinKind::Bed, "ambient/rain.ogg"},
        {"stream", BuiltinKind::Bed, "ambient/stream.ogg"},
        {"wind", BuiltinKind::Bed, "ambient/wind.ogg"},
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

}  // namespace kindly
