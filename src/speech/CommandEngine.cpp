#include "speech/CommandEngine.hpp"

#include <cstdio>

#include "platform/RunProgram.hpp"
#include "script/SafeNames.hpp"

namespace kindly {
namespace {

std::string replaced(std::string text, std::string_view key, const std::string& value) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

}  // namespace

CommandEngine::CommandEngine(CommandEngineSpec spec) : spec_(std::move(spec)) {
    if (spec_.voices.empty()) spec_.voices = {"default"};
    if (spec_.defaultVoice.empty()) spec_.defaultVoice = spec_.voices.front();
}

std::string CommandEngine::version() const {
    std::string v = "command-" + spec_.version;
    for (const auto& part : spec_.command) v += "|" + part;
    return v;
}

std::string CommandEngine::unavailable() const {
    if (spec_.command.empty() || !programExists(spec_.command.front()))
        return "its program '" + (spec_.command.empty() ? std::string() : spec_.command.front()) + "' is not installed";
    return {};
}

bool CommandEngine::uses(std::string_view placeholder) const {
    for (const auto& part : spec_.command)
        if (part.find(placeholder) != std::string::npos) return true;
    return false;
}

Synthesis CommandEngine::synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) {
    Synthesis out;
    ScratchDir scratch;
    if (scratch.path().empty()) {
        out.error = "cannot make a temporary folder for the engine's output";
        return out;
    }
    // What a script chose reaches the command line only in its strict form (script/SafeNames.hpp);
    // the script loader and the voice list check it first, and this holds whoever calls.
    if (!isLanguageTag(choice.language) || !isPlainName(choice.voice)) {
        out.error = "the voice engine '" + spec_.name + "' was not started: the language '" + choice.language +
                    "' or the voice '" + choice.voice + "' is not a plain tag or name";
        return out;
    }
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        const std::string wav = scratch.path() + "/" + std::to_string(i) + ".wav";
        std::vector<std::string> argv;
        for (const auto& part : spec_.command) {
            std::string a = replaced(part, "{output}", wav);
            a = replaced(a, "{voice}", choice.voice);
            a = replaced(a, "{rate}", number(choice.rate));
            a = replaced(a, "{pitch}", number(choice.pitch));
            argv.push_back(replaced(a, "{language}", choice.language));
        }
        const ProgramRun run = runProgram(argv, phrases[i] + "\n", spec_.timeout);
        const std::string who = "the voice engine '" + spec_.name + "' (" + spec_.command.front() + ")";
        if (!run.succeeded()) {
            out.phrases.clear();
            out.error = who + " " + run.describe(spec_.timeout);
            return out;
        }
        Pcm pcm;
        std::string why;
        if (!readEnginePcm(wav, pcm, why)) {
            out.phrases.clear();
            out.error = who;
            out.error += " failed: " + why;
            return out;
        }
        if (!out.phrases.empty() && pcm.rate != out.phrases.front().rate) {
            out.phrases.clear();
            out.error = who + " wrote phrases at different sample rates";
            return out;
        }
        out.phrases.push_back(std::move(pcm));
    }
    return out;
}

}  // namespace kindly
