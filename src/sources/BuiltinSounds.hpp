#pragma once
// The built-in sounds a script can name: bells and ambient beds shipped as files under the
// bundled data's audio/ folder, and noises the engine generates. A name never changes
// meaning once shipped.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

enum class BuiltinKind { Bell, Bed, Noise };
enum class NoiseColor { White, Pink, Brown };

struct BuiltinSound {
    std::string_view name;
    BuiltinKind kind;
    std::string_view file;  ///< relative to the data dir's audio/ folder; empty for noises
    NoiseColor noise = NoiseColor::White;
};

const std::vector<BuiltinSound>& builtinSounds();
const BuiltinSound* findBuiltinSound(std::string_view name);
std::vector<std::string> builtinSoundNames();

}  // namespace kindly
