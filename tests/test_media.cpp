#include <catch2/catch.hpp>

#include <sndfile.h>

#include <cmath>
#include <cstdlib>

#include "TestSupport.hpp"
#include "platform/Paths.hpp"
#include "sources/FileSource.hpp"
#include "sources/Loudness.hpp"
#include "sources/SpeechCache.hpp"
#include "sources/MediaResolver.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {
const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";
}

TEST_CASE("a step's voice is its clip, else its recording in voice_dir, else synthesized", "[media][voice]") {
    TempDir dir;
    writeTone(dir / "clips/custom.wav", 4800, 48000);
    writeTone(dir / "session/recorded.flac", 22050, 44100);
    writeTone(dir / "session/both.wav", 1000, 48000);  // ignored: `clip` comes first
    auto p = prepareText(dir, kHead + "[[step]]\nid = \"both\"\nsay = \"One.\"\nclip = \"clips/custom.wav\"\n"
                                      "[[step]]\nid = \"recorded\"\nsay = \"Two.\"\n"
                                      "[[step]]\nid = \"spoken\"\nsay = \"Three.\"\n"
                                      "[[step]]\nid = \"silent\"\npause = 1\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    const auto& steps = p.media.steps;
    REQUIRE(steps[0].voice);
    CHECK(steps[0].voice->origin == VoiceOrigin::Clip);
    CHECK(steps[0].voice->file.frames == 4800);
    REQUIRE(steps[1].voice);
    CHECK(steps[1].voice->origin == VoiceOrigin::Recorded);
    CHECK(steps[1].voice->file.sampleRate == 44100);
    CHECK(steps[1].voice->file.frames == 22050);  // from the header
    REQUIRE(steps[2].voice);
    CHECK(steps[2].voice->origin == VoiceOrigin::Synthesized);
    CHECK(steps[2].voice->file.path.parent_path() == dir / "cache");
    CHECK(steps[2].voice->file.frames > steps[2].voice->file.sampleRate / 4);  // "Three." is audible speech
    CHECK_FALSE(steps[3].voice);
}

TEST_CASE("recorded clips are found by id with any supported extension, in a set order", "[media][voice]") {
    TempDir dir;
    CHECK_FALSE(findRecordedClip(dir.path(), "arrive"));
    writeTone(dir / "arrive.ogg", 4800, 48000);
    CHECK(findRecordedClip(dir.path(), "arrive") == dir / "arrive.ogg");
    writeTone(dir / "arrive.flac", 4800, 48000);
    CHECK(findRecordedClip(dir.path(), "arrive") == dir / "arrive.flac");
    writeTone(dir / "arrive.wav", 4800, 48000);
    CHECK(findRecordedClip(dir.path(), "arrive") == dir / "arrive.wav");
}

TEST_CASE("voice_dir points the recordings elsewhere", "[media][voice]") {
    TempDir dir;
    writeTone(dir / "voices/anna/hello.wav", 9600, 48000);
    auto p = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nvoice_dir = \"voices/anna\"\n"
                              "[[step]]\nid = \"hello\"\nsay = \"Hello.\"\n");
    REQUIRE(p.ok());
    CHECK(p.media.steps[0].voice->origin == VoiceOrigin::Recorded);
    CHECK(p.media.steps[0].voice->file.frames == 9600);
}

TEST_CASE("synthesized speech is cached: the second run synthesizes nothing", "[media][speech]") {
    TempDir dir;
    const std::string script = kHead + "[[step]]\nsay = \"May I be kind to myself.\"\n[[step]]\nsay = \"Breathe.\"\n";
    auto first = prepareText(dir, script);
    REQUIRE(first.ok());
    CHECK(first.synthesized == 2);
    const auto cached = first.media.steps[0].voice->file.path;
    const auto written = std::filesystem::last_write_time(cached);

    auto second = prepareText(dir, script);
    REQUIRE(second.ok());
    CHECK(second.synthesized == 0);
    CHECK(second.media.steps[0].voice->file.path == cached);
    CHECK(std::filesystem::last_write_time(cached) == written);
    CHECK(second.media.steps[0].voice->file.frames == first.media.steps[0].voice->file.frames);
}

TEST_CASE("the speech cache key covers the text and the settings", "[media][speech]") {
    TempDir dir;
    SpeechCache calm(dir.path());
    SpeechSettings quicker;
    quicker.rate = 1.25;
    SpeechCache faster(dir.path(), quicker);
    CHECK(calm.pathFor("Hello.") != calm.pathFor("Hello!"));
    CHECK(calm.pathFor("Hello.") != faster.pathFor("Hello."));
    CHECK(calm.pathFor("Hello.") == SpeechCache(dir.path()).pathFor("Hello."));
    // A slower rate gives longer speech.
    auto slow = calm.obtain("Let your shoulders soften.");
    auto quick = faster.obtain("Let your shoulders soften.");
    REQUIRE(!slow.path.empty());
    REQUIRE(!quick.path.empty());
    CHECK(slow.synthesizedNow);
    CHECK(probeAudioFile(slow.path).info->frames > probeAudioFile(quick.path).info->frames);
    // Nothing half-written is left beside the cached files: each WAV and its sentences.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        const auto extension = entry.path().extension();
        CHECK((extension == ".wav" || extension == ".sentences"));
    }
}

TEST_CASE("speech made ahead is used in place once verified, never written, and a damaged one is passed over", "[media][speech]") {
    TempDir dir;
    // Made ahead as the build makes it: synthesized into a cache, kept as FLAC with its sidecar.
    SpeechCache maker(dir / "maker");
    const auto made = maker.obtain("Rest here. You are welcome.");
    REQUIRE(!made.path.empty());
    const fs::path ready = dir / "ready";
    fs::create_directories(ready);
    const fs::path flac = (ready / made.path.filename()).replace_extension(".flac");
    const Sound original = readSound(made.path);
    // 16-bit FLAC, the samples as they are, as kindly-ready-speech writes it.
    auto writeFlac16 = [&](int divide) {
        SF_INFO in{};
        SNDFILE* wav = sf_open(made.path.c_str(), SFM_READ, &in);
        REQUIRE(wav);
        std::vector<short> samples(static_cast<std::size_t>(in.frames));
        REQUIRE(sf_readf_short(wav, samples.data(), in.frames) == in.frames);
        sf_close(wav);
        for (auto& sample : samples) sample = static_cast<short>(sample / divide);
        SF_INFO info{};
        info.samplerate = in.samplerate;
        info.channels = 1;
        info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
        SNDFILE* out = sf_open(flac.c_str(), SFM_WRITE, &info);
        REQUIRE(out);
        REQUIRE(sf_writef_short(out, samples.data(), in.frames) == in.frames);
        sf_close(out);
    };
    writeFlac16(1);
    fs::copy_file(fs::path(made.path).replace_extension(".sentences"), fs::path(flac).replace_extension(".sentences"));
    fs::permissions(ready, fs::perms::owner_read | fs::perms::owner_exec);  // read-only, as installed

    SpeechCache user(dir / "user", {}, {ready});
    const auto used = user.obtain("Rest here. You are welcome.");
    CHECK(used.path == flac);  // in place
    CHECK_FALSE(used.synthesizedNow);
    CHECK(user.synthesisCount() == 0);
    REQUIRE(used.sentences.size() == 2);
    CHECK(used.sentences[1].start == made.sentences[1].start);
    CHECK_FALSE(fs::exists(dir / "user"));  // nothing written
    // Another text is not there: synthesized into the user's cache as always.
    CHECK(user.obtain("Breathe.").synthesizedNow);

    // A ready-made file that does not match its sidecar is passed over (and left alone).
    fs::permissions(ready, fs::perms::owner_all);
    writeFlac16(2);
    SpeechCache again(dir / "again", {}, {ready});
    const auto healed = again.obtain("Rest here. You are welcome.");
    CHECK(healed.synthesizedNow);
    CHECK(healed.path.parent_path() == dir / "again");
    CHECK(fs::exists(flac));
    CHECK(firstDifference(readSound(healed.path).samples, original.samples).empty());
}

TEST_CASE("the speech cache lives under XDG_CACHE_HOME", "[media][speech]") {
    TempDir dir;
    const char* old = std::getenv("XDG_CACHE_HOME");
    const std::string saved = old ? old : "";
    setenv("XDG_CACHE_HOME", dir.path().c_str(), 1);
    CHECK(cacheDir() == dir / "kindly");
    setenv("XDG_CACHE_HOME", "relative/ignored", 1);  // the XDG spec ignores relative paths
    CHECK(cacheDir() != std::filesystem::path("relative/ignored/kindly"));
    if (old) setenv("XDG_CACHE_HOME", saved.c_str(), 1); else unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("built-in names resolve to the bundled files or to noise generators", "[media][builtin]") {
    TempDir dir;
    auto p = prepareText(dir, kHead + "[[ambient]]\nsound = \"pink-noise\"\n[[ambient]]\nsound = \"stream\"\n"
                                      "[[step]]\nbell = \"gong\"\npause = 1\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    CHECK(p.media.ambients[0].kind == SoundMedia::Kind::Noise);
    CHECK(p.media.ambients[0].noise == NoiseColor::Pink);
    CHECK(p.media.ambients[1].kind == SoundMedia::Kind::File);
    CHECK(p.media.ambients[1].file.path.filename() == "stream.ogg");
    CHECK(p.media.steps[0].bell->file.path.filename() == "gong.flac");
    CHECK(p.media.steps[0].bell->file.frames > 0);
}

TEST_CASE("every built-in sound the spec names exists and is readable", "[media][builtin]") {
    const auto data = bundledDataDir();
    REQUIRE(data);
    for (const char* name : {"bowl", "chime", "gong", "rain", "stream", "wind", "waves", "birds", "summer-night", "fireplace",
                             "white-noise", "pink-noise", "brown-noise"}) {
        const BuiltinSound* sound = findBuiltinSound(name);
        INFO(name);
        REQUIRE(sound);
        if (sound->kind == BuiltinKind::Noise) continue;
        auto probe = probeAudioFile(*data / "audio" / std::string(sound->file));
        CHECK(probe.error.empty());
    }
}

TEST_CASE("audio files at other rates, formats and channel counts are read from their headers", "[media]") {
    TempDir dir;
    writeTone(dir / "a.flac", 12345, 22050, 2);
    writeTone(dir / "b.ogg", 16000, 16000, 1);
    auto a = probeAudioFile(dir / "a.flac");
    REQUIRE(a.info);
    CHECK(a.info->frames == 12345);
    CHECK(a.info->sampleRate == 22050);
    CHECK(a.info->channels == 2);
    auto b = probeAudioFile(dir / "b.ogg");
    REQUIRE(b.info);
    CHECK(b.info->sampleRate == 16000);
    CHECK(b.info->frames == 16000);
    writeTone(dir / "c.wav", 100, 48000, 6);
    CHECK(probeAudioFile(dir / "c.wav").error == "it has 6 channels; Kindly plays mono or stereo files");
}

TEST_CASE("synthesized speech rests after commas and full stops", "[media][speech]") {
    TempDir dir;
    const std::string text = "Breathe in slowly, and let it go. Rest here; nothing to do.";
    SpeechCache withGaps(dir.path());  // 600 ms after a sentence, 250 ms after a comma or semicolon
    SpeechSettings noPhraseGaps, noGaps;
    noPhraseGaps.phraseGapMs = noGaps.phraseGapMs = noGaps.sentenceGapMs = 0;
    SpeechCache withoutPhraseGaps(dir.path(), noPhraseGaps);
    SpeechCache withoutAnyGaps(dir.path(), noGaps);
    const auto frames = [](SpeechCache& cache, const std::string& t) {
        auto r = cache.obtain(t);
        REQUIRE(!r.path.empty());
        return probeAudioFile(r.path).info->frames;
    };
    const auto rate = probeAudioFile(withGaps.obtain(text).path).info->sampleRate;
    // Two phrase ends (the comma and the semicolon) and one sentence end between the parts:
    // the same phrases synthesized the same way, with exactly the gaps between them.
    CHECK(frames(withGaps, text) - frames(withoutPhraseGaps, text) == 2 * rate * 250 / 1000);
    CHECK(frames(withoutPhraseGaps, text) - frames(withoutAnyGaps, text) == rate * 600 / 1000);
    // "1,000" and "e.g." inside words are not phrase ends.
    CHECK(frames(withGaps, "About 1,000 breaths.") == frames(withoutAnyGaps, "About 1,000 breaths."));
}

TEST_CASE("speech that cannot be cached is kept in memory, the same sound as a cached file", "[media][speech]") {
    TempDir dir;
    writeText(dir / "a-file", "x");
    SpeechCache cached(dir / "cache");
    SpeechCache refused(dir / "a-file" / "speech");  // its folder cannot be made: a file is in the way
    const std::string text = "Let your shoulders soften.";
    const auto onDisk = cached.obtain(text);
    const auto inMemory = refused.obtain(text);
    REQUIRE(onDisk.bytes == nullptr);
    REQUIRE(inMemory.bytes != nullptr);
    CHECK(inMemory.error.empty());
    CHECK(inMemory.synthesizedNow);
    CHECK(inMemory.notCached.find("cannot create the speech cache folder") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(inMemory.path));
    // The bytes are the WAV file the cache would have held (the same text, synthesized again).
    CHECK(*inMemory.bytes == readText(onDisk.path));
    const auto probe = probeAudioBytes(*inMemory.bytes, inMemory.path);
    REQUIRE(probe.info);
    // Played from memory, they sound as the cached file does, sample for sample (resampled to 48 kHz).
    AudioFileInfo info = *probe.info;
    info.bytes = inMemory.bytes;
    const auto play = [](const AudioFileInfo& sound) {
        FileSource source(sound, 48000);
        REQUIRE(source.problem().empty());
        std::vector<float> stereo(static_cast<std::size_t>(source.length()) * 2);
        source.pull(stereo.data(), static_cast<std::size_t>(source.length()));
        return stereo;
    };
    const auto fromMemory = play(info);
    const auto fromFile = play(*probeAudioFile(onDisk.path).info);
    CHECK(fromMemory.size() > 48000);
    CHECK(firstDifference(fromMemory, fromFile) == "");
    CHECK(std::filesystem::is_regular_file(dir / "a-file"));  // nothing written where it could not go
}

TEST_CASE("speech records its loudness as it is made: the same value a measurement of the file gives, and only when vouched for",
          "[media][speech][loudness]") {
    TempDir dir;
    SpeechCache cache(dir / "cache");
    const auto made = cache.obtain("Rest here. You are welcome.");
    REQUIRE(!made.path.empty());
    const auto info = probeAudioFile(made.path).info;
    REQUIRE(info);
    const auto measured = measureIntegratedLufs(*info);
    REQUIRE(measured);
    REQUIRE(std::isfinite(*measured));
    CHECK(*measured < -10.0);
    CHECK(*measured > -40.0);
    // To the last bit: a render that measured the clip and one that read the record agree.
    const auto recorded = spokenLoudness(made.path);
    REQUIRE(recorded);
    CHECK(*recorded == *measured);
    // The loudness cache takes it without decoding anything (no analysis counted).
    LoudnessCache loudness(dir / "loudness.tsv");
    CHECK(loudness.integratedLufs(*info) == measured);
    CHECK(loudness.analysisCount() == 0);
    CHECK_FALSE(fs::exists(dir / "loudness.tsv"));

    // A sidecar whose loudness line was changed no longer vouches for anything: not used, and the
    // entry is made again.
    const fs::path sidecar = fs::path(made.path).replace_extension(".sentences");
    std::string text = readText(sidecar);
    const auto at = text.find("lufs ");
    REQUIRE(at != std::string::npos);
    REQUIRE(text.compare(at, 6, "lufs -") == 0);
    text[at + 6] = text[at + 6] == '1' ? '2' : '1';  // another value, 10 LU away
    writeText(sidecar, text);
    CHECK_FALSE(spokenLoudness(made.path));
    CHECK(loudness.integratedLufs(*info) == measured);  // measured instead
    CHECK(loudness.analysisCount() == 1);
    SpeechCache again(dir / "cache");
    CHECK(again.obtain("Rest here. You are welcome.").synthesizedNow);
    CHECK(spokenLoudness(made.path) == measured);

    // A sidecar that speaks of another length (the file cut short) is not used either.
    const Sound whole = readSound(made.path);
    writeSamples(made.path, whole.frames / 2, whole.rate, 1, [&](long frame, int) { return whole.samples[static_cast<std::size_t>(frame)]; });
    CHECK_FALSE(spokenLoudness(made.path));
}
