// `kindly voices` and `kindly say`: what an author needs to choose a voice in a second.

#include <toml++/toml.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/Commands.hpp"
#include "platform/Paths.hpp"
#include "script/Suggest.hpp"
#include "speech/SpeechEngines.hpp"

namespace kindly {
namespace fs = std::filesystem;

namespace {

void listEngine(SpeechEngine& engine, bool allVoices, std::ostream& out) {
    const std::string why = engine.unavailable();
    out << engine.name() << (engine.userDefined() ? " (yours, from voices.toml)" : "");
    if (!why.empty()) {
        out << ": not available here: " << why << "\n";
        return;
    }
    out << ": " << engine.version() << "\n";
    if (engine.followsLanguage()) {
        out << "  the voice follows session.language (default for \"en\": " << engine.defaultVoice("en") << ")\n";
    } else {
        out << "  default voice: " << engine.defaultVoice("en") << (engine.supportsPitch() ? "" : " (no pitch change)") << "\n";
    }
    const auto voices = engine.voices();
    const std::size_t shown = allVoices ? voices.size() : std::min<std::size_t>(voices.size(), 24);
    std::string line = "  voices:";
    for (std::size_t i = 0; i < shown; ++i) {
        if (line.size() + voices[i].size() > 96) {
            out << line << "\n";
            line = "   ";
        }
        line += " " + voices[i];
    }
    if (shown < voices.size()) line += " ... (" + std::to_string(voices.size()) + " in all: kindly voices " + engine.name() + ")";
    out << line << "\n";
}

}  // namespace

int runVoices(const VoicesArgs& args, std::ostream& out, std::ostream& err) {
    const SpeechEngines engines = SpeechEngines::onThisMachine();
    for (const auto& d : engines.problems().items()) err << formatDiagnostic(d) << "\n";
    if (!args.engine.empty()) {
        SpeechEngine* engine = engines.find(args.engine);
        if (!engine) {
            err << "kindly voices: there is no voice engine '" << args.engine << "'" << didYouMean(args.engine, engines.names())
                << " (here: ";
            for (const auto& n : engines.names()) err << n << (n == engines.names().back() ? ")\n" : ", ");
            return kExitUsage;
        }
        listEngine(*engine, true, out);
        return kExitOk;
    }
    for (SpeechEngine* engine : engines.all()) listEngine(*engine, false, out);
    out << "\nA script chooses with [voice] engine = \"NAME\" and name = \"VOICE\"; `kindly say \"words\" --engine NAME "
           "--name VOICE` lets you hear one.\nYour own engines (Piper, ...) are defined in "
        << userVoicesFile().string() << " (see the README's \"Voices\").\n";
    // The list is shown all the same, but a voices.toml with errors is a failure to fix.
    return engines.problems().hasErrors() ? kExitInvalid : kExitOk;
}

int runSay(const SayArgs& args, std::ostream& out, std::ostream& err) {
    // The phrase becomes a one-step script in a private folder, so it is spoken exactly as a
    // script with this [voice] would be: the same engines, fallbacks, cache and loudness.
    toml::table voice{{"engine", args.engine}, {"rate", args.rate}, {"pitch", args.pitch}};
    if (!args.name.empty()) voice.insert("name", args.name);
    toml::table step{{"id", "say"}, {"say", args.text}};
    toml::table script{{"kindly", 1},
                       {"session", toml::table{{"title", "kindly say"}, {"language", args.language}}},
                       {"voice", voice},
                       {"step", toml::array{step}}};
    std::error_code ec;
    char pattern[] = "/tmp/kindly-say-XXXXXX";
    const fs::path dir = mkdtemp(pattern) ? fs::path(pattern) : fs::path();
    if (dir.empty()) {
        err << "kindly say: cannot make a temporary folder\n";
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
    fs::remove_all(dir, ec);
    return status;
}

}  // namespace kindly
