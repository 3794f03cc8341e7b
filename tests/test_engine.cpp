// The engine on samples: timings to the frame, levels, fades, seams, peaks and loudness.
#include <catch2/catch.hpp>

#include <ebur128.h>

#include <cmath>
#include <random>

#include "TestSupport.hpp"
#include "engine/Engine.hpp"
#include "engine/Gain.hpp"
#include "engine/VoiceLevels.hpp"
#include "sources/AudioInfo.hpp"
#include "sources/BuiltinSounds.hpp"
#include "sources/ResampleCache.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";

struct Rendered {
    std::vector<float> samples;  // interleaved stereo
    std::vector<std::string> warnings;
    Frames frames() const { return static_cast<Frames>(samples.size() / 2); }
    float left(Frames f) const { return samples[static_cast<std::size_t>(2 * f)]; }
    float right(Frames f) const { return samples[static_cast<std::size_t>(2 * f + 1)]; }
    /// RMS of the left channel over [from, to), in dB.
    double rmsDb(Frames from, Frames to) const {
        double sum = 0;
        for (Frames f = from; f < to; ++f) sum += static_cast<double>(left(f)) * left(f);
        return 10 * std::log10(sum / static_cast<double>(to - from));
    }
    Frames firstNonZero(Frames from = 0) const {
        for (Frames f = from; f < frames(); ++f)
            if (left(f) != 0.0f) return f;
        return -1;
    }
    Frames lastNonZeroBefore(Frames end) const {
        for (Frames f = end - 1; f >= 0; --f)
            if (left(f) != 0.0f) return f;
        return -1;
    }
};

/// Renders a prepared session completely, in blocks of `block` frames, as `kindly render` does.
Rendered renderAll(const PreparedSession& p, std::size_t block = 1000,
                   const std::function<void()>& beforeRender = {}) {
    LoudnessCache loudness;
    VoiceLevels levels = computeVoiceLevels(*p.script, *p.timeline, loudness);
    DirectSourceProvider provider;
    Engine engine(*p.script, *p.timeline, levels.gainsDb, provider);
    Rendered r;
    r.warnings = levels.warnings;
    std::vector<float> buffer(2 * block);
    bool first = true;
    while (!engine.finished()) {
        engine.prepare();
        if (first && beforeRender) beforeRender();
        first = false;
        const std::size_t n = engine.render(buffer.data(), block);
        r.samples.insert(r.samples.end(), buffer.begin(), buffer.begin() + static_cast<long>(2 * n));
    }
    for (auto& w : engine.takeWarnings()) r.warnings.push_back(w);
    return r;
}

PreparedSession prepared(const TempDir& dir, const std::string& text, int rate = 48000) {
    auto p = prepareText(dir, text, PrepareOptions{rate, std::nullopt, std::nullopt, {}, std::nullopt, std::nullopt, {}});
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    return p;
}

/// The largest jump between neighbouring samples of the left channel in [from, to): a click
/// at a loop's seam shows as a jump larger than any within the material.
float largestStep(const Rendered& r, Frames from, Frames to) {
    float most = 0;
    for (Frames f = from; f + 1 < to; ++f) most = std::max(most, std::fabs(r.left(f + 1) - r.left(f)));
    return most;
}

auto constant(float v) {
    return [v](long, int) { return v; };
}

}  // namespace

TEST_CASE("voice clips at any rate start and end on their timeline frames", "[engine][timing]") {
    TempDir dir;
    writeSamples(dir / "v48.wav", 48000, 48000, 1, constant(0.5f));
    writeSamples(dir / "v44.wav", 44100, 44100, 1, constant(0.5f));
    writeSamples(dir / "v22.flac", 33075, 22050, 2, constant(0.5f));
    writeSamples(dir / "v16.wav", 8000, 16000, 1, constant(0.5f));
    auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = false\n"
                                   "[[step]]\nclip = \"v48.wav\"\npause = \"1s\"\n[[step]]\nclip = \"v44.wav\"\npause = \"0.5s\"\n"
                                   "[[step]]\nclip = \"v22.flac\"\npause = \"250ms\"\n[[step]]\nclip = \"v16.wav\"\npause = 1\n");
    const Timeline& tl = *p.timeline;
    auto r = renderAll(p);
    REQUIRE(r.frames() == tl.renderEnd);
    const Frames expectedStarts[] = {0, 96000, 96000 + 72000, 168000 + 72000 + 12000};
    const Frames expectedLengths[] = {48000, 48000, 72000, 24000};
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("clip " << i);
        const VoiceEvent& v = tl.voices[i];
        CHECK(v.start == expectedStarts[i]);
        CHECK(v.length == expectedLengths[i]);
        // The fade-in's first frame is exactly 0; the next is already audible.
        CHECK(r.left(v.start) == 0.0f);
        CHECK(r.firstNonZero(v.start) == v.start + 1);
        // Its last frame is audible; silence from the frame after.
        CHECK(r.lastNonZeroBefore(v.start + v.length + 100) == v.start + v.length - 1);
        // In the middle: the clip's level (0.5, within the resampler's ripple).
        CHECK(r.left(v.start + v.length / 2) == Approx(0.5f).margin(0.002));
        CHECK(r.right(v.start + v.length / 2) == r.left(v.start + v.length / 2));  // mono on both channels
    }
}

TEST_CASE("ambient during speech sits exactly duck_db below ambient in pauses", "[engine][ducking]") {
    TempDir dir;
    writeSamples(dir / "quiet.wav", 3 * 48000, 48000, 1, constant(0.0f));  // speech that adds no sound
    for (double duck : {-8.0, -3.0, -15.0}) {
        DYNAMIC_SECTION("duck_db " << duck) {
            auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = false\nduck_db = " + std::to_string(duck) +
                                           "\n[[ambient]]\nsound = \"pink-noise\"\nfade_in = \"1s\"\n"
                                           "[[step]]\npause = 4\n[[step]]\nclip = \"quiet.wav\"\npause = 6\n[[step]]\nclip = \"quiet.wav\"\n");
            auto r = renderAll(p);
            const Frames speechMid = p.timeline->voices[0].start + 72000;
            const Frames pauseMid = p.timeline->steps[1].pauseStart + 144000;
            const double speech = r.rmsDb(speechMid - 24000, speechMid + 24000);
            const double pause = r.rmsDb(pauseMid - 24000, pauseMid + 24000);
            const double before = r.rmsDb(96000, 144000);
            CHECK(speech - pause == Approx(duck).margin(0.5));
            CHECK(before - pause == Approx(0.0).margin(0.5));
        }
    }
}

TEST_CASE("ambient fades follow a raised cosine in and out", "[engine][fades]") {
    TempDir dir;
    writeSamples(dir / "bed.wav", 30 * 48000, 48000, 1, constant(0.5f));
    auto p = prepared(dir, kHead + "[mix]\nambient_db = 0\n[[ambient]]\nsound = \"bed.wav\"\nloop = false\n"
                                   "fade_in = \"4s\"\nfade_out = \"2s\"\n[[step]]\npause = 10\n");
    auto r = renderAll(p);
    const AmbientSpan& span = p.timeline->ambients[0];
    REQUIRE(span.fadeInEnd == 4 * 48000);
    REQUIRE(span.fadeOutStart == 10 * 48000);
    REQUIRE(span.end == 12 * 48000);
    CHECK(r.left(0) == 0.0f);
    for (double x : {0.1, 0.25, 0.5, 0.75, 0.9}) {
        INFO("x = " << x);
        const auto in = static_cast<Frames>(x * 4 * 48000);
        CHECK(r.left(in) == Approx(0.5 * fadeCurve(x)).margin(0.0005));
        const auto out = span.fadeOutStart + static_cast<Frames>(x * 2 * 48000);
        CHECK(r.left(out) == Approx(0.5 * fadeCurve(1 - x)).margin(0.0005));
    }
    CHECK(r.left(6 * 48000) == Approx(0.5f).margin(0.0001));
    CHECK(r.lastNonZeroBefore(r.frames()) < span.end);
}

TEST_CASE("loops have no discontinuity at their seams", "[engine][loops]") {
    TempDir dir;
    // Brown noise (a random walk): smooth inside, so a hard splice would show as a jump.
    std::mt19937 random(7);
    std::normal_distribution<float> step(0.0f, 0.01f);
    std::vector<float> walk(48000);
    float v = 0;
    for (auto& w : walk) {
        v = 0.999f * v + step(random);
        w = v;
    }
    walk.back() = walk.front() + 0.3f;  // make the end and the start clearly apart
    writeSamples(dir / "walk.wav", 48000, 48000, 1, [&](long i, int) { return walk[static_cast<std::size_t>(i)]; });
    auto render = [&](const char* crossfade) {
        TempDir run;
        writeSamples(run / "walk.wav", 48000, 48000, 1, [&](long i, int) { return walk[static_cast<std::size_t>(i)]; });
        return renderAll(prepared(run, kHead + "[mix]\nambient_db = 0\n[[ambient]]\nsound = \"walk.wav\"\nfade_in = 0\n"
                                              "loop_crossfade = \"" + std::string(crossfade) + "\"\n[[step]]\npause = 5\n"));
    };
    auto smooth = render("200ms");
    const Frames period = 48000 - 9600;
    const float inside = largestStep(smooth, 10000, 30000);  // within the first pass, away from seams
    for (int seam = 1; seam <= 4; ++seam) {
        INFO("seam " << seam);
        CHECK(largestStep(smooth, seam * period - 200, seam * period + 9800) <= inside * 1.05f);
    }
    // The same loop spliced without a crossfade does jump: the check above can fail.
    auto spliced = render("0s");
    CHECK(largestStep(spliced, 48000 - 10, 48000 + 10) > 3 * inside);
}

TEST_CASE("every bundled ambient bed loops without a click at its seams", "[engine][loops][bundled]") {
    for (const auto& sound : builtinSounds()) {
        if (sound.kind != BuiltinKind::Bed) continue;
        INFO(sound.name);
        TempDir dir;
        // Three passes of the bed at full level, with the default 1 s loop crossfade.
        const auto probe = probeAudioFile(fs::path(KINDLY_SOURCE_DIR) / "audio" / std::string(sound.file));
        REQUIRE(probe.info);
        REQUIRE(probe.info->sampleRate == 48000);
        const Frames length = probe.info->frames;
        const Frames period = length - 48000;
        auto r = renderAll(prepared(dir, kHead + "[mix]\nambient_db = 0\n[[ambient]]\nsound = \"" + std::string(sound.name) +
                                             "\"\nfade_in = 0\n[[step]]\npause = " + std::to_string(3 * period / 48000) + "\n"));
        CHECK(r.warnings.empty());
        const float inside = largestStep(r, 48000, period - 48000);  // the first pass, away from its seam
        REQUIRE(inside > 0.0f);
        for (int seam = 1; seam <= 2; ++seam) {  // three passes: two seams, then the fade-out
            INFO("seam " << seam << " at frame " << seam * period);
            // The next pass starts at the seam and the last one fades out over the second after it.
            CHECK(largestStep(r, seam * period - 48000, seam * period + 48000 + 100) <= inside * 1.05f);
        }
    }
}

TEST_CASE("the output never exceeds -1 dBFS sample peak, however loud the inputs", "[engine][limiter]") {
    TempDir dir;
    // A full-scale square wave, boosted further, over loud noise and a bell.
    writeSamples(dir / "loud.wav", 3 * 48000, 48000, 2, [](long i, int) { return (i / 50) % 2 ? 1.0f : -1.0f; });
    auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = false\nvoice_db = 24\nambient_db = 24\nbells_db = 24\n"
                                   "[[ambient]]\nsound = \"white-noise\"\nfade_in = 0\n[[step]]\nclip = \"loud.wav\"\nbell = \"gong\"\npause = 1\n");
    auto r = renderAll(p);
    const float ceiling = static_cast<float>(gainFromDb(-1.0));
    float peak = 0;
    for (float s : r.samples) peak = std::max(peak, std::fabs(s));
    CHECK(peak <= ceiling);
    CHECK(peak > 0.8f * ceiling);  // limited, not silenced
}

TEST_CASE("normal material passes the limiter untouched", "[engine][limiter]") {
    Limiter limiter(48000);
    std::vector<float> block(2 * 4800);
    for (std::size_t i = 0; i < 4800; ++i) block[2 * i] = block[2 * i + 1] = static_cast<float>(0.5 * std::sin(i * 0.05));
    auto original = block;
    limiter.process(block.data(), 4800);
    const std::size_t latency = limiter.latency();
    for (std::size_t i = latency; i < 4800; ++i) REQUIRE(block[2 * i] == original[2 * (i - latency)]);
}

TEST_CASE("every voice clip plays at voice_lufs", "[engine][loudness]") {
    TempDir dir;
    // Three clips far apart in level: quiet and loud tones, and mono speech-like noise.
    writeSamples(dir / "quiet.wav", 3 * 48000, 48000, 1, [](long i, int) { return 0.01f * std::sin(i * 0.06f); });
    writeSamples(dir / "loud.wav", 3 * 44100, 44100, 2, [](long i, int) { return 0.7f * std::sin(i * 0.03f); });
    std::mt19937 random(3);
    std::uniform_real_distribution<float> noise(-0.2f, 0.2f);
    writeSamples(dir / "noise.wav", 3 * 16000, 16000, 1, [&](long, int) { return noise(random); });
    auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = -23\n[[step]]\nclip = \"quiet.wav\"\npause = 1\n"
                                   "[[step]]\nclip = \"loud.wav\"\npause = 1\n[[step]]\nclip = \"noise.wav\"\npause = 1\n");
    auto r = renderAll(p);
    for (const VoiceEvent& v : p.timeline->voices) {
        ebur128_state* state = ebur128_init(2, 48000, EBUR128_MODE_I);
        ebur128_add_frames_float(state, r.samples.data() + 2 * v.start, static_cast<std::size_t>(v.length));
        double lufs = 0;
        ebur128_loudness_global(state, &lufs);
        ebur128_destroy(&state);
        INFO(v.file.path);
        CHECK(lufs == Approx(-23.0).margin(1.0));
    }
}

TEST_CASE("a clip that cannot be read plays as silence, with a warning, and nothing moves", "[engine][failures]") {
    TempDir dir;
    writeSamples(dir / "a.wav", 48000, 48000, 1, constant(0.25f));
    writeSamples(dir / "b.wav", 48000, 48000, 1, constant(0.25f));
    writeSamples(dir / "c.wav", 48000, 48000, 1, constant(0.25f));
    const std::string script = kHead + "[mix]\nvoice_lufs = false\n[[step]]\nclip = \"a.wav\"\npause = 1\n"
                                       "[[step]]\nclip = \"b.wav\"\npause = 1\n[[step]]\nclip = \"c.wav\"\n";
    auto p = prepared(dir, script);
    auto intact = renderAll(p);
    SECTION("deleted after the check") {
        auto r = renderAll(p, 1000, [&] { std::filesystem::remove(dir / "b.wav"); });
        REQUIRE(r.frames() == intact.frames());
        const VoiceEvent& b = p.timeline->voices[1];
        for (Frames f = b.start; f < b.start + b.length; ++f) REQUIRE(r.left(f) == 0.0f);
        const VoiceEvent& c = p.timeline->voices[2];
        CHECK(r.firstNonZero(b.start) == c.start + 1);  // c still starts on its frame
        CHECK(r.left(c.start + 24000) == intact.left(c.start + 24000));
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].find("voice of step 'step-2'") == 0);
        CHECK(r.warnings[0].find("could not be read (cannot open: ") != std::string::npos);
        CHECK(r.warnings[0].find("it plays as silence") != std::string::npos);
    }
    SECTION("corrupted after the check") {
        auto r = renderAll(p, 1000, [&] { std::filesystem::resize_file(dir / "b.wav", 1000); });
        REQUIRE(r.frames() == intact.frames());
        const VoiceEvent& c = p.timeline->voices[2];
        CHECK(r.left(c.start + 24000) == intact.left(c.start + 24000));
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].find("voice of step 'step-2'") == 0);
    }
}

TEST_CASE("breathing tones rise on the in-breath and fall on the out-breath", "[engine][breathe]") {
    TempDir dir;
    auto p = prepared(dir, kHead + "[[step]]\nbreathe = { in = \"4s\", out = \"4s\", cycles = 1, cue = \"tone\" }\n");
    auto r = renderAll(p);
    // Count zero crossings in the first and last second of each phase: more means higher.
    auto crossings = [&](Frames from, Frames to) {
        int n = 0;
        for (Frames f = from; f + 1 < to; ++f) n += (r.left(f) < 0) != (r.left(f + 1) < 0);
        return n;
    };
    CHECK(crossings(48000, 96000) < crossings(96000 * 1, 144000));
    CHECK(crossings(4 * 48000 + 48000, 4 * 48000 + 96000) > crossings(4 * 48000 + 96000, 4 * 48000 + 144000));
    float peak = 0;
    for (float s : r.samples) peak = std::max(peak, std::fabs(s));
    CHECK(peak > 0.01f);
    CHECK(peak < 0.2f);  // soft: well under the voice
}

TEST_CASE("rendering in blocks of any size gives the same samples", "[engine]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 30000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.02f); });
    auto p = prepared(dir, kHead + "[[ambient]]\nsound = \"rain\"\n[[step]]\nclip = \"v.wav\"\nbell = \"chime\"\npause = 3\n");
    auto a = renderAll(p, 64);
    auto b = renderAll(p, 4096);
    auto c = renderAll(p, 1);
    CHECK(firstDifference(a.samples, b.samples) == "");
    CHECK(firstDifference(a.samples, c.samples) == "");
}

TEST_CASE("files at another rate are resampled once into the cache, sample for sample", "[engine][resample]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 30000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.02f); });
    writeSamples(dir / "bed.wav", 20000, 22050, 2, [](long i, int c) { return 0.2f * std::sin(i * (c ? 0.01f : 0.013f)); });
    auto p = prepared(dir, kHead + "[[ambient]]\nsound = \"bed.wav\"\nloop_crossfade = \"100ms\"\n"
                                   "[[step]]\nclip = \"v.wav\"\npause = 3\n[[step]]\nclip = \"v.wav\"\npause = 2\n");
    ResampleCache cache(dir / "resampled", 48000);
    const AudioFileInfo cached = cache.resolve(p.timeline->voices[0].file);
    CHECK(cache.made() == 1);
    CHECK(cached.path.parent_path() == dir / "resampled");
    CHECK(cached.sampleRate == 48000);
    CHECK(cached.channels == 1);
    CHECK(cached.frames == resampledLength(30000, 44100, 48000));
    CHECK(cache.resolve(p.timeline->voices[1].file).path == cached.path);  // the same file: one copy
    CHECK(cache.made() == 1);
    ResampleCache again(dir / "resampled", 48000);
    again.resolve(p.timeline->voices[0].file);
    CHECK(again.made() == 0);  // found on disk
    // A file already at the output rate is used as it is.
    writeSamples(dir / "native.wav", 100, 48000, 1, constant(0.1f));
    CHECK(cache.resolve(*probeAudioFile(dir / "native.wav").info).path == dir / "native.wav");

    // The mix is identical, whether the engine resamples as it plays or reads the copies.
    auto direct = renderAll(p);
    LoudnessCache loudness;
    VoiceLevels levels = computeVoiceLevels(*p.script, *p.timeline, loudness);
    DirectSourceProvider provider(&cache);
    Engine engine(*p.script, *p.timeline, levels.gainsDb, provider);
    std::vector<float> viaCache, buffer(2 * 1000);
    while (!engine.finished()) {
        engine.prepare();
        const std::size_t n = engine.render(buffer.data(), 1000);
        viaCache.insert(viaCache.end(), buffer.begin(), buffer.begin() + static_cast<long>(2 * n));
    }
    CHECK(cache.made() == 2);  // the clip and the bed
    CHECK(firstDifference(viaCache, direct.samples) == "");
}

TEST_CASE("a file that breaks off is not cached: playing it reports the problem", "[engine][resample]") {
    TempDir dir;
    std::mt19937 random(5);
    std::uniform_real_distribution<float> noise(-0.3f, 0.3f);
    writeSamples(dir / "broken.flac", 96000, 44100, 2, [&](long, int) { return noise(random); });
    const AudioFileInfo info = *probeAudioFile(dir / "broken.flac").info;
    std::filesystem::resize_file(dir / "broken.flac", std::filesystem::file_size(dir / "broken.flac") / 3);
    ResampleCache cache(dir / "resampled", 48000);
    CHECK(cache.resolve(info).path == dir / "broken.flac");
    CHECK(cache.made() == 0);
    const bool leftSomething = std::filesystem::exists(dir / "resampled") && !std::filesystem::is_empty(dir / "resampled");
    CHECK_FALSE(leftSomething);
}

TEST_CASE("playing on from a seek gives the same samples as playing through", "[engine][seek]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 60000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.02f); });
    auto p = prepared(dir, kHead + "[[ambient]]\nsound = \"rain\"\n[[ambient]]\nsound = \"pink-noise\"\ngain_db = -6\n"
                                   "[[step]]\nclip = \"v.wav\"\nbell = \"bowl\"\npause = 2\n"
                                   "[[step]]\nclip = \"v.wav\"\npause = 3\n[[step]]\nclip = \"v.wav\"\npause = 2\n");
    auto whole = renderAll(p);
    LoudnessCache loudness;
    VoiceLevels levels = computeVoiceLevels(*p.script, *p.timeline, loudness);
    for (Frames target : {p.timeline->steps[1].start, p.timeline->steps[2].start + 1234, Frames{0}}) {
        DirectSourceProvider provider;
        Engine engine(*p.script, *p.timeline, levels.gainsDb, provider);
        engine.seek(target);
        CHECK(engine.position() == target);
        std::vector<float> tail, buffer(2 * 777);
        while (!engine.finished()) {
            engine.prepare();
            const std::size_t n = engine.render(buffer.data(), 777);
            tail.insert(tail.end(), buffer.begin(), buffer.begin() + static_cast<long>(2 * n));
        }
        REQUIRE(static_cast<Frames>(tail.size() / 2) == whole.frames() - target);
        const std::vector<float> expected(whole.samples.begin() + 2 * target, whole.samples.end());
        INFO("seek to " << target);
        CHECK(tail == expected);
    }
}

TEST_CASE("a hold stops the timeline while the ambient plays on", "[engine][hold]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 48000, 48000, 1, constant(0.25f));
    auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = false\n[[ambient]]\nsound = \"white-noise\"\nfade_in = 0\n"
                                   "[[step]]\npause = 1\nwait = true\n[[step]]\nclip = \"v.wav\"\n");
    DirectSourceProvider provider;
    Engine engine(*p.script, *p.timeline, {0.0}, provider);
    std::vector<float> buffer(2 * 48000);
    engine.prepare();
    REQUIRE(engine.render(buffer.data(), 48000) == 48000);  // up to the wait
    engine.setHold(true);
    for (int i = 0; i < 3; ++i) {
        engine.prepare();
        REQUIRE(engine.render(buffer.data(), 4800) == 4800);
    }
    CHECK(engine.position() == 48000);
    float peak = 0;
    for (std::size_t i = 0; i < 2 * 4800; ++i) peak = std::max(peak, std::fabs(buffer[i]));
    CHECK(peak > 0.01f);  // the ambient is still there
    engine.setHold(false);
    engine.prepare();
    REQUIRE(engine.render(buffer.data(), 24000) == 24000);
    CHECK(engine.position() == 72000);
}

TEST_CASE("the listener's voice level ramps, never jumps", "[engine][levels]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 96000, 48000, 1, constant(0.25f));
    auto p = prepared(dir, kHead + "[mix]\nvoice_lufs = false\n[[step]]\nclip = \"v.wav\"\n");
    DirectSourceProvider provider;
    Engine engine(*p.script, *p.timeline, {0.0}, provider);
    std::vector<float> first(2 * 24000), second(2 * 24000);
    engine.prepare();
    engine.render(first.data(), 24000);
    engine.setListenerLevel(Engine::Level::Voice, -12.0);
    engine.render(second.data(), 24000);
    float largestStep = 0;
    for (std::size_t i = 1; i < 24000; ++i) largestStep = std::max(largestStep, std::fabs(second[2 * i] - second[2 * (i - 1)]));
    CHECK(largestStep < 0.001f);  // a 0.25 -> 0.063 change spread over tens of milliseconds
    CHECK(second[2 * 23999] == Approx(0.25f * static_cast<float>(gainFromDb(-12.0))).margin(0.001));
}
