// Voices as an author meets them: the [voice] table, the engines (flite, espeak-ng, festival,
// and the listener's own commands from voices.toml), what happens when one is missing, and
// captions that follow synthesized speech sentence by sentence, to the frame.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "TestSupport.hpp"
#include "output/WebVtt.hpp"
#include "platform/RunProgram.hpp"
#include "sources/SpeechCache.hpp"
#include "speech/EspeakEngine.hpp"
#include "speech/FestivalEngine.hpp"
#include "speech/FliteEngine.hpp"
#include "speech/Phrases.hpp"
#include "speech/SpeechEngines.hpp"
#include "script/Frames.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";

/// Points $XDG_CONFIG_HOME at `dir` for the test's length, so voices.toml is read from there.
class ConfigHome {
public:
    explicit ConfigHome(const fs::path& dir) {
        const char* old = std::getenv("XDG_CONFIG_HOME");
        had_ = old != nullptr;
        if (old) saved_ = old;
        setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    }
    ~ConfigHome() {
        if (had_) setenv("XDG_CONFIG_HOME", saved_.c_str(), 1);
        else unsetenv("XDG_CONFIG_HOME");
    }
    ConfigHome(const ConfigHome&) = delete;
    ConfigHome& operator=(const ConfigHome&) = delete;

private:
    bool had_ = false;
    std::string saved_;
};

/// A voices.toml under dir/config/kindly defining the engine "mine" as `program` (a shell
/// script written here), which gets the phrase on stdin and the WAV's path as $1.
void defineEngine(const TempDir& dir, const std::string& script, const std::string& extra = "") {
    writeText(dir / "engine.sh", "#!/bin/sh\n" + script);
    fs::permissions(dir / "engine.sh", fs::perms::owner_all);
    writeText(dir / "config/kindly/voices.toml", "[engine.mine]\ncommand = [\"" + (dir / "engine.sh").string() +
                                                     "\", \"{output}\", \"{voice}\"]\n" + extra);
}

int countWarnings(const Diagnostics& d) { return d.count(Severity::Warning); }

}  // namespace

TEST_CASE("the [voice] table is read with its defaults, ranges and places", "[voices][script]") {
    TempDir dir;
    auto plain = loadText(dir, kHead + "[[step]]\nsay = \"Hi.\"\n");
    REQUIRE(plain.script);
    CHECK(plain.script->voice.engine == "flite");
    CHECK(plain.script->voice.rate == 1.0);
    CHECK(plain.script->voice.gap == 600 * kNanosPerMilli);
    CHECK(plain.script->voice.phraseGap == 250 * kNanosPerMilli);

    auto set = loadText(dir, kHead + "[voice]\nengine = \"espeak-ng\"\nname = \"de\"\nrate = 0.8\npitch = -2\n"
                                     "gap = \"1s\"\nphrase_gap = \"100ms\"\n[[step]]\nsay = \"Hi.\"\n");
    REQUIRE(set.script);
    CHECK(set.script->voice.engine == "espeak-ng");
    CHECK(set.script->voice.name == "de");
    CHECK(set.script->voice.rate == 0.8);
    CHECK(set.script->voice.pitch == -2.0);
    CHECK(set.script->voice.gap == kNanosPerSecond);
    CHECK(set.script->voice.phraseGap == 100 * kNanosPerMilli);

    auto bad = loadText(dir, kHead + "[voice]\nengine = \"/usr/bin/piper --model x\"\nrate = 2.5\npitch = 13\nspeed = 1\n"
                                     "[[step]]\nsay = \"Hi.\"\n");
    const std::string lines = diagnosticLines(bad.diagnostics);
    INFO(lines);
    CHECK(lines.find("session.toml:5:10: error: 'engine' in [voice] names an engine") != std::string::npos);
    CHECK(lines.find("not a command or a path") != std::string::npos);
    CHECK(lines.find("session.toml:6:8: error: 'rate' in [voice] is 2.5; it must be between 0.5 and 2") != std::string::npos);
    CHECK(lines.find("session.toml:7:9: error: 'pitch' in [voice] is 13; it must be between -12 and 12 semitones") !=
          std::string::npos);
    CHECK(lines.find("session.toml:8:1: error: unknown key 'speed' in [voice]") != std::string::npos);
}

TEST_CASE("narration splits into phrases at punctuation and groups into sentences", "[voices][speech]") {
    const auto phrases = splitPhrases("Breathe in, slowly. Rest here; nothing to do!  And 1,000 words");
    REQUIRE(phrases.size() == 5);
    CHECK(phrases[0].text == "Breathe in,");
    CHECK_FALSE(phrases[0].endsSentence);
    CHECK(phrases[1].text == "slowly.");
    CHECK(phrases[1].endsSentence);
    CHECK(phrases[4].text == "And 1,000 words");
    const Sentences s = groupSentences(phrases);
    REQUIRE(s.text.size() == 3);
    CHECK(s.text[0] == "Breathe in, slowly.");
    CHECK(s.text[1] == "Rest here; nothing to do!");
    CHECK(s.sentenceOf == std::vector<int>{0, 0, 1, 1, 2});
}

TEST_CASE("captions of synthesized speech start with each sentence, to the frame", "[voices][captions]") {
    TempDir dir;
    const std::string text = "Let your shoulders soften. Breathe in, and let it go. Rest.";
    auto p = prepareText(dir, kHead + "[[step]]\nsay = \"" + text + "\"\npause = 2\n[[step]]\nsay = \"Once more.\"\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    const Timeline& tl = *p.timeline;

    // The same phrases synthesized one by one, and the gaps between them (600 ms after a
    // sentence, 250 ms after a comma), say where each sentence must begin in the speech.
    FliteEngine flite;
    const auto pieces = flite.synthesize({"Let your shoulders soften.", "Breathe in,", "and let it go.", "Rest."},
                                         VoiceChoice{"slt", "en", 1.0, 0.0});
    REQUIRE(pieces.error.empty());
    const int speechRate = pieces.phrases[0].rate;
    const auto len = [&](int i) { return static_cast<Frames>(pieces.phrases[static_cast<std::size_t>(i)].samples.size()); };
    const Frames gap = speechRate * 600 / 1000, phraseGap = speechRate * 250 / 1000;
    const Frames second = len(0) + gap;
    const Frames third = second + len(1) + phraseGap + len(2) + gap;
    REQUIRE(p.media.steps[0].voice);
    REQUIRE(p.media.steps[0].voice->file.frames == third + len(3));  // the whole text is those pieces

    REQUIRE(tl.captions.size() == 4);
    CHECK(tl.captions[0].text == "Let your shoulders soften.");
    CHECK(tl.captions[1].text == "Breathe in, and let it go.");
    CHECK(tl.captions[2].text == "Rest.");
    CHECK(tl.captions[0].start == 0);
    CHECK(tl.captions[1].start == resampledLength(second, speechRate, 48000));
    CHECK(tl.captions[2].start == resampledLength(third, speechRate, 48000));
    // Each lasts until the next begins; the last until the step ends (after its pause).
    CHECK(tl.captions[0].end == tl.captions[1].start);
    CHECK(tl.captions[1].end == tl.captions[2].start);
    CHECK(tl.captions[2].end == tl.steps[0].end);
    CHECK(tl.captions[3].start == tl.steps[1].start);

    // WebVTT: one cue per sentence, each from the millisecond its sentence starts.
    const std::string vtt = webVttCaptions(tl);
    CHECK(vtt.find("\n1\n00:00:00.000 --> " + webVttTime(tl.captions[1].start, 48000) + "\nLet your shoulders soften.\n") !=
          std::string::npos);
    CHECK(vtt.find("\n3\n" + webVttTime(tl.captions[2].start, 48000) + " --> " + webVttTime(tl.steps[0].end, 48000) +
                   "\nRest.\n") != std::string::npos);
    CHECK(vtt.find("\n4\n") != std::string::npos);
    CHECK(vtt.find("\n5\n") == std::string::npos);
}

TEST_CASE("an explicit caption or a recorded voice keeps one caption for the whole step", "[voices][captions]") {
    TempDir dir;
    writeTone(dir / "session/recorded.wav", 48000, 48000);
    auto p = prepareText(dir, kHead + "[[step]]\nsay = \"One. Two.\"\ncaption = \"Counting\"\n"
                                      "[[step]]\nid = \"recorded\"\nsay = \"Three. Four.\"\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    const Timeline& tl = *p.timeline;
    REQUIRE(tl.captions.size() == 2);
    CHECK(tl.captions[0].text == "Counting");
    CHECK(tl.captions[0].start == tl.steps[0].start);
    CHECK(tl.captions[0].end == tl.steps[0].end);
    CHECK(tl.captions[1].text == "Three. Four.");
    CHECK(tl.captions[1].end == tl.steps[1].end);
}

TEST_CASE("a script in French with espeak-ng speaks with espeak-ng's French voice", "[voices][espeak]") {
    TempDir dir;
    const std::string body = "[[step]]\nsay = \"Respirez lentement. Laissez aller.\"\n";
    auto french = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"fr\"\n[voice]\nengine = \"espeak-ng\"\n" + body);
    INFO(diagnosticLines(french.diagnostics));
    REQUIRE(french.ok());
    CHECK(french.diagnostics.items().empty());  // no "English only" warning
    const auto& voice = french.media.steps[0].voice->file;
    CHECK(voice.sampleRate == 22050);  // espeak-ng's rate, not flite's 16 kHz
    // The voice chosen for language "fr" is espeak-ng's "fr" (the cache's key names the voice).
    SpeechSettings fr;
    fr.voice = "fr";
    fr.language = "fr";
    EspeakEngine espeak;
    CHECK(voice.path == SpeechCache(dir / "cache").pathFor("Respirez lentement. Laissez aller.", espeak, fr));
    // German for "de": a different voice and so a different sound.
    auto german = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"de\"\n[voice]\nengine = \"espeak-ng\"\n" + body);
    REQUIRE(german.ok());
    fr.voice = fr.language = "de";
    CHECK(german.media.steps[0].voice->file.path ==
          SpeechCache(dir / "cache").pathFor("Respirez lentement. Laissez aller.", espeak, fr));
    // Captions follow the French sentences.
    REQUIRE(french.timeline->captions.size() == 2);
    CHECK(french.timeline->captions[1].text == "Laissez aller.");
    CHECK(french.timeline->captions[1].start > 0);
}

TEST_CASE("espeak-ng without a voice for the language, or a voice it lacks, is an error at its line", "[voices][espeak]") {
    TempDir dir;
    auto unknownLanguage = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"tlh\"\n[voice]\n"
                                            "engine = \"espeak-ng\"\n[[step]]\nsay = \"Hi.\"\n");
    CHECK(diagnosticLines(unknownLanguage.diagnostics).find(
              "session.toml:4:12: error: espeak-ng has no voice for language 'tlh'") != std::string::npos);
    auto unknownVoice = prepareText(dir, kHead + "[voice]\nengine = \"espeak-ng\"\nname = \"en-uss\"\n[[step]]\nsay = \"Hi.\"\n");
    const std::string lines = diagnosticLines(unknownVoice.diagnostics);
    INFO(lines);
    CHECK(lines.find("session.toml:6:8: error: espeak-ng has no voice 'en-uss'; did you mean 'en-us'?") != std::string::npos);
    CHECK(lines.find("its voices here: af, ") != std::string::npos);
    CHECK_FALSE(unknownVoice.ok());
}

TEST_CASE("a script with festival speaks with the HTS voice at 32 kHz", "[voices][festival]") {
    FestivalEngine festival;
    INFO(festival.unavailable());
    REQUIRE(festival.unavailable().empty());  // tools/install-deps.sh installs festival and festvox-us-slt-hts
    CHECK(festival.defaultVoice("en") == "cmu_us_slt_arctic_hts");
    TempDir dir;
    auto p = prepareText(dir, kHead + "[voice]\nengine = \"festival\"\n[[step]]\nsay = \"Rest here, gently. Breathe.\"\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    CHECK(p.diagnostics.items().empty());
    const auto& voice = p.media.steps[0].voice->file;
    CHECK(voice.sampleRate == 32000);
    CHECK(voice.frames > 32000);  // over a second of speech
    REQUIRE(p.timeline->captions.size() == 2);
    CHECK(p.timeline->captions[1].text == "Breathe.");
    // A slower rate speaks longer; a voice it lacks is an error naming the ones it has.
    auto slower = prepareText(dir, kHead + "[voice]\nengine = \"festival\"\nrate = 0.7\n[[step]]\nsay = \"Rest here, gently. Breathe.\"\n");
    REQUIRE(slower.ok());
    CHECK(slower.media.steps[0].voice->file.frames > voice.frames * 13 / 10);
    auto missing = prepareText(dir, kHead + "[voice]\nengine = \"festival\"\nname = \"kal\"\n[[step]]\nsay = \"Hi.\"\n");
    CHECK(diagnosticLines(missing.diagnostics).find("error: festival has no voice 'kal' (its voices here: cmu_us_slt_arctic_hts") !=
          std::string::npos);
    // Its pitch cannot be changed: said once, as a warning.
    auto pitched = prepareText(dir, kHead + "[voice]\nengine = \"festival\"\npitch = 2\n[[step]]\nsay = \"Hi.\"\n");
    CHECK(diagnosticLines(pitched.diagnostics).find("6:9: warning: festival cannot change the pitch") != std::string::npos);
}

TEST_CASE("an engine this machine lacks plays with flite and one warning", "[voices][fallback]") {
    TempDir dir;
    ConfigHome home(dir / "config");
    auto p = prepareText(dir, kHead + "[voice]\nengine = \"piper\"\nname = \"amy\"\n[[step]]\nsay = \"One.\"\n"
                                      "[[step]]\nsay = \"Two.\"\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    REQUIRE(countWarnings(p.diagnostics) == 1);
    CHECK(diagnosticLines(p.diagnostics).find("session.toml:5:10: warning: there is no voice engine 'piper' on this machine") !=
          std::string::npos);
    CHECK(diagnosticLines(p.diagnostics).find("speaking with flite instead") != std::string::npos);
    CHECK(p.media.steps[0].voice->file.sampleRate == 16000);  // flite
    CHECK(p.media.steps[1].voice->file.sampleRate == 16000);
}

TEST_CASE("an engine from voices.toml runs its command with the phrase on its input", "[voices][user]") {
    TempDir dir;
    ConfigHome home(dir / "config");
    writeTone(dir / "reply.wav", 24000, 24000);  // what the stand-in engine "speaks": 1 s at 24 kHz
    // It keeps what it was given, so the test sees the phrase and the voice.
    defineEngine(dir, "cat >> '" + (dir / "heard.txt").string() + "'\necho \"voice=$2\" >> '" +
                          (dir / "heard.txt").string() + "'\ncp '" + (dir / "reply.wav").string() + "' \"$1\"\n",
                 "voices = [\"amy\", \"joe\"]\n");
    auto p = prepareText(dir, kHead + "[voice]\nengine = \"mine\"\nname = \"joe\"\n[[step]]\nsay = \"Hello there. Rest.\"\n");
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    CHECK(p.diagnostics.items().empty());
    const std::string heard = readText(dir / "heard.txt");
    CHECK(heard == "Hello there.\nvoice=joe\nRest.\nvoice=joe\n");
    const auto& voice = p.media.steps[0].voice->file;
    CHECK(voice.sampleRate == 24000);
    CHECK(voice.frames == 24000 + 24000 * 600 / 1000 + 24000);  // two phrases and the sentence gap
    REQUIRE(p.timeline->captions.size() == 2);
    CHECK(p.timeline->captions[1].start == resampledLength(24000 + 14400, 24000, 48000));
    // A voice it does not list is an error naming the ones it has.
    auto wrong = prepareText(dir, kHead + "[voice]\nengine = \"mine\"\nname = \"ann\"\n[[step]]\nsay = \"Hi.\"\n");
    CHECK(diagnosticLines(wrong.diagnostics).find("error: mine has no voice 'ann' (its voices here: amy, joe") !=
          std::string::npos);
}

TEST_CASE("an engine command that hangs, fails or writes garbage is a clear error", "[voices][user]") {
    TempDir dir;
    ConfigHome home(dir / "config");
    const std::string script = kHead + "[voice]\nengine = \"mine\"\n[[step]]\nsay = \"Hello.\"\n";
    SECTION("hangs: stopped at its timeout") {
        defineEngine(dir, "sleep 600\n", "timeout = \"500ms\"\n");
        const auto started = std::chrono::steady_clock::now();
        auto p = prepareText(dir, script);
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK_FALSE(p.ok());
        CHECK(diagnosticLines(p.diagnostics).find("cannot synthesize the voice of step 'step-1': the voice engine 'mine' (" +
                                                  (dir / "engine.sh").string() + ") did not finish within 0.5 s and was stopped") !=
              std::string::npos);
        CHECK(took < std::chrono::seconds(300));  // not the 600 s it wanted, however slow the machine
    }
    SECTION("exits with an error: its status and last words") {
        defineEngine(dir, "echo 'loading the model' >&2\necho 'model file not found' >&2\nexit 3\n");
        auto p = prepareText(dir, script);
        CHECK_FALSE(p.ok());
        CHECK(diagnosticLines(p.diagnostics).find("exited with status 3: model file not found") != std::string::npos);
    }
    SECTION("writes something that is not sound") {
        defineEngine(dir, "echo 'this is not a wav' > \"$1\"\n");
        auto p = prepareText(dir, script);
        CHECK_FALSE(p.ok());
        CHECK(diagnosticLines(p.diagnostics).find("the voice engine 'mine' (" + (dir / "engine.sh").string() +
                                                  ") failed: it wrote a file that is not audio") != std::string::npos);
    }
    SECTION("writes nothing") {
        defineEngine(dir, "cat > /dev/null\n");
        auto p = prepareText(dir, script);
        CHECK(diagnosticLines(p.diagnostics).find("failed: it wrote no sound file") != std::string::npos);
    }
}

TEST_CASE("a kiosk runs a listener's engine only when its config names it", "[voices][user][kiosk]") {
    TempDir dir;
    ConfigHome home(dir / "config");
    writeTone(dir / "reply.wav", 24000, 24000);
    defineEngine(dir, "touch '" + (dir / "ran").string() + "'\ncp '" + (dir / "reply.wav").string() + "' \"$1\"\n");
    const std::string script = kHead + "[voice]\nengine = \"mine\"\n[[step]]\nsay = \"Hello.\"\n";
    PrepareOptions kiosk;
    kiosk.allowedUserEngines = std::vector<std::string>{};
    auto refused = prepareText(dir, script, kiosk);
    INFO(diagnosticLines(refused.diagnostics));
    REQUIRE(refused.ok());
    CHECK(diagnosticLines(refused.diagnostics).find("warning: this kiosk does not run the voice engine 'mine'") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(dir / "ran"));  // the command never ran
    CHECK(refused.media.steps[0].voice->file.sampleRate == 16000);  // flite spoke instead
    kiosk.allowedUserEngines = std::vector<std::string>{"mine"};
    auto allowed = prepareText(dir, script, kiosk);
    REQUIRE(allowed.ok());
    CHECK(fs::exists(dir / "ran"));
    CHECK(allowed.media.steps[0].voice->file.sampleRate == 24000);
}

TEST_CASE("voices.toml mistakes are reported at their line", "[voices][user]") {
    const auto load = loadUserEnginesText("[engine.piper]\ncommand = [\"piper\"]\ntimout = \"5s\"\n[engine.flite]\n"
                                          "command = [\"x\", \"{output}\"]\n",
                                          "voices.toml");
    const std::string lines = diagnosticLines(load.diagnostics);
    INFO(lines);
    CHECK(lines.find("voices.toml:2:11: error: 'command' must say where the WAV goes: an argument with {output}") !=
          std::string::npos);
    CHECK(lines.find("voices.toml:3:1: error: unknown key 'timout' in [engine.piper]; did you mean 'timeout'?") !=
          std::string::npos);
    CHECK(lines.find("'flite' is one of Kindly's own engines") != std::string::npos);
    CHECK(load.engines.empty());
}

TEST_CASE("the speech cache key covers the engine, its version and every voice setting", "[voices][speech]") {
    TempDir dir;
    SpeechCache cache(dir.path());
    FliteEngine flite;
    EspeakEngine espeak;
    const SpeechSettings base{"slt", "en", 1.0, 0.0, 600, 250};
    const auto key = [&](const SpeechEngine& e, SpeechSettings s) { return cache.pathFor("Hello.", e, s); };
    const fs::path reference = key(flite, base);
    CHECK(key(flite, base) == reference);
    CHECK(key(espeak, base) != reference);
    for (auto change : std::vector<std::function<void(SpeechSettings&)>>{
             [](SpeechSettings& s) { s.voice = "rms"; }, [](SpeechSettings& s) { s.rate = 1.1; },
             [](SpeechSettings& s) { s.pitch = 1; }, [](SpeechSettings& s) { s.sentenceGapMs = 700; },
             [](SpeechSettings& s) { s.phraseGapMs = 200; }}) {
        SpeechSettings s = base;
        change(s);
        CHECK(key(flite, s) != reference);
    }
    // The language counts for an engine whose voice follows it, not for an English-only one.
    SpeechSettings german = base;
    german.language = "de";
    CHECK(key(flite, german) == reference);
    CHECK(key(espeak, german) != key(espeak, base));
}

TEST_CASE("a program that outlives its time limit is stopped with what it started", "[voices][process]") {
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    const auto run = runProgram({"sh", "-c", "sleep 600 & sleep 600"}, "", std::chrono::milliseconds(300));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(300));  // not the 600 s, however slow the machine
    CHECK(run.started);
    CHECK(run.timedOut);
    CHECK_FALSE(run.succeeded());
    const auto quick = runProgram({"sh", "-c", "cat > /dev/null; echo done >&2"}, std::string(1 << 20, 'x'),
                                  std::chrono::milliseconds(10000));
    CHECK(quick.succeeded());
    CHECK(quick.errorOutput == "done\n");
    // One that reads nothing of a large input does not stop us with SIGPIPE.
    const auto deaf = runProgram({"true"}, std::string(1 << 20, 'x'), std::chrono::milliseconds(10000));
    CHECK(deaf.succeeded());
    const auto missing = runProgram({"kindly-no-such-program"}, "", std::chrono::milliseconds(1000));
    CHECK_FALSE(missing.started);
    CHECK(missing.describe(std::chrono::milliseconds(1000)).find("cannot be run") != std::string::npos);
}

TEST_CASE("kindly voices lists the engines, and kindly say writes a phrase to a file", "[voices][cli]") {
    TempDir dir;
    const std::string kindly = std::string("XDG_CONFIG_HOME='") + (dir / "config").string() + "' XDG_CACHE_HOME='" +
                               (dir / "cache").string() + "' '" + KINDLY_BINARY + "'";
    const ShellRun voices = runShell(dir, kindly + " voices");
    CHECK(voices.status == 0);
    for (const char* engine : {"flite: flite-", "espeak-ng: espeak-ng-", "festival: festival-", "slt", "cmu_us_slt_arctic_hts"}) {
        INFO(engine);
        CHECK(voices.out.find(engine) != std::string::npos);
    }
    const ShellRun all = runShell(dir, kindly + " voices espeak-ng");
    CHECK(all.out.find(" fr ") != std::string::npos);
    CHECK(runShell(dir, kindly + " voices nope").status == 2);

    const ShellRun say = runShell(dir, kindly + " say 'Hello there. Rest now.' --engine espeak-ng --name en-us -o said.wav");
    INFO(say.err);
    CHECK(say.status == 0);
    const auto probe = probeAudioFile(dir / "said.wav");
    REQUIRE(probe.info);
    CHECK(probe.info->frames > 48000);
    const ShellRun wrong = runShell(dir, kindly + " say 'Hi.' --engine espeak-ng --name xx-nope -o bad.wav");
    CHECK(wrong.status == 1);
    CHECK(wrong.err.find("kindly say: error: espeak-ng has no voice 'xx-nope'") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "bad.wav"));
}

TEST_CASE("the terminal player and kindly timeline show each sentence when it is said", "[voices][captions][cli]") {
    TempDir dir;
    writeText(dir / "s.toml", kHead + "[[step]]\nsay = \"Breathe in. Breathe out.\"\n");
    const std::string kindly = std::string("XDG_CACHE_HOME='") + (dir / "cache").string() + "' '" + KINDLY_BINARY + "'";
    const ShellRun timeline = runShell(dir, kindly + " timeline s.toml");
    INFO(timeline.out);
    CHECK(timeline.out.find("step begins") != std::string::npos);
    const auto first = timeline.out.find("Breathe in.");
    const auto second = timeline.out.find("caption");
    REQUIRE(first != std::string::npos);
    REQUIRE(second != std::string::npos);
    CHECK(timeline.out.find("Breathe out.", second) != std::string::npos);
    CHECK(timeline.out.find("Breathe in. Breathe out.") == std::string::npos);  // not the whole text at once
    // Played (silently, clock-paced) into a pipe: one line per sentence, each at its time.
    const ShellRun play = runShell(dir, kindly + " play --silent s.toml");
    INFO(play.out);
    CHECK(play.status == 0);
    CHECK(play.out.find("0:00  Breathe in.\n") != std::string::npos);
    CHECK(play.out.find("0:01  Breathe out.\n") != std::string::npos);
}

TEST_CASE("the translated bundled sessions speak and caption in their own language", "[voices][espeak][language]") {
    // Every bundled script not in English: the French, German and Spanish sessions, and any added later.
    std::vector<fs::path> translated;
    for (const auto& entry : fs::directory_iterator(fs::path(KINDLY_SOURCE_DIR) / "scripts")) {
        if (entry.path().extension() != ".toml") continue;
        const std::string text = readText(entry.path());
        if (text.find("\nlanguage = \"en\"") == std::string::npos) translated.push_back(entry.path());
    }
    std::sort(translated.begin(), translated.end());
    std::set<std::string> languages;
    EspeakEngine espeak;
    for (const auto& file : translated) {
        INFO(file.filename().string());
        TempDir dir;
        PrepareOptions options;
        options.speechCacheDir = dir / "cache";
        auto session = prepareSession(file, options);
        INFO(diagnosticLines(session.diagnostics));
        REQUIRE(session.ok());
        CHECK(session.diagnostics.items().empty());
        const Script& script = *session.script;
        const std::string language = script.session.language;
        languages.insert(language);
        CHECK(script.voice.engine == "espeak-ng");

        // The first spoken step is in espeak-ng's voice for the script's language (the cache's
        // key names the voice), and its captions are the script's own sentences.
        std::size_t first = 0;
        while (!script.steps[first].say) ++first;
        const std::string& say = *script.steps[first].say;
        SpeechSettings settings;
        settings.voice = settings.language = language;
        settings.rate = script.voice.rate;
        CHECK(session.media.steps[first].voice->file.path == SpeechCache(dir / "cache").pathFor(say, espeak, settings));
        const auto sentences = groupSentences(splitPhrases(say)).text;
        REQUIRE_FALSE(session.timeline->captions.empty());
        CHECK(session.timeline->captions.front().text == sentences.front());

        // Listening: the same sentence in that language's voice and in the English voice differ.
        const std::string sentence = sentences.front();
        auto own = espeak.synthesize({sentence}, VoiceChoice{language, language, script.voice.rate, 0});
        auto english = espeak.synthesize({sentence}, VoiceChoice{"en", "en", script.voice.rate, 0});
        REQUIRE(own.error.empty());
        REQUIRE(english.error.empty());
        REQUIRE(own.phrases.size() == 1);
        REQUIRE(english.phrases.size() == 1);
        CHECK(own.phrases[0].samples.size() > 1000);
        CHECK(own.phrases[0].samples != english.phrases[0].samples);
    }
    // At least German, French and Spanish, each with the three sessions.
    CHECK(languages.count("de") == 1);
    CHECK(languages.count("fr") == 1);
    CHECK(languages.count("es") == 1);
    CHECK(translated.size() >= 9);
}

TEST_CASE("a listener's engine named for a language speaks the scripts in it that name no voice", "[voices][user][language]") {
    TempDir dir;
    ConfigHome home(dir / "config");
    writeTone(dir / "reply.wav", 24000, 24000);  // the stand-in engine's "speech": 1 s at 24 kHz
    defineEngine(dir, "echo \"language=$3\" >> '" + (dir / "heard.txt").string() + "'\ncp '" + (dir / "reply.wav").string() +
                          "' \"$1\"\n",
                 "languages = [\"de\"]\n");
    // defineEngine passes {output} and {voice}; this one also wants {language}.
    const std::string toml = readText(dir / "config/kindly/voices.toml");
    writeText(dir / "config/kindly/voices.toml",
              toml.substr(0, toml.find("\"{voice}\"]")) + "\"{voice}\", \"{language}\"]" + toml.substr(toml.find("\"{voice}\"]") + 10));
    const std::string body = "[voice]\nengine = \"espeak-ng\"\n[[step]]\nsay = \"Atme ein.\"\n";
    // German, and Austrian German: the listener's engine, not eSpeak NG.
    for (const char* language : {"de", "de-AT"}) {
        INFO(language);
        auto german = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"" + std::string(language) + "\"\n" + body);
        INFO(diagnosticLines(german.diagnostics));
        REQUIRE(german.ok());
        CHECK(german.diagnostics.items().empty());
        CHECK(german.media.steps[0].voice->file.sampleRate == 24000);
    }
    CHECK(readText(dir / "heard.txt") == "language=de\nlanguage=de-AT\n");
    // French: eSpeak NG as the script says; a voice the script names: that voice, as written.
    auto french = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"fr\"\n" + body);
    REQUIRE(french.ok());
    CHECK(french.media.steps[0].voice->file.sampleRate == 22050);
    auto named = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"de\"\n[voice]\nengine = \"espeak-ng\"\nname = \"de\"\n"
                                  "[[step]]\nsay = \"Atme aus.\"\n");
    REQUIRE(named.ok());
    CHECK(named.media.steps[0].voice->file.sampleRate == 22050);
    // A kiosk runs it only when its config names it: else the script's own engine speaks.
    PrepareOptions kiosk;
    kiosk.allowedUserEngines = std::vector<std::string>{};
    auto locked = prepareText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"de\"\n[voice]\nengine = \"espeak-ng\"\n"
                                   "[[step]]\nsay = \"Atme langsam.\"\n", kiosk);
    REQUIRE(locked.ok());
    CHECK(locked.diagnostics.items().empty());
    CHECK(locked.media.steps[0].voice->file.sampleRate == 22050);
    // A language that is not a tag is a mistake at its line.
    const auto bad = loadUserEnginesText("[engine.x]\ncommand = [\"x\", \"{output}\"]\nlanguages = [\"de\", \"not a tag\"]\n", "voices.toml");
    CHECK(diagnosticLines(bad.diagnostics).find("voices.toml:3:20: error: 'not a tag' in [engine.x] languages is not a language tag") !=
          std::string::npos);
}
