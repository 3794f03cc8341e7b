#include "session/PrepareSession.hpp"

#include "platform/Language.hpp"
#include "platform/Paths.hpp"
#include "engine/AmbientBus.hpp"
#include "output/FileTags.hpp"
#include "sources/MediaResolver.hpp"
#include "sources/ResampleCache.hpp"
#include "speech/SpeechEngines.hpp"

namespace kindly {

PreparedSession prepareSession(const std::filesystem::path& file, const PrepareOptions& options) {
    PreparedSession prepared;
    ScriptLoad load = loadScriptFile(file);
    prepared.diagnostics = std::move(load.diagnostics);
    prepared.unreadable = load.unreadable;
    if (!load.script) return prepared;

    // A cache given by the caller (tests, tools) is used alone; otherwise the bundled sessions'
    // speech made ahead serves them at once, the first time too.
    SpeechCache speech(options.speechCacheDir.value_or(cacheDir() / "speech"), {},
                       options.speechCacheDir ? std::vector<std::filesystem::path>{} : readySpeechDirs());
    MediaResolverConfig config{bundledDataDir(), &speech, options.confineTo, nullptr, options.allowedUserEngines, options.speechProgress};
    // Resolved even when the script has errors, so missing files are reported in the same pass.
    const bool mediaOk = resolveMedia(*load.script, config, prepared.media, prepared.diagnostics);
    if (const auto& cover = load.script->session.cover) {
        if (const std::string why = coverProblem(*cover); !why.empty())
            prepared.diagnostics.error(load.script->session.coverPos, format(tr("cover (%s): %s"), cover->c_str(), why.c_str()));
    }
    prepared.synthesized = speech.synthesisCount();
    if (!mediaOk || prepared.diagnostics.hasErrors()) {
        prepared.diagnostics.sortByPosition();
        return prepared;
    }

    TimelineOptions timelineOptions{options.rate, options.targetLength, options.fadeOut};
    TimelineResult result = buildTimeline(*load.script, prepared.media, timelineOptions);
    if (!result.timeline) {
        // A target from the script points at its `length`; one from the command line has no place.
        const bool fromScript = !options.targetLength && load.script->session.length;
        prepared.diagnostics.error(fromScript ? load.script->session.lengthPos : SourcePos{}, result.error);
    }
    prepared.diagnostics.sortByPosition();
    prepared.timeline = std::move(result.timeline);
    prepared.script = std::move(load.script);
    return prepared;
}

std::vector<NamedFile> filesRead(const PreparedSession& session, const std::filesystem::path& script) {
    std::vector<NamedFile> files{{script, tr("the script")}, {userVoicesFile(), "voices.toml"}};
    if (session.script && session.script->session.cover) files.push_back({*session.script->session.cover, tr("the cover")});
    auto sound = [&](const std::optional<SoundMedia>& media, const std::string& what) {
        if (media && media->kind == SoundMedia::Kind::File && !media->builtin) files.push_back({media->file.path, what});
    };
    for (std::size_t i = 0; i < session.media.steps.size(); ++i) {
        const StepMedia& step = session.media.steps[i];
        const std::string id = session.script && i < session.script->steps.size() ? session.script->steps[i].id : std::to_string(i + 1);
        if (step.voice && step.voice->origin != VoiceOrigin::Synthesized)
            files.push_back({step.voice->file.path, format(step.voice->origin == VoiceOrigin::Clip ? tr("the clip of step '%s'")
                                                                                                   : tr("the recording of step '%s'"),
                                                          id.c_str())});
        sound(step.bell, format(tr("the bell of step '%s'"), id.c_str()));
        sound(step.intervalBell, format(tr("the interval bell of step '%s'"), id.c_str()));
    }
    for (std::size_t i = 0; i < session.media.ambients.size(); ++i) {
        const std::string id = session.script && i < session.script->ambients.size() ? session.script->ambients[i].id : std::to_string(i + 1);
        sound(session.media.ambients[i], format(tr("the ambient sound '%s'"), id.c_str()));
    }
    return files;
}

void resampleAhead(const Timeline& timeline, ResampleCache& cache) {
    for (const auto& v : timeline.voices) cache.resolve(v.file);
    for (const auto& b : timeline.bells)
        if (b.sound.kind == SoundMedia::Kind::File) cache.resolve(b.sound.file);
    for (const auto& a : timeline.ambients)
        if (a.sound.kind == SoundMedia::Kind::File) cache.resolve(a.sound.file, AmbientBus::kQuality);
}

}  // namespace kindly
