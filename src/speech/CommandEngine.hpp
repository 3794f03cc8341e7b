#pragma once
// A speech engine the listener defines on their own machine, in
// $XDG_CONFIG_HOME/kindly/voices.toml (see UserEngines.hpp), run as a command: the phrase on its
// standard input, a WAV written to the path given for {output}. One run per phrase, each
// within the engine's time limit. A script only names it; the command line lives with the
// listener, so a script that travels can never run a program of its choosing.

#include <chrono>

#include "speech/SpeechEngine.hpp"

namespace kindly {

struct CommandEngineSpec {
    std::string name;
    /// The program and its arguments (no shell). {output} (required) is the WAV to write;
    /// {voice}, {rate}, {pitch} and {language} are replaced by the script's [voice] values.
    std::vector<std::string> command;
    std::vector<std::string> voices;  ///< what a script's `name` may say; default: "default"
    std::string defaultVoice;         ///< default: the first of `voices`
    std::chrono::milliseconds timeout{60000};  ///< per phrase
    std::string version;              ///< part of the cache key, with the command line itself
    /// The languages it speaks for the listener ("de", "pt-BR"): a script in one of them that
    /// names no voice of its own speaks with this engine (see SpeechEngines::forLanguage).
    std::vector<std::string> languages;
};

class CommandEngine final : public SpeechEngine {
public:
    explicit CommandEngine(CommandEngineSpec spec);

    std::string name() const override { return spec_.name; }
    std::string version() const override;
    std::string unavailable() const override;
    std::vector<std::string> voices() const override { return spec_.voices; }
    std::string defaultVoice(std::string_view) const override { return spec_.defaultVoice; }
    bool followsLanguage() const override { return uses("{language}"); }
    bool supportsPitch() const override { return uses("{pitch}"); }
    bool userDefined() const override { return true; }
    const std::vector<std::string>& languages() const { return spec_.languages; }
    Synthesis synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) override;

private:
    bool uses(std::string_view placeholder) const;
    CommandEngineSpec spec_;
};

}  // namespace kindly
