#include "speech/FestivalEngine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "platform/AtomicFile.hpp"
#include "platform/Paths.hpp"
#include "platform/RunProgram.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

constexpr const char* kProgram = "festival";
constexpr const char* kPreferredVoice = "cmu_us_slt_arctic_hts";
/// At rate 1.0 the HTS voice speaks 15% slower than its own default: a calm pace.
constexpr double kCalmRate = 0.85;

fs::path voicesDir() {
    const char* custom = std::getenv("KINDLY_FESTIVAL_VOICES");  // for tests and unusual installs
    return custom && *custom ? fs::path(custom) : fs::path("/usr/share/festival/voices");
}

/// A Scheme string literal: the text itself can never become code.
std::string schemeString(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string FestivalEngine::version() const {
    static const std::string version = [] {
        // Asking `festival --version` starts Festival (a tenth of a second before every first
        // sound), so the answer is kept in the cache with the program's size and time: a
        // festival that changed is asked again.
        const auto program = findProgram(kProgram);
        std::error_code ec;
        std::string key;
        if (program) {
            const auto size = fs::file_size(*program, ec);
            const auto time = fs::last_write_time(*program, ec).time_since_epoch().count();
            if (!ec) key = std::to_string(size) + "\t" + std::to_string(time) + "\t" + fs::canonical(*program, ec).string();
        }
        const fs::path remembered = cacheDir() / "festival-version";
        if (!key.empty()) {
            std::ifstream in(remembered);
            std::string line;
            if (std::getline(in, line) && line.rfind(key + "\t", 0) == 0) {
                std::string v = line.substr(key.size() + 1);
                if (v.rfind("festival-", 0) == 0 && v.size() > 9 && v.size() < 64 && v.find_first_of(" \t") == std::string::npos) return v;
            }
        }
        // `festival --version` says "Festival Speech Synthesis System: 2.5.0:release December 2017".
        std::string line;
        if (FILE* p = popen("festival --version 2>/dev/null", "r")) {
            char text[256] = {};
            if (std::fgets(text, sizeof text, p)) line = text;
            pclose(p);
        }
        const auto at = line.find(": ");
        std::string v = at == std::string::npos ? line : line.substr(at + 2);
        v.resize(std::min(v.size(), v.find_first_of(": \n")));
        std::string named = "festival-" + (v.empty() ? std::string("unknown") : v);
        if (!key.empty() && !v.empty()) {
            std::string error;  // not kept: Festival is asked again next time
            fs::create_directories(remembered.parent_path(), ec);
            writeFileAtomically(remembered, key + "\t" + named + "\n", error);
        }
        return named;
    }();
    return version;
}

std::string FestivalEngine::unavailable() const {
    if (!programExists(kProgram)) return "festival is not installed (Debian: apt-get install festival festvox-us-slt-hts)";
    if (voices().empty()) return "festival has no voices installed (Debian: apt-get install festvox-us-slt-hts)";
    return {};
}

std::vector<std::string> FestivalEngine::voices() const {
    // voices/<language>/<voice>/: the voice's name is its folder's name.
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& language : fs::directory_iterator(voicesDir(), ec)) {
        std::error_code inner;
        for (const auto& voice : fs::directory_iterator(language.path(), inner)) {
            const std::string name = voice.path().filename().string();
            // Only names Festival's (voice_NAME) can take: a folder's name never becomes code.
            const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
                return std::isalnum(c) || c == '_';
            });
            if (voice.is_directory(inner) && plain) names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string FestivalEngine::defaultVoice(std::string_view) const {
    const auto all = voices();
    if (std::find(all.begin(), all.end(), kPreferredVoice) != all.end()) return kPreferredVoice;
    return all.empty() ? std::string() : all.front();
}

Synthesis FestivalEngine::synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) {
    Synthesis out;
    const std::string voice = choice.voice.empty() ? defaultVoice("") : choice.voice;
    if (!hasVoice(voice)) {
        out.error = "festival has no voice '" + voice + "'";
        return out;
    }
    ScratchDir scratch;
    if (scratch.path().empty()) {
        out.error = "cannot make a temporary folder for festival's output";
        return out;
    }
    char rate[32], stretch[32];
    std::snprintf(rate, sizeof rate, "%.4f", kCalmRate * choice.rate);
    std::snprintf(stretch, sizeof stretch, "%.4f", 1.0 / choice.rate);
    // HTS voices take their speed from hts_engine's "-r"; the others from Duration_Stretch.
    std::string program = "(voice_" + voice + ")\n(set! hts_engine_params (append hts_engine_params (list (list \"-r\" " +
                          rate + "))))\n(Parameter.set 'Duration_Stretch " + stretch + ")\n";
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        program += "(utt.save.wave (utt.synth (Utterance Text " + schemeString(phrases[i]) + ")) " +
                   schemeString(scratch.path() + "/" + std::to_string(i) + ".wav") + " 'riff)\n";
    }
    const auto limit = std::chrono::milliseconds(30000 + 10000 * static_cast<long long>(phrases.size()));
    const ProgramRun run = runProgram({kProgram, "--pipe"}, program, limit);
    if (!run.succeeded()) {
        out.error = std::string("festival ") + run.describe(limit);
        return out;
    }
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        Pcm pcm;
        std::string why;
        if (!readEnginePcm(scratch.path() + "/" + std::to_string(i) + ".wav", pcm, why)) {
            out.phrases.clear();
            const auto lastLine = run.errorOutput.rfind("ERROR");
            out.error = "festival could not synthesize \"" + phrases[i] + "\": " + why +
                        (lastLine != std::string::npos ? " (" + run.errorOutput.substr(lastLine, 120) + ")" : "");
            return out;
        }
        if (!out.phrases.empty() && pcm.rate != out.phrases.front().rate) {
            out.phrases.clear();
            out.error = "festival wrote phrases at different sample rates";
            return out;
        }
        out.phrases.push_back(std::move(pcm));
    }
    return out;
}

}  // namespace kindly
