#pragma once
// The speech engines on this machine: Kindly's own (flite, espeak-ng, festival) and those the
// listener defines in $XDG_CONFIG_HOME/kindly/voices.toml:
//
//   [engine.piper]
//   command = ["piper", "--model", "/opt/piper/en_US-amy-medium.onnx", "--output_file", "{output}"]
//   voices = ["amy"]          # optional: the names a script's [voice] name may give ({voice})
//   timeout = "60s"           # optional: per phrase (default 60s)
//   version = "1.2.0"         # optional: part of the speech cache's key
//   languages = ["de"]        # optional: speaks every script in these languages that names
//                             # no voice, in place of Kindly's own voice for it
//
// A missing file defines none; a broken one defines none and says why, at its line.

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "script/Diagnostic.hpp"
#include "speech/CommandEngine.hpp"

namespace kindly {

struct UserEnginesLoad {
    std::vector<CommandEngineSpec> engines;
    Diagnostics diagnostics;
};

/// $XDG_CONFIG_HOME/kindly/voices.toml (default ~/.config/kindly/voices.toml).
std::filesystem::path userVoicesFile();
UserEnginesLoad loadUserEngines(const std::filesystem::path& file);
UserEnginesLoad loadUserEnginesText(std::string_view text, const std::filesystem::path& file);

class SpeechEngines {
public:
    /// Kindly's own engines, and `user` after them.
    explicit SpeechEngines(std::vector<CommandEngineSpec> user = {});
    /// Kindly's own and the listener's (userVoicesFile()); its problems are kept in problems().
    static SpeechEngines onThisMachine();

    /// Null when no engine has that name.
    SpeechEngine* find(std::string_view name) const;
    /// The listener's engine for a script in `language` (its `languages` name it: "de" serves
    /// "de" and "de-AT"; "de-AT" only "de-AT"); null when none does.
    SpeechEngine* forLanguage(std::string_view language) const;
    SpeechEngine& flite() const;
    std::vector<SpeechEngine*> all() const;
    std::vector<std::string> names() const;
    const Diagnostics& problems() const { return problems_; }

private:
    std::vector<SpeechEngine*> builtin_;
    std::vector<std::shared_ptr<SpeechEngine>> user_;
    Diagnostics problems_;
};

}  // namespace kindly
