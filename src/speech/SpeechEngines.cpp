#include "speech/SpeechEngines.hpp"

#include "platform/Language.hpp"

#include <algorithm>
#include <cctype>

#include "platform/Paths.hpp"
#include "script/SafeNames.hpp"
#include "script/TableReader.hpp"
#include "script/TomlFile.hpp"
#include "speech/EspeakEngine.hpp"
#include "speech/FestivalEngine.hpp"
#include "speech/FliteEngine.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxVoicesFileBytes = std::uintmax_t{256} * 1024;

bool validEngineName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

/// Where a program named in voices.toml is: a bare name ("piper") on PATH; a path with a '/'
/// against voices.toml's own folder, so it does not depend on the folder Kindly runs in.
std::string programIn(const std::string& program, const fs::path& folder) {
    if (program.find('/') == std::string::npos || fs::path(program).is_absolute()) return program;
    return (folder / program).lexically_normal().string();
}

void readEngine(const std::string& name, const toml::node& node, const fs::path& folder, UserEnginesLoad& load) {
    const auto* table = node.as_table();
    if (!table) {
        load.diagnostics.error(toPos(node.source()), format(tr("engine '%s' must be a table ([engine.%s])"), name.c_str(), name.c_str()));
        return;
    }
    TableReader r(*table, "[engine." + name + "]", load.diagnostics,
                  {"command", "voices", "default_voice", "timeout", "version", "languages"});
    CommandEngineSpec spec;
    spec.name = name;
    bool ok = true;
    if (!validEngineName(name)) {
        r.error("command", format(tr("engine name '%s' may hold only letters, digits, '-' and '_'"), name.c_str()));
        ok = false;
    }
    for (const char* builtin : {"flite", "espeak-ng", "festival"}) {
        if (name == builtin) {
            load.diagnostics.error(r.tablePos(), format(tr("'%s' is one of Kindly's own engines; give yours another name"), name.c_str()));
            ok = false;
        }
    }
    std::vector<SourcePos> commandAt;
    if (auto command = r.stringArray("command", &commandAt)) {
        spec.command = *command;
        bool output = false;
        for (const auto& part : spec.command) output = output || part.find("{output}") != std::string::npos;
        std::error_code ec;
        if (spec.command.empty() || spec.command.front().empty()) {
            r.error("command", tr("'command' needs the program to run, then its arguments"));
            ok = false;
        } else if (!output) {
            r.error("command", tr("'command' must say where the WAV goes: an argument with {output}"));
            ok = false;
        } else {
            spec.command.front() = programIn(spec.command.front(), folder);
            if (fs::is_directory(spec.command.front(), ec)) {
                load.diagnostics.error(commandAt.empty() ? r.pos("command") : commandAt.front(),
                                       format(tr("the program of [engine.%s] is a folder, not a program: %s"), name.c_str(),
                                              spec.command.front().c_str()));
                ok = false;
            }
        }
    } else {
        if (!r.has("command")) load.diagnostics.error(r.tablePos(), format(tr("[engine.%s] needs 'command'"), name.c_str()));
        ok = false;
    }
    // Voice names reach the engine's command line ({voice}): plain names only.
    const std::string plain = tr(" may hold only letters, digits, '-', '_' and '.', and start with a letter or a digit");
    std::vector<SourcePos> voiceAt;
    if (auto voices = r.stringArray("voices", &voiceAt)) {
        for (std::size_t i = 0; i < voices->size(); ++i) {
            if (isPlainName((*voices)[i])) continue;
            const std::string message = format(tr("the voice '%s' in [engine.%s] voices"), (*voices)[i].c_str(), name.c_str()) + plain;
            load.diagnostics.error(i < voiceAt.size() ? voiceAt[i] : r.pos("voices"), message);
            ok = false;
        }
        spec.voices = *voices;
    }
    if (auto v = r.string("default_voice")) {
        spec.defaultVoice = *v;
        if (!isPlainName(*v)) {
            r.error("default_voice", format(tr("'default_voice' '%s' in [engine.%s]"), v->c_str(), name.c_str()) + plain);
            ok = false;
        } else if (spec.voices.empty()) {
            spec.voices = {*v};  // its only voice
        } else if (std::find(spec.voices.begin(), spec.voices.end(), *v) == spec.voices.end()) {
            std::string voices;
            for (const auto& voice : spec.voices) voices += (voices.empty() ? "" : ", ") + voice;
            r.error("default_voice", format(tr("'default_voice' '%s' in [engine.%s] is not one of its voices (%s)"), v->c_str(),
                                           name.c_str(), voices.c_str()));
            ok = false;
        }
    }
    if (auto t = r.duration("timeout")) {
        if (*t < kNanosPerSecond / 10) {
            r.error("timeout", tr("'timeout' must be at least 100ms"));
            ok = false;
        } else {
            spec.timeout = std::chrono::milliseconds(*t / 1'000'000);
        }
    }
    if (auto v = r.string("version")) spec.version = *v;
    std::vector<SourcePos> languageAt;
    if (auto languages = r.stringArray("languages", &languageAt)) {
        for (std::size_t i = 0; i < languages->size(); ++i) {
            if (isLanguageTag((*languages)[i])) continue;
            load.diagnostics.error(i < languageAt.size() ? languageAt[i] : r.pos("languages"),
                                   format(tr("'%s' in [engine.%s] languages is not a language tag such as \"de\" or \"pt-BR\""),
                                          (*languages)[i].c_str(), name.c_str()));
            ok = false;
        }
        spec.languages = *languages;
    }
    r.reportUnknownKeys();
    if (ok) load.engines.push_back(std::move(spec));
}

}  // namespace

fs::path userVoicesFile() { return configDir() / "voices.toml"; }

UserEnginesLoad loadUserEnginesText(std::string_view text, const fs::path& file) {
    UserEnginesLoad load{{}, Diagnostics(file.string())};
    auto root = parseToml(text, file, load.diagnostics);
    if (!root) return load;
    TableReader top(*root, "voices.toml", load.diagnostics, {"engine"});
    if (const toml::node* engines = top.node("engine")) {
        if (const auto* table = engines->as_table()) {
            for (const auto& [key, node] : *table) readEngine(std::string(key.str()), node, file.parent_path(), load);
        } else {
            top.wrongType("engine", "tables, one per engine ([engine.NAME])");
        }
    }
    top.reportUnknownKeys();
    if (load.diagnostics.hasErrors()) load.engines.clear();
    return load;
}

UserEnginesLoad loadUserEngines(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return {{}, Diagnostics(file.string())};
    Diagnostics d(file.string());
    auto text = readTextFile(file, kMaxVoicesFileBytes, tr("the voices file"), d);
    if (!text) return {{}, std::move(d)};
    return loadUserEnginesText(*text, file);
}

namespace {

/// Kindly's own engines: one of each for the whole program (flite and espeak-ng keep global state).
std::vector<SpeechEngine*> builtinEngines() {
    static FliteEngine flite;
    static EspeakEngine espeak;
    static FestivalEngine festival;
    return {&flite, &espeak, &festival};
}

}  // namespace

SpeechEngines::SpeechEngines(std::vector<CommandEngineSpec> user) : builtin_(builtinEngines()) {
    for (auto& spec : user) user_.push_back(std::make_shared<CommandEngine>(std::move(spec)));
}

SpeechEngines SpeechEngines::onThisMachine() {
    UserEnginesLoad load = loadUserEngines(userVoicesFile());
    SpeechEngines engines(std::move(load.engines));
    engines.problems_ = std::move(load.diagnostics);
    return engines;
}

SpeechEngine* SpeechEngines::find(std::string_view name) const {
    for (auto* e : all())
        if (e->name() == name) return e;
    return nullptr;
}

SpeechEngine* SpeechEngines::forLanguage(std::string_view language) const {
    const auto lower = [](std::string_view tag) {
        std::string out(tag);
        for (char& ch : out) ch = ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
    };
    const std::string wanted = lower(language);
    for (const auto& engine : user_) {
        const auto* command = dynamic_cast<const CommandEngine*>(engine.get());
        if (!command) continue;
        for (const std::string& tag : command->languages()) {
            const std::string served = lower(tag);
            // "de" serves "de-AT" too; "de-AT" serves only itself.
            if (wanted == served || (wanted.size() > served.size() && wanted.compare(0, served.size(), served) == 0 &&
                                     wanted[served.size()] == '-'))
                return engine.get();
        }
    }
    return nullptr;
}

SpeechEngine& SpeechEngines::flite() const { return *builtin_.front(); }

std::vector<SpeechEngine*> SpeechEngines::all() const {
    std::vector<SpeechEngine*> engines = builtin_;
    for (const auto& e : user_) engines.push_back(e.get());
    return engines;
}

std::vector<std::string> SpeechEngines::names() const {
    std::vector<std::string> names;
    for (auto* e : all()) names.push_back(e->name());
    return names;
}

}  // namespace kindly
