#include "sources/MediaResolver.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "platform/Language.hpp"
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
    Resolver(const MediaResolverConfig& config, Diagnostics& diagnostics)
        : config_(config), diagnostics_(diagnostics), scriptInvalid_(diagnostics.hasErrors()) {}

    /// `role` says in messages what the sound is for ("bell", "ambient sound").
    std::optional<SoundMedia> sound(const SoundRef& ref, const std::string& role, bool mustEnd) {
        SoundMedia media;
        if (ref.builtin) {
            const BuiltinSound* builtin = findBuiltinSound(ref.text);
            if (!builtin) {
                diagnostics_.error(ref.pos, format(tr("unknown built-in sound '%s'"), ref.text.c_str()) +
                                                didYouMean(ref.text, builtinSoundNames()) +
                                                tr(" (a file path needs a \"/\" or an extension)"));
                return std::nullopt;
            }
            media.builtin = true;
            if (builtin->kind == BuiltinKind::Noise) {
                if (mustEnd) {
                    diagnostics_.error(ref.pos, format(tr("'%s' is a generated noise that never ends; a %s must be a sound "
                                                          "that ends, such as 'bowl', 'chime' or 'gong'"),
                                                       ref.text.c_str(), role.c_str()));
                    return std::nullopt;
                }
                media.kind = SoundMedia::Kind::Noise;
                media.noise = builtin->noise;
                return media;
            }
            if (!config_.dataDir) {
                diagnostics_.error(ref.pos, format(tr("built-in sound '%s' is not available: Kindly's bundled data folder "
                                                      "was not found (set KINDLY_DATA_DIR to the folder that holds audio/)"),
                                                   ref.text.c_str()));
                return std::nullopt;
            }
            auto probe = probeAudioFile(*config_.dataDir / "audio" / fs::path(builtin->file));
            if (!probe.info) {
                diagnostics_.error(ref.pos, format(tr("built-in sound '%s' is not installed correctly: %s: %s"),
                                                   ref.text.c_str(),
                                                   (*config_.dataDir / "audio" / fs::path(builtin->file)).c_str(),
                                                   probe.error.c_str()));
                return std::nullopt;
            }
            media.file = *probe.info;
            return media;
        }
        if (!allowed(ref.path)) {
            diagnostics_.error(ref.pos, format(tr("%s file '%s' is outside the library folders: %s"), role.c_str(),
                                               ref.text.c_str(), tr(kConfined)));
            return std::nullopt;
        }
        auto probe = probeAudioFile(ref.path);
        if (!probe.info) {
            diagnostics_.error(ref.pos, format(tr("%s file '%s' (%s): %s"), role.c_str(), ref.text.c_str(),
                                               ref.path.c_str(), probe.error.c_str()));
            return std::nullopt;
        }
        media.file = *probe.info;
        return media;
    }

    std::optional<VoiceMedia> voice(const Script& script, const Step& step) {
        if (step.clip) {
            if (!allowed(step.clip->path)) {
                diagnostics_.error(step.clip->pos, format(tr("clip '%s' is outside the library folders: %s"),
                                                          step.clip->text.c_str(), tr(kConfined)));
                return std::nullopt;
            }
            auto probe = probeAudioFile(step.clip->path);
            if (!probe.info) {
                diagnostics_.error(step.clip->pos, format(tr("clip '%s' (%s): %s"), step.clip->text.c_str(),
                                                          step.clip->path.c_str(), probe.error.c_str()));
                return std::nullopt;
            }
            return VoiceMedia{VoiceOrigin::Clip, *probe.info};
        }
        if (!step.say) return std::nullopt;
        if (auto recorded = findRecordedClip(script.session.voiceDir, step.id)) {
            if (!allowed(*recorded)) {
                diagnostics_.error(step.pos, format(tr("the recorded voice for step '%s' (%s) is outside the library "
                                                       "folders: %s"),
                                                    step.id.c_str(), recorded->c_str(), tr(kConfined)));
                return std::nullopt;
            }
            auto probe = probeAudioFile(*recorded);
            if (!probe.info) {
                diagnostics_.error(step.pos, format(tr("recorded voice for step '%s' (%s): %s"), step.id.c_str(),
                                                    recorded->c_str(), probe.error.c_str()));
                return std::nullopt;
            }
            return VoiceMedia{VoiceOrigin::Recorded, *probe.info};
        }
        if (!config_.speech) {
            diagnostics_.error(step.pos, format(tr("step '%s' has no recorded voice and speech synthesis is off"),
                                                step.id.c_str()));
            return std::nullopt;
        }
        if (!voiceChosen_) chooseVoice(script);
        if (!engine_) return std::nullopt;  // the voice named cannot speak (said once, at its line)
        if (scriptInvalid_) return std::nullopt;  // no engine runs for a script that cannot play (its errors are said)
        auto speech = config_.speech->obtain(*step.say, *engine_, speech_);
        if (const int healed = config_.speech->takeHealed(); healed > 0)
            diagnostics_.warning(step.pos, format(trn("%d damaged synthesized voice was found in the speech cache and made "
                                                      "again",
                                                      "%d damaged synthesized voices were found in the speech cache and "
                                                      "made again",
                                                      static_cast<unsigned long>(healed)),
                                                  healed));
        if (speech.path.empty()) {
            diagnostics_.error(step.pos, format(tr("cannot synthesize the voice of step '%s': %s"), step.id.c_str(),
                                                speech.error.c_str()));
            return std::nullopt;
        }
        auto probe = speech.bytes ? probeAudioBytes(*speech.bytes, speech.path) : probeAudioFile(speech.path);
        if (!probe.info) {
            diagnostics_.error(step.pos, format(tr("synthesized voice of step '%s' is unreadable (%s): %s"),
                                                step.id.c_str(), speech.path.c_str(), probe.error.c_str()));
            return std::nullopt;
        }
        if (speech.bytes) {
            probe.info->bytes = speech.bytes;
            if (!toldNotCached_)
                diagnostics_.warning(step.pos, format(tr("the synthesized voice cannot be cached (%s): it is kept in "
                                                         "memory for this run and synthesized again the next"),
                                                      speech.notCached.c_str()));
            toldNotCached_ = true;
        }
        return VoiceMedia{VoiceOrigin::Synthesized, *probe.info, std::move(speech.sentences)};
    }

    /// Synthesizes the speech of every step that will need it, two at a time, so the steps
    /// resolved one by one after it find their speech cached: festival and a listener's own
    /// engine run as programs, so a cold start takes half as long on two cores (flite and
    /// espeak-ng serialize themselves and gain nothing, but lose nothing either).
    void synthesizeAhead(const Script& script) {
        if (!config_.speech) return;
        std::vector<const std::string*> texts;
        for (const Step& step : script.steps)
            if (!step.clip && step.say && !findRecordedClip(script.session.voiceDir, step.id)) texts.push_back(&*step.say);
        if (texts.size() < 2) return;
        if (!voiceChosen_) chooseVoice(script);
        if (!engine_ || scriptInvalid_) return;
        const int total = static_cast<int>(texts.size());
        if (config_.speechProgress) config_.speechProgress(0, total);
        std::atomic<std::size_t> next{0};
        std::atomic<int> done{0};
        const auto work = [&] {
            for (std::size_t i = next++; i < texts.size(); i = next++) {
                config_.speech->obtain(*texts[i], *engine_, speech_);
                if (config_.speechProgress) config_.speechProgress(++done, total);
            }
        };
        std::thread helper(work);
        work();
        helper.join();
    }

    /// Whether a synthesized voice speaks English only while the script is in another language.
    bool englishOnlyVoice() const { return engine_ && !engine_->followsLanguage(); }

private:
    /// Picks the engine and voice of the script's [voice], once, saying at its lines what is
    /// missing: an engine not here (flite speaks instead), a voice or language it lacks (an error).
    void chooseVoice(const Script& script) {
        voiceChosen_ = true;
        // Those on this machine unless the caller gave some; kept, as engine_ may be one of them.
        if (!config_.engines) ownEngines_ = std::make_shared<SpeechEngines>(SpeechEngines::onThisMachine());
        const SpeechEngines& engines = config_.engines ? *config_.engines : *ownEngines_;
        const VoiceSettings& v = script.voice;
        speech_ = SpeechSettings{v.name.value_or(""), script.session.language, v.rate, v.pitch,
                                 static_cast<int>(v.gap / kNanosPerMilli), static_cast<int>(v.phraseGap / kNanosPerMilli)};
        SpeechEngine* engine = engines.find(v.engine);
        // A kiosk runs only the listener's engines that its config names; elsewhere all of them.
        const auto allowed = [this](const SpeechEngine& e) {
            const auto& names = config_.allowedUserEngines;
            return !e.userDefined() || !names || std::find(names->begin(), names->end(), e.name()) != names->end();
        };
        // The listener's own voice for the script's language, when the script names no voice of
        // its own (a kiosk only where its config allows that engine).
        if (SpeechEngine* own = v.name ? nullptr : engines.forLanguage(script.session.language);
            own && allowed(*own) && own->unavailable().empty())
            engine = own;
        std::string instead;
        if (!engine) {
            instead = format(tr("there is no voice engine '%s' on this machine"), v.engine.c_str()) +
                      didYouMean(v.engine, engines.names()) +
                      format(tr(" (here: %s; your own are defined in %s)"), joined(engines.names(), 8).c_str(),
                             userVoicesFile().c_str());
            if (engines.problems().hasErrors())
                instead += format(tr("; %s has errors (kindly voices shows them)"), userVoicesFile().filename().c_str());
        } else if (!allowed(*engine)) {
            instead = format(tr("this kiosk does not run the voice engine '%s': a kiosk runs only the engines its config "
                                "names ([voice] engines)"),
                             v.engine.c_str());
        } else if (const std::string why = engine->unavailable(); !why.empty()) {
            instead = format(tr("the voice engine '%s' cannot speak here: %s"), v.engine.c_str(), why.c_str());
        }
        if (!instead.empty()) {
            diagnostics_.warning(v.enginePos, instead + tr("; speaking with flite instead"));
            engine_ = &engines.flite();
            speech_.voice.clear();
            return;
        }
        if (v.name && !engine->hasVoice(*v.name)) {
            const auto voices = engine->voices();
            diagnostics_.error(v.namePos, format(tr("%s has no voice '%s'"), engine->name().c_str(), v.name->c_str()) +
                                              didYouMean(*v.name, voices) +
                                              format(tr(" (its voices here: %s; `kindly voices %s` lists them)"),
                                                     joined(voices, 12).c_str(), engine->name().c_str()));
            return;
        }
        if (!v.name) {
            speech_.voice = engine->defaultVoice(script.session.language);
            if (speech_.voice.empty()) {
                diagnostics_.error(script.session.languagePos,
                                   format(tr("%s has no voice for language '%s'; name one in [voice] name (`kindly "
                                             "voices` lists them)"),
                                          engine->name().c_str(), script.session.language.c_str()));
                return;
            }
        }
        if (v.pitch != 0 && !engine->supportsPitch())
            diagnostics_.warning(v.pitchPos, format(tr("%s cannot change the pitch of its voice; 'pitch' is ignored"),
                                                    engine->name().c_str()));
        engine_ = engine;
    }

    static std::string joined(const std::vector<std::string>& names, std::size_t most) {
        std::string out;
        for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
        if (names.size() > most) out += format(tr(", ... (%zu in all)"), names.size());
        return out;
    }

    static constexpr const char* kConfined = N_("in a kiosk, a script may only read files inside its library folders");

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
    const bool scriptInvalid_;    // the script itself has errors: its files are checked, no speech is made
    bool voiceChosen_ = false;
    SpeechEngine* engine_ = nullptr;  // the engine synthesized speech uses; null: none can
    SpeechSettings speech_;
    std::shared_ptr<SpeechEngines> ownEngines_;  // when config_.engines is null
};

}  // namespace

bool resolveMedia(const Script& script, const MediaResolverConfig& config, SessionMedia& media,
                  Diagnostics& diagnostics) {
    const int errorsBefore = diagnostics.count(Severity::Error);
    Resolver resolver(config, diagnostics);
    resolver.synthesizeAhead(script);
    media = {};
    bool synthesizes = false;
    for (const Step& step : script.steps) {
        StepMedia m;
        m.voice = resolver.voice(script, step);
        synthesizes = synthesizes || (m.voice && m.voice->origin == VoiceOrigin::Synthesized);
        if (step.bell) m.bell = resolver.sound(*step.bell, tr("bell"), true);
        if (step.intervalBell) m.intervalBell = resolver.sound(step.intervalBell->sound, tr("interval bell"), true);
        media.steps.push_back(std::move(m));
    }
    for (const Ambient& ambient : script.ambients) {
        auto sound = resolver.sound(ambient.sound, tr("ambient sound"), false);
        media.ambients.push_back(sound.value_or(SoundMedia{}));
    }
    if (synthesizes && resolver.englishOnlyVoice() && script.session.language.rfind("en", 0) != 0) {
        diagnostics.warning(script.session.languagePos,
                            format(tr("language is '%s' but the synthesized voice speaks English only; record the voice, "
                                      "or speak it with [voice] engine = \"espeak-ng\" (about 100 languages)"),
                                   script.session.language.c_str()));
    }
    return diagnostics.count(Severity::Error) == errorsBefore;
}

}  // namespace kindly
