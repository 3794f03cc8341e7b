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
#include "platform/OutputSafety.hpp"
#include "platform/Paths.hpp"
#include "ui/Display.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

/// "10:30" today, "Fri 27 Nov 10:30" on another day (local time).
std::string whenText(std::time_t t, std::time_t now) {
    std::tm at{}, today{};
    localtime_r(&t, &at);
    localtime_r(&now, &today);
    const bool sameDay = at.tm_year == today.tm_year && at.tm_yday == today.tm_yday;
    char text[40];
    std::strftime(text, sizeof text, sameDay ? "%H:%M" : "%a %d %b %H:%M", &at);
    return text;
}

std::string nextText(const DeskBreaks& plan, std::time_t now) {
    return plan.next() ? "next break at " + whenText(*plan.next(), now) : "no break within a week";
}

}  // namespace

int runBreaks(const BreaksArgs& args, std::ostream& out, std::ostream& err, const Clock& clock) {
    const fs::path file = args.config.empty() ? configDir() / "breaks.toml" : args.config;
    const bool useDefault = args.config.empty() && !fs::exists(file);
    const KioskConfigLoad load = useDefault ? defaultDeskConfig() : loadKioskConfig(file, ConfigUse::Desk);
    for (const auto& d : load.diagnostics.items()) err << formatDiagnostic(d) << "\n";
    if (!load.config) return load.unreadable ? kExitUsage : kExitInvalid;
    const KioskConfig& config = *load.config;
    const std::string source =
        useDefault ? "the default schedule (a three-minute break every hour from 09:00 to 17:00; yours goes in " + file.string() + ")"
                   : file.string();

    if (args.check) {
        out << source << ": ok: breaks play " << config.schedule.session << "\n";
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
        err << "kindly: breaks open a window when they are due, and " << why << "\n";
        return kExitUsage;
    }
    InterruptGuard guard;
    try {
        const fs::path log = args.log.empty() ? defaultUsageLogPath() : args.log;
        if (sameFile(log, file)) {  // a damaged "log" is moved aside: never the config
            err << "kindly: will not keep the usage log in '" << log.string() << "': it is the config\n";
            return kExitUsage;
        }
        const auto usage = openUsageLogOrCarryOn(log, err, clock);
        const std::time_t start = clock.now();
        DeskBreaks plan(config.schedule, start);
        if (args.now) plan.breakNow(start);
        out << "Kindly breaks: " << source << "; " << nextText(plan, start) << ". Ctrl+C stops.\n" << std::flush;
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
                window.title = "Kindly: a break";
                ui::WindowApp app(std::move(window));
                app.run([&] { return guard.requested(); });
                outcome = shell.deskOutcome();
            } catch (const std::exception& e) {
                // The display may be gone for now (a locked or switched session): try at the next break.
                err << "kindly: the break window could not open: " << e.what() << "\n";
            }
            const std::time_t end = clock.now();
            plan.finished(outcome, end);
            out << whenText(end, end) << ": break " << breakOutcomeName(outcome) << "; " << nextText(plan, end) << ".\n"
                << std::flush;
        }
    } catch (const std::exception& e) {
        err << "kindly: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace kindly
