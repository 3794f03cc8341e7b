#include "speech/EspeakEngine.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <set>

namespace kindly {
namespace {

/// espeak-ng's own default is 175 words a minute; 145 is a calm pace for guided practice.
constexpr double kCalmWordsPerMinute = 145.0;

// espeak-ng keeps one global synthesizer: one caller at a time.
std::mutex& espeakMutex() {
    static std::mutex m;
    return m;
}

/// The sample rate, or 0 when espeak-ng cannot start (no data files). Call with the mutex held.
int initialized() {
    static const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    return rate > 0 ? rate : 0;
}


int collect(short* wav, int count, espeak_EVENT* events) {
    if (wav && count > 0 && events) {
        auto* samples = static_cast<std::vector<short>*>(events->user_data);
        samples->insert(samples->end(), wav, wav + count);
    }
    return 0;  // go on
}

/// Each voice's languages (priority byte + name, ...), and the variants. Call with the mutex held.
struct VoiceList {
    std::vector<std::string> languages;
    std::vector<std::string> variants;
};

const VoiceList& voiceList() {
    static const VoiceList list = [] {
        VoiceList l;
        if (!initialized()) return l;
        std::set<std::string> languages;
        for (const espeak_VOICE** v = espeak_ListVoices(nullptr); v && *v; ++v) {
            // "languages": pairs of a priority byte and a NUL-terminated name, ending with a 0 byte.
            for (const char* p = (*v)->languages; p && *p; p += std::strlen(p + 1) + 2) languages.insert(p + 1);
        }
        l.languages.assign(languages.begin(), languages.end());
        espeak_VOICE spec{};
        spec.languages = "variant";
        std::set<std::string> variants;
        for (const espeak_VOICE** v = espeak_ListVoices(&spec); v && *v; ++v) {
            std::string id = (*v)->identifier ? (*v)->identifier : "";
            const auto slash = id.rfind('/');
            if (slash != std::string::npos) id = id.substr(slash + 1);
            if (!id.empty()) variants.insert(id);
        }
        l.variants.assign(variants.begin(), variants.end());
        return l;
    }();
    return list;
}

}  // namespace

std::string EspeakEngine::version() const {
    std::lock_guard lock(espeakMutex());
    return std::string("espeak-ng-") + espeak_Info(nullptr);
}

std::string EspeakEngine::unavailable() const {
    std::lock_guard lock(espeakMutex());
    return initialized() ? std::string() : "espeak-ng cannot find its data (install the espeak-ng-data package)";
}

std::vector<std::string> EspeakEngine::voices() const {
    std::lock_guard lock(espeakMutex());
    std::vector<std::string> names = voiceList().languages;
    for (const auto& v : voiceList().variants) names.push_back("+" + v);
    return names;
}

bool EspeakEngine::hasVoice(std::string_view name) const {
    std::lock_guard lock(espeakMutex());
    if (!initialized() || name.empty()) return false;
    // Asking espeak-ng itself: it knows voices by name, file and language, with "+variant".
    const std::string text(name);
    if (text.find_first_of("\"'\\ /") != std::string::npos) return false;
    return espeak_SetVoiceByName(text.c_str()) == EE_OK;
}

std::string EspeakEngine::defaultVoice(std::string_view language) const {
    std::lock_guard lock(espeakMutex());
    if (!initialized()) return {};
    std::string lower(language);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::replace(lower.begin(), lower.end(), '_', '-');
    const auto& languages = voiceList().languages;
    // "fr-CA" takes fr-ca if espeak-ng has it, else fr.
    for (std::string tryName = lower; !tryName.empty();) {
        if (std::find(languages.begin(), languages.end(), tryName) != languages.end()) return tryName;
        const auto dash = tryName.rfind('-');
        tryName = dash == std::string::npos ? std::string() : tryName.substr(0, dash);
    }
    return {};
}

Synthesis EspeakEngine::synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) {
    Synthesis out;
    std::lock_guard lock(espeakMutex());
    const int rate = initialized();
    if (!rate) {
        out.error = "espeak-ng cannot find its data (install the espeak-ng-data package)";
        return out;
    }
    if (espeak_SetVoiceByName(choice.voice.c_str()) != EE_OK) {
        out.error = "espeak-ng has no voice '" + choice.voice + "'";
        return out;
    }
    espeak_SetSynthCallback(collect);
    const double wpm = std::clamp(kCalmWordsPerMinute * choice.rate, double(espeakRATE_MINIMUM), double(espeakRATE_MAXIMUM));
    espeak_SetParameter(espeakRATE, static_cast<int>(std::lround(wpm)), 0);
    // espeak-ng's pitch is 0..100 around 50; about four steps to a semitone over its range.
    espeak_SetParameter(espeakPITCH, static_cast<int>(std::lround(std::clamp(50.0 + choice.pitch * 50.0 / 12.0, 0.0, 100.0))), 0);
    for (const auto& phrase : phrases) {
        Pcm pcm;
        pcm.rate = rate;
        const espeak_ERROR e = espeak_Synth(phrase.c_str(), phrase.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                            nullptr, &pcm.samples);
        if (e != EE_OK || espeak_Synchronize() != EE_OK) {
            out.phrases.clear();
            out.error = "espeak-ng could not synthesize: " + phrase;
            return out;
        }
        out.phrases.push_back(std::move(pcm));
    }
    return out;
}

}  // namespace kindly
