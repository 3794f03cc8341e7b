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

/// Who made a bundled recording, and under which license it is shipped (CC BY asks for this
/// credit wherever the app shows its credits: `kindly --credits`, the library's About view).
struct SoundCredit {
    std::string_view what;      ///< "steady rain"
    std::string_view author;    ///< "alex36917"
    std::string_view source;    ///< "freesound.org, sound 524605"
    std::string_view editedBy;  ///< empty when used as recorded
    std::string_view license;   ///< "CC BY 4.0", "CC0", "public domain"
};

struct BuiltinSound {
    std::string_view name;
    BuiltinKind kind;
    std::string_view file;  ///< relative to the data dir's audio/ folder; empty for noises
    NoiseColor noise = NoiseColor::White;
    /// Set for field recordings; synthesized sounds (tools/make-sounds.cpp) are Kindly's own.
    std::optional<SoundCredit> credit{};
};

const std::vector<BuiltinSound>& builtinSounds();
const BuiltinSound* findBuiltinSound(std::string_view name);
std::vector<std::string> builtinSoundNames();

/// The credits of every bundled recording, as lines to print (`kindly --credits`).
std::vector<std::string> soundCreditLines();

}  // namespace kindly
