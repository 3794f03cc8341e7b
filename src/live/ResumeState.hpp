#pragma once
// Remembers, per script, the step where the listener stopped
// ($XDG_STATE_HOME/kindly/resume.tsv: one "STEP-ID<TAB>CANONICAL-PATH" line per script).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace kindly {

struct Script;

/// Where the listener stopped a script last time, looked up in its checked version.
struct SavedPlace {
    std::string step;  ///< the saved step's id
    int index = -1;    ///< that step's index in the script, or -1 when the script no longer has it
};

class ResumeState {
public:
    ResumeState();
    /// The saved place of `script` (nullopt when none is saved), found in `checked`, the script
    /// as it reads now. The terminal's --resume and the window's "Continue from" both use it.
    std::optional<SavedPlace> placeIn(const std::filesystem::path& script, const Script& checked) const;
    /// Saves at once (atomically); nullopt forgets the script (its session was completed).
    void set(const std::filesystem::path& script, std::optional<std::string> step);

private:
    std::optional<std::string> stepFor(const std::filesystem::path& script) const;

    std::filesystem::path file_;
    std::map<std::string, std::string> steps_;
};

}  // namespace kindly
