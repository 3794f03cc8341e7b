#pragma once
// A session script as plain data: every value checked and defaulted by the loader
// (ScriptLoader.hpp). Nothing here touches files or audio.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "script/Diagnostic.hpp"
#include "script/Duration.hpp"

namespace kindly {

/// A `sound`, `bell` or `clip` value: a built-in name or a path relative to the script.
struct SoundRef {
    std::string text;                 ///< as written in the script
    bool builtin = false;             ///< no "/" and no extension: a built-in sound's name
    std::filesystem::path path;       ///< for files: resolved against the script's folder
    SourcePos pos;                    ///< where the value is written
};

struct Breathe {
    enum class Cue { None, Tone };
    Nanos in = 0;
    Nanos hold = 0;
    Nanos out = 0;
    Nanos rest = 0;
    int cycles = 1;
    Cue cue = Cue::None;
    Nanos cycleLength() const { return in + hold + out + rest; }
};

struct IntervalBell {
    SoundRef sound;
    Nanos every = 0;
};

struct Step {
    std::string id;                      ///< given, or "step-N" (1-based)
    SourcePos pos;                       ///< the [[step]] header
    std::optional<std::string> chapter;  ///< a title: this step starts a chapter
    std::optional<std::string> say;
    std::optional<SoundRef> clip;
    std::optional<std::string> caption;  ///< explicit caption text
    bool captionDisabled = false;        ///< caption = false
    std::optional<SoundRef> bell;
    std::optional<Breathe> breathe;
    ElasticDuration pause;
    bool wait = false;
    std::optional<IntervalBell> intervalBell;

    /// What the screen shows during the step, if anything: `caption`, else `say`.
    std::optional<std::string> captionText() const {
        if (captionDisabled) return std::nullopt;
        if (caption) return caption;
        return say;
    }
};

struct Ambient {
    std::string id;  ///< given, or "ambient-N" (1-based)
    SourcePos pos;
    SoundRef sound;
    double gainDb = 0.0;
    Nanos fadeIn = 3 * kNanosPerSecond;
    Nanos fadeOut = 5 * kNanosPerSecond;
    std::optional<std::string> from;   ///< step id; default the first step
    std::optional<std::string> until;  ///< step id; default the end of the session
    int fromStep = -1;                 ///< index of `from` in Script::steps, -1 without one
    int untilStep = -1;                ///< index of `until` in Script::steps, -1 without one
    bool loop = true;
    Nanos loopCrossfade = kNanosPerSecond;
};

struct Mix {
    double voiceDb = 0.0;
    double ambientDb = -12.0;
    double bellsDb = -6.0;
    double duckDb = -8.0;  ///< <= 0
    Nanos duckAttack = 400 * kNanosPerMilli;
    Nanos duckRelease = 1500 * kNanosPerMilli;
    std::optional<double> voiceLufs = -20.0;  ///< nullopt: keep clips as recorded
};

/// [voice]: how `say` is spoken until a recording exists (engines: src/speech/).
struct VoiceSettings {
    std::string engine = "flite";
    SourcePos enginePos;                 ///< where `engine` is written ({} when not given)
    std::optional<std::string> name;     ///< the engine's voice; default: the engine's (or the language's)
    SourcePos namePos;
    double rate = 1.0;                   ///< 0.5..2.0, relative to the engine's calm default
    double pitch = 0.0;                  ///< semitones, -12..12
    SourcePos pitchPos;
    Nanos gap = 600 * kNanosPerMilli;        ///< silence after each sentence
    Nanos phraseGap = 250 * kNanosPerMilli;  ///< after each comma, semicolon or colon
    SourcePos tablePos;                  ///< the [voice] header ({} when there is none)
};

struct Session {
    std::string title;
    std::string description;
    std::string author;
    std::string language = "en";
    SourcePos languagePos;
    std::optional<Nanos> length;  ///< target length
    SourcePos lengthPos;
    std::vector<std::string> tags;
    std::filesystem::path voiceDir;  ///< absolute or relative to the working directory
    std::optional<std::filesystem::path> cover;  ///< a render's picture (PNG or JPEG), beside the script
    SourcePos coverPos;
};

struct Script {
    std::filesystem::path file;     ///< the script as given
    std::filesystem::path baseDir;  ///< the folder holding it; paths are relative to it
    int format = 1;
    Session session;
    Mix mix;
    VoiceSettings voice;
    std::vector<Ambient> ambients;
    std::vector<Step> steps;
};

}  // namespace kindly
