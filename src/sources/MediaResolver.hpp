#pragma once
// Script -> SessionMedia: finds every sound a script names (built-in names, paths, the
// voice of each step in the spec's order: clip, recorded file in voice_dir, synthesized)
// and reads their headers. Problems become diagnostics at the value's line and column.

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "script/Diagnostic.hpp"
#include "script/Script.hpp"
#include "sources/SessionMedia.hpp"
#include "sources/SpeechCache.hpp"
#include "speech/SpeechEngines.hpp"

namespace kindly {

/// The extensions tried, in this order, for a recorded clip `<voice_dir>/<id>.<ext>`.
inline constexpr const char* kRecordedExtensions[] = {"wav", "flac", "ogg", "opus", "mp3", "aiff", "aif"};

struct MediaResolverConfig {
    /// The bundled data folder (with audio/); built-in files are looked up under it.
    std::optional<std::filesystem::path> dataDir;
    /// Synthesizes speech for steps without a recording. Null: such steps are an error.
    SpeechCache* speech = nullptr;
    /// When not empty (a kiosk), the script's own files (clips, recordings, sound paths) must
    /// lie inside these folders, also after following symlinks; built-in sounds and
    /// synthesized speech are Kindly's own and always allowed.
    std::vector<std::filesystem::path> confineTo;
    /// The engines a script's [voice] may name; null: those on this machine (SpeechEngines::onThisMachine).
    const SpeechEngines* engines = nullptr;
    /// A kiosk's own list of the listener-defined engines it runs; nullopt: all of them.
    std::optional<std::vector<std::string>> allowedUserEngines;
    /// Told how many of the script's spoken steps have their speech (`done` of `total`) as it is
    /// verified or made; called from the threads that make it (so it must be thread-safe).
    std::function<void(int done, int total)> speechProgress;
};

/// Fills `media` for the whole script; returns false when any error was added.
bool resolveMedia(const Script& script, const MediaResolverConfig& config, SessionMedia& media,
                  Diagnostics& diagnostics);

/// The recorded clip for a step id in voice_dir, if one exists.
std::optional<std::filesystem::path> findRecordedClip(const std::filesystem::path& voiceDir, const std::string& id);

}  // namespace kindly
