#include "sources/MediaResolver.hpp"

#include "platform/Paths.hpp"
#include "script/Suggest.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::optional<fs::path> findRecordedClip(const fs::path& voiceDir, const std::string& id) {
    std::error_code ec;
    for (const char* ext : kRecordedExtensions) {
        fs::path candidate = voiceDir / (id + "." + ext);
        if (fs::exists(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

namespace {

class Resolver {
public:
    Resolver(const MediaResolverConfig& config, Diagnostics& diagnostics) : config_(config), diagnostics_(diagnostics) {}

    /// `role` says in messages what the sound is for ("bell", "ambient sound").
    std::optional<SoundMedia> sound(const SoundRef& ref, const std::string& role, bool mustEnd) {
        SoundMedia media;
        if (ref.builtin) {
            const BuiltinSound* builtin = findBuiltinSound(ref.text);
            if (!builtin) {
                diagnostics_.error(ref.pos, "unknown built-in sound '" + ref.text + "'" +
                                                didYouMean(ref.text, builtinSoundNames()) +
                                                " (a file path needs a \"/\" or an extension)");
                return std::nullopt;
            }
            media.builtin = true;
            if (builtin->kind == BuiltinKind::Noise) {
                if (mustEnd) {
                    diagnostics_.error(ref.pos, "'" + ref.text + "' is a generated noise that never ends; a " + role +
                                                    " must be a sound that ends, such as 'bowl', 'chime' or 'gong'");
                    return std::nullopt;
                }
                media.kind = SoundMedia::Kind::Noise;
                media.noise = builtin->noise;
                return media;
            }
            if (!config_.dataDir) {
                diagnostics_.error(ref.pos, "built-in sound '" + ref.text +
                                                "' is not available: Kindly's bundled data folder was not found "
                                                "(set KINDLY_DATA_DIR to the folder that holds audio/)");
                return std::nullopt;
            }
            auto probe = probeAudioFile(*config_.dataDir / "audio" / fs::path(builtin->file));
            if (!probe.info) {
                diagnostics_.error(ref.pos, "built-in sound '" + ref.text + "' is not installed correctly: " +
                                                (*config_.dataDir / "audio" / fs::path(builtin->file)).string() + ": " +
                                                probe.error);
                return std::nullopt;
            }
            media.file = *probe.info;
            return media;
        }
        if (!allowed(ref.path)) {
            diagnostics_.error(ref.pos, role + " file '" + ref.text + "' is outside the library folders: " + kConfined);
            return std::nullopt;
        }
        auto probe = probeAudioFile(ref.path);
        if (!probe.info) {
            diagnostics_.error(ref.pos, role + " file '" + ref.text + "' (" + ref.path.string() + "): " + probe.error);
            return std::nullopt;
        }
        media.file = *probe.info;
        return media;
    }

    std::optional<VoiceMedia> voice(const Script& script, const Step& step) {
        if (step.clip) {
            if (!allowed(step.clip->path)) {
                diagnostics_.error(step.clip->pos, "clip '" + step.clip->text + "' is outside the library folders: " + kConfined);
                return std::nullopt;
            }
            auto probe = probeAudioFile(step.clip->path);
            if (!probe.info) {
                diagnostics_.error(step.clip->pos, "clip '" + step.clip->text + "' (" + step.clip->path.string() + "): " +
                                                       probe.error);
                return std::nullopt;
            }
            return VoiceMedia{VoiceOrigin::Clip, *probe.info};
        }
        if (!step.say) return std::nullopt;
        if (auto recorded = findRecordedClip(script.session.voiceDir, step.id)) {
            if (!allowed(*recorded)) {
                diagnostics_.error(step.pos, "the recorded voice for step '" + step.id + "' (" + recorded->string() +
                                                 ") is outside the library folders: " + kConfined);
                return std::nullopt;
            }
            auto probe = probeAudioFile(*recorded);
            if (!probe.info) {
                diagnostics_.error(step.pos, "recorded voice for step '" + step.id + "' (" + recorded->string() +
                                                 "): " + probe.error);
                return std::nullopt;
            }
            return VoiceMedia{VoiceOrigin::Recorded, *probe.info};
        }
        if (!config_.speech) {
            diagnostics_.error(step.pos, "step '" + step.id + "' has no recorded voice and speech synthesis is off");
            return std::nullopt;
        }
        auto speech = config_.speech->obtain(*step.say);
        if (speech.path.empty()) {
            diagnostics_.error(step.pos, "cannot synthesize the voice of step '" + step.id + "': " + speech.error);
            return std::nullopt;
        }
        auto probe = speech.bytes ? probeAudioBytes(*speech.bytes, speech.path) : probeAudioFile(speech.path);
        if (!probe.info) {
            diagnostics_.error(step.pos, "synthesized voice of step '" + step.id + "' is unreadable (" +
                                             speech.path.string() + "): " + probe.error);
            return std::nullopt;
        }
        if (speech.bytes) {
            probe.info->bytes = speech.bytes;
            if (!toldNotCached_)
                diagnostics_.warning(step.pos, "the synthesized voice cannot be cached (" + speech.notCached +
                                                   "): it is kept in memory for this run and synthesized again the next");
            toldNotCached_ = true;
        }
        return VoiceMedia{VoiceOrigin::Synthesized, *probe.info};
    }

private:
    static constexpr const char* kConfined = "in a kiosk, a script may only read files inside its library folders";

    /// True when a script's file may be read: anywhere, or (in a kiosk) inside a library folder
    /// once "..", and symlinks are resolved. A file that does not exist is left to the probe.
    bool allowed(const fs::path& file) const {
        if (config_.confineTo.empty()) return true;
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(file, ec);
        if (ec) return false;
        for (const auto& folder : config_.confineTo) {
            const fs::path root = fs::weakly_canonical(folder, ec);
            if (!ec && isInside(real, root)) return true;
        }
        return false;
    }

    const MediaResolverConfig& config_;
    Diagnostics& diagnostics_;
    bool toldNotCached_ = false;  // the cache's refusal is said once, not for every step
};

}  // namespace

bool resolveMedia(const Script& script, const MediaResolverConfig& config, SessionMedia& media,
                  Diagnostics& diagnostics) {
    const int errorsBefore = diagnostics.count(Severity::Error);
    Resolver resolver(config, diagnostics);
    media = {};
    bool synthesizes = false;
    for (const Step& step : script.steps) {
        StepMedia m;
        m.voice = resolver.voice(script, step);
        synthesizes = synthesizes || (m.voice && m.voice->origin == VoiceOrigin::Synthesized);
        if (step.bell) m.bell = resolver.sound(*step.bell, "bell", true);
        if (step.intervalBell) m.intervalBell = resolver.sound(step.intervalBell->sound, "interval bell", true);
        media.steps.push_back(std::move(m));
    }
    for (const Ambient& ambient : script.ambients) {
        auto sound = resolver.sound(ambient.sound, "ambient sound", false);
        media.ambients.push_back(sound.value_or(SoundMedia{}));
    }
    if (synthesizes && script.session.language.rfind("en", 0) != 0) {
        diagnostics.warning(script.session.languagePos, "language is '" + script.session.language +
                                    "' but synthesized speech is English only; record the voice for this script");
    }
    return diagnostics.count(Severity::Error) == errorsBefore;
}

}  // namespace kindly
