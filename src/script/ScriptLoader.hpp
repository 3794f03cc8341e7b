#pragma once
// TOML text -> Script, with every problem of the file reported in one pass.
// Checks structure, types, ranges, ids and references between tables; whether sound files
// and built-in names exist is checked by the media resolver (sources/MediaResolver.hpp).

#include <filesystem>
#include <optional>
#include <string_view>

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
inline constexpr std::uintmax_t kMaxScriptBytes = 4 * 1024 * 1024;

ScriptLoad loadScriptFile(const std::filesystem::path& file);

/// Parses `text` as if it were the content of `file` (paths resolve against file's folder).
ScriptLoad loadScriptText(std::string_view text, const std::filesystem::path& file);

/// True when `text` names a built-in sound (no "/" and no extension) rather than a file.
bool looksLikeBuiltinName(std::string_view text);

}  // namespace kindly
