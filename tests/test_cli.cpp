#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>
#include <sys/wait.h>

#include "TestSupport.hpp"
#include "app/Commands.hpp"
#include "app/ParseFailure.hpp"

using namespace kindly;
using namespace kindly::test;

namespace {


struct Run {
    int status;
    std::string out, err;
};

Run kindlyCli(std::vector<std::string> args) {
    args.insert(args.begin(), "kindly");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int status = runKindly(static_cast<int>(argv.size()), argv.data(), out, err);
    return {status, out.str(), err.str()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kValid = R"(kindly = 1
[session]
title = "Two Breaths"
length = "40s"
[[ambient]]
sound = "rain"
[[step]]
id = "arrive"
chapter = "Arriving"
clip = "hello.wav"
pause = "5s..20s"
[[step]]
id = "breathe"
chapter = "Breathing"
bell = "chime"
breathe = { in = "4s", out = "6s", cycles = 2 }
[[step]]
id = "close"
say = "Thank you."
pause = "2s"
)";

}  // namespace

TEST_CASE("check prints a summary of a valid script and exits 0", "[cli][check]") {
    TempDir dir;
    ScopedEnv cache("XDG_CACHE_HOME", (dir / "cache").string());
    writeTone(dir / "hello.wav", 96000, 48000);
    writeText(dir / "valid.toml", kValid);
    auto run = kindlyCli({"check", (dir / "valid.toml").string()});
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(contains(run.out, "valid.toml: ok: \"Two Breaths\""));
    CHECK(contains(run.out, "length 0:40.000 (reachable 0:"));
    CHECK(contains(run.out, "3 steps, 2 chapters"));
    CHECK(contains(run.out, "voice: 0 recorded, 1 clip, 1 synthesized (1 new)"));
    CHECK(contains(run.out, "1 script checked: 1 valid, 0 with errors (0 errors, 0 warnings)"));
    // The second time, the synthesized voice comes from the cache.
    auto again = kindlyCli({"check", (dir / "valid.toml").string()});
    CHECK(contains(again.out, "1 synthesized (cached)"));
}

TEST_CASE("check prints compiler-style errors and exits 1", "[cli][check]") {
    TempDir dir;
    writeText(dir / "bad.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npasue = \"3s\"\nwait = true\n");
    auto run = kindlyCli({"check", (dir / "bad.toml").string()});
    CHECK(run.status == 1);
    CHECK(run.err == (dir / "bad.toml").string() + ":5:1: error: unknown key 'pasue' in [[step]] 1; did you mean 'pause'?\n");
    CHECK(contains(run.out, "1 script checked: 0 valid, 1 with errors (1 error, 0 warnings)"));
}

TEST_CASE("check goes through every script and exits 1 when any has errors", "[cli][check]") {
    TempDir dir;
    ScopedEnv cache("XDG_CACHE_HOME", (dir / "cache").string());
    writeText(dir / "good.toml", "kindly = 1\n[session]\ntitle = \"Good\"\n[[step]]\npause = 1\n");
    writeText(dir / "bad.toml", "kindly = 2\n[session]\ntitle = \"Bad\"\n[[step]]\npause = 1\n");
    auto run = kindlyCli({"check", (dir / "bad.toml").string(), (dir / "good.toml").string()});
    CHECK(run.status == 1);
    CHECK(contains(run.out, "good.toml: ok: \"Good\""));
    CHECK(contains(run.err, "bad.toml:1:10: error: unsupported script format version 2"));
    CHECK(contains(run.out, "2 scripts checked: 1 valid, 1 with errors (1 error, 0 warnings)"));
}

TEST_CASE("check exits 2 for an unreadable path or a bad command line", "[cli][check]") {
    TempDir dir;
    auto directory = kindlyCli({"check", dir.path().string()});
    CHECK(directory.status == 2);
    CHECK(contains(directory.err, ": error: cannot read the script: it is a directory"));
    CHECK(kindlyCli({"check", (dir / "missing.toml").string()}).status == 2);
    CHECK(kindlyCli({"check"}).status == 2);
    CHECK(kindlyCli({"check", "x.toml", "--rate", "12"}).status == 2);
    auto length = kindlyCli({"check", "x.toml", "--length", "5x"});
    CHECK(length.status == 2);
    CHECK(contains(length.err, "unknown unit \"x\" in duration \"5x\""));
    auto unknown = kindlyCli({"chek", "x.toml"});
    CHECK(unknown.status == 2);
    CHECK(contains(unknown.err, "unknown command 'chek'; did you mean 'check'?"));
}

TEST_CASE("a mistyped command line is told in Kindly's words, with the command and where its help is", "[cli]") {
    // Each is exit status 2, names the command the mistake was made in, and says how to get its help.
    const struct {
        std::vector<std::string> args;
        const char* said;
    } cases[] = {
        {{"play", "--rate", "5"}, "kindly play: --rate: '5' is not a number from 8000 to 384000\n"},
        {{"say", "--rate", "9", "hi"}, "kindly say: --rate: '9' is not a number from 0.5 to 2\n"},
        {{"play", "--rate", "fast"}, "kindly play: --rate: 'fast' is not a number from 8000 to 384000\n"},
        {{"render"}, "kindly render: SCRIPT is required\n"},
        {{"render", "a.toml", "-o"}, "kindly render: --output needs a value (OUT)\n"},
        {{"check", "a.toml", "--bogus"}, "kindly check: unexpected argument: --bogus\n"},
        {{"check", "a.toml", "--bogus", "--worse"}, "kindly check: unexpected arguments: --bogus --worse\n"},
        {{"--bogus"}, "kindly: unexpected argument: --bogus\n"},
    };
    for (const auto& c : cases) {
        const auto run = kindlyCli(c.args);
        INFO(run.err);
        CHECK(run.status == 2);
        CHECK(run.err.rfind(c.said, 0) == 0);
        const std::string command = run.err.substr(0, run.err.find(':'));
        CHECK(contains(run.err, "Run `" + command + " --help` to see what it takes.\n"));
        CHECK_FALSE(contains(run.err, "Run with --help"));
    }
    // A message CLI11 has that Kindly does not know is passed on as it is, never lost.
    CHECK(translateParseMessage("--silent: too many inputs for a flag") == "--silent: too many inputs for a flag");
    CHECK(translateParseMessage("--a requires --b") == "--a needs --b");
    CHECK(translateParseMessage("--a excludes --b") == "--a cannot be used with --b");
    CHECK(translateParseMessage("The value x is not an allowed value for --mode") == "--mode: 'x' is not a value it takes");
    CHECK(translateParseMessage("Could not convert: --n = x") == "--n: 'x' is not a value it takes");
}

TEST_CASE("the command line's --length overrides the script's length", "[cli][check]") {
    TempDir dir;
    ScopedEnv cache("XDG_CACHE_HOME", (dir / "cache").string());
    writeTone(dir / "hello.wav", 96000, 48000);
    writeText(dir / "valid.toml", kValid);
    auto longer = kindlyCli({"check", (dir / "valid.toml").string(), "--length", "35s"});
    CHECK(longer.status == 0);
    CHECK(contains(longer.out, "length 0:35.000"));
    auto unreachable = kindlyCli({"check", (dir / "valid.toml").string(), "--length", "10m"});
    CHECK(unreachable.status == 1);
    CHECK(contains(unreachable.err, "valid.toml: error: target length 10m is out of reach: this script can last from"));
}

TEST_CASE("help explains the commands", "[cli]") {
    auto help = kindlyCli({"--help"});
    CHECK(help.status == 0);
    CHECK(contains(help.out, "check"));
    CHECK(contains(help.out, "timeline"));
    auto checkHelp = kindlyCli({"check", "--help"});
    CHECK(checkHelp.status == 0);
    CHECK(contains(checkHelp.out, "PATH:LINE:COLUMN"));
    CHECK(contains(checkHelp.out, "--length"));
    auto none = kindlyCli({});
    CHECK(none.status == 0);
    CHECK(contains(none.out, "Usage: kindly"));
}

TEST_CASE("timeline shows what happens when", "[cli][timeline]") {
    TempDir dir;
    ScopedEnv cache("XDG_CACHE_HOME", (dir / "cache").string());
    writeTone(dir / "hello.wav", 96000, 44100);
    writeText(dir / "valid.toml", kValid);
    auto run = kindlyCli({"timeline", (dir / "valid.toml").string(), "--length", "45s"});
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "Two Breaths\n0:45.000 at 48000 Hz; elastic pauses at f = "));
    CHECK(contains(run.out, "TIME        STEP          CHAPTER         EVENT                                             CAPTION"));
    CHECK(contains(run.out, "0:00.000    arrive        Arriving        chapter \"Arriving\" begins"));
    CHECK(contains(run.out, "0:00.000    arrive        Arriving        voice 2.177s (clip) from 44100 Hz"));
    CHECK(contains(run.out, "ambient ambient-1 (rain) fades in over 3s"));
    CHECK(contains(run.out, "bell chime"));
    CHECK(contains(run.out, "breathe 2 x (in 4s, out 6s)"));
    CHECK(contains(run.out, "0:45.000                                  session ends\n"));
    CHECK_FALSE(contains(run.out, "breathe in 4s"));

    auto detail = kindlyCli({"timeline", (dir / "valid.toml").string(), "--detail", "--rate", "44100"});
    REQUIRE(detail.status == 0);
    CHECK(contains(detail.out, "at 44100 Hz"));
    CHECK(contains(detail.out, "breathe in 4s"));
    CHECK(contains(detail.out, "breathe out 6s"));
    CHECK(contains(detail.out, "ambient ducks down 0.0 to -8.0 dB over 400ms"));
}

TEST_CASE("the installed program's exit status is what the spec says", "[cli][binary]") {
    TempDir dir;
    auto status = [&](const std::string& args) {
        const std::string command = std::string(KINDLY_BINARY) + " " + args + " > /dev/null 2>&1";
        const int raw = std::system(command.c_str());
        return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    };
    writeText(dir / "bad.toml", "kindly = 1\n");
    CHECK(status("check '" + dir.path().string() + "'") == 2);
    CHECK(status("check '" + (dir / "bad.toml").string() + "'") == 1);
    CHECK(status("--help") == 0);
    CHECK(status("frobnicate") == 2);
}
