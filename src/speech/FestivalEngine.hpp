#pragma once
// Festival (the `festival` program, Debian's festival package) with its voices under
// /usr/share/festival/voices; the default is the HTS voice cmu_us_slt_arctic_hts
// (festvox-us-slt-hts, 32 kHz, smoother than flite). English. One festival process speaks
// all the phrases of a step.

#include "speech/SpeechEngine.hpp"

namespace kindly {

class FestivalEngine final : public SpeechEngine {
public:
    std::string name() const override { return "festival"; }
    std::string version() const override;
    std::string unavailable() const override;
    std::vector<std::string> voices() const override;
    std::string defaultVoice(std::string_view) const override;
    /// Festival's HTS engine here takes no pitch shift.
    bool supportsPitch() const override { return false; }
    Synthesis synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) override;
};

}  // namespace kindly
