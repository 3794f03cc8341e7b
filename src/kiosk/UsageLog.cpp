#include "kiosk/UsageLog.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <stdexcept>

#include "platform/Language.hpp"
#include "platform/Paths.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

constexpr UsageEvent kEvents[] = {UsageEvent::Offered, UsageEvent::Started, UsageEvent::Completed, UsageEvent::Abandoned};

/// `t` in local time, as strftime's `format` writes it.
std::string localTime(std::time_t t, const char* format) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

std::string day(std::time_t t) { return localTime(t, "%Y-%m-%d"); }

std::string isoTime(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// Says on `warn` why the log cannot be kept; no log.
std::unique_ptr<UsageLog> notLogged(const std::exception& why, std::ostream& warn) {
    warn << "kindly: " << why.what() << tr("; usage is not logged") << "\n";
    return nullptr;
}

}  // namespace

const char* usageEventName(UsageEvent e) {
    switch (e) {
        case UsageEvent::Offered: return "offered";
        case UsageEvent::Started: return "started";
        case UsageEvent::Completed: return "completed";
        case UsageEvent::Abandoned: return "abandoned";
    }
    return "?";
}

std::unique_ptr<UsageLog> openUsageLogOrCarryOn(const fs::path& file, std::ostream& warn, const Clock& clock) {
    try {
        return std::make_unique<UsageLog>(file);
    } catch (const UsageLogDamaged& e) {
        const fs::path aside = file.string() + localTime(clock.now(), ".damaged-%Y%m%d-%H%M%S");
        std::error_code ec;
        fs::rename(file, aside, ec);
        if (ec) {
            warn << "kindly: " << e.what() << format(tr("; it cannot be moved aside (%s), so usage is not logged"), ec.message().c_str())
                 << "\n";
            return nullptr;
        }
        for (const char* part : {"-wal", "-shm"})
            if (fs::exists(file.string() + part)) fs::rename(file.string() + part, aside.string() + part, ec);
        warn << "kindly: " << e.what() << format(tr("; it is kept as %s and a new log begins"), aside.c_str()) << "\n";
    } catch (const std::exception& e) {
        return notLogged(e, warn);  // not damaged, just not openable (a read-only disk)
    }
    try {
        return std::make_unique<UsageLog>(file);
    } catch (const std::exception& e) {
        return notLogged(e, warn);
    }
}

fs::path defaultUsageLogPath() { return stateDir() / "usage.sqlite"; }

UsageLog::UsageLog(const fs::path& file) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error("cannot open the usage log " + file.string() + ": " + why);
    }
    sqlite3_busy_timeout(db_, 2000);
    char* message = nullptr;
    const char* setup =
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "CREATE TABLE IF NOT EXISTS usage ("
        "  id INTEGER PRIMARY KEY,"
        "  time INTEGER NOT NULL,"          // seconds since the epoch, UTC
        "  event TEXT NOT NULL,"            // offered | started | completed | abandoned
        "  script TEXT NOT NULL,"           // the script's id: its file name without .toml
        "  length_seconds REAL NOT NULL,"
        "  scheduled INTEGER NOT NULL DEFAULT 0);";
    if (const int code = sqlite3_exec(db_, setup, nullptr, nullptr, &message); code != SQLITE_OK) {
        const std::string why = "cannot prepare the usage log " + file.string() + ": " + (message ? message : "unknown error");
        sqlite3_free(message);
        sqlite3_close(db_);
        db_ = nullptr;
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) throw UsageLogDamaged(why);
        throw std::runtime_error(why);
    }
}

UsageLog::~UsageLog() { sqlite3_close(db_); }

bool UsageLog::record(const UsageRow& row) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, "INSERT INTO usage (time, event, script, length_seconds, scheduled) VALUES (?, ?, ?, ?, ?)",
                           -1, &statement, nullptr) != SQLITE_OK) {
        error_ = sqlite3_errmsg(db_);
        return false;
    }
    sqlite3_bind_int64(statement, 1, static_cast<sqlite3_int64>(row.time));
    sqlite3_bind_text(statement, 2, usageEventName(row.event), -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 3, row.script.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(statement, 4, row.lengthSeconds);
    sqlite3_bind_int(statement, 5, row.scheduled ? 1 : 0);
    const bool ok = sqlite3_step(statement) == SQLITE_DONE;
    if (!ok) error_ = sqlite3_errmsg(db_);
    sqlite3_finalize(statement);
    return ok;
}

std::vector<UsageRow> UsageLog::rows(std::optional<std::time_t> since) const {
    std::vector<UsageRow> out;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT time, event, script, length_seconds, scheduled FROM usage WHERE time >= ? ORDER BY time, id",
                           -1, &statement, nullptr) != SQLITE_OK)
        return out;
    sqlite3_bind_int64(statement, 1, since ? static_cast<sqlite3_int64>(*since) : 0);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        UsageRow row;
        row.time = static_cast<std::time_t>(sqlite3_column_int64(statement, 0));
        const std::string event = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
        for (UsageEvent e : kEvents)
            if (event == usageEventName(e)) row.event = e;
        row.script = reinterpret_cast<const char*>(sqlite3_column_text(statement, 2));
        row.lengthSeconds = sqlite3_column_double(statement, 3);
        row.scheduled = sqlite3_column_int(statement, 4) != 0;
        out.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    return out;
}

void printUsageSummary(const std::vector<UsageRow>& rows, std::ostream& out) {
    if (rows.empty()) {
        out << tr("No sessions recorded yet.") << "\n";
        return;
    }
    std::map<std::string, int> startedPerDay;
    std::map<std::string, int> startedPerScript;
    int started = 0, completed = 0, abandoned = 0, offered = 0, scheduled = 0;
    for (const auto& r : rows) {
        switch (r.event) {
            case UsageEvent::Offered: ++offered; break;
            case UsageEvent::Started:
                ++started;
                ++startedPerDay[day(r.time)];
                ++startedPerScript[r.script];
                if (r.scheduled) ++scheduled;
                break;
            case UsageEvent::Completed: ++completed; break;
            case UsageEvent::Abandoned: ++abandoned; break;
        }
    }
    out << format(tr("Sessions started: %d (%d scheduled breaks), completed: %d, abandoned: %d, breaks offered: %d"),
                  started, scheduled, completed, abandoned, offered)
        << "\n";
    if (started > 0) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.0f%%", 100.0 * completed / started);
        out << format(tr("Completion rate: %s"), rate) << "\n";
    }
    out << "\n" << tr("Sessions per day:") << "\n";
    for (const auto& [d, n] : startedPerDay) out << "  " << d << "  " << n << "\n";
    std::vector<std::pair<std::string, int>> popular(startedPerScript.begin(), startedPerScript.end());
    std::stable_sort(popular.begin(), popular.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out << "\n" << tr("Most used sessions:") << "\n";
    for (const auto& [script, n] : popular) out << "  " << n << "  " << script << "\n";
}

void printUsageCsv(const std::vector<UsageRow>& rows, std::ostream& out) {
    out << "time,event,script,length_seconds,scheduled\n";
    for (const auto& r : rows) {
        // Script ids are letters, digits, '-' and '_' (file names); quote anyway, doubling quotes.
        std::string script;
        for (char c : r.script) script += c == '"' ? std::string("\"\"") : std::string(1, c);
        out << isoTime(r.time) << "," << usageEventName(r.event) << ",\"" << script << "\"," << r.lengthSeconds << ","
            << (r.scheduled ? 1 : 0) << "\n";
    }
}

}  // namespace kindly
