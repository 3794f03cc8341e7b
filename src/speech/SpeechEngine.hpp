#pragma once
// One interface for every text-to-speech engine Kindly can speak with (flite, espeak-ng,
// festival, and the commands a listener defines in voices.toml): each turns phrases into
// mono 16-bit PCM. Adding an engine is one class behind this interface.
// Called from whichever thread prepares a session (never the audio callback); engines that
// keep global state serialize themselves.

#include <string>
#include <string_view>
#include <vector>

#include "platform/ScratchFolder.hpp"

namespace kindly {

/// A phrase's sound: mono samples at `rate` Hz.
struct Pcm {
    std::vector<short> samples;
    int rate = 0;
};

/// How to speak: an engine's voice (a name it knows), and the script's [voice] settings.
struct VoiceChoice {
    std::string voice;
    std::string language = "en";
    double rate = 1.0;   ///< relative to the engine's calm default; > 1 is faster
    double pitch = 0.0;  ///< semitones
};

struct Synthesis {
    std::vector<Pcm> phrases;  ///< one per phrase asked for, all at the same rate
    std::string error;         ///< set on failure (phrases then empty)
};

class SpeechEngine {
public:
    virtual ~SpeechEngine() = default;

    /// The name a script's `engine` gives ("flite").
    virtual std::string name() const = 0;
    /// Goes into the speech cache's key: a new version (or command line) never reuses old files.
    virtual std::string version() const = 0;
    /// Empty when the engine can speak on this machine, else why not ("festival is not installed").
    virtual std::string unavailable() const { return {}; }
    /// The voices a script may name, for `kindly voices` and for errors.
    virtual std::vector<std::string> voices() const = 0;
    /// Whether `name` is a voice of this engine here.
    virtual bool hasVoice(std::string_view name) const;
    /// The voice to use when a script names none: for `language` where the engine follows it.
    /// Empty when the engine has no voice for that language.
    virtual std::string defaultVoice(std::string_view language) const = 0;
    /// Whether the voice follows session.language (espeak-ng), or is fixed (English engines).
    virtual bool followsLanguage() const { return false; }
    /// Whether `pitch` changes the sound (else it is ignored, with a warning).
    virtual bool supportsPitch() const { return true; }
    /// A user-defined command (voices.toml) rather than one of Kindly's own engines.
    virtual bool userDefined() const { return false; }

    virtual Synthesis synthesize(const std::vector<std::string>& phrases, const VoiceChoice& choice) = 0;
};

/// Mixes stereo (or more) interleaved samples down to mono 16-bit.
std::vector<short> toMono16(const std::vector<float>& interleaved, int channels);

}  // namespace kindly

namespace kindly {

/// Reads a WAV (or any file libsndfile reads) that an engine wrote, as mono 16-bit PCM.
/// Refuses files that are not audio, hold no sound or more than two channels, with a reason.
bool readEnginePcm(const std::string& path, Pcm& pcm, std::string& error);

/// A fresh private folder for an engine's output files ("kindly-speech-PID-XXXXXX"), removed
/// with the object; those a killed Kindly left are removed by the next.
class ScratchDir : public ScratchFolder {
public:
    ScratchDir() : ScratchFolder("kindly-speech") {}
};

}  // namespace kindly
