// The kiosk's foundations: its config (every error with its line and column), the PIN hash,
// the break schedule (times, intervals, opening hours, midnight, daylight saving) and the
// usage log (rows, and intact after the writer is killed).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "TestSupport.hpp"
#include "kiosk/DeskBreaks.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Pin.hpp"
#include "kiosk/Schedule.hpp"
#include "kiosk/UsageLog.hpp"

#include <sqlite3.h>

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

/// A library folder with two scripts, and a config beside it.
struct KioskDir {
    TempDir dir;
    std::string hash = hashPin("2468", 1000);  // few iterations: tests need no slow hash
    KioskDir() {
        fs::create_directories(dir / "library");
        writeText(dir / "library" / "calm.toml", "kindly = 1\n[session]\ntitle = \"Calm\"\n[[step]]\npause = \"1s\"\n");
        writeText(dir / "library" / "breathe.toml", "kindly = 1\n[session]\ntitle = \"B\"\n[[step]]\npause = \"1s\"\n");
    }
    std::string head() const { return "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\n"; }
    std::string exit() const { return "[exit]\nchord = \"ctrl+alt+k\"\npin_hash = \"" + hash + "\"\n"; }
    KioskConfigLoad load(const std::string& text) const {
        writeText(dir / "kiosk.toml", text);
        return loadKioskConfig(dir / "kiosk.toml");
    }
    std::string errors(const std::string& text) const { return diagnosticLines(load(text).diagnostics); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string show(std::optional<std::time_t> t) {
    if (!t) return "none";
    std::tm tm{};
    localtime_r(&*t, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &tm);
    return text;
}

}  // namespace

TEST_CASE("a valid kiosk config is read with its defaults", "[kiosk][config]") {
    KioskDir k;
    auto load = k.load(k.head() + "title = \"Pause here\"\nidle_timeout = \"90s\"\n[volume]\ndefault = 0.5\nmax = 0.8\n"
                                  "[[session]]\nscript = \"calm.toml\"\nlength = \"3m\"\n[[session]]\nscript = \"breathe.toml\"\n"
                                  "[schedule]\ntimes = [\"15:00\", \"10:30\"]\nsession = \"breathe.toml\"\n" +
                       k.exit());
    INFO(diagnosticLines(load.diagnostics));
    REQUIRE(load.config);
    const KioskConfig& c = *load.config;
    CHECK(c.title == "Pause here");
    CHECK(c.message == "Touch the screen to begin a few calm minutes.");
    CHECK(c.idleTimeout == 90 * kNanosPerSecond);
    CHECK(c.volume == 0.5);
    CHECK(c.volumeMax == 0.8);
    REQUIRE(c.sessions.size() == 2);
    CHECK(c.sessions[0].file == fs::canonical(k.dir / "library" / "calm.toml"));
    CHECK(c.sessions[0].length == 3 * kNanosPerMinute);
    CHECK(c.schedule.times == std::vector<MinuteOfDay>{630, 900});
    CHECK(c.schedule.session == "breathe.toml");
    CHECK(c.schedule.announce == 30 * kNanosPerSecond);
    CHECK(c.chord == "ctrl+alt+k");
    CHECK(verifyPin("2468", c.pinHash));
}

TEST_CASE("kiosk config errors name the place, the problem and the closest key", "[kiosk][config]") {
    KioskDir k;
    const std::string session = "[[session]]\nscript = \"calm.toml\"\n";
    // Version, tables, keys.
    CHECK(has(k.errors("[kiosk]\n" + session + k.exit()), "kiosk.toml:1:1: error: missing 'kindly_kiosk = 1'"));
    CHECK(has(k.errors(k.head() + "idle_timout = \"1m\"\n" + session + k.exit()),
              "kiosk.toml:4:1: error: unknown key 'idle_timout' in [kiosk]; did you mean 'idle_timeout'?"));
    CHECK(has(k.errors(k.head() + "idle_timeout = \"2s\"\n" + session + k.exit()), "kiosk.toml:4:16: error: idle_timeout must be between 10s and 1h"));
    CHECK(has(k.errors(k.head() + k.exit()), "error: the kiosk offers no session"));
    CHECK(has(k.errors(k.head() + "[volume]\nmin = 0.9\nmax = 0.5\n" + session + k.exit()), "[volume] min is above max"));
    CHECK(has(k.errors(k.head() + "[volume]\ndefault = 1.5\n" + session + k.exit()), "kiosk.toml:5:11: error:"));
    // Sessions: missing, misspelled, outside the library.
    CHECK(has(k.errors(k.head() + "[[session]]\nscript = \"clam.toml\"\n" + k.exit()),
              "kiosk.toml:5:10: error: no script 'clam.toml' in the library"));
    CHECK(has(k.errors(k.head() + "[[session]]\nscript = \"clam.toml\"\n" + k.exit()), "did you mean 'calm.toml'?"));
    CHECK(has(k.errors(k.head() + "[[session]]\nlength = \"3m\"\n" + k.exit()), "[[session]] needs 'script'"));
    // Schedule.
    CHECK(has(k.errors(k.head() + session + "[schedule]\ntimes = [\"25:00\"]\n" + k.exit()),
              "'25:00' is not a time of day like \"10:30\""));
    CHECK(has(k.errors(k.head() + session + "[schedule]\nevery = \"1h\"\n" + k.exit()), "needs opening hours"));
    CHECK(has(k.errors(k.head() + session + "[schedule]\nevery = \"1h\"\nopening = [\"08:00\"]\n" + k.exit()),
              "opening must be two different times of day"));
    CHECK(has(k.errors(k.head() + session + "[schedule]\ntimes = [\"10:00\"]\nsession = \"other.toml\"\n" + k.exit()),
              "'other.toml' is not one of the [[session]] scripts"));
    CHECK(has(k.errors(k.head() + session + "[schedule]\nannounce = \"20s\"\n" + k.exit()), "[schedule] has no breaks"));
    // Exit: a missing hash, a PIN in clear, a weak or malformed chord, a malformed hash.
    CHECK(has(k.errors(k.head() + session), "missing [exit] with a pin_hash"));
    CHECK(has(k.errors(k.head() + session + "[exit]\npin = \"1234\"\npin_hash = \"" + k.hash + "\"\n"), "never stored in clear"));
    CHECK(has(k.errors(k.head() + session + "[exit]\nchord = \"ctrl+k\"\npin_hash = \"" + k.hash + "\"\n"),
              "needs at least two modifiers"));
    CHECK(has(k.errors(k.head() + session + "[exit]\nchord = \"ctrl+hyper+k\"\npin_hash = \"" + k.hash + "\"\n"),
              "'hyper' is not a modifier"));
    CHECK(has(k.errors(k.head() + session + "[exit]\npin_hash = \"1234\"\n"), "pin_hash is not a hash made by"));
    CHECK(has(k.errors(k.head() + session + "[exit]\n"), "[exit] needs 'pin_hash'"));
    // Syntax.
    CHECK(has(k.errors("kindly_kiosk = 1\n[kiosk\n"), "kiosk.toml:2:"));
    CHECK(has(k.errors("kindly_kiosk = 1\n[kiosk\n"), "TOML syntax"));
    // A missing file.
    CHECK(has(diagnosticLines(loadKioskConfig(k.dir / "nope.toml").diagnostics), "cannot read the kiosk config: no such file"));
}

TEST_CASE("kiosk sessions cannot reach outside the library folders", "[kiosk][config][safety]") {
    KioskDir k;
    writeText(k.dir / "secret.toml", "kindly = 1\n[session]\ntitle = \"S\"\n[[step]]\npause = 1\n");
    fs::create_symlink(k.dir / "secret.toml", k.dir / "library" / "link.toml");
    const auto refused = [&](const std::string& script) {
        return k.errors(k.head() + "[[session]]\nscript = \"" + script + "\"\n" + k.exit());
    };
    CHECK(has(refused("../secret.toml"), "is outside the library"));
    CHECK(has(refused((k.dir / "secret.toml").string()), "is outside the library"));
    CHECK(has(refused("link.toml"), "leads outside the library folder"));
    CHECK(refused("calm.toml").empty());
}

TEST_CASE("the PIN is stored as a salted hash and checked against it", "[kiosk][pin]") {
    const std::string a = hashPin("2468", 1000), b = hashPin("2468", 1000);
    CHECK(a != b);  // salted
    CHECK(a.find("2468") == std::string::npos);
    CHECK(verifyPin("2468", a));
    CHECK(verifyPin("2468", b));
    CHECK_FALSE(verifyPin("2469", a));
    CHECK_FALSE(verifyPin("", a));
    CHECK_FALSE(verifyPin("2468", "pbkdf2-sha256$1000$zz$00"));
    CHECK(wellFormedPinHash(hashPin("1", 1000)));
    CHECK_FALSE(wellFormedPinHash("sha1$abc"));
}

TEST_CASE("breaks at times of day and every so often within opening hours", "[kiosk][schedule]") {
    TimeZone zone("CET-1CEST,M3.5.0,M10.5.0/3");  // Central Europe, as a POSIX rule: no tzdata needed
    BreakSchedule s;
    s.times = {630, 900};  // 10:30, 15:00
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 9, 0))) == "2026-03-10 10:30 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 10, 30))) == "2026-03-10 15:00 CET");  // strictly after
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 16, 0))) == "2026-03-11 10:30 CET");   // tomorrow
    s.times.clear();
    s.every = 90 * kNanosPerMinute;
    s.opening = {{8 * 60, 18 * 60}};
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 7, 0))) == "2026-03-10 08:00 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 8, 0))) == "2026-03-10 09:30 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 16, 31))) == "2026-03-10 17:00 CET");  // 08:00 + 6 x 90 min
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 17, 0))) == "2026-03-11 08:00 CET");   // 18:30 is past closing
    CHECK(show(nextBreak(BreakSchedule{}, localMoment(2026, 3, 10, 7, 0))) == "none");
}

TEST_CASE("opening hours across midnight", "[kiosk][schedule]") {
    TimeZone zone("CET-1CEST,M3.5.0,M10.5.0/3");  // Central Europe, as a POSIX rule: no tzdata needed
    BreakSchedule s;
    s.every = kNanosPerHour;
    s.opening = {{22 * 60, 2 * 60}};  // a night shift: 22:00 to 02:00
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 21, 0))) == "2026-03-10 22:00 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 10, 23, 30))) == "2026-03-11 00:00 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 11, 0, 30))) == "2026-03-11 01:00 CET");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 11, 1, 0))) == "2026-03-11 22:00 CET");  // 02:00 is closing
}

TEST_CASE("a daylight-saving change keeps breaks at the wall-clock time", "[kiosk][schedule]") {
    TimeZone zone("CET-1CEST,M3.5.0,M10.5.0/3");  // Central Europe, as a POSIX rule: no tzdata needed  // 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET
    BreakSchedule s;
    s.times = {630};
    CHECK(show(nextBreak(s, localMoment(2026, 3, 28, 12, 0))) == "2026-03-29 10:30 CEST");
    CHECK(show(nextBreak(s, localMoment(2026, 10, 24, 12, 0))) == "2026-10-25 10:30 CET");
    // 23 hours between the two 10:30s over the spring change, 25 over the autumn one.
    CHECK(*nextBreak(s, localMoment(2026, 3, 28, 11, 0)) - *nextBreak(s, localMoment(2026, 3, 28, 9, 0)) == 23 * 3600);
    CHECK(*nextBreak(s, localMoment(2026, 10, 24, 11, 0)) - *nextBreak(s, localMoment(2026, 10, 24, 9, 0)) == 25 * 3600);
    // Hourly from 00:00 to 06:00 on the spring night: 02:00 does not exist that night.
    s.times.clear();
    s.every = kNanosPerHour;
    s.opening = {{0, 6 * 60}};
    CHECK(show(nextBreak(s, localMoment(2026, 3, 29, 1, 0))) == "2026-03-29 03:00 CEST");
    CHECK(show(nextBreak(s, localMoment(2026, 3, 29, 3, 0))) == "2026-03-29 04:00 CEST");
}

TEST_CASE("a desk's breaks: the notice, later, skip, and a break missed while away", "[kiosk][schedule][breaks]") {
    TimeZone zone("UTC0");
    BreakSchedule s;
    s.times = {630, 900};  // 10:30, 15:00
    s.announce = 30 * kNanosPerSecond;
    s.postpone = 10 * kNanosPerMinute;
    const std::time_t day = localMoment(2026, 3, 10, 0, 0);
    const auto at = [&](int h, int m, int sec = 0) { return day + h * 3600 + m * 60 + sec; };

    DeskBreaks plan(s, at(9, 0));
    REQUIRE(plan.next());
    CHECK(*plan.next() == at(10, 30));
    CHECK_FALSE(plan.due(at(10, 29, 29)));
    CHECK(plan.due(at(10, 29, 30)));  // the notice: 30 s before
    CHECK(plan.startFor(at(10, 29, 30)) == at(10, 30));
    plan.finished(BreakOutcome::Completed, at(10, 33));
    CHECK(*plan.next() == at(15, 0));

    // Later: the notice comes back 10 minutes on, with its full 30 s.
    DeskBreaks later(s, at(9, 0));
    REQUIRE(later.due(at(10, 29, 40)));
    later.finished(BreakOutcome::Postponed, at(10, 29, 40));
    CHECK_FALSE(later.due(at(10, 39, 39)));
    CHECK(later.due(at(10, 39, 40)));
    CHECK(later.startFor(at(10, 39, 40)) == at(10, 40, 10));
    // Skipping it goes to the schedule's next break, not the one put off.
    later.finished(BreakOutcome::Skipped, at(10, 39, 45));
    CHECK(*later.next() == at(15, 0));

    // Skipped during the notice: the next one.
    DeskBreaks skipped(s, at(9, 0));
    REQUIRE(skipped.due(at(10, 29, 31)));
    skipped.finished(BreakOutcome::Skipped, at(10, 29, 35));
    CHECK(*skipped.next() == at(15, 0));

    // The computer slept through 10:30: a few minutes late it still comes, with a full notice;
    // later than that it is let go.
    DeskBreaks late(s, at(9, 0));
    CHECK(late.due(at(10, 33)));
    CHECK(late.startFor(at(10, 33)) == at(10, 33, 30));
    DeskBreaks away(s, at(9, 0));
    CHECK_FALSE(away.due(at(10, 40)));
    CHECK(*away.next() == at(15, 0));

    // --now: a break at once.
    DeskBreaks now(s, at(9, 0));
    now.breakNow(at(9, 0));
    CHECK(now.due(at(9, 0)));
    CHECK(now.startFor(at(9, 0)) == at(9, 0, 30));
}

TEST_CASE("a desk's breaks config needs a schedule but no exit PIN", "[kiosk][config][breaks]") {
    KioskDir k;
    const auto desk = [&](const std::string& text) {
        writeText(k.dir / "breaks.toml", text);
        return loadKioskConfig(k.dir / "breaks.toml", ConfigUse::Desk);
    };
    const std::string session = "[[session]]\nscript = \"calm.toml\"\n";
    const auto ok = desk(k.head() + session + "[schedule]\ntimes = [\"10:30\"]\npostpone = \"5m\"\n");
    INFO(diagnosticLines(ok.diagnostics));
    REQUIRE(ok.config);
    CHECK(ok.config->schedule.postpone == 5 * kNanosPerMinute);
    CHECK(ok.config->schedule.session == "calm.toml");
    CHECK(has(diagnosticLines(desk(k.head() + session).diagnostics), "1:1: error: missing [schedule]"));
    CHECK(has(diagnosticLines(desk(k.head() + session + "[schedule]\n").diagnostics), "error: [schedule] has no breaks"));
    CHECK(has(diagnosticLines(desk(k.head() + session + "[schedule]\ntimes = [\"10:30\"]\npostpone = \"3h\"\n").diagnostics),
              "8:12: error: postpone must be between 1m and 2h"));
    // The same file is not a kiosk config: a kiosk must have its exit PIN.
    CHECK(has(k.errors(k.head() + session + "[schedule]\ntimes = [\"10:30\"]\n"), "missing [exit]"));
    // The default schedule is a valid config.
    const auto fallback = defaultDeskConfig();
    INFO(diagnosticLines(fallback.diagnostics));
    REQUIRE(fallback.config);
    CHECK(fallback.config->schedule.every == kNanosPerHour);
}

TEST_CASE("the usage log keeps rows for completed and abandoned sessions, and nothing personal", "[kiosk][log]") {
    TempDir dir;
    {
        UsageLog log(dir / "usage.sqlite");
        CHECK(log.record({1000, UsageEvent::Offered, "three-minute-break", 180, true}));
        CHECK(log.record({1010, UsageEvent::Started, "three-minute-break", 180, true}));
        CHECK(log.record({1190, UsageEvent::Completed, "three-minute-break", 180, true}));
        CHECK(log.record({86400 + 5000, UsageEvent::Started, "loving-kindness", 600, false}));
        CHECK(log.record({86400 + 5100, UsageEvent::Abandoned, "loving-kindness", 600, false}));
    }
    UsageLog log(dir / "usage.sqlite");
    const auto rows = log.rows();
    REQUIRE(rows.size() == 5);
    CHECK(rows[2].event == UsageEvent::Completed);
    CHECK(rows[4].event == UsageEvent::Abandoned);
    CHECK(rows[4].script == "loving-kindness");
    CHECK(log.rows(86400).size() == 2);
    std::ostringstream summary, csv;
    printUsageSummary(rows, summary);
    CHECK(has(summary.str(), "Sessions started: 2 (1 scheduled breaks), completed: 1, abandoned: 1, breaks offered: 1"));
    CHECK(has(summary.str(), "Completion rate: 50%"));
    printUsageCsv(rows, csv);
    CHECK(has(csv.str(), "time,event,script,length_seconds,scheduled\n1970-01-01T00:16:40Z,offered,\"three-minute-break\",180,1\n"));
    // The table has no column that could identify a person.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir / "usage.sqlite").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('usage') ORDER BY cid", -1, &st, nullptr) == SQLITE_OK);
    std::string columns;
    while (sqlite3_step(st) == SQLITE_ROW) columns += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " ";
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(columns == "id time event script length_seconds scheduled ");
}

TEST_CASE("a damaged usage log is kept aside and a new one begun, so the kiosk still starts", "[kiosk][log]") {
    TempDir dir;
    const fs::path file = dir / "usage.sqlite";
    std::string garbage(20000, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
    writeText(file, garbage);
    CHECK_THROWS_AS(UsageLog(file), UsageLogDamaged);
    std::ostringstream warn;
    const auto log = openUsageLogOrCarryOn(file, warn);
    REQUIRE(log);
    CHECK(log->record({1000, UsageEvent::Started, "s", 60, false}));
    CHECK(log->rows().size() == 1);
    // The damaged file is kept, byte for byte, for its owner to look at.
    fs::path aside;
    for (const auto& entry : fs::directory_iterator(dir.path()))
        if (entry.path().filename().string().rfind("usage.sqlite.damaged-", 0) == 0) aside = entry.path();
    REQUIRE_FALSE(aside.empty());
    CHECK(readText(aside) == garbage);
    CHECK(has(warn.str(), "kindly: cannot prepare the usage log " + file.string() + ": file is not a database; it is kept as " +
                              aside.string() + " and a new log begins\n"));

    // A log that cannot be opened at all (its folder is a file): usage goes unlogged, said once.
    writeText(dir / "not-a-folder", "x");
    std::ostringstream unopenable;
    CHECK_FALSE(openUsageLogOrCarryOn(dir / "not-a-folder" / "usage.sqlite", unopenable));
    CHECK(has(unopenable.str(), "; usage is not logged\n"));
}

TEST_CASE("the usage log is intact after its writer is killed mid-write", "[kiosk][log]") {
    TempDir dir;
    const fs::path file = dir / "usage.sqlite";
    { UsageLog create(file); }
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        UsageLog log(file);
        for (long i = 0;; ++i) log.record({i, UsageEvent::Started, "s", 60, false});
    }
    usleep(300 * 1000);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    UsageLog log(file);
    const auto rows = log.rows();
    CHECK(rows.size() > 10);
    for (std::size_t i = 0; i < rows.size(); ++i) REQUIRE(rows[i].time == static_cast<std::time_t>(i));  // no gap, no torn row
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(log.record({999999, UsageEvent::Completed, "s", 60, false}));  // and it takes new rows
}

namespace {
/// The moment the command line's tests run at: Thursday 2026-01-15 12:00:00 UTC.
const std::string kNoon = "2026-01-15 12:00:00";
const std::time_t kNoonUtc = 1768478400;

/// `command` with HOME, the state and the config folders inside `dir`, in UTC at kNoon (the
/// clock running on from there), whatever the machine's time zone, time of day and date.
ShellRun kindlyShell(const TempDir& dir, const std::string& command) {
    return runShell(dir, "HOME='" + dir.path().string() + "' XDG_STATE_HOME='" + (dir / "state").string() +
                             "' XDG_CONFIG_HOME='" + (dir / "config").string() + "' TZ=UTC0 " + atMoment(kNoon) + command);
}
}  // namespace

TEST_CASE("kindly kiosk --hash-pin and --check, and kindly stats, from the command line", "[kiosk][cli]") {
    TempDir dir;
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    auto hashed = kindlyShell(dir, "echo 97531 | " + kindly + " kiosk --hash-pin");
    CHECK(hashed.status == 0);
    REQUIRE(hashed.out.rfind("pin_hash = \"pbkdf2-sha256$", 0) == 0);
    const std::string hash = hashed.out.substr(12, hashed.out.size() - 14);
    CHECK(verifyPin("97531", hash));
    CHECK(kindlyShell(dir, "echo 12ab | " + kindly + " kiosk --hash-pin").status == 2);

    // The default config path, a config with an error (1), a missing one (2).
    fs::create_directories(dir / "config" / "kindly");
    writeText(dir / "config" / "kindly" / "kiosk.toml",
              "kindly_kiosk = 1\n[[session]]\nscript = \"three-minute-break.toml\"\n[exit]\npin_hash = \"" + hash + "\"\n");
    auto ok = kindlyShell(dir, "KINDLY_DATA_DIR='" + std::string(KINDLY_SOURCE_DIR) + "' " + kindly + " kiosk --check");
    INFO(ok.err);
    CHECK(ok.status == 0);
    CHECK(has(ok.out, "ok: 1 session"));
    writeText(dir / "bad.toml", "kindly_kiosk = 1\n[[session]]\nscript = \"x.toml\"\n[exit]\npin_hash = \"" + hash + "\"\n");
    auto bad = kindlyShell(dir, kindly + " kiosk --check --config bad.toml");
    CHECK(bad.status == 1);
    CHECK(has(bad.err, "bad.toml:3:10: error: no script 'x.toml'"));
    CHECK(kindlyShell(dir, kindly + " kiosk --check --config none.toml").status == 2);

    // Stats: no log yet; a log; a bad date.
    CHECK(has(kindlyShell(dir, kindly + " stats").out, "No usage log yet"));
    {
        UsageLog log(dir / "state" / "kindly" / "usage.sqlite");
        log.record({kNoonUtc - 60, UsageEvent::Started, "calm", 60, false});
        log.record({kNoonUtc, UsageEvent::Completed, "calm", 60, false});
    }
    auto stats = kindlyShell(dir, kindly + " stats");
    CHECK(stats.status == 0);
    CHECK(has(stats.out, "Completion rate: 100%"));
    CHECK(has(stats.out, "1  calm"));
    auto csv = kindlyShell(dir, kindly + " stats --csv --since 2000-01-01");
    CHECK(has(csv.out, "2026-01-15T12:00:00Z,completed,\"calm\",60,0\n"));
    CHECK(kindlyShell(dir, kindly + " stats --since 2026-01-15").out.find("Completion rate: 100%") != std::string::npos);
    CHECK(kindlyShell(dir, kindly + " stats --since 2099-01-01").out.find("No sessions recorded yet") != std::string::npos);
    CHECK(kindlyShell(dir, kindly + " stats --since yesterday").status == 2);
}

TEST_CASE("kindly breaks --check from the command line", "[kiosk][cli][breaks]") {
    TempDir dir;
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    const std::string data = "KINDLY_DATA_DIR='" + std::string(KINDLY_SOURCE_DIR) + "' ";
    // No config: the default schedule, and where one would go.
    auto fallback = kindlyShell(dir, data + kindly + " breaks --check");
    INFO(fallback.err);
    CHECK(fallback.status == 0);
    CHECK(has(fallback.out, "the default schedule"));
    CHECK(has(fallback.out, "config/kindly/breaks.toml"));
    std::size_t listed = 0;
    for (std::size_t at = fallback.out.find("\n  "); at != std::string::npos; at = fallback.out.find("\n  ", at + 1)) ++listed;
    CHECK(listed == 5);  // the next five breaks: from noon on the hour until closing at 17:00, then tomorrow's first
    CHECK(has(fallback.out, "\n  13:00\n  14:00\n  15:00\n  16:00\n  Fri 16 Jan 09:00\n"));
    fs::create_directories(dir / "config" / "kindly");
    writeText(dir / "config" / "kindly" / "breaks.toml",
              "kindly_kiosk = 1\n[[session]]\nscript = \"three-minute-break.toml\"\n[schedule]\ntimes = [\"10:30\", \"15:00\"]\n");
    auto mine = kindlyShell(dir, data + kindly + " breaks --check");
    CHECK(mine.status == 0);
    CHECK(has(mine.out, "breaks.toml: ok: breaks play three-minute-break.toml"));
    // Today's 15:00, then the next days' with their dates.
    CHECK(has(mine.out, "\n  15:00\n  Fri 16 Jan 10:30\n  Fri 16 Jan 15:00\n  Sat 17 Jan 10:30\n  Sat 17 Jan 15:00\n"));
    writeText(dir / "bad.toml", "kindly_kiosk = 1\n[[session]]\nscript = \"three-minute-break.toml\"\n[schedule]\ntimes = [\"25:00\"]\n");
    auto bad = kindlyShell(dir, data + kindly + " breaks --check --config bad.toml");
    CHECK(bad.status == 1);
    CHECK(has(bad.err, "bad.toml:5:10: error: '25:00' is not a time of day"));
    CHECK(kindlyShell(dir, kindly + " breaks --config none.toml").status == 2);
    // Without a display it says why instead of waiting for nothing.
    auto headless = kindlyShell(dir, "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER " + data + kindly + " breaks");
    CHECK(headless.status == 2);
    CHECK(has(headless.err, "no display"));
}

TEST_CASE("in a kiosk a script reads no file outside the library folders, not even through a symlink", "[kiosk][safety]") {
    TempDir dir;
    fs::create_directories(dir / "library" / "sounds");
    writeTone(dir / "outside.wav", 4800, 48000);
    writeTone(dir / "library" / "sounds" / "inside.wav", 4800, 48000);
    fs::create_symlink(dir / "outside.wav", dir / "library" / "sounds" / "link.wav");
    PrepareOptions kiosk;
    kiosk.confineTo = {dir / "library"};
    kiosk.speechCacheDir = dir / "cache";
    const auto errors = [&](const std::string& body) {
        writeText(dir / "library" / "s.toml", "kindly = 1\n[session]\ntitle = \"S\"\n" + body);
        return diagnosticLines(prepareSession(dir / "library" / "s.toml", kiosk).diagnostics);
    };
    CHECK(errors("[[step]]\nclip = \"sounds/inside.wav\"\n").empty());
    CHECK(errors("[[step]]\nbell = \"bowl\"\nsay = \"Hello.\"\n").empty());  // built-ins and speech are Kindly's own
    CHECK(has(errors("[[step]]\nclip = \"../outside.wav\"\n"), "s.toml:5:8: error: clip '../outside.wav' is outside the library folders"));
    CHECK(has(errors("[[step]]\nclip = \"" + (dir / "outside.wav").string() + "\"\n"), "is outside the library folders"));
    CHECK(has(errors("[[step]]\nclip = \"sounds/link.wav\"\n"), "clip 'sounds/link.wav' is outside the library folders"));
    CHECK(has(errors("[[step]]\nbell = \"../outside.wav\"\npause = 1\n"), "bell file '../outside.wav' is outside"));
    CHECK(has(errors("[[ambient]]\nsound = \"../outside.wav\"\n[[step]]\npause = 1\n"), "is outside the library folders"));
    fs::create_directories(dir / "voices");
    writeTone(dir / "voices" / "a.wav", 4800, 48000);
    CHECK(has(errors("voice_dir = \"../voices\"\n[[step]]\nid = \"a\"\nsay = \"Hi.\"\n"), "the recorded voice for step 'a'"));
    // Outside a kiosk the same script may read them.
    writeText(dir / "library" / "s.toml", "kindly = 1\n[session]\ntitle = \"S\"\n[[step]]\nclip = \"../outside.wav\"\n");
    PrepareOptions normal;
    normal.speechCacheDir = dir / "cache";
    CHECK(prepareSession(dir / "library" / "s.toml", normal).ok());
}

TEST_CASE("kindly kiosk starts with a damaged usage log, keeps it aside and logs anew", "[kiosk][cli][ui]") {
    TempDir dir;
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[[session]]\nscript = \"three-minute-break.toml\"\n[exit]\npin_hash = \"" +
                                      hashPin("2468", 1000) + "\"\n");
    writeText(dir / "usage.sqlite", std::string(4096, 'x'));
    // It runs until systemd's SIGTERM, sent once the damaged log is aside and a new one begun
    // (waited for, however slow the machine): then it has not refused to start.
    auto run = kindlyShell(dir, "KINDLY_DATA_DIR='" + std::string(KINDLY_SOURCE_DIR) + "' SDL_VIDEODRIVER=offscreen " +
                                    kindly + " kiosk --config kiosk.toml --log usage.sqlite --silent & kiosk=$!; "
                                    "for i in $(seq 600); do [ -e usage.sqlite ] && ls usage.sqlite.damaged-* > /dev/null 2>&1 && break; "
                                    "kill -0 $kiosk 2> /dev/null || break; sleep 0.1; done; kill -TERM $kiosk; wait $kiosk");
    INFO(run.err);
    CHECK(run.status == 0);
    // Kept under the name of the moment it was found (the clock's: 2026-01-15 at noon and some seconds).
    CHECK(has(run.err, "kindly: cannot prepare the usage log usage.sqlite: file is not a database; it is kept as "
                       "usage.sqlite.damaged-20260115-12"));
    int kept = 0;
    for (const auto& entry : fs::directory_iterator(dir.path()))
        if (entry.path().filename().string().rfind("usage.sqlite.damaged-", 0) == 0) {
            ++kept;
            CHECK(readText(entry.path()) == std::string(4096, 'x'));
        }
    CHECK(kept == 1);
    CHECK_NOTHROW(UsageLog(dir / "usage.sqlite"));  // a new, working log in its place
}
