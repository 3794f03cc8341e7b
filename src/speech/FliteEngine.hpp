#pragma once
// flite (CMU Flite, linked in): English, fast, 16 kHz. The default engine.

#include "speech/SpeechEngine.hpp"

namespace kindly {

class FliteEngine final : public SpeechEngine {
public:
    std::string name() const override { return "flite"; }
    std::string version() const override;
    std::vector<std::string> voices() const override;
    bool hasVoice(std::string_view name) const override;
    std::string defaultVoice(std::string_view) const override { return "slt"; }
    Synthesis synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) override;
};

}  // namespace kindly
