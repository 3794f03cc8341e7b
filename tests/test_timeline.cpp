#include <catch2/catch.hpp>

#include "TestSupport.hpp"
#include "timeline/Ducking.hpp"

using namespace kindly;
using namespace kindly::test;

namespace {

const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";

/// Prepares `text` in `dir` and returns its timeline (failing the test on any error).
Timeline timelineOf(const TempDir& dir, const std::string& text, PrepareOptions options = {}) {
    auto p = prepareText(dir, text, options);
    INFO(diagnosticLines(p.diagnostics));
    REQUIRE(p.ok());
    return *p.timeline;
}

}  // namespace

TEST_CASE("consecutive steps follow each other to the frame", "[timeline]") {
    TempDir dir;
    writeTone(dir / "a.wav", 48000, 48000);
    writeTone(dir / "b.wav", 24000, 48000);
    auto tl = timelineOf(dir, kHead + "[[step]]\nclip = \"a.wav\"\npause = \"1.5s\"\n"
                                      "[[step]]\nclip = \"b.wav\"\npause = \"250ms\"\n[[step]]\npause = 2\n");
    REQUIRE(tl.steps.size() == 3);
    CHECK(tl.steps[0].start == 0);
    CHECK(tl.steps[0].pauseStart == 48000);
    CHECK(tl.steps[0].end == 120000);
    CHECK(tl.steps[1].start == 120000);
    CHECK(tl.steps[1].pauseStart == 144000);
    CHECK(tl.steps[1].end == 156000);
    CHECK(tl.steps[2].start == 156000);
    CHECK(tl.steps[2].end == 252000);
    CHECK(tl.length == 252000);
    REQUIRE(tl.voices.size() == 2);
    CHECK(tl.voices[0].start == 0);
    CHECK(tl.voices[0].length == 48000);
    CHECK(tl.voices[1].start == 120000);
    CHECK(tl.voices[1].length == 24000);
}

TEST_CASE("clips at other rates are placed by their resampled length", "[timeline][rates]") {
    TempDir dir;
    writeTone(dir / "cd.wav", 44100, 44100);      // 1 s
    writeTone(dir / "half.wav", 11025, 22050);    // 0.5 s
    writeTone(dir / "phone.wav", 24000, 16000);   // 1.5 s
    writeTone(dir / "odd.wav", 44101, 44100);     // 1.0000227 s
    auto tl = timelineOf(dir, kHead + "[[step]]\nclip = \"cd.wav\"\npause = 1\n[[step]]\nclip = \"half.wav\"\npause = 1\n"
                                      "[[step]]\nclip = \"phone.wav\"\npause = 1\n[[step]]\nclip = \"odd.wav\"\n"
                                      "[[step]]\npause = 1\n");
    CHECK(tl.voices[0].length == 48000);
    CHECK(tl.steps[1].start == 96000);
    CHECK(tl.voices[1].length == 24000);
    CHECK(tl.steps[2].start == 96000 + 72000);
    CHECK(tl.voices[2].length == 72000);
    CHECK(tl.steps[3].start == 168000 + 120000);
    CHECK(tl.voices[3].length == 48001);  // 44101 * 48000 / 44100 = 48001.09
    CHECK(tl.steps[4].start == 288000 + 48001);
    // The same script at a 44.1 kHz output rate.
    auto cd = timelineOf(dir, kHead + "[[step]]\nclip = \"cd.wav\"\npause = 1\n[[step]]\nclip = \"phone.wav\"\n",
                         PrepareOptions{44100, std::nullopt, std::nullopt, {}, std::nullopt, std::nullopt, {}});
    CHECK(cd.voices[0].length == 44100);
    CHECK(cd.steps[1].start == 88200);
    CHECK(cd.voices[1].length == 66150);
    CHECK(cd.length == 88200 + 66150);
}

TEST_CASE("a step runs speech, then breathing, then pause, the bell rings at its start", "[timeline][breathe]") {
    TempDir dir;
    writeTone(dir / "v.wav", 48000, 48000);
    auto tl = timelineOf(dir, kHead + "[[step]]\npause = 1\n[[step]]\nbell = \"bowl\"\nclip = \"v.wav\"\n"
                                      "breathe = { in = \"4s\", hold = \"1s\", out = \"6s\", rest = \"500ms\", cycles = 2, cue = \"tone\" }\n"
                                      "pause = \"3s\"\n");
    const StepTiming& s = tl.steps[1];
    CHECK(s.start == 48000);
    CHECK(s.breatheStart == 96000);
    CHECK(s.pauseStart == 96000 + 2 * 552000);
    CHECK(s.end == s.pauseStart + 144000);
    REQUIRE(tl.bells.size() == 1);
    CHECK(tl.bells[0].start == 48000);
    CHECK(tl.bells[0].length > 0);
    REQUIRE(tl.breaths.size() == 8);
    const Frames expected[][2] = {{96000, 192000}, {288000, 48000}, {336000, 288000}, {624000, 24000}};
    const BreathPhase phases[] = {BreathPhase::In, BreathPhase::Hold, BreathPhase::Out, BreathPhase::Rest};
    for (int cycle = 0; cycle < 2; ++cycle) {
        for (int i = 0; i < 4; ++i) {
            const BreathEvent& b = tl.breaths[static_cast<std::size_t>(cycle * 4 + i)];
            CHECK(b.cycle == cycle);
            CHECK(b.phase == phases[i]);
            CHECK(b.start == expected[i][0] + cycle * 552000);
            CHECK(b.length == expected[i][1]);
            CHECK(b.toneCue);
        }
    }
}

TEST_CASE("interval bells ring every `every` from the pause's start, never at its end", "[timeline][bells]") {
    TempDir dir;
    auto tl = timelineOf(dir, kHead + "[[step]]\npause = 2\n[[step]]\nbell = \"gong\"\npause = \"30s\"\n"
                                      "interval_bell = { sound = \"chime\", every = \"10s\" }\n");
    REQUIRE(tl.bells.size() == 3);
    CHECK_FALSE(tl.bells[0].interval);
    CHECK(tl.bells[0].start == 96000);
    CHECK(tl.bells[1].interval);
    CHECK(tl.bells[1].start == 96000 + 480000);
    CHECK(tl.bells[2].start == 96000 + 960000);
    CHECK(tl.steps[1].end == 96000 + 1440000);  // no bell here
}

TEST_CASE("ambient sits duck_db lower while the voice speaks, fully down when it starts", "[timeline][ducking]") {
    TempDir dir;
    writeTone(dir / "v.wav", 96000, 48000);  // 2 s
    auto tl = timelineOf(dir, kHead + "[mix]\nduck_db = -8\nduck_attack = \"400ms\"\nduck_release = \"1500ms\"\n"
                                      "[[ambient]]\nsound = \"rain\"\n[[step]]\npause = 4\n[[step]]\nclip = \"v.wav\"\npause = 10\n");
    REQUIRE(tl.duckRamps.size() == 2);
    const Frames speech = 192000;
    CHECK(tl.duckRamps[0].start == speech - 19200);
    CHECK(tl.duckRamps[0].end == speech);
    CHECK(tl.duckRamps[1].start == speech + 96000);
    CHECK(tl.duckRamps[1].end == speech + 96000 + 72000);
    CHECK(tl.duckDbAt(speech - 19201) == 0.0);
    CHECK(tl.duckDbAt(speech - 9600) == Approx(-4.0));
    CHECK(tl.duckDbAt(speech) == -8.0);
    CHECK(tl.duckDbAt(speech + 48000) == -8.0);
    CHECK(tl.duckDbAt(speech + 96000 + 36000) == Approx(-4.0));
    CHECK(tl.duckDbAt(speech + 96000 + 72000) == 0.0);
}

TEST_CASE("gaps between speech shorter than attack + release stay ducked", "[timeline][ducking]") {
    // attack 400 ms + release 1500 ms = 1.9 s = 91200 frames
    auto merged = scheduleDucking({{100000, 150000}, {150000 + 91199, 300000}}, 19200, 72000, -8.0);
    REQUIRE(merged.size() == 2);
    CHECK(merged[0].end == 100000);
    CHECK(merged[1].start == 300000);
    auto separate = scheduleDucking({{100000, 150000}, {150000 + 91200, 300000}}, 19200, 72000, -8.0);
    REQUIRE(separate.size() == 4);
    CHECK(separate[1].end == separate[2].start);  // up ramp ends exactly where the next begins
    CHECK(scheduleDucking({{0, 1000}}, 19200, 72000, 0.0).empty());  // duck_db = 0: no ducking
}

TEST_CASE("speech at the very start is ducked from frame 0", "[timeline][ducking]") {
    auto ramps = scheduleDucking({{0, 48000}}, 19200, 72000, -8.0);
    CHECK(ramps[0].start == 0);
    CHECK(ramps[0].fromDb == -8.0);
    auto partWay = scheduleDucking({{9600, 48000}}, 19200, 72000, -8.0);
    CHECK(partWay[0].start == 0);
    CHECK(partWay[0].fromDb == Approx(-4.0));
    CHECK(partWay[0].end == 9600);
}

TEST_CASE("elastic pauses share one f so the session lasts the target to the frame", "[timeline][elastic]") {
    TempDir dir;
    writeTone(dir / "v.wav", 44101, 44100);
    const std::string script = kHead + "[[step]]\nclip = \"v.wav\"\npause = \"5s..40s\"\n[[step]]\npause = \"3s\"\n"
                                       "[[step]]\nclip = \"v.wav\"\npause = \"10s..20s\"\n[[step]]\npause = \"1s..1.333333s\"\n";
    // Fixed: two clips (2 x 1.0000227 s) + 3 s; elastic 16 s .. 61.333333 s.
    SECTION("without a target every elastic pause takes its minimum") {
        auto tl = timelineOf(dir, script);
        CHECK(tl.elasticFraction == 0.0);
        CHECK(tl.steps[0].end - tl.steps[0].pauseStart == 240000);
        CHECK(tl.steps[2].end - tl.steps[2].pauseStart == 480000);
        CHECK(tl.minLength == 2 * 1'000'022'676 + 19 * kNanosPerSecond);
        CHECK(tl.maxLength == 2 * 1'000'022'676 + 64'333'333'000);
    }
    for (const char* target : {"30s", "45s", "1m", "1m6s", "21.5s", "1m6.3s"}) {
        SECTION(std::string("target ") + target) {
            const Nanos length = *parseDurationText(target).value;
            auto tl = timelineOf(dir, script, PrepareOptions{48000, length, std::nullopt, {}, std::nullopt, std::nullopt, {}});
            CHECK(tl.length == framesFromNanos(length, 48000));
            CHECK(tl.steps.back().end == tl.length);
            // One shared f: each pause's stretch is f times its range (within rounding).
            const double f = tl.elasticFraction;
            CHECK(f >= 0.0);
            CHECK(f <= 1.0);
            const double p0 = static_cast<double>(tl.steps[0].end - tl.steps[0].pauseStart) / 48000.0;
            const double p2 = static_cast<double>(tl.steps[2].end - tl.steps[2].pauseStart) / 48000.0;
            CHECK(p0 == Approx(5.0 + f * 35.0).margin(1.0 / 48000));
            CHECK(p2 == Approx(10.0 + f * 10.0).margin(1.0 / 48000));
        }
    }
    SECTION("the script's own length is the default target; --length overrides it") {
        TempDir other;
        writeTone(other / "v.wav", 44101, 44100);
        std::string withLength = script;
        withLength.insert(withLength.find("[[step]]"), "length = \"40s\"\n");
        auto own = timelineOf(other, withLength);
        CHECK(own.length == 40 * 48000);
        auto overridden = timelineOf(other, withLength, PrepareOptions{48000, 50 * kNanosPerSecond, std::nullopt, {}, std::nullopt, std::nullopt, {}});
        CHECK(overridden.length == 50 * 48000);
    }
    SECTION("a target out of reach is an error stating the range") {
        auto p = prepareText(dir, script, PrepareOptions{48000, 10 * kNanosPerSecond, std::nullopt, {}, std::nullopt, std::nullopt, {}});
        CHECK_FALSE(p.ok());
        REQUIRE(p.diagnostics.items().size() == 1);
        CHECK(p.diagnostics.items()[0].message ==
              "target length 10s is out of reach: this script can last from 21s to 1m6.333s");
        CHECK(p.diagnostics.items()[0].pos.line == 0);  // from the command line: no place in the file
    }
}

TEST_CASE("no drift over a two-hour script", "[timeline][drift]") {
    TempDir dir;
    writeTone(dir / "v.wav", 22491, 44100);  // exactly 0.51 s
    // Each step: 0.51 s + 7.4900104 s = 8.0000104 s = 384000.4992 frames; 900 steps = 2 hours.
    std::string script = kHead;
    for (int i = 0; i < 900; ++i) script += "[[step]]\nclip = \"v.wav\"\npause = \"7.4900104s\"\n";
    auto tl = timelineOf(dir, script);
    for (int k = 0; k < 900; ++k) {
        // round(k * 384000.4992) in exact integer arithmetic
        const Frames expected = (static_cast<Frames>(k) * 3'840'004'992 + 5000) / 10000;
        if (tl.steps[static_cast<std::size_t>(k)].start != expected) {
            FAIL("step " << k << " starts at " << tl.steps[static_cast<std::size_t>(k)].start << ", expected " << expected);
        }
    }
    CHECK(tl.length == (900LL * 3'840'004'992 + 5000) / 10000);
    CHECK(tl.length == 345'600'449);  // a per-step rounding would lose 449 frames
}

TEST_CASE("ambient spans fade in at `from` and out after `until` or the session end", "[timeline][ambient]") {
    TempDir dir;
    writeTone(dir / "short.wav", 48000, 48000);
    auto tl = timelineOf(dir, kHead + "[[ambient]]\nsound = \"rain\"\nfade_in = \"4s\"\nfade_out = \"6s\"\n"
                                      "[[ambient]]\nsound = \"wind\"\nfrom = \"b\"\nuntil = \"b\"\nfade_in = 1\nfade_out = 2\n"
                                      "[[ambient]]\nsound = \"short.wav\"\nloop = false\nfrom = \"b\"\n"
                                      "[[step]]\nid = \"a\"\npause = 10\n[[step]]\nid = \"b\"\npause = 10\n[[step]]\npause = 10\n");
    REQUIRE(tl.ambients.size() == 3);
    const AmbientSpan& rain = tl.ambients[0];
    CHECK(rain.start == 0);
    CHECK(rain.fadeInEnd == 192000);
    CHECK(rain.fadeOutStart == 1440000);
    CHECK(rain.end == 1440000 + 288000);
    CHECK(rain.loop);
    CHECK(rain.loopCrossfade == 48000);
    const AmbientSpan& wind = tl.ambients[1];
    CHECK(wind.start == 480000);
    CHECK(wind.fadeInEnd == 528000);
    CHECK(wind.fadeOutStart == 960000);
    CHECK(wind.end == 1056000);
    const AmbientSpan& once = tl.ambients[2];
    CHECK_FALSE(once.loop);
    CHECK(once.start == 480000);
    CHECK(once.end == 480000 + 48000);  // plays once: ends with the file
    CHECK(tl.renderEnd == 1440000 + 288000);
}

TEST_CASE("chapters and captions span their steps", "[timeline][captions]") {
    TempDir dir;
    auto tl = timelineOf(dir, kHead + "[[step]]\npause = 1\ncaption = \"Before any chapter\"\n"
                                      "[[step]]\nchapter = \"One\"\npause = 2\ncaption = \"First\"\n"
                                      "[[step]]\npause = 3\ncaption = false\n"
                                      "[[step]]\nchapter = \"Two\"\npause = 4\ncaption = \"Second\"\n");
    REQUIRE(tl.chapters.size() == 2);
    CHECK(tl.chapters[0].title == "One");
    CHECK(tl.chapters[0].start == 48000);
    CHECK(tl.chapters[0].end == 288000);
    CHECK(tl.chapters[1].start == 288000);
    CHECK(tl.chapters[1].end == 480000);
    CHECK(tl.steps[0].chapter == -1);
    CHECK(tl.steps[2].chapter == 0);
    CHECK(tl.steps[3].chapter == 1);
    REQUIRE(tl.captions.size() == 3);
    CHECK(tl.captions[0].text == "Before any chapter");
    CHECK(tl.captions[1].start == 48000);
    CHECK(tl.captions[1].end == 144000);
    CHECK(tl.captions[2].text == "Second");
    CHECK(tl.captions[2].end == 480000);
}

TEST_CASE("the timeline is a pure function of its inputs", "[timeline]") {
    TempDir dir;
    const std::string script = kHead + "length = \"1m\"\n[[ambient]]\nsound = \"rain\"\n[[step]]\nsay = \"Hello.\"\n"
                                       "pause = \"10s..2m\"\n[[step]]\nbell = \"bowl\"\npause = \"5s..10s\"\n";
    auto p = prepareText(dir, script);
    REQUIRE(p.ok());
    auto again = buildTimeline(*p.script, p.media, TimelineOptions{48000, std::nullopt, std::nullopt});
    REQUIRE(again.timeline);
    CHECK(again.timeline->length == p.timeline->length);
    CHECK(again.timeline->steps[1].start == p.timeline->steps[1].start);
    CHECK(again.timeline->duckRamps.size() == p.timeline->duckRamps.size());
    CHECK(buildTimeline(*p.script, p.media, TimelineOptions{1000, std::nullopt, std::nullopt}).error ==
          "output rate 1000 Hz is out of range (8000 to 384000)");
}
