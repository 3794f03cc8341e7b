#include "kiosk/KioskConfig.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/Pin.hpp"
#include "platform/Paths.hpp"
#include "script/Suggest.hpp"
#include "platform/Language.hpp"
#include "script/SafeNames.hpp"
#include "script/TableReader.hpp"
#include "script/TomlFile.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxConfigBytes = std::uintmax_t{1024} * 1024;

class ConfigReader {
public:
    ConfigReader(const toml::table& root, const fs::path& file, Diagnostics& d, ConfigUse use) : root_(root), d_(d), use_(use) {
        config_.file = file;
    }

    KioskConfig run() {
        TableReader top(root_, tr("the kiosk config"), d_, {"kindly_kiosk", "kiosk", "volume", "session", "schedule", "voice", "exit"});
        readVersion(top);
        readKiosk(top);
        readVolume(top);
        readSessions(top);
        readSchedule(top);
        readVoice(top);
        readExit(top);
        top.reportUnknownKeys();
        return std::move(config_);
    }

private:
    const toml::table& root_;
    Diagnostics& d_;
    ConfigUse use_;
    KioskConfig config_;

    const toml::table* sub(TableReader& top, std::string_view key) {
        const toml::node* n = top.node(key);
        if (!n) return nullptr;
        if (const auto* t = n->as_table()) return t;
        top.wrongType(key, "a table ([" + std::string(key) + "])");
        return nullptr;
    }

    void readVersion(TableReader& top) {
        if (!top.has("kindly_kiosk")) {
            d_.error({1, 1}, tr("missing 'kindly_kiosk = 1' (the kiosk config format version) at the top"));
            return;
        }
        const auto version = top.integer("kindly_kiosk", 0, 1000);
        if (version && *version != 1)
            top.error("kindly_kiosk", format(tr("unsupported kiosk config version %s; this Kindly reads 1"), std::to_string(*version).c_str()));
    }

    void readKiosk(TableReader& top) {
        const fs::path base = config_.file.parent_path();
        if (const toml::table* t = sub(top, "kiosk")) {
            TableReader r(*t, "[kiosk]", d_, {"title", "message", "idle_timeout", "library", "display", "language"});
            if (auto v = r.string("language")) {
                if (isLanguageTag(*v)) config_.language = *v;
                else r.error("language", format(tr("'language' in [kiosk] must be a language tag such as \"en\", \"de\" or "
                                                   "\"pt-BR\", not \"%s\""),
                                                v->c_str()));
            }
            if (auto v = r.integer("display", 1, 16)) config_.display = static_cast<int>(*v);
            if (auto v = r.string("title")) config_.title = *v;
            if (auto v = r.string("message", true)) config_.message = *v;
            if (auto v = r.duration("idle_timeout")) {
                if (*v < 10 * kNanosPerSecond || *v > kNanosPerHour)
                    r.error("idle_timeout", tr("idle_timeout must be between 10s and 1h"));
                else
                    config_.idleTimeout = *v;
            }
            std::vector<SourcePos> at;
            if (auto folders = r.stringArray("library", &at)) {
                for (std::size_t i = 0; i < folders->size(); ++i) {
                    const std::string& folder = (*folders)[i];
                    std::error_code ec;
                    const fs::path path = fs::weakly_canonical(base / folder, ec);
                    if (ec || !fs::is_directory(path, ec)) {
                        const bool exists = !ec && fs::exists(path, ec);
                        d_.error(i < at.size() ? at[i] : r.pos("library"),
                                 format(exists ? tr("the library folder '%s' is a file, not a folder (%s)")
                                               : tr("the library folder '%s' does not exist (%s)"),
                                        folder.c_str(), (base / folder).c_str()));
                        continue;
                    }
                    config_.library.push_back(path);
                }
            }
            r.reportUnknownKeys();
        }
        if (config_.library.empty()) {  // nothing said: the bundled sessions
            if (const auto data = bundledDataDir()) {
                std::error_code ec;
                config_.library.push_back(fs::weakly_canonical(*data / "scripts", ec));
            }
        }
    }

    void readVolume(TableReader& top) {
        const toml::table* t = sub(top, "volume");
        if (!t) return;
        TableReader r(*t, "[volume]", d_, {"default", "min", "max"});
        if (auto v = r.number("min", 0, 1, "")) config_.volumeMin = *v;
        if (auto v = r.number("max", 0, 1, "")) config_.volumeMax = *v;
        if (auto v = r.number("default", 0, 1, "")) config_.volume = *v;
        if (config_.volumeMin > config_.volumeMax)
            r.error(r.has("min") ? "min" : "max", tr("[volume] min is above max"));
        else if (config_.volume < config_.volumeMin || config_.volume > config_.volumeMax)
            r.error(r.has("default") ? "default" : "max", tr("[volume] default must lie between min and max"));
        r.reportUnknownKeys();
    }

    void readSessions(TableReader& top) {
        const toml::node* n = top.node("session");
        if (!n) {
            d_.error({1, 1}, tr("the kiosk offers no session: add at least one [[session]] with a script"));
            return;
        }
        const auto* array = n->as_array();
        if (!array || !n->is_array_of_tables()) {
            top.wrongType("session", "an array of tables ([[session]])");
            return;
        }
        for (const auto& element : *array) {
            TableReader r(*element.as_table(), "[[session]]", d_, {"script", "length"});
            KioskSession s;
            s.pos = r.tablePos();
            if (!r.requireKeys({"script"}, s.pos)) continue;
            auto script = r.string("script");
            if (!script) continue;
            s.script = *script;
            s.pos = r.pos("script");
            if (auto length = r.duration("length")) s.length = *length;
            if (auto found = findScript(*script, r)) s.file = *found;
            else continue;
            r.reportUnknownKeys();
            const auto same = std::find_if(config_.sessions.begin(), config_.sessions.end(),
                                           [&](const KioskSession& k) { return k.file == s.file; });
            if (same != config_.sessions.end())
                d_.warning(s.pos, format(tr("'%s' is offered twice (also at line %d): the home screen shows it twice"),
                                         s.script.c_str(), same->pos.line));
            config_.sessions.push_back(std::move(s));
        }
    }

    /// A script by its name inside a library folder; never outside one (absolute paths, ".."
    /// and symlinks that lead out are refused).
    std::optional<fs::path> findScript(const std::string& name, TableReader& r) {
        const fs::path relative(name);
        if (relative.is_absolute() || std::any_of(relative.begin(), relative.end(), [](const fs::path& p) { return p == ".."; })) {
            r.error("script", format(tr("'%s' is outside the library: name a script inside a library folder, without '..' or "
                                        "an absolute path"),
                                     name.c_str()));
            return std::nullopt;
        }
        std::vector<std::string> known;
        for (const auto& folder : config_.library) {
            std::error_code ec;
            const fs::path candidate = folder / relative;
            if (fs::is_regular_file(candidate, ec)) {
                const fs::path real = fs::canonical(candidate, ec);
                if (ec || !isInside(real, folder)) {
                    r.error("script", format(tr("'%s' leads outside the library folder %s (a symlink)"), name.c_str(), folder.c_str()));
                    return std::nullopt;
                }
                return real;
            }
            for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
                if (it->path().extension() == ".toml") known.push_back(it->path().filename().string());
        }
        std::string libraries;
        for (const auto& folder : config_.library) libraries += (libraries.empty() ? "" : ", ") + folder.string();
        r.error("script", format(tr("no script '%s' in the library (%s)"), name.c_str(), libraries.c_str()) + didYouMean(name, known));
        return std::nullopt;
    }

    void readSchedule(TableReader& top) {
        const toml::table* t = sub(top, "schedule");
        if (!t) {
            if (use_ == ConfigUse::Desk && !top.has("schedule"))
                d_.error({1, 1}, tr("missing [schedule]: `kindly breaks` needs times = [\"10:30\"] or every = \"1h\" with opening hours"));
            return;
        }
        TableReader r(*t, "[schedule]", d_, {"times", "every", "opening", "session", "announce", "postpone"});
        BreakSchedule& s = config_.schedule;
        std::vector<SourcePos> at;
        if (auto times = r.stringArray("times", &at)) {
            for (std::size_t i = 0; i < times->size(); ++i) {
                const std::string& text = (*times)[i];
                const auto m = parseTimeOfDay(text);
                if (!m) d_.error(at[i], format(tr("'%s' is not a time of day like \"10:30\" (24-hour HH:MM)"), text.c_str()));
                else if (std::find(s.times.begin(), s.times.end(), *m) != s.times.end())
                    d_.warning(at[i], format(tr("the break at %s is listed twice"), text.c_str()));
                else s.times.push_back(*m);
            }
            std::sort(s.times.begin(), s.times.end());
        }
        if (auto every = r.duration("every")) {
            if (*every < kNanosPerMinute || *every > 24 * kNanosPerHour) r.error("every", tr("every must be between 1m and 24h"));
            else s.every = *every;
        }
        if (auto opening = r.stringArray("opening")) {
            const auto from = opening->size() == 2 ? parseTimeOfDay((*opening)[0]) : std::nullopt;
            const auto until = opening->size() == 2 ? parseTimeOfDay((*opening)[1]) : std::nullopt;
            if (!from || !until || *from == *until)
                r.error("opening", tr("opening must be two different times of day, like [\"08:00\", \"18:00\"]"));
            else
                s.opening = std::make_pair(*from, *until);
        }
        if (s.every && !s.opening && r.has("every"))
            r.error("every", tr("a break every so often needs opening hours: add opening = [\"08:00\", \"18:00\"]"));
        if (auto announce = r.duration("announce")) {
            if (*announce > 10 * kNanosPerMinute) r.error("announce", tr("announce must be at most 10m"));
            else s.announce = *announce;
        }
        if (auto postpone = r.duration("postpone")) {
            if (*postpone < kNanosPerMinute || *postpone > 2 * kNanosPerHour) r.error("postpone", tr("postpone must be between 1m and 2h"));
            else s.postpone = *postpone;
        }
        if (auto session = r.string("session")) {
            const bool offered = std::any_of(config_.sessions.begin(), config_.sessions.end(),
                                             [&](const KioskSession& k) { return k.script == *session; });
            std::vector<std::string> scripts;
            for (const auto& k : config_.sessions) scripts.push_back(k.script);
            if (!offered)
                r.error("session", format(tr("'%s' is not one of the [[session]] scripts"), session->c_str()) + didYouMean(*session, scripts));
            else s.session = *session;
        } else if (!config_.sessions.empty()) {
            s.session = config_.sessions.front().script;
        }
        if (s.empty() && (use_ == ConfigUse::Desk || r.has("opening") || r.has("session") || r.has("announce")))
            d_.error(r.tablePos(), tr("[schedule] has no breaks: add times = [\"10:30\"] or every = \"1h\""));
        r.reportUnknownKeys();
    }

    void readVoice(TableReader& top) {
        const toml::table* t = sub(top, "voice");
        if (!t) return;
        TableReader r(*t, "[voice]", d_, {"engines"});
        if (auto engines = r.stringArray("engines")) config_.voiceEngines = *engines;
        r.reportUnknownKeys();
    }

    void readExit(TableReader& top) {
        const toml::table* t = sub(top, "exit");
        if (!t) {
            if (use_ == ConfigUse::Desk) return;  // a desk's break window is not locked
            d_.error({1, 1}, tr("missing [exit] with a pin_hash: make one with `kindly kiosk --hash-pin`"));
            return;
        }
        TableReader r(*t, "[exit]", d_, {"chord", "pin_hash", "pin"});
        if (r.has("pin")) r.error("pin", tr("the PIN is never stored in clear: put its hash in pin_hash (`kindly kiosk --hash-pin`)"));
        if (auto chord = r.string("chord")) {
            const std::string why = checkChord(*chord);
            if (!why.empty()) r.error("chord", why);
            else config_.chord = *chord;
        }
        if (!r.requireKeys({"pin_hash"}, r.tablePos())) {
            d_.note(r.tablePos(), tr("make one with `kindly kiosk --hash-pin` (it reads the PIN from standard input)"));
        } else if (auto hash = r.string("pin_hash")) {
            if (!wellFormedPinHash(*hash))
                r.error("pin_hash", tr("pin_hash is not a hash made by `kindly kiosk --hash-pin` (pbkdf2-sha256$...)"));
            else
                config_.pinHash = *hash;
        }
        r.reportUnknownKeys();
    }
};

}  // namespace

std::optional<MinuteOfDay> parseTimeOfDay(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string checkChord(std::string_view chord) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : chord) {
        if (c == '+') {
            parts.push_back(part);
            part.clear();
        } else {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    parts.push_back(part);
    int modifiers = 0;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i] != "ctrl" && parts[i] != "alt" && parts[i] != "shift" && parts[i] != "super")
            return "'" + parts[i] + "' is not a modifier (ctrl, alt, shift, super) in the chord \"" + std::string(chord) + "\"";
        ++modifiers;
    }
    const std::string& key = parts.back();
    const bool letterOrDigit = key.size() == 1 && std::isalnum(static_cast<unsigned char>(key[0]));
    const bool function = key.size() >= 2 && key.size() <= 3 && key[0] == 'f' &&
                          std::all_of(key.begin() + 1, key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
                          std::stoi(key.substr(1)) >= 1 && std::stoi(key.substr(1)) <= 12;
    if (!letterOrDigit && !function)
        return "the chord \"" + std::string(chord) + "\" must end in one key: a letter, a digit or F1..F12";
    if (modifiers < 2) return "the chord \"" + std::string(chord) + "\" needs at least two modifiers, so a passer-by does not press it";
    return {};
}

KioskConfigLoad loadKioskConfigText(std::string_view text, const fs::path& file, ConfigUse use) {
    KioskConfigLoad result{std::nullopt, Diagnostics(file.string())};
    if (text.size() > kMaxConfigBytes) {
        result.diagnostics.error({}, tr("the file is larger than 1 MiB; is it really a kiosk config?"));
        return result;
    }
    auto root = parseToml(text, file, result.diagnostics);
    if (!root) return result;
    KioskConfig config = ConfigReader(*root, file, result.diagnostics, use).run();
    result.diagnostics.sortByPosition();
    if (!result.diagnostics.hasErrors()) result.config = std::move(config);
    return result;
}

KioskConfigLoad loadKioskConfig(const fs::path& file, ConfigUse use) {
    KioskConfigLoad result{std::nullopt, Diagnostics(file.string())};
    auto text = readTextFile(file, kMaxConfigBytes, tr("the kiosk config"), result.diagnostics);
    if (!text) {
        result.unreadable = true;
        return result;
    }
    return loadKioskConfigText(*text, file, use);
}

KioskConfigLoad defaultDeskConfig() {
    constexpr std::string_view kDefault = R"(kindly_kiosk = 1
[[session]]
script = "three-minute-break.toml"
length = "3m"
[schedule]
every = "1h"
opening = ["09:00", "17:00"]
)";
    return loadKioskConfigText(kDefault, "(the default break schedule)", ConfigUse::Desk);
}

void preferTranslatedSessions(KioskConfig& config, const std::string& language) {
    const std::string primary = primaryLanguage(language);
    if (primary.empty() || primary == "en") return;
    for (KioskSession& session : config.sessions) {
        const fs::path translated = session.file.parent_path() / (session.file.stem().string() + "." + primary + ".toml");
        std::error_code ec;
        // Beside the original, so inside the same library folder; a symlink that leads out is not taken.
        if (fs::is_regular_file(translated, ec) && isInside(fs::canonical(translated, ec), session.file.parent_path()) && !ec)
            session.file = translated;
    }
}

}  // namespace kindly
