#pragma once
// A kiosk's configuration (TOML, documented in the README's "Running a kiosk"): the sessions on
// offer, the home screen's words, the idle timeout, volume limits, the break schedule and the
// exit chord and PIN hash. Checked with the same compiler-style diagnostics as scripts.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "platform/Language.hpp"
#include "script/Diagnostic.hpp"
#include "script/Duration.hpp"

namespace kindly {

struct KioskSession {
    std::string script;               ///< as written: a file name inside a library folder
    std::filesystem::path file;       ///< where it was found
    std::optional<Nanos> length;
    SourcePos pos;
};

/// Minutes after local midnight, 0..1439.
using MinuteOfDay = int;

struct BreakSchedule {
    std::vector<MinuteOfDay> times;              ///< breaks at these times of day
    std::optional<Nanos> every;                  ///< and every so often within opening hours
    std::optional<std::pair<MinuteOfDay, MinuteOfDay>> opening;  ///< from, until (may cross midnight)
    std::string session;                         ///< the [[session]] a break plays (its script)
    Nanos announce = 30 * kNanosPerSecond;       ///< the notice before a break starts
    Nanos postpone = 10 * kNanosPerMinute;       ///< `kindly breaks`: how long "Later" puts a break off
    bool empty() const { return times.empty() && !every; }
};

struct KioskConfig {
    std::filesystem::path file;
    std::string title = N_("Take a short break");  ///< shown translated when it is this default
    std::string message = N_("Touch the screen to begin a few calm minutes.");
    /// [kiosk] language: the language of its screens for its visitors (a tag such as "de");
    /// empty: the system's locale. `--language` on the command line still wins.
    std::string language;
    Nanos idleTimeout = 2 * kNanosPerMinute;
    int display = 1;  ///< [kiosk] display: the screen it covers, 1 for the first
    std::vector<std::filesystem::path> library;  ///< folders (canonical); default: the bundled scripts
    double volume = 0.7, volumeMin = 0.0, volumeMax = 1.0;
    std::vector<KioskSession> sessions;
    BreakSchedule schedule;
    /// [voice] engines: the voice engines from the kiosk user's voices.toml its scripts may use;
    /// none unless named (a kiosk runs no command a script alone asks for).
    std::vector<std::string> voiceEngines;
    std::string chord = "ctrl+alt+shift+k";
    std::string pinHash;
};

/// What the config is read for: a kiosk (its [exit] PIN is required) or `kindly breaks` at a
/// desk (no lock, so no [exit]; a [schedule] is required).
enum class ConfigUse { Kiosk, Desk };

/// A kiosk in another language than English offers each session in that language where its
/// library has it: "name.LANG.toml" beside "name.toml" (the bundled sessions in German, French
/// and Spanish). Each session keeps its name as written, for the schedule and the usage log.
void preferTranslatedSessions(KioskConfig& config, const std::string& language);

struct KioskConfigLoad {
    std::optional<KioskConfig> config;  ///< set when there are no errors
    Diagnostics diagnostics;
    bool unreadable = false;            ///< the file could not be read at all
};

KioskConfigLoad loadKioskConfig(const std::filesystem::path& file, ConfigUse use = ConfigUse::Kiosk);
KioskConfigLoad loadKioskConfigText(std::string_view text, const std::filesystem::path& file, ConfigUse use = ConfigUse::Kiosk);

/// `kindly breaks` without a config: a three-minute break every hour from 09:00 to 17:00.
KioskConfigLoad defaultDeskConfig();

/// "10:30" -> 630; nullopt unless HH:MM with HH 0..23 and MM 0..59.
std::optional<MinuteOfDay> parseTimeOfDay(std::string_view text);

/// A chord like "ctrl+alt+shift+k": modifiers ctrl, alt, shift, super and one key (a letter,
/// a digit or F1..F12). Empty when valid, else why not.
std::string checkChord(std::string_view chord);

}  // namespace kindly
