#include <catch2/catch.hpp>

#include "TestSupport.hpp"

using namespace kindly;
using namespace kindly::test;

namespace {
const char* kFullScript = R"(kindly = 1

[session]
title = "Self-Compassion Break"
description = "Meet a hard moment with kindness."
author = "Kindly"
language = "en-GB"
length = "6m"
tags = ["self-compassion", "short"]
voice_dir = "recordings"

[mix]
voice_db = -1.5
ambient_db = -14
bells_db = -3.0
duck_db = -10.0
duck_attack = "300ms"
duck_release = "2s"
voice_lufs = -18.0

[[ambient]]
id = "rain"
sound = "rain"
gain_db = -2.0
fade_in = "4s"
fade_out = "6s"
from = "settle"
until = "settle"
loop = false
loop_crossfade = "500ms"

[[ambient]]
sound = "sounds/creek.flac"

[[step]]
id = "arrive"
chapter = "Arriving"
say = "Find a comfortable position."
pause = "3s"

[[step]]
id = "settle"
bell = "bowl"
caption = "Breathe with the circle"
breathe = { in = "4s", hold = "1s", out = "6s", rest = "500ms", cycles = 4, cue = "tone" }
pause = "5s..40s"
wait = true
interval_bell = { sound = "chime", every = "10s" }

[[step]]
say = "Welcome back."
caption = false
clip = "voice/back.wav"
)";
}  // namespace

TEST_CASE("every key of the spec's example is read into the script model", "[script]") {
    TempDir dir;
    auto load = loadText(dir, kFullScript);
    INFO(diagnosticLines(load.diagnostics));
    REQUIRE_FALSE(load.diagnostics.hasErrors());
    const Script& s = *load.script;

    CHECK(s.session.title == "Self-Compassion Break");
    CHECK(s.session.description == "Meet a hard moment with kindness.");
    CHECK(s.session.author == "Kindly");
    CHECK(s.session.language == "en-GB");
    CHECK(s.session.length == 6 * kNanosPerMinute);
    CHECK(s.session.tags == std::vector<std::string>{"self-compassion", "short"});
    CHECK(s.session.voiceDir == dir.path() / "recordings");

    CHECK(s.mix.voiceDb == -1.5);
    CHECK(s.mix.ambientDb == -14.0);
    CHECK(s.mix.bellsDb == -3.0);
    CHECK(s.mix.duckDb == -10.0);
    CHECK(s.mix.duckAttack == 300 * kNanosPerMilli);
    CHECK(s.mix.duckRelease == 2 * kNanosPerSecond);
    CHECK(s.mix.voiceLufs == -18.0);

    REQUIRE(s.ambients.size() == 2);
    const Ambient& rain = s.ambients[0];
    CHECK(rain.id == "rain");
    CHECK(rain.sound.builtin);
    CHECK(rain.sound.text == "rain");
    CHECK(rain.gainDb == -2.0);
    CHECK(rain.fadeIn == 4 * kNanosPerSecond);
    CHECK(rain.fadeOut == 6 * kNanosPerSecond);
    CHECK(rain.from == "settle");
    CHECK(rain.until == "settle");
    CHECK(rain.fromStep == 1);
    CHECK(rain.untilStep == 1);
    CHECK_FALSE(rain.loop);
    CHECK(rain.loopCrossfade == 500 * kNanosPerMilli);
    const Ambient& creek = s.ambients[1];
    CHECK(creek.id == "ambient-2");
    CHECK_FALSE(creek.sound.builtin);
    CHECK(creek.sound.path == dir.path() / "sounds/creek.flac");

    REQUIRE(s.steps.size() == 3);
    const Step& arrive = s.steps[0];
    CHECK(arrive.id == "arrive");
    CHECK(arrive.chapter == "Arriving");
    CHECK(arrive.captionText() == "Find a comfortable position.");
    CHECK(arrive.pause.min == 3 * kNanosPerSecond);
    CHECK_FALSE(arrive.pause.isElastic());

    const Step& settle = s.steps[1];
    CHECK(settle.bell->text == "bowl");
    CHECK(settle.captionText() == "Breathe with the circle");
    REQUIRE(settle.breathe);
    CHECK(settle.breathe->in == 4 * kNanosPerSecond);
    CHECK(settle.breathe->hold == kNanosPerSecond);
    CHECK(settle.breathe->out == 6 * kNanosPerSecond);
    CHECK(settle.breathe->rest == 500 * kNanosPerMilli);
    CHECK(settle.breathe->cycles == 4);
    CHECK(settle.breathe->cue == Breathe::Cue::Tone);
    CHECK(settle.pause.min == 5 * kNanosPerSecond);
    CHECK(settle.pause.max == 40 * kNanosPerSecond);
    CHECK(settle.wait);
    REQUIRE(settle.intervalBell);
    CHECK(settle.intervalBell->sound.text == "chime");
    CHECK(settle.intervalBell->every == 10 * kNanosPerSecond);

    const Step& back = s.steps[2];
    CHECK(back.id == "step-3");
    CHECK(back.clip->path == dir.path() / "voice/back.wav");
    CHECK_FALSE(back.captionText());
}

TEST_CASE("omitted keys take the spec's defaults", "[script]") {
    TempDir dir;
    auto load = loadText(dir, "kindly = 1\n[session]\ntitle = \"T\"\n[[ambient]]\nsound = \"wind\"\n[[step]]\nsay = \"Hello.\"\n",
                         "morning.toml");
    REQUIRE_FALSE(load.diagnostics.hasErrors());
    const Script& s = *load.script;
    CHECK(s.session.language == "en");
    CHECK_FALSE(s.session.length);
    CHECK(s.session.voiceDir == dir.path() / "morning");  // named after the script file
    CHECK(s.mix.voiceDb == 0.0);
    CHECK(s.mix.ambientDb == -12.0);
    CHECK(s.mix.bellsDb == -6.0);
    CHECK(s.mix.duckDb == -8.0);
    CHECK(s.mix.duckAttack == 400 * kNanosPerMilli);
    CHECK(s.mix.duckRelease == 1500 * kNanosPerMilli);
    CHECK(s.mix.voiceLufs == -20.0);
    const Ambient& a = s.ambients[0];
    CHECK(a.id == "ambient-1");
    CHECK(a.gainDb == 0.0);
    CHECK(a.fadeIn == 3 * kNanosPerSecond);
    CHECK(a.fadeOut == 5 * kNanosPerSecond);
    CHECK(a.fromStep == -1);
    CHECK(a.untilStep == -1);
    CHECK(a.loop);
    CHECK(a.loopCrossfade == kNanosPerSecond);
    const Step& step = s.steps[0];
    CHECK(step.id == "step-1");
    CHECK(step.pause.min == 0);
    CHECK(step.pause.max == 0);
    CHECK_FALSE(step.wait);
    CHECK(step.captionText() == "Hello.");
}

TEST_CASE("voice_lufs = false keeps clips as recorded", "[script]") {
    TempDir dir;
    auto load = loadText(dir, "kindly = 1\n[session]\ntitle = \"T\"\n[mix]\nvoice_lufs = false\n[[step]]\npause = 1\n");
    REQUIRE_FALSE(load.diagnostics.hasErrors());
    CHECK_FALSE(load.script->mix.voiceLufs);
    CHECK(load.script->steps[0].pause.min == kNanosPerSecond);  // a bare number is seconds
}

TEST_CASE("a name without / or extension is a built-in sound, anything else a path", "[script]") {
    CHECK(looksLikeBuiltinName("bowl"));
    CHECK(looksLikeBuiltinName("pink-noise"));
    CHECK_FALSE(looksLikeBuiltinName("bowl.wav"));
    CHECK_FALSE(looksLikeBuiltinName("sounds/bowl"));
    CHECK_FALSE(looksLikeBuiltinName(""));
}

TEST_CASE("a script written with Windows line endings reads the same", "[script]") {
    TempDir dir;
    auto load = loadText(dir, "kindly = 1\r\n[session]\r\ntitle = \"T\"\r\n[[step]]\r\npause = \"2s\"\r\n");
    INFO(diagnosticLines(load.diagnostics));
    REQUIRE_FALSE(load.diagnostics.hasErrors());
    CHECK(load.script->steps[0].pause.min == 2 * kNanosPerSecond);
}
