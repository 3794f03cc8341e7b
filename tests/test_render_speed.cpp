// The faster render: the limiter's fast path gives exactly the general loop's samples, the
// ambient mixed on a second thread gives exactly the single-threaded render's file, and the
// writer thread reports a failed write like the mixer's own writes did.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

#include "TestSupport.hpp"
#include "engine/Limiter.hpp"
#include "sources/AudioInfo.hpp"
#include "script/Frames.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

// Quiet passages, bursts far over the ceiling, the long release back, noise, silence: every
// state the limiter can be in, several times over.
std::vector<float> limiterWorkout(int rate) {
    std::vector<float> s;
    std::mt19937 random(11);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    auto add = [&](double seconds, auto sample) {
        const auto n = static_cast<long>(seconds * rate);
        for (long i = 0; i < n; ++i) {
            const float v = sample(i);
            s.push_back(v);
            s.push_back(-0.8f * v);
        }
    };
    add(0.5, [](long i) { return static_cast<float>(0.3 * std::sin(i * 0.05)); });
    add(0.2, [](long i) { return static_cast<float>(1.6 * std::sin(i * 0.02)); });
    add(7.0, [](long i) { return static_cast<float>(0.2 * std::sin(i * 0.011)); });
    add(0.05, [&](long) { return 1.3f * noise(random); });
    add(1.0, [](long) { return 0.0f; });
    add(0.3, [&](long) { return 0.95f * noise(random); });
    add(8.0, [](long i) { return static_cast<float>(0.4 * std::sin(i * 0.003)); });
    add(0.01, [](long) { return 2.0f; });
    add(2.0, [](long i) { return static_cast<float>(0.1 * std::sin(i * 0.2)); });
    return s;
}

}  // namespace

TEST_CASE("the limiter's fast path gives the general loop's samples bit for bit", "[engine][limiter]") {
    for (const int rate : {44100, 48000, 96000}) {
        const std::vector<float> input = limiterWorkout(rate);
        const std::size_t frames = input.size() / 2;
        Limiter general(rate), fast(rate);
        general.setFastPath(false);
        std::vector<float> a = input, b = input;
        // Blocks of changing sizes, as callers slice them.
        std::mt19937 random(static_cast<unsigned>(rate));
        std::uniform_int_distribution<std::size_t> size(1, 300);
        for (std::size_t done = 0; done < frames;) {
            const std::size_t n = std::min(size(random), frames - done);
            general.process(a.data() + 2 * done, n);
            fast.process(b.data() + 2 * done, n);
            done += n;
        }
        INFO("rate " << rate);
        REQUIRE(general.steadyFrames() == 0);
        // After each burst the release takes seconds to settle; the quiet rest is fast.
        CHECK(fast.steadyFrames() > static_cast<long long>(frames) / 3);
        // The material was limited (so both paths were exercised), and held the ceiling.
        float peak = 0;
        for (float v : a) peak = std::max(peak, std::fabs(v));
        CHECK(peak <= 0.8913f);
        CHECK(peak > 0.85f);
        REQUIRE(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("a write that fails on the writer thread stops the render and leaves no file", "[render][binary]") {
    TempDir dir;
    writeText(dir / "long.toml", "kindly = 1\n[session]\ntitle = \"Long\"\n[[ambient]]\nsound = \"brown-noise\"\n"
                                 "[[step]]\npause = \"20m\"\n");
    // A file size limit of 4 MB (the signal ignored, so writes fail with EFBIG like a full disk).
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    auto run = runShell(dir, "trap '' XFSZ; ulimit -f 8192; XDG_CACHE_HOME='" + (dir / "cache").string() + "' " + kindly +
                                 " render long.toml -o long.wav");
    INFO(run.err);
    CHECK(run.status == 3);  // kExitFailure
    CHECK(run.err.find("kindly: cannot write") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "long.wav"));
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
    CHECK(names.size() == 3);
    // No temporary file left behind either (the shell's own out.txt and err.txt are there).
    for (const auto& name : names) CHECK(name.find("long.wav") == std::string::npos);
}

namespace {

std::string fileBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the ambient mixed on a second thread gives the single-threaded render's file byte for byte", "[render][binary]") {
    TempDir dir;
    // Every kind of layer the worker mixes, loud enough that the limiter works: a short loop at
    // 44.1 kHz (many passes and crossfades, resampled through the cache), a loop at 22.05 kHz
    // longer than live playback copies (a render copies it: resampled once), a noise bed, a one-shot that
    // starts late; voice clips and bells at another rate that cross the worker's chunk
    // boundaries, breathing tones, ducking, fades.
    writeSamples(dir / "loop.wav", 57331, 44100, 2, [](long i, int c) {
        return static_cast<float>(0.6 * std::sin(0.031 * static_cast<double>(i) + c) * (1.0 + 0.3 * std::sin(i * 1e-4)));
    });
    const long longFrames = static_cast<long>((10 * 60 + 3) * 22050.0);
    writeSamples(dir / "long.wav", longFrames, 22050, 1, [](long i, int) {
        return static_cast<float>(0.5 * std::sin(0.002 * static_cast<double>(i)));
    });
    writeSamples(dir / "once.flac", 30000, 32000, 1, [](long i, int) { return i % 50 < 25 ? 0.7f : -0.7f; });
    writeTone(dir / "clip1.wav", 44100 * 2 + 777, 44100, 1, 0.5);
    writeTone(dir / "clip2.wav", 24000 * 3 + 5, 24000, 2, 0.9);
    writeTone(dir / "bell.wav", 20000, 16000, 1, 0.8);
    writeText(dir / "session.toml", R"(kindly = 1
[session]
title = "Threads"
[mix]
ambient_db = 6.0
duck_db = -10.0
[[ambient]]
sound = "loop.wav"
gain_db = 4
loop_crossfade = "300ms"
fade_in = "1s"
[[ambient]]
sound = "long.wav"
fade_out = "2s"
[[ambient]]
sound = "pink-noise"
gain_db = -6
[[ambient]]
sound = "once.flac"
loop = false
from = "late"
fade_in = "0s"
[[step]]
clip = "clip1.wav"
bell = "bell.wav"
pause = "1.3s"
[[step]]
breathe = { in = "2s", out = "2s", cycles = 2, cue = "tone" }
[[step]]
id = "late"
clip = "clip2.wav"
pause = "2.7s"
interval_bell = { sound = "bell.wav", every = "1100ms" }
[[step]]
clip = "clip1.wav"
pause = "4s"
)");
    const std::string env = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' ";
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    // The first render measures the clips' loudness and resamples into the cache, the second
    // reads both from it: that must not change a sample either.
    for (const char* rate : {"48000", "44100"}) {
        INFO("rate " << rate);
        // Cold caches: the single-threaded render first at one rate, the parallel one at the other.
        const bool parallelFirst = std::string(rate) == "44100";
        for (const char* threads : parallelFirst ? std::array{"2", "1"} : std::array{"1", "2"}) {
            auto render = runShell(dir, env + kindly + " render session.toml --rate " + rate + " --threads " + threads +
                                            " -o " + (std::string(threads) == "1" ? "one.wav" : "two.wav"));
            INFO(render.err);
            REQUIRE(render.status == 0);
        }
        const Sound sound = readSound(dir / "one.wav");
        REQUIRE(sound.frames > 20 * std::stol(rate));
        // Not a silent file: the layers are loud enough for the limiter (-1 dBFS) to hold them.
        float peak = 0;
        for (float v : sound.samples) peak = std::max(peak, std::fabs(v));
        CHECK(peak > 0.85f);
        CHECK(peak < 0.8913f);
        CHECK(firstDifference(readSound(dir / "one.wav").samples, readSound(dir / "two.wav").samples).empty());
        CHECK((fileBytes(dir / "one.wav") == fileBytes(dir / "two.wav")));
        // The bed over ten minutes long was resampled once, into the cache, like the short one.
        const Frames longCopy = resampledLength(longFrames, 22050, std::stoi(rate));
        bool copied = false;
        for (const auto& entry : fs::directory_iterator(dir / "cache" / "kindly" / "resampled")) {
            const auto probe = probeAudioFile(entry.path());
            copied = copied || (probe.info && probe.info->frames == longCopy && probe.info->channels == 1);
        }
        CHECK(copied);
    }
    // FLAC too (the same samples, another writer).
    REQUIRE(runShell(dir, env + kindly + " render session.toml --threads 1 -o one.flac").status == 0);
    REQUIRE(runShell(dir, env + kindly + " render session.toml --threads 2 -o two.flac").status == 0);
    CHECK((fileBytes(dir / "one.flac") == fileBytes(dir / "two.flac")));
    CHECK(fileBytes(dir / "one.flac").size() > 100000);
}

TEST_CASE("render --threads takes 1 or 2", "[render][binary]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[[step]]\npause = \"1s\"\n");
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    auto run = runShell(dir, kindly + " render s.toml -o s.wav --threads 3");
    CHECK(run.status != 0);
    CHECK(run.err.find("--threads") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "s.wav"));
}
