// The faster render: the limiter's fast path gives exactly the general loop's samples, and
// the writer thread reports a failed write like the mixer's own writes did.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "TestSupport.hpp"
#include "engine/Limiter.hpp"

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
