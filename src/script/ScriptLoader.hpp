#pragma once
// TOML text -> Script, with every problem of the file reported in one pass.
// Checks structure, types, ranges, ids and references between tables; whether sound files
// and built-in names exist is checked by the media resolver (sources/MediaResolver.hpp).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "script/Diagnostic.hpp"
#include "script/Script.hpp"

namespace kindly {

struct ScriptLoad {
    /// Set whenever the file is valid TOML: complete when diagnostics has no errors, else
    /// what could be read (so later checks, like missing files, still run in the same pass).
    std::optional<Script> script;
    Diagnostics diagnostics;
    bool unreadable = false;  ///< the path could not be read at all (missing, a directory, ...)
};

/// Scripts larger than this are refused before parsing (a script is a page or two of text).
inline constexpr std::uintmax_t kMaxScriptBytes = std::uintmax_t{4} * 1024 * 1024;

ScriptLoad loadScriptFile(const std::filesystem::path& file);

/// Parses `text` as if it were the content of `file` (paths resolve against file's folder).
ScriptLoad loadScriptText(std::string_view text, const std::filesystem::path& file);

/// Every key the loader accepts, by table: "" (the top level), "session", "mix", "ambient",
/// "step", "step.breathe" and "step.interval_bell". The loader reads with these lists, and the
/// JSON Schema for editors (schema/session-script.schema.json) is tested against them.
const std::vector<std::pair<std::string, std::vector<std::string>>>& scriptKeys();
/// The keys of one of those tables.
const std::vector<std::string>& scriptKeys(std::string_view table);

/// True when `text` names a built-in sound (no "/" and no extension) rather than a file.
bool looksLikeBuiltinName(std::string_view text);

}  // namespace kindly
