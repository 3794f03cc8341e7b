#pragma once
// Problems found in a script, as values: the command line decides how to show them.

#include <string>
#include <vector>

namespace kindly {

enum class Severity { Error, Warning, Note };

/// A place in a file; line and column are 1-based, 0 when unknown.
struct SourcePos {
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    std::string path;
    SourcePos pos;
    Severity severity = Severity::Error;
    std::string message;
};

/// "PATH:LINE:COLUMN: error: MESSAGE", as compilers print them.
std::string formatDiagnostic(const Diagnostic& d);

/// Collects the diagnostics of one file, in the order they were found.
class Diagnostics {
public:
    explicit Diagnostics(std::string path = {}) : path_(std::move(path)) {}

    void error(SourcePos pos, std::string message) { add(Severity::Error, pos, std::move(message)); }
    void warning(SourcePos pos, std::string message) { add(Severity::Warning, pos, std::move(message)); }
    void note(SourcePos pos, std::string message) { add(Severity::Note, pos, std::move(message)); }
    void add(Severity severity, SourcePos pos, std::string message) {
        items_.push_back({path_, pos, severity, std::move(message)});
    }
    void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

    bool hasErrors() const;
    int count(Severity severity) const;
    const std::vector<Diagnostic>& items() const { return items_; }
    const std::string& path() const { return path_; }

    /// Orders by line and column (stable); a note stays right after the diagnostic it explains.
    void sortByPosition();

private:
    std::string path_;
    std::vector<Diagnostic> items_;
};

}  // namespace kindly
