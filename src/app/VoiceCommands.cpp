// `kindly voices` and `kindly say`: what an author needs to choose a voice in a second.

#include <toml++/toml.h>

#include <cctype>
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/Commands.hpp"
#include "app/InterruptGuard.hpp"
#include "platform/Language.hpp"
#include "platform/ScratchFolder.hpp"
#include "platform/Paths.hpp"
#include "script/Suggest.hpp"
#include "speech/SpeechEngines.hpp"

namespace kindly {
namespace fs = std::filesystem;

namespace {

void listEngine(SpeechEngine& engine, bool allVoices, std::ostream& out) {
    const std::string why = engine.unavailable();
    out << engine.name() << (engine.userDefined() ? tr(" (yours, from voices.toml)") : "");
    if (!why.empty()) {
        out << ": " << format(tr("not available here: %s"), why.c_str()) << "\n";
        return;
    }
    out << ": " << engine.version() << "\n";
    if (engine.followsLanguage()) {
        out << "  " << format(tr("the voice follows session.language (default for \"en\": %s)"), engine.defaultVoice("en").c_str())
            << "\n";
    } else {
        out << "  " << format(tr("default voice: %s"), engine.defaultVoice("en").c_str())
            << (engine.supportsPitch() ? "" : tr(" (no pitch change)")) << "\n";
    }
    const auto voices = engine.voices();
    const std::size_t shown = allVoices ? voices.size() : std::min<std::size_t>(voices.size(), 24);
    std::string line = std::string("  ") + tr("voices:");
    for (std::size_t i = 0; i < shown; ++i) {
        if (line.size() + voices[i].size() > 96) {
            out << line << "\n";
            line = "   ";
        }
        line += " " + voices[i];
    }
    if (shown < voices.size()) line += format(tr(" ... (%zu in all: kindly voices %s)"), voices.size(), engine.name().c_str());
    out << line << "\n";
}

/// True when `text` (UTF-8) has something a voice can say: a letter or a digit, in any script.
/// Spaces, punctuation, symbols and emoji alone are not words.
bool hasWords(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (std::isalnum(c)) return true;
            ++i;
            continue;
        }
        // A multibyte character: its code point, then whether it is a letter of some script
        // rather than punctuation (U+2000..U+2BFF), a symbol or emoji (U+1F000 and up) or a
        // variation selector (U+FE00..U+FE0F).
        const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        char32_t point = c & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F);
        for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k)
            point = (point << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
        i += static_cast<std::size_t>(length);
        const bool symbol = (point >= 0x2000 && point <= 0x2BFF) || (point >= 0x3000 && point <= 0x303F) ||
                            (point >= 0xFE00 && point <= 0xFE0F) || point >= 0x1F000 || point == 0xA0 ||
                            (point >= 0xA1 && point <= 0xBF) || point == 0xD7 || point == 0xF7;
        if (!symbol) return true;
    }
    return false;
}

}  // namespace

int runVoices(const VoicesArgs& args, std::ostream& out, std::ostream& err) {
    const SpeechEngines engines = SpeechEngines::onThisMachine();
    for (const auto& d : engines.problems().items()) err << formatDiagnostic(d) << "\n";
    if (!args.engine.empty()) {
        SpeechEngine* engine = engines.find(args.engine);
        if (!engine) {
            err << "kindly voices: " << format(tr("there is no voice engine '%s'"), args.engine.c_str())
                << didYouMean(args.engine, engines.names()) << " (" << tr("here:") << " ";
            for (const auto& n : engines.names()) err << n << (n == engines.names().back() ? ")\n" : ", ");
            return kExitUsage;
        }
        listEngine(*engine, true, out);
        return kExitOk;
    }
    for (SpeechEngine* engine : engines.all()) listEngine(*engine, false, out);
    out << "\n"
        << tr("A script chooses with [voice] engine = \"NAME\" and name = \"VOICE\"; `kindly say \"words\" --engine NAME --name "
              "VOICE` lets you hear one.")
        << "\n"
        << format(tr("Your own engines (Piper, ...) are defined in %s (see the README's \"Voices\")."), userVoicesFile().c_str())
        << "\n";
    // The list is shown all the same, but a voices.toml with errors is a failure to fix.
    return engines.problems().hasErrors() ? kExitInvalid : kExitOk;
}

int runSay(const SayArgs& args, std::ostream& out, std::ostream& err) {
    if (!hasWords(args.text)) {
        err << "kindly say: "
            << format(tr("there are no words to say in '%s': give it a phrase with letters or digits, like kindly say "
                         "\"Breathe in.\""),
                      args.text.c_str())
            << "\n";
        return kExitUsage;
    }
    {
        const SpeechEngines engines = SpeechEngines::onThisMachine();
        if (!engines.find(args.engine)) {
            err << "kindly say: " << format(tr("there is no voice engine '%s'"), args.engine.c_str())
                << didYouMean(args.engine, engines.names()) << " (" << tr("here:") << " ";
            for (const auto& n : engines.names()) err << n << (n == engines.names().back() ? ")\n" : ", ");
            return kExitUsage;
        }
    }
    // The phrase becomes a one-step script in a private folder, so it is spoken exactly as a
    // script with this [voice] would be: the same engines, fallbacks, cache and loudness.
    toml::table voice{{"engine", args.engine}, {"rate", args.rate}, {"pitch", args.pitch}};
    if (!args.name.empty()) voice.insert("name", args.name);
    toml::table step{{"id", "say"}, {"say", args.text}};
    toml::table script{{"kindly", 1},
                       {"session", toml::table{{"title", "kindly say"}, {"language", args.language}}},
                       {"voice", voice},
                       {"step", toml::array{step}}};
    InterruptGuard guard;  // held across the render or play below, so its folder is always removed
    const ScratchFolder scratch("kindly-say");
    const fs::path dir = scratch.path();
    if (dir.empty()) {
        err << "kindly say: " << tr("cannot make a temporary folder") << "\n";
        return kExitFailure;
    }
    const fs::path file = dir / "say.toml";
    {
        std::ofstream f(file);
        f << script << "\n";
    }
    std::ostringstream said;
    int status = 0;
    if (!args.output.empty()) {
        RenderArgs render;
        render.script = file;
        render.output = args.output;
        render.progress = false;
        status = runRender(render, out, said);
    } else {
        PlayArgs play;
        play.script = file;
        play.noWindow = true;
        play.device = args.device;
        play.silent = args.silent;
        status = runPlay(play, out, said);
    }
    // Its lines speak of the phrase, not of the temporary script behind it.
    std::string messages = said.str();
    const std::string prefix = file.string() + ":";
    for (auto at = messages.find(prefix); at != std::string::npos; at = messages.find(prefix, at)) {
        const auto colon = messages.find_first_not_of("0123456789:", at + prefix.size());
        if (colon == std::string::npos) break;
        messages.replace(at, colon - at, "kindly say:");
        at += 11;
    }
    err << messages;
    return status;
}

}  // namespace kindly
