#pragma once
// How the kiosk is used, and nothing about who: each session offered, started, completed or
// abandoned, with its time, the script's id (its file name without .toml) and its length.
// SQLite in WAL mode with synchronous=NORMAL: a process killed mid-write loses at most the
// row being written, never the file. UI thread only.

#include <ctime>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "platform/Clock.hpp"

struct sqlite3;

namespace kindly {

enum class UsageEvent { Offered, Started, Completed, Abandoned };
const char* usageEventName(UsageEvent e);

struct UsageRow {
    std::time_t time = 0;  ///< seconds since the epoch (UTC)
    UsageEvent event = UsageEvent::Offered;
    std::string script;
    double lengthSeconds = 0;
    bool scheduled = false;  ///< a scheduled break rather than a passer-by's choice
};

/// Thrown when the log's file is not an SQLite database, or a damaged one.
struct UsageLogDamaged : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class UsageLog {
public:
    /// Opens (creating) the log; throws std::runtime_error with the reason when it cannot
    /// (UsageLogDamaged when the file is not a database or is damaged).
    explicit UsageLog(const std::filesystem::path& file);
    ~UsageLog();
    UsageLog(const UsageLog&) = delete;
    UsageLog& operator=(const UsageLog&) = delete;

    /// False (and the reason in error()) when the row could not be written; the kiosk goes on.
    bool record(const UsageRow& row);
    std::vector<UsageRow> rows(std::optional<std::time_t> since = std::nullopt) const;
    const std::string& error() const { return error_; }

private:
    sqlite3* db_ = nullptr;
    std::string error_;
};

/// The log for a kiosk or the desk breaks, which must start whatever state it is in (a kiosk
/// runs unattended for weeks): a damaged log is moved aside, with its -wal and -shm files, to
/// FILE.damaged-YYYYmmdd-HHMMSS (kept for its owner; the time is `clock`'s) and a new one begun; a log that cannot be
/// opened at all gives nullptr, and usage goes unlogged. Both are said on `warn`.
std::unique_ptr<UsageLog> openUsageLogOrCarryOn(const std::filesystem::path& file, std::ostream& warn,
                                                const Clock& clock = systemClock());

/// $XDG_STATE_HOME/kindly/usage.sqlite
std::filesystem::path defaultUsageLogPath();

/// `kindly stats`: breaks per day, completion rate, most used sessions; or every row as CSV.
void printUsageSummary(const std::vector<UsageRow>& rows, std::ostream& out);
void printUsageCsv(const std::vector<UsageRow>& rows, std::ostream& out);

}  // namespace kindly
