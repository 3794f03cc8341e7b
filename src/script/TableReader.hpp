#pragma once
// Typed, diagnosed access to one TOML table of a script. Every read checks the value's type
// and range and reports problems at the value's line and column; reportUnknownKeys() flags
// keys the table does not know, with the closest known key.
// Only ScriptLoader.cpp uses this; it keeps toml++ out of the rest of the program.

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "script/Diagnostic.hpp"
#include "script/Duration.hpp"

namespace kindly {

SourcePos toPos(const toml::source_region& region);

/// "a string", "an integer", ... for messages.
std::string describeType(const toml::node& node);

class TableReader {
public:
    /// `place` names the table in messages, e.g. "[session]" or "step 'arrive'".
    TableReader(const toml::table& table, std::string place, Diagnostics& diagnostics,
                std::vector<std::string> knownKeys);

    const toml::table& table() const { return table_; }
    const std::string& place() const { return place_; }
    SourcePos tablePos() const { return toPos(table_.source()); }
    bool has(std::string_view key) const { return table_.contains(key); }
    const toml::node* node(std::string_view key) const { return table_.get(key); }
    SourcePos pos(std::string_view key) const;

    std::optional<std::string> string(std::string_view key, bool allowEmpty = false);
    std::optional<bool> boolean(std::string_view key);
    /// An integer or a float, finite, within [min, max].
    std::optional<double> number(std::string_view key, double min, double max, std::string_view unit);
    /// An integer within [min, max].
    std::optional<long long> integer(std::string_view key, long long min, long long max);
    /// A duration string or a bare number of seconds.
    std::optional<Nanos> duration(std::string_view key);
    /// A duration or an elastic "MIN..MAX" string.
    std::optional<ElasticDuration> elasticDuration(std::string_view key);
    /// An array of strings; `positions`, when given, gets where each element stands (for a
    /// diagnostic that points at the element, not at the key).
    std::optional<std::vector<std::string>> stringArray(std::string_view key, std::vector<SourcePos>* positions = nullptr);

    /// Reports each missing key ("PLACE needs 'KEY'") at `where`; true when none is missing.
    bool requireKeys(std::initializer_list<const char*> keys, SourcePos where);

    void error(std::string_view key, std::string message);
    void wrongType(std::string_view key, std::string_view expected);
    void reportUnknownKeys();

private:
    const toml::table& table_;
    std::string place_;
    Diagnostics& diagnostics_;
    std::vector<std::string> knownKeys_;
};

}  // namespace kindly
