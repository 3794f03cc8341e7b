#pragma once
// `kindly play SCRIPT --watch`: a preview that follows the author's edits. The script file is
// looked at a few times a second; a new version that is valid replaces the playing one and
// goes on from the same step (and the same place in it when that step is unchanged); one that
// is not keeps the old version playing, and its diagnostics are shown until it is fixed.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "live/LiveSession.hpp"

namespace kindly {

/// Notices changes to a file by its modification time and size (no threads, no inotify: the
/// caller asks from its loop). UI thread.
class FileWatcher {
public:
    explicit FileWatcher(std::filesystem::path file);
    /// True once for each change since the last call (a file being replaced counts, a missing
    /// file does not until it is back).
    bool changed();
    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
    std::filesystem::file_time_type time_{};
    std::uintmax_t size_ = 0;
    bool exists_ = false;
};

struct NewVersion {
    std::unique_ptr<LiveSession> live;        ///< ready to play (no player yet), when valid
    std::vector<std::string> diagnostics;     ///< "FILE:LINE:COLUMN: error: ..." when not
};

/// Reads and prepares the file again (slow: speech may be synthesized; a worker may run it).
NewVersion loadNewVersion(const std::filesystem::path& file, const PrepareOptions& options);

/// The line shown while the last good version plays on: the first diagnostic (its path cut to
/// the file's name), how many more, and that the last good version still plays. Empty when
/// there are no diagnostics.
std::string reloadProblemLine(const std::filesystem::path& file, const std::vector<std::string>& diagnostics);

/// Where the new version goes on from, given where the old one is now: the same step (found
/// by its id, else by its place), at the same offset into it when the step is unchanged
/// (same words, caption, bell and timings), else at its start.
Frames continuePoint(const LiveSession& from, const LiveSession& to);

/// Gives the new version its player at the old one's place, with the listener's volumes and
/// play/pause state. The caller then stops the old output and starts it with `to`'s player.
void takeOver(const LiveSession& from, LiveSession& to);

}  // namespace kindly
