#include "script/TableReader.hpp"

#include <cmath>
#include <sstream>

#include "script/Suggest.hpp"

namespace kindly {

SourcePos toPos(const toml::source_region& region) {
    return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string describeType(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return node.is_array_of_tables() ? "an array of tables" : "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

namespace {
std::string formatNumber(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
}  // namespace

TableReader::TableReader(const toml::table& table, std::string place, Diagnostics& diagnostics,
                         std::vector<std::string> knownKeys)
    : table_(table), place_(std::move(place)), diagnostics_(diagnostics), knownKeys_(std::move(knownKeys)) {}

SourcePos TableReader::pos(std::string_view key) const {
    if (const toml::node* n = table_.get(key)) return toPos(n->source());
    return tablePos();
}

bool TableReader::requireKeys(std::initializer_list<const char*> keys, SourcePos where) {
    bool all = true;
    for (const char* key : keys) {
        if (has(key)) continue;
        diagnostics_.error(where, place_ + " needs '" + key + "'");
        all = false;
    }
    return all;
}

void TableReader::error(std::string_view key, std::string message) { diagnostics_.error(pos(key), std::move(message)); }

void TableReader::wrongType(std::string_view key, std::string_view expected) {
    error(key, "'" + std::string(key) + "' in " + place_ + " must be " + std::string(expected) + ", not " +
                   describeType(*table_.get(key)));
}

std::optional<std::string> TableReader::string(std::string_view key, bool allowEmpty) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* value = n->as_string();
    if (!value) {
        wrongType(key, "a string");
        return std::nullopt;
    }
    if (!allowEmpty && value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
        error(key, "'" + std::string(key) + "' in " + place_ + " is empty");
        return std::nullopt;
    }
    return value->get();
}

std::optional<bool> TableReader::boolean(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (const auto* value = n->as_boolean()) return value->get();
    wrongType(key, "true or false");
    return std::nullopt;
}

std::optional<double> TableReader::number(std::string_view key, double min, double max, std::string_view unit) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    double value = 0;
    if (const auto* i = n->as_integer()) {
        value = static_cast<double>(i->get());
    } else if (const auto* f = n->as_floating_point()) {
        value = f->get();
    } else {
        wrongType(key, "a number");
        return std::nullopt;
    }
    if (!std::isfinite(value) || value < min || value > max) {
        error(key, "'" + std::string(key) + "' in " + place_ + " is " + (std::isfinite(value) ? formatNumber(value) : "not finite") +
                       "; it must be between " + formatNumber(min) + " and " + formatNumber(max) +
                       (unit.empty() ? "" : " " + std::string(unit)));
        return std::nullopt;
    }
    return value;
}

std::optional<long long> TableReader::integer(std::string_view key, long long min, long long max) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* i = n->as_integer();
    if (!i) {
        wrongType(key, "a whole number");
        return std::nullopt;
    }
    if (i->get() < min || i->get() > max) {
        error(key, "'" + std::string(key) + "' in " + place_ + " is " + std::to_string(i->get()) +
                       "; it must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return i->get();
}

std::optional<Nanos> TableReader::duration(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    DurationParse parsed;
    if (const auto* s = n->as_string()) {
        parsed = parseDurationText(s->get());
    } else if (const auto* i = n->as_integer()) {
        parsed = durationFromSeconds(static_cast<double>(i->get()));
    } else if (const auto* f = n->as_floating_point()) {
        parsed = durationFromSeconds(f->get());
    } else {
        wrongType(key, "a duration (like \"4s\" or \"1m30s\")");
        return std::nullopt;
    }
    if (!parsed.value) {
        error(key, "bad '" + std::string(key) + "' in " + place_ + ": " + parsed.error);
        return std::nullopt;
    }
    return parsed.value;
}

std::optional<ElasticDuration> TableReader::elasticDuration(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (const auto* s = n->as_string()) {
        auto parsed = parseElasticText(s->get());
        if (!parsed.value) {
            error(key, "bad '" + std::string(key) + "' in " + place_ + ": " + parsed.error);
            return std::nullopt;
        }
        return parsed.value;
    }
    if (n->is_number()) {
        auto fixed = duration(key);
        if (!fixed) return std::nullopt;
        return ElasticDuration{*fixed, *fixed};
    }
    wrongType(key, "a duration (like \"3s\") or an elastic duration (like \"5s..40s\")");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::stringArray(std::string_view key, std::vector<SourcePos>* positions) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* array = n->as_array();
    if (!array) {
        wrongType(key, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& element : *array) {
        if (const auto* s = element.as_string()) {
            out.push_back(s->get());
            if (positions) positions->push_back(toPos(element.source()));
        } else {
            diagnostics_.error(toPos(element.source()), "'" + std::string(key) + "' in " + place_ +
                                                           " must hold only strings, not " + describeType(element));
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

void TableReader::reportUnknownKeys() {
    for (const auto& [key, value] : table_) {
        const std::string name(key.str());
        bool known = false;
        for (const auto& k : knownKeys_) known = known || k == name;
        if (known) continue;
        const char* what = value.is_table() || value.is_array_of_tables() ? "table" : "key";
        diagnostics_.error(toPos(key.source()),
                           std::string("unknown ") + what + " '" + name + "' in " + place_ + didYouMean(name, knownKeys_));
    }
}

}  // namespace kindly
