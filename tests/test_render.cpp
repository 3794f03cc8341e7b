// `kindly render` as a user runs it: formats, captions, identical output, safe failure.
#include <catch2/catch.hpp>

#include <sndfile.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "TestSupport.hpp"
#include "app/Commands.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const std::string kScript = R"(kindly = 1
[session]
title = "Render Test"
[mix]
voice_lufs = false
[[ambient]]
sound = "pink-noise"
fade_in = "1s"
fade_out = "1s"
[[step]]
chapter = "One"
clip = "a.wav"
caption = "First words & more <here>"
pause = "1.5s"
[[step]]
bell = "chime"
clip = "b.wav"
caption = "Second"
pause = 1
[[step]]
pause = "500ms"
caption = false
)";

struct Run {
    int status;
    std::string out, err;
};

Run render(std::vector<std::string> args) {
    args.insert(args.begin(), {"kindly", "render"});
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int status = runKindly(static_cast<int>(argv.size()), argv.data(), out, err);
    return {status, out.str(), err.str()};
}

void setUp(const TempDir& dir) {
    writeSamples(dir / "a.wav", 48000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.05f); });
    writeSamples(dir / "b.wav", 24000, 48000, 2, [](long i, int) { return 0.3f * std::sin(i * 0.03f); });
    writeText(dir / "s.toml", kScript);
}

/// Files in `dir` other than the ones the test wrote itself.
std::vector<std::string> leftovers(const TempDir& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        const std::string name = e.path().filename().string();
        if (name != "a.wav" && name != "b.wav" && name != "s.toml" && name != "cache") names.push_back(name);
    }
    return names;
}

}  // namespace

TEST_CASE("render writes a 48 kHz stereo file of the whole session, and WebVTT captions", "[render]") {
    TempDir dir;
    setUp(dir);
    auto run = render({(dir / "s.toml").string(), "-o", (dir / "out.flac").string(), "--captions", (dir / "out.vtt").string()});
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.out.rfind("rendered Render Test (0:", 0) == 0);
    const Sound info = readSound(dir / "out.flac");
    CHECK(info.rate == 48000);
    CHECK(info.channels == 2);
    // The chime rings last: step 2 starts after clip a (44100 Hz -> 52245 frames) and 1.5 s,
    // and the chime lasts 5 s, beyond the session's end (3.5 s later) and its 1 s fade-out.
    const long clipA = (48000L * 48000 + 22050) / 44100;
    CHECK(info.frames == clipA + 72000 + 5 * 48000);
    CHECK(readText(dir / "out.vtt") ==
          "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.588\nFirst words &amp; more &lt;here>\n\n"
          "2\n00:00:02.588 --> 00:00:04.088\nSecond\n");
}

TEST_CASE("render chooses the format by extension and honours --rate", "[render]") {
    TempDir dir;
    setUp(dir);
    for (const char* name : {"out.wav", "out.ogg"}) {
        auto run = render({(dir / "s.toml").string(), "-o", (dir / name).string(), "--rate", "44100"});
        INFO(run.err);
        REQUIRE(run.status == 0);
        const Sound info = readSound(dir / name);
        CHECK(info.rate == 44100);
        CHECK(info.channels == 2);
        CHECK((info.format & SF_FORMAT_TYPEMASK) == (std::string(name) == "out.wav" ? SF_FORMAT_WAV : SF_FORMAT_OGG));
    }
}

TEST_CASE("rendering twice gives identical bytes", "[render]") {
    TempDir dir;
    setUp(dir);
    for (const char* ext : {".wav", ".flac"}) {
        const auto one = dir / (std::string("one") + ext), two = dir / (std::string("two") + ext);
        REQUIRE(render({(dir / "s.toml").string(), "-o", one.string()}).status == 0);
        REQUIRE(render({(dir / "s.toml").string(), "-o", two.string()}).status == 0);
        CHECK(readText(one).size() > 10000);
        CHECK(readText(one) == readText(two));
    }
}

TEST_CASE("render refuses bad input before making any sound, and leaves nothing behind", "[render]") {
    TempDir dir;
    setUp(dir);
    SECTION("an unknown output format") {
        auto run = render({(dir / "s.toml").string(), "-o", (dir / "out.aac").string()});
        CHECK(run.status == 2);
        CHECK(run.err.find("unknown format; name the output .wav, .flac, .ogg, .mp3 or .opus") != std::string::npos);
    }
    SECTION("an invalid script") {
        writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npasue = 1\nwait = true\n");
        auto run = render({(dir / "s.toml").string(), "-o", (dir / "out.wav").string()});
        CHECK(run.status == 1);
        CHECK(run.err.find("s.toml:5:1: error: unknown key 'pasue'") != std::string::npos);
    }
    SECTION("an output folder that does not exist") {
        auto run = render({(dir / "s.toml").string(), "-o", (dir / "no/such/out.wav").string()});
        CHECK(run.status == 2);
    }
    CHECK(leftovers(dir).empty());
}

TEST_CASE("an unreadable clip renders as silence with a warning naming it", "[render]") {
    TempDir dir;
    setUp(dir);
    // The check passes (the FLAC header promises 2 s), then the audio data breaks off.
    std::mt19937 random(11);
    std::uniform_real_distribution<float> noise(-0.3f, 0.3f);
    writeSamples(dir / "b.flac", 96000, 48000, 2, [&](long, int) { return noise(random); });
    fs::resize_file(dir / "b.flac", fs::file_size(dir / "b.flac") / 3);
    std::string script = kScript;
    script.replace(script.find("b.wav"), 5, "b.flac");
    writeText(dir / "s.toml", script);
    auto run = render({(dir / "s.toml").string(), "-o", (dir / "out.wav").string()});
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.err.find("warning: voice of step 'step-2' (" + (dir / "b.flac").string() + ") could not be read (") !=
          std::string::npos);
    const Sound info = readSound(dir / "out.wav");
    const long clipA = (48000L * 48000 + 22050) / 44100;
    CHECK(info.frames == clipA + 72000 + 5 * 48000);  // the timing of everything else is unchanged
}

TEST_CASE("Ctrl-C, SIGTERM or SIGHUP during a render leave no file, with the shell's exit status", "[render][binary]") {
    TempDir dir;
    // Two hours of generated noise: long enough to be interrupted.
    writeText(dir / "long.toml", "kindly = 1\n[session]\ntitle = \"Long\"\n[[ambient]]\nsound = \"brown-noise\"\n"
                                 "[[step]]\npause = \"2h\"\n");
    for (const auto& [signal, status] : {std::pair{"INT", 130}, std::pair{"TERM", 143}, std::pair{"HUP", 129}}) {
        INFO("SIG" << signal);
        // Sent once the render is writing (its hidden temporary is there), however slow the machine.
        const std::string command = "cd '" + dir.path().string() + "' && { '" + std::string(KINDLY_BINARY) +
                                    "' render long.toml -o long.flac > /dev/null 2>&1 & r=$!; "
                                    "for i in $(seq 1200); do ls .long.flac.part-* > /dev/null 2>&1 && break; sleep 0.05; done; "
                                    "kill -" + signal + " $r; wait $r; }";
        const int raw = std::system(command.c_str());
        REQUIRE(WIFEXITED(raw));
        CHECK(WEXITSTATUS(raw) == status);
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
        CHECK(names == std::vector<std::string>{"long.toml"});
    }
}

TEST_CASE("what a killed render left behind is swept by the next one in that folder", "[render][binary]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npause = \"1s\"\n");
    // A writer that is gone (a process that has ended), and one that still runs (this one).
    const int gone = std::stoi(runShell(dir, "sh -c 'echo $$'").out);
    writeText(dir / (".old.wav.part-" + std::to_string(gone)), "half");
    writeText(dir / (".busy.wav.part-" + std::to_string(getpid())), "being written");
    writeText(dir / "notes.part-of-mine.txt", "not a temporary");
    const ShellRun run = runShell(dir, "'" + std::string(KINDLY_BINARY) + "' render s.toml -o out.wav");
    CHECK(run.status == 0);
    CHECK_FALSE(fs::exists(dir / (".old.wav.part-" + std::to_string(gone))));
    CHECK(fs::exists(dir / (".busy.wav.part-" + std::to_string(getpid()))));
    CHECK(fs::exists(dir / "notes.part-of-mine.txt"));
}

TEST_CASE("a speech cache that cannot be written: the voice is kept in memory and renders the same", "[render][binary]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\nsay = \"Be kind to yourself, today.\"\n"
                              "[[step]]\nsay = \"Breathe.\"\n");
    writeText(dir / "a-file", "x");
    const std::string kindly = std::string("'") + KINDLY_BINARY + "'";
    auto cached = runShell(dir, "XDG_CACHE_HOME='" + (dir / "cache").string() + "' " + kindly + " render s.toml -o cached.wav");
    REQUIRE(cached.status == 0);
    auto refused = runShell(dir, "XDG_CACHE_HOME='" + (dir / "a-file" / "cache").string() + "' " + kindly + " render s.toml -o memory.wav");
    INFO(refused.err);
    CHECK(refused.status == 0);
    const std::string warning = "s.toml:4:1: warning: the synthesized voice cannot be cached (cannot create the speech cache folder";
    CHECK(refused.err.find(warning) != std::string::npos);
    CHECK(refused.err.find(warning) == refused.err.rfind(warning));  // said once, not for every step
    CHECK(refused.err.find("no measurable loudness") == std::string::npos);  // measured from memory too
    CHECK(readText(dir / "memory.wav").size() > 100000);
    CHECK(readText(dir / "memory.wav") == readText(dir / "cached.wav"));
}
