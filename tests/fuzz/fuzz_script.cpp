// libFuzzer target: a session script as an author might write it, or worse. The loader and
// checker read it (TOML, keys, types, durations, ids, references), then the timeline is laid
// out with stand-in media (no disk, no synthesizer), at a target length and a rate taken from
// the input, and every diagnostic is formatted. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "script/ScriptLoader.hpp"
#include "timeline/Timeline.hpp"

using namespace kindly;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ScriptLoad load = loadScriptText(text, "/nonexistent/fuzz/session.toml");
    for (const auto& d : load.diagnostics.items()) (void)formatDiagnostic(d);
    if (!load.script || load.diagnostics.hasErrors()) return 0;
    const Script& script = *load.script;
    // Stand-in media: a voice of a second per 40 characters, one-second bells, noise beds.
    SessionMedia media;
    for (const Step& step : script.steps) {
        StepMedia m;
        if (step.say || step.clip) {
            const auto characters = static_cast<std::int64_t>(step.say ? step.say->size() : 40);
            m.voice = VoiceMedia{VoiceOrigin::Synthesized, {"voice.wav", 22050 * (1 + characters / 40), 22050, 1}};
        }
        if (step.bell) m.bell = SoundMedia{SoundMedia::Kind::File, {"bell.wav", 44100, 44100, 2}, NoiseColor::White, true};
        if (step.intervalBell)
            m.intervalBell = SoundMedia{SoundMedia::Kind::File, {"bell.wav", 44100, 44100, 2}, NoiseColor::White, true};
        media.steps.push_back(m);
    }
    for (std::size_t i = 0; i < script.ambients.size(); ++i) media.ambients.push_back(SoundMedia{SoundMedia::Kind::Noise, {}, NoiseColor::Pink, true});
    (void)reachableLength(script, media);
    TimelineOptions options;
    options.rate = size % 2 ? 44100 : 48000;
    const TimelineResult laid = buildTimeline(script, media, options);
    if (laid.timeline) (void)laid.timeline->duckDbAt(laid.timeline->length / 2);
    return 0;
}
