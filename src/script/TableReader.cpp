#include "script/TableReader.hpp"

#include <cmath>
#include <sstream>

#include "platform/Language.hpp"
#include "script/Suggest.hpp"

namespace kindly {

SourcePos toPos(const toml::source_region& region) {
    return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string describeType(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return tr("a string");
        case toml::node_type::integer: return tr("an integer");
        case toml::node_type::floating_point: return tr("a number");
        case toml::node_type::boolean: return tr("a boolean");
        case toml::node_type::array: return node.is_array_of_tables() ? tr("an array of tables") : tr("an array");
        case toml::node_type::table: return tr("a table");
        case toml::node_type::date: return tr("a date");
        case toml::node_type::time: return tr("a time");
        case toml::node_type::date_time: return tr("a date-time");
        default: return tr("nothing");
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
        diagnostics_.error(where, format(tr("%s needs '%s'"), place_.c_str(), key));
        all = false;
    }
    return all;
}

void TableReader::error(std::string_view key, std::string message) { diagnostics_.error(pos(key), std::move(message)); }

void TableReader::wrongType(std::string_view key, std::string_view expected) {
    error(key, format(tr("'%s' in %s must be %s, not %s"), std::string(key).c_str(), place_.c_str(),
                      std::string(expected).c_str(), describeType(*table_.get(key)).c_str()));
}

std::optional<std::string> TableReader::string(std::string_view key, bool allowEmpty) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* value = n->as_string();
    if (!value) {
        wrongType(key, tr("a string"));
        return std::nullopt;
    }
    if (!allowEmpty && value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
        error(key, format(tr("'%s' in %s is empty"), std::string(key).c_str(), place_.c_str()));
        return std::nullopt;
    }
    return value->get();
}

std::optional<bool> TableReader::boolean(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (const auto* value = n->as_boolean()) return value->get();
    wrongType(key, tr("true or false"));
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
        wrongType(key, tr("a number"));
        return std::nullopt;
    }
    if (!std::isfinite(value) || value < min || value > max) {
        const std::string given = std::isfinite(value) ? formatNumber(value) : tr("not finite");
        const std::string top = formatNumber(max) + (unit.empty() ? "" : " " + std::string(unit));
        error(key, format(tr("'%s' in %s is %s; it must be between %s and %s"), std::string(key).c_str(), place_.c_str(),
                          given.c_str(), formatNumber(min).c_str(), top.c_str()));
        return std::nullopt;
    }
    return value;
}

std::optional<long long> TableReader::integer(std::string_view key, long long min, long long max) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* i = n->as_integer();
    if (!i) {
        wrongType(key, tr("a whole number"));
        return std::nullopt;
    }
    if (i->get() < min || i->get() > max) {
        error(key, format(tr("'%s' in %s is %s; it must be between %s and %s"), std::string(key).c_str(), place_.c_str(),
                          std::to_string(i->get()).c_str(), std::to_string(min).c_str(), std::to_string(max).c_str()));
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
        wrongType(key, tr("a duration (like \"4s\" or \"1m30s\")"));
        return std::nullopt;
    }
    if (!parsed.value) {
        error(key, format(tr("bad '%s' in %s: %s"), std::string(key).c_str(), place_.c_str(), parsed.error.c_str()));
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
            error(key, format(tr("bad '%s' in %s: %s"), std::string(key).c_str(), place_.c_str(), parsed.error.c_str()));
            return std::nullopt;
        }
        return parsed.value;
    }
    if (n->is_number()) {
        auto fixed = duration(key);
        if (!fixed) return std::nullopt;
        return ElasticDuration{*fixed, *fixed};
    }
    wrongType(key, tr("a duration (like \"3s\") or an elastic duration (like \"5s..40s\")"));
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::stringArray(std::string_view key, std::vector<SourcePos>* positions) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const auto* array = n->as_array();
    if (!array) {
        wrongType(key, tr("an array of strings"));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& element : *array) {
        if (const auto* s = element.as_string()) {
            out.push_back(s->get());
            if (positions) positions->push_back(toPos(element.source()));
        } else {
            diagnostics_.error(toPos(element.source()), format(tr("'%s' in %s must hold only strings, not %s"),
                                                               std::string(key).c_str(), place_.c_str(),
                                                               describeType(element).c_str()));
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
        const char* what = value.is_table() || value.is_array_of_tables() ? tr("unknown table '%s' in %s")
                                                                          : tr("unknown key '%s' in %s");
        diagnostics_.error(toPos(key.source()), format(what, name.c_str(), place_.c_str()) + didYouMean(name, knownKeys_));
    }
}

}  // namespace kindly
