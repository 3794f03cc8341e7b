#include "script/Diagnostic.hpp"

#include <algorithm>

#include "platform/Language.hpp"

namespace kindly {

std::string formatDiagnostic(const Diagnostic& d) {
    // Translated as GCC translates its own; the place (PATH:LINE:COLUMN) keeps its form.
    const char* severity = d.severity == Severity::Error     ? tr("error")
                           : d.severity == Severity::Warning ? tr("warning")
                                                             : tr("note");
    std::string out = d.path;
    if (d.pos.line > 0) {
        out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column > 0 ? d.pos.column : 1);
    }
    out += ": ";
    out += severity;
    out += ": ";
    out += d.message;
    return out;
}

bool Diagnostics::hasErrors() const { return count(Severity::Error) > 0; }

int Diagnostics::count(Severity severity) const {
    return static_cast<int>(
        std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

void Diagnostics::sortByPosition() {
    // Notes belong to the diagnostic before them: sort groups (a head and its notes) by the head.
    std::vector<std::vector<Diagnostic>> groups;
    for (auto& d : items_) {
        if (d.severity != Severity::Note || groups.empty()) groups.emplace_back();
        groups.back().push_back(std::move(d));
    }
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        if (a.front().pos.line != b.front().pos.line) return a.front().pos.line < b.front().pos.line;
        return a.front().pos.column < b.front().pos.column;
    });
    items_.clear();
    for (auto& g : groups)
        for (auto& d : g) items_.push_back(std::move(d));
}

}  // namespace kindly
