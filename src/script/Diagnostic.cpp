#include "script/Diagnostic.hpp"

#include <algorithm>

namespace kindly {

std::string formatDiagnostic(const Diagnostic& d) {
    const char* severity = d.severity == Severity::Error     ? "error"
                           : d.severity == Severity::Warning ? "warning"
                                                             : "note";
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
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        return a.pos.column < b.pos.column;
    });
}

}  // namespace kindly
