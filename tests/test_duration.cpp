#include <catch2/catch.hpp>

#include "script/Duration.hpp"
#include "script/Frames.hpp"

using namespace kindly;

TEST_CASE("durations are read in every unit the spec names", "[duration]") {
    CHECK(parseDurationText("250ms").value == 250 * kNanosPerMilli);
    CHECK(parseDurationText("4s").value == 4 * kNanosPerSecond);
    CHECK(parseDurationText("1m30s").value == 90 * kNanosPerSecond);
    CHECK(parseDurationText("1.5s").value == 1500 * kNanosPerMilli);
    CHECK(parseDurationText("2h").value == 2 * kNanosPerHour);
    CHECK(parseDurationText("1h 5m").value == 65 * kNanosPerMinute);
    CHECK(parseDurationText("0s").value == 0);
    CHECK(parseDurationText("0.001s").value == kNanosPerMilli);
    CHECK(parseDurationText(".5s").value == 500 * kNanosPerMilli);
}

TEST_CASE("decimal durations are exact to the nanosecond", "[duration]") {
    CHECK(parseDurationText("0.1s").value == 100'000'000);
    CHECK(parseDurationText("1.000000001s").value == 1'000'000'001);
    // Beyond a nanosecond the value rounds to the nearest one.
    CHECK(parseDurationText("0.0000000006s").value == 1);
    CHECK(parseDurationText("0.0000000004s").value == 0);
}

TEST_CASE("a bare number is seconds", "[duration]") {
    CHECK(durationFromSeconds(4).value == 4 * kNanosPerSecond);
    CHECK(durationFromSeconds(1.25).value == 1250 * kNanosPerMilli);
    CHECK(durationFromSeconds(-1).error == "duration is negative");
    CHECK(durationFromSeconds(1e300).error == "duration is too long; the longest is 24h");
    CHECK(durationFromSeconds(std::numeric_limits<double>::infinity()).error == "duration is not a finite number");
    CHECK(durationFromSeconds(std::nan("")).error == "duration is not a finite number");
}

TEST_CASE("bad duration text says what is wrong", "[duration]") {
    CHECK(parseDurationText("").error == "empty duration (write it like \"250ms\", \"4s\", \"1m30s\" or \"1.5s\")");
    CHECK(parseDurationText("5").error == "missing unit after \"5\" in duration \"5\"; use ms, s, m or h");
    CHECK(parseDurationText("5x").error == "unknown unit \"x\" in duration \"5x\"; use ms, s, m or h");
    CHECK(parseDurationText("-3s").error == "duration \"-3s\" is negative");
    CHECK(parseDurationText("25h").error == "duration \"25h\" is too long; the longest is 24h");
    CHECK(parseDurationText("99999999999999999999h").error == "duration \"99999999999999999999h\" is too long; the longest is 24h");
    CHECK(parseDurationText("s").error.rfind("expected a number at \"s\"", 0) == 0);
    CHECK(!parseDurationText("1e400s").value);
}

TEST_CASE("elastic durations are MIN..MAX with MIN <= MAX", "[duration]") {
    auto e = parseElasticText("5s..40s");
    REQUIRE(e.value);
    CHECK(e.value->min == 5 * kNanosPerSecond);
    CHECK(e.value->max == 40 * kNanosPerSecond);
    CHECK(e.value->isElastic());
    auto fixed = parseElasticText("3s");
    REQUIRE(fixed.value);
    CHECK_FALSE(fixed.value->isElastic());
    CHECK(parseElasticText("40s..5s").error ==
          "elastic pause \"40s..5s\" has its shortest length above its longest; write MIN..MAX");
    CHECK(parseElasticText("5s..").error.rfind("in the longest length of \"5s..\": empty duration", 0) == 0);
}

TEST_CASE("durations and clock times print as people write them", "[duration]") {
    CHECK(formatDuration(90 * kNanosPerSecond) == "1m30s");
    CHECK(formatDuration(250 * kNanosPerMilli) == "250ms");
    CHECK(formatDuration(1500 * kNanosPerMilli) == "1.5s");
    CHECK(formatDuration(kNanosPerHour + 2 * kNanosPerMinute + 3500 * kNanosPerMilli) == "1h2m3.5s");
    CHECK(formatDuration(0) == "0s");
    CHECK(formatClock(0) == "0:00.000");
    CHECK(formatClock(61 * kNanosPerSecond + 5 * kNanosPerMilli) == "1:01.005");
    CHECK(formatClock(2 * kNanosPerHour + 61 * kNanosPerSecond) == "2:01:01.000");
}

TEST_CASE("nanoseconds become frames by rounding once", "[duration][frames]") {
    CHECK(framesFromNanos(kNanosPerSecond, 48000) == 48000);
    CHECK(framesFromNanos(kNanosPerSecond / 3, 48000) == 16000);
    CHECK(framesFromNanos(10'416, 48000) == 0);   // 0.49999 frame
    CHECK(framesFromNanos(10'417, 48000) == 1);   // 0.50002 frame
    CHECK(framesFromNanos(24 * kNanosPerHour, 384000) == 24LL * 3600 * 384000);
    CHECK(nanosFromFrames(44100, 44100) == kNanosPerSecond);
    CHECK(resampledLength(44100, 44100, 48000) == 48000);
    CHECK(resampledLength(22050, 22050, 48000) == 48000);
    CHECK(resampledLength(1, 44100, 48000) == 1);
}
