#pragma once
// Writing a whole file safely: to "<file>.part" beside it, then renamed over it, so a reader
// (or a crash) never sees half of it.

#include <filesystem>
#include <string>
#include <string_view>

namespace kindly {

/// Writes `content` to `file` atomically. On failure returns false, sets `error` ("cannot
/// write FILE: why") and leaves neither the file changed nor the temporary behind.
bool writeFileAtomically(const std::filesystem::path& file, std::string_view content, std::string& error);

/// The second half, for files written by other means (libpng): renames the finished
/// `temporary` over `file`; on failure removes it and sets `error`.
bool moveIntoPlace(const std::filesystem::path& temporary, const std::filesystem::path& file, std::string& error);

/// Whether the process whose pid is `pid` (its decimal digits, as in a leftover's name) no longer
/// runs: false for text that is not a pid, for this process, and for one still running (or not
/// ours to ask). For sweeping what a killed process left.
bool ownerGone(std::string_view pid);

/// Removes the temporaries ("NAME.part-PID", "NAME.part-PID-N") in `folder` whose writer no
/// longer runs (killed mid-write, by SIGKILL or a power cut): they were never complete. Those of
/// a running process, this one included, are left alone. Returns how many were removed.
int sweepLeftovers(const std::filesystem::path& folder);

}  // namespace kindly
