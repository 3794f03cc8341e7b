// `kindly breaks`: scheduled breaks for one person at a desk. It waits without a window (a
// look at the clock once a second) and opens the break window when a break's notice is due;
// the window closes when the break is over, skipped or put off, and it waits for the next.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <string>
#include <thread>

#include "app/Commands.hpp"
#include "app/InterruptGuard.hpp"
#include "kiosk/DeskBreaks.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Schedule.hpp"
#include "kiosk/UsageLog.hpp"
#include "platform/Language.hpp"
#include "platform/OutputSafety.hpp"
#include "platform/Paths.hpp"
#include "ui/Display.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

/// "10:30" today, "Fri 27 Nov 10:30" on another day (local time), in the listener's language
/// (the names from the catalogue, so a language whose locale is not installed has them too).
std::string whenText(std::time_t t, std::time_t now) {
    static const char* const days[] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat")};
    static const char* const months[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                         N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    std::tm at{}, today{};
    localtime_r(&t, &at);
    localtime_r(&now, &today);
    if (at.tm_year == today.tm_year && at.tm_yday == today.tm_yday) return format("%02d:%02d", at.tm_hour, at.tm_min);
    // TRANSLATORS: a day and a time: weekday, day of the month, month, hours, minutes ("Fri 27 Nov 10:30").
    return format(tr("%s %d %s %02d:%02d"), tr(days[at.tm_wday % 7]), at.tm_mday, tr(months[at.tm_mon % 12]), at.tm_hour,
                  at.tm_min);
}

std::string nextText(const DeskBreaks& plan, std::time_t now) {
    return plan.next() ? format(tr("next break at %s"), whenText(*plan.next(), now).c_str())
                       : std::string(tr("no break within a week"));
}

const char* outcomeText(BreakOutcome outcome) {
    switch (outcome) {
        case BreakOutcome::Completed: return tr("break completed");
        case BreakOutcome::Abandoned: return tr("break stopped");
        case BreakOutcome::Skipped: return tr("break skipped");
        case BreakOutcome::Postponed: return tr("break put off");
    }
    return "?";
}

}  // namespace

int runBreaks(const BreaksArgs& args, std::ostream& out, std::ostream& err, const Clock& clock) {
    const fs::path file = args.config.empty() ? configDir() / "breaks.toml" : args.config;
    const bool useDefault = args.config.empty() && !fs::exists(file);
    const KioskConfigLoad load = useDefault ? defaultDeskConfig() : loadKioskConfig(file, ConfigUse::Desk);
    for (const auto& d : load.diagnostics.items()) err << formatDiagnostic(d) << "\n";
    if (!load.config) return load.unreadable ? kExitUsage : kExitInvalid;
    if (!load.config->language.empty() && !languageWasRequested()) setUpLanguage(load.config->language);
    KioskConfig localized = *load.config;
    preferTranslatedSessions(localized, currentLanguage());
    const KioskConfig& config = localized;
    const std::string source =
        useDefault ? format(tr("the default schedule (a three-minute break every hour from 09:00 to 17:00; yours goes in %s)"),
                            file.c_str())
                   : file.string();

    if (args.check) {
        out << format(tr("%s: ok: breaks play %s"), source.c_str(), config.schedule.session.c_str()) << "\n";
        const std::time_t now = clock.now();
        std::time_t t = now;
        for (int i = 0; i < 5; ++i) {
            const auto next = nextBreak(config.schedule, t);
            if (!next) break;
            out << "  " << whenText(*next, now) << "\n";
            t = *next;
        }
        return kExitOk;
    }
    std::string why;
    if (!ui::windowAvailable(why)) {
        err << "kindly: " << format(tr("breaks open a window when they are due, and %s"), why.c_str()) << "\n";
        return kExitUsage;
    }
    InterruptGuard guard;
    try {
        const fs::path log = args.log.empty() ? defaultUsageLogPath() : args.log;
        if (sameFile(log, file)) {  // a damaged "log" is moved aside: never the config
            err << "kindly: " << format(tr("will not keep the usage log in '%s': it is the config"), log.c_str()) << "\n";
            return kExitUsage;
        }
        const auto usage = openUsageLogOrCarryOn(log, err, clock);
        const std::time_t start = clock.now();
        DeskBreaks plan(config.schedule, start);
        if (args.now) plan.breakNow(start);
        out << format(tr("Kindly breaks: %s; %s. Ctrl+C stops."), source.c_str(), nextText(plan, start).c_str()) << "\n"
            << std::flush;
        while (!guard.requested()) {
            const std::time_t now = clock.now();
            if (!plan.due(now)) {
                std::this_thread::sleep_for(std::chrono::seconds(1));
                continue;
            }
            BreakOutcome outcome = BreakOutcome::Skipped;
            try {
                ui::KioskShell shell({&config, usage.get(), plan.startFor(now), &clock, {}});
                ui::WindowOptions window;
                window.shell = &shell;
                window.output.device = args.device;
                window.output.silent = args.silent;
                window.title = tr("Kindly: a break");
                ui::WindowApp app(std::move(window));
                app.run([&] { return guard.requested(); });
                outcome = shell.deskOutcome();
            } catch (const std::exception& e) {
                // The display may be gone for now (a locked or switched session): try at the next break.
                err << "kindly: " << format(tr("the break window could not open: %s"), e.what()) << "\n";
            }
            const std::time_t end = clock.now();
            plan.finished(outcome, end);
            out << whenText(end, end) << ": " << outcomeText(outcome) << "; " << nextText(plan, end) << ".\n" << std::flush;
        }
    } catch (const std::exception& e) {
        err << "kindly: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace kindly
