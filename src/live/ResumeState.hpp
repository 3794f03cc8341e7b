#pragma once
// Remembers, per script, the step where the listener stopped
// ($XDG_STATE_HOME/kindly/resume.tsv: one "STEP-ID<TAB>CANONICAL-PATH" line per script).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace kindly {

class ResumeState {
public:
    ResumeState();
    std::optional<std::string> stepFor(const std::filesystem::path& script) const;
    /// Saves at once (atomically); nullopt forgets the script (its session was completed).
    void set(const std::filesystem::path& script, std::optional<std::string> step);

private:
    std::filesystem::path file_;
    std::map<std::string, std::string> steps_;
};

}  // namespace kindly
