// `kindly kiosk`: the kiosk (a fullscreen, locked window), `--check` its config, `--hash-pin`
// its exit PIN; and `kindly stats`: the usage log's summary.

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <ostream>
#include <string>

#include "app/Commands.hpp"
#include "app/InterruptGuard.hpp"
#include "session/PrepareSession.hpp"
#include "ui/Display.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Pin.hpp"
#include "kiosk/UsageLog.hpp"
#include "platform/Language.hpp"
#include "platform/OutputSafety.hpp"
#include "platform/Paths.hpp"
#include "platform/StopRequest.hpp"

namespace kindly {
namespace fs = std::filesystem;

namespace {

/// Every session script through the checks `kindly check` makes, as the kiosk plays it: inside
/// its library folders (a sound that leads out, by "..", an absolute path or a symlink, is an
/// error), with only its voice engines, at its length. Diagnostics go to `err`; returns the
/// scripts with errors. Its speech is made on the way, so a visitor's first session starts at once.
std::vector<fs::path> checkSessions(const KioskConfig& c, std::ostream& err) {
    std::vector<fs::path> bad;
    std::vector<fs::path> seen;
    for (const KioskSession& session : c.sessions) {
        if (std::find(seen.begin(), seen.end(), session.file) != seen.end()) continue;
        seen.push_back(session.file);
        PrepareOptions options;
        options.targetLength = session.length;
        options.confineTo = c.library;
        options.allowedUserEngines = c.voiceEngines;
        const PreparedSession p = prepareSession(session.file, options);
        if (stopRequested()) break;  // SIGTERM while its speech was made
        for (const auto& d : p.diagnostics.items()) err << formatDiagnostic(d) << "\n";
        if (!p.ok()) bad.push_back(session.file);
    }
    return bad;
}

}  // namespace

int runKiosk(const KioskArgs& args, std::istream& in, std::ostream& out, std::ostream& err, const Clock& clock) {
    if (args.hashPin) {
        // The PIN comes from standard input (never the command line, where `ps` would show it).
        if (isatty(STDIN_FILENO)) err << tr("PIN (4 to 12 digits), then Enter: ") << std::flush;
        std::string pin;
        std::getline(in, pin);
        if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
            err << "kindly: " << tr("a PIN is 4 to 12 digits") << "\n";
            return kExitUsage;
        }
        out << "pin_hash = \"" << hashPin(pin) << "\"\n";
        return kExitOk;
    }
    const fs::path file = args.config.empty() ? configDir() / "kiosk.toml" : args.config;
    const KioskConfigLoad load = loadKioskConfig(file);
    for (const auto& d : load.diagnostics.items()) err << formatDiagnostic(d) << "\n";
    if (!load.config) return load.unreadable ? kExitUsage : kExitInvalid;
    // Its visitors' language, before any thread starts (unless --language asked for another),
    // and the sessions in that language where the library has them.
    if (!load.config->language.empty() && !languageWasRequested()) setUpLanguage(load.config->language);
    KioskConfig localized = *load.config;
    preferTranslatedSessions(localized, currentLanguage());
    const KioskConfig& c = localized;
    if (args.check) {
        if (const auto bad = checkSessions(c, err).size(); bad > 0) {
            err << "kindly: "
                << format(trn("%zu of the kiosk's session scripts has errors", "%zu of the kiosk's session scripts have errors",
                              static_cast<unsigned long>(bad)),
                          bad)
                << "\n";
            return kExitInvalid;
        }
        const std::string sessions = format(trn("%zu session", "%zu sessions", static_cast<unsigned long>(c.sessions.size())),
                                            c.sessions.size());
        const std::string breaks = c.schedule.empty() ? std::string(tr("no scheduled breaks"))
                                                      : format(tr("breaks play %s"), c.schedule.session.c_str());
        out << format(tr("%s: ok: %s, idle timeout %s, %s"), file.c_str(), sessions.c_str(),
                      formatClockSeconds(c.idleTimeout).c_str(), breaks.c_str())
            << "\n";
        return kExitOk;
    }
    std::string why;
    if (!ui::windowAvailable(why)) {
        err << "kindly: " << format(tr("the kiosk needs a display, and %s"), why.c_str()) << "\n";
        return kExitUsage;
    }
    InterruptGuard guard;  // systemd stops it with SIGTERM
    try {
        const fs::path log = args.log.empty() ? defaultUsageLogPath() : args.log;
        if (sameFile(log, file)) {  // a damaged "log" is moved aside: never the config
            err << "kindly: " << format(tr("will not keep the usage log in '%s': it is the config"), log.c_str()) << "\n";
            return kExitUsage;
        }
        const auto usage = openUsageLogOrCarryOn(log, err, clock);
        // The same checks as --check, at every start: a session with errors (edited since, or a
        // sound that now leads out of the library) is left off the home screen, the rest play.
        KioskConfig playing = c;
        const auto broken = checkSessions(c, err);
        if (guard.requested()) return kExitOk;  // stopped (systemd) while speech was made
        for (const fs::path& script : broken) {
            err << "kindly: " << format(tr("%s is left off the kiosk until its errors are fixed"), script.c_str()) << "\n";
            std::erase_if(playing.sessions, [&](const KioskSession& s) { return s.file == script; });
        }
        if (playing.sessions.empty()) {
            err << "kindly: " << tr("none of the kiosk's sessions can play; `kindly kiosk --check` lists what to fix") << "\n";
            return kExitInvalid;
        }
        ui::KioskShell shell({&playing, usage.get(), std::nullopt, &clock, {}});
        ui::WindowOptions window;
        window.shell = &shell;
        window.display = c.display - 1;
        window.output.device = args.device;
        window.output.silent = args.silent;
        window.title = "Kindly kiosk";
        ui::WindowApp app(std::move(window));
        app.run([&] { return guard.requested(); });
    } catch (const std::exception& e) {
        err << "kindly: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

int runStats(const StatsArgs& args, std::ostream& out, std::ostream& err) {
    std::optional<std::time_t> since;
    if (!args.since.empty()) {
        std::tm tm{};
        const char* end = strptime(args.since.c_str(), "%Y-%m-%d", &tm);
        if (!end || *end != '\0') {
            err << "kindly: " << format(tr("--since takes a date like 2026-11-25, not '%s'"), args.since.c_str()) << "\n";
            return kExitUsage;
        }
        tm.tm_isdst = -1;
        since = std::mktime(&tm);
    }
    const fs::path file = args.log.empty() ? defaultUsageLogPath() : args.log;
    if (!fs::exists(file)) {
        out << format(tr("No usage log yet (%s): the kiosk has not run here."), file.c_str()) << "\n";
        return kExitOk;
    }
    try {
        UsageLog log(file);
        const auto rows = log.rows(since);
        if (args.csv) printUsageCsv(rows, out);
        else printUsageSummary(rows, out);
    } catch (const std::exception& e) {
        err << "kindly: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace kindly
