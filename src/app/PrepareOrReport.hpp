#pragma once
// A prepared session for the commands that need a valid one, its problems printed.

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "session/PrepareSession.hpp"

namespace kindly {

/// Prepares the session, prints its diagnostics to `err`, and on failure sets `status` (2
/// unreadable, 1 invalid, 128+N stopped by signal N) and returns nullopt.
std::optional<PreparedSession> prepareOrReport(const std::filesystem::path& file, const PrepareOptions& options,
                                               std::ostream& err, int& status);

}  // namespace kindly
