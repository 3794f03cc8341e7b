#include "speech/FliteEngine.hpp"

#include <cmath>
#include <cstdlib>
#include <mutex>

extern "C" {
#include <flite/flite.h>
#include <flite/flite_version.h>
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
}

namespace kindly {
namespace {

/// At rate 1.0 flite speaks a quarter slower than its own default: a calm, unhurried pace.
constexpr double kCalmStretch = 1.25;

struct FliteVoice {
    const char* name;  ///< as a script names it ("slt"; "cmu_us_slt" works too)
    cst_voice* (*registerVoice)(const char*);
    cst_voice* voice = nullptr;
    float f0Mean = 0;  ///< the voice's own pitch, before a script's `pitch` moves it
};

// flite keeps global state and is not documented as thread-safe: one synthesis at a time.
std::mutex& fliteMutex() {
    static std::mutex m;
    return m;
}

std::vector<FliteVoice>& fliteVoices() {
    static std::vector<FliteVoice> voices = {
        {"slt", register_cmu_us_slt},  // the most natural of Debian's flite voices: first, the default
        {"rms", register_cmu_us_rms},
        {"awb", register_cmu_us_awb},
        {"kal16", register_cmu_us_kal16},
    };
    return voices;
}

std::string_view shortName(std::string_view name) {
    if (name.rfind("cmu_us_", 0) == 0) name.remove_prefix(7);
    return name;
}

/// The voice, loaded on first use. Call with fliteMutex held.
FliteVoice* voiceNamed(std::string_view name) {
    static const bool initialized = [] {
        flite_init();
        return true;
    }();
    (void)initialized;
    for (auto& v : fliteVoices()) {
        if (v.name != shortName(name)) continue;
        if (!v.voice) {
            v.voice = v.registerVoice(nullptr);
            if (v.voice) v.f0Mean = get_param_float(v.voice->features, "int_f0_target_mean", 100.0f);
        }
        return v.voice ? &v : nullptr;
    }
    return nullptr;
}

}  // namespace

std::string FliteEngine::version() const { return std::string("flite-") + FLITE_PROJECT_VERSION; }

std::vector<std::string> FliteEngine::voices() const {
    std::vector<std::string> names;
    for (const auto& v : fliteVoices()) names.emplace_back(v.name);
    return names;
}

bool FliteEngine::hasVoice(std::string_view name) const {
    for (const auto& v : fliteVoices())
        if (v.name == shortName(name)) return true;
    return false;
}

Synthesis FliteEngine::synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) {
    Synthesis out;
    std::lock_guard lock(fliteMutex());
    FliteVoice* v = voiceNamed(choice.voice.empty() ? "slt" : choice.voice);
    if (!v) {
        out.error = "the flite voice '" + choice.voice + "' could not be loaded";
        return out;
    }
    feat_set_float(v->voice->features, "duration_stretch", static_cast<float>(kCalmStretch / choice.rate));
    feat_set_float(v->voice->features, "int_f0_target_mean",
                   static_cast<float>(v->f0Mean * std::pow(2.0, choice.pitch / 12.0)));
    for (const auto& phrase : phrases) {
        // The voice's excitation mixes in noise from rand(): one seed for every phrase makes
        // a text sound the same whenever and in whatever order it is synthesized.
        std::srand(1);
        cst_wave* wave = flite_text_to_wave(phrase.c_str(), v->voice);
        if (!wave) {
            out.phrases.clear();
            out.error = "flite could not synthesize: " + phrase;
            return out;
        }
        Pcm pcm;
        pcm.rate = wave->sample_rate;
        if (wave->num_channels == 1) {
            pcm.samples.assign(wave->samples, wave->samples + wave->num_samples);
        } else {
            for (std::ptrdiff_t i = 0; i < wave->num_samples; ++i)
                pcm.samples.push_back(wave->samples[i * static_cast<std::ptrdiff_t>(wave->num_channels)]);
        }
        delete_wave(wave);
        out.phrases.push_back(std::move(pcm));
    }
    return out;
}

}  // namespace kindly
