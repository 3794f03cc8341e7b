#pragma once
// Reading a small TOML file written by a person (a session script, a kiosk config): the file's
// text with a size cap, and its parse, each problem as a diagnostic at its line and column.

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "script/Diagnostic.hpp"

namespace kindly {

/// The file's text, or nullopt with an error ("cannot read the WHAT: no such file").
/// Stops reading past `maxBytes` (the caller reports a file that large).
std::optional<std::string> readTextFile(const std::filesystem::path& file, std::uintmax_t maxBytes, std::string_view what,
                                        Diagnostics& diagnostics);

/// The parsed table, or nullopt with the syntax error at its place.
std::optional<toml::table> parseToml(std::string_view text, const std::filesystem::path& file, Diagnostics& diagnostics);

}  // namespace kindly
