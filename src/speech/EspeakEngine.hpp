#pragma once
// eSpeak NG (libespeak-ng, linked in): about 100 languages, 22.05 kHz. Its voice follows the
// script's session.language ("fr" speaks French) unless [voice] name gives one ("en-us+f3":
// a voice, and after "+" one of espeak-ng's variants).

#include "speech/SpeechEngine.hpp"

namespace kindly {

class EspeakEngine final : public SpeechEngine {
public:
    std::string name() const override { return "espeak-ng"; }
    std::string version() const override;
    std::string unavailable() const override;
    /// The languages (each a voice name), then "+VARIANT" for each variant.
    std::vector<std::string> voices() const override;
    bool hasVoice(std::string_view name) const override;
    std::string defaultVoice(std::string_view language) const override;
    bool followsLanguage() const override { return true; }
    Synthesis synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) override;
};

}  // namespace kindly
