// Every error class the spec lists, with its exact line, column and message.
#include <catch2/catch.hpp>

#include <fstream>

#include "TestSupport.hpp"

using namespace kindly;
using namespace kindly::test;
using Lines = std::vector<std::string>;

namespace {

const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";  // lines 1-3

/// "LINE:COLUMN: severity: message" for each diagnostic (the path left out).
Lines lines(const Diagnostics& diagnostics) {
    Lines out;
    for (const auto& d : diagnostics.items()) {
        std::string text = formatDiagnostic(d).substr(d.path.size() + 1);
        if (d.pos.line == 0) text.erase(0, 1);  // "PATH: error: ..." has no place to show
        out.push_back(text);
    }
    return out;
}

/// Loads and resolves (files, built-in names, target length), as `kindly check` does.
Lines check(const std::string& text, const std::function<void(const TempDir&)>& setup = {}) {
    TempDir dir;
    if (setup) setup(dir);
    return lines(prepareText(dir, text).diagnostics);
}

}  // namespace

TEST_CASE("a TOML syntax error points at its place", "[errors]") {
    CHECK(check(kHead + "[[step]]\npause = \"3s\n") ==
          Lines{"5:12: error: TOML syntax: Error while parsing string: unescaped control characters other than TAB "
                "(U+0009) are explicitly prohibited"});
    CHECK(check(kHead + "[[step]]\npause = = 3\n").size() == 1);
}

TEST_CASE("the format version is required and must be 1", "[errors]") {
    CHECK(check("[session]\ntitle = \"T\"\n[[step]]\npause = 1\n") ==
          Lines{"1:1: error: missing 'kindly = 1' (the script format version) at the top of the script"});
    CHECK(check("kindly = 2\n[session]\ntitle = \"T\"\n[[step]]\npause = 1\n") ==
          Lines{"1:10: error: unsupported script format version 2; this Kindly reads format 1 (kindly = 1)"});
    CHECK(check("kindly = \"1\"\n[session]\ntitle = \"T\"\n[[step]]\npause = 1\n") ==
          Lines{"1:10: error: 'kindly' in the script must be the integer 1 (the script format version), not a string"});
}

TEST_CASE("[session] and its title are required", "[errors]") {
    CHECK(check("kindly = 1\n[[step]]\npause = 1\n") ==
          Lines{"1:1: error: missing [session] table; it needs at least a title"});
    CHECK(check("kindly = 1\n[session]\nauthor = \"me\"\n[[step]]\npause = 1\n") ==
          Lines{"2:1: error: [session] has no 'title'"});
    CHECK(check("kindly = 1\n[session]\ntitle = \"  \"\n[[step]]\npause = 1\n") ==
          Lines{"3:9: error: 'title' in [session] is empty"});
    CHECK(check("kindly = 1\nsession = 3\n[[step]]\npause = 1\n") ==
          Lines{"2:11: error: 'session' in the script must be a table ([session]), not an integer"});
}

TEST_CASE("a script needs steps, and every step must do something", "[errors]") {
    CHECK(check(kHead) == Lines{"1:1: error: the script has no steps; add at least one [[step]]"});
    CHECK(check("kindly = 1\nstep = []\n[session]\ntitle = \"T\"\n") ==
          Lines{"2:8: error: the script has no steps; add at least one [[step]]"});
    CHECK(check(kHead + "[step]\npause = 1\n") ==
          Lines{"4:1: error: 'step' must be an array of tables: write each one under its own [[step]] header, not a table"});
    CHECK(check(kHead + "[[step]]\nchapter = \"Only a title\"\n") ==
          Lines{"4:1: error: [[step]] 1 does nothing; give it at least one of say, clip, bell, breathe, pause or wait"});
}

TEST_CASE("unknown keys and tables are named with the closest known one", "[errors]") {
    CHECK(check(kHead + "[[step]]\npasue = \"3s\"\nwait = true\n") ==
          Lines{"5:1: error: unknown key 'pasue' in [[step]] 1; did you mean 'pause'?"});
    CHECK(check(kHead + "[[steps]]\npause = 1\n[[step]]\npause = 1\n") ==
          Lines{"4:3: error: unknown table 'steps' in the script; did you mean 'step'?"});
    CHECK(check(kHead + "[mix]\nduck = -3\n[[step]]\npause = 1\n") ==
          Lines{"5:1: error: unknown key 'duck' in [mix]; did you mean 'duck_db'?"});
    CHECK(check(kHead + "colour = \"blue\"\n[[step]]\npause = 1\n") ==
          Lines{"4:1: error: unknown key 'colour' in [session]"});
    CHECK(check(kHead + "[[step]]\nbreathe = { in = 4, out = 6, cycles = 2, hlod = 1 }\n") ==
          Lines{"5:42: error: unknown key 'hlod' in 'breathe' of [[step]] 1; did you mean 'hold'?"});
}

TEST_CASE("wrong types name the key, its place and what it must be", "[errors]") {
    CHECK(check(kHead + "tags = [\"a\", 1]\n[[step]]\nsay = 5\npause = true\ncaption = true\nwait = \"yes\"\n") ==
          Lines{"4:14: error: 'tags' in [session] must hold only strings, not an integer",
                "6:7: error: 'say' in [[step]] 1 must be a string, not an integer",
                "7:9: error: 'pause' in [[step]] 1 must be a duration (like \"3s\") or an elastic duration (like "
                "\"5s..40s\"), not a boolean",
                "8:11: error: 'caption' in [[step]] 1 must be a string or false, not true",
                "9:8: error: 'wait' in [[step]] 1 must be true or false, not a string"});
    CHECK(check(kHead + "[mix]\nvoice_lufs = true\n[[step]]\npause = 1\n") ==
          Lines{"5:14: error: 'voice_lufs' in [mix] must be a loudness in LUFS (like -20.0) or false, not true"});
    CHECK(check(kHead + "[[step]]\nbreathe = \"slowly\"\n") ==
          Lines{"5:11: error: 'breathe' in [[step]] 1 must be a table (like { in = \"4s\", out = \"6s\", cycles = 4 }), "
                "not a string"});
    CHECK(check(kHead + "[[ambient]]\nsound = \"rain\"\n[[step]]\npause = 1\n[ambient]\n").size() == 1);
}

TEST_CASE("bad durations and ranges say what is wrong", "[errors]") {
    CHECK(check(kHead + "length = \"0s\"\n[[ambient]]\nsound = \"rain\"\nfade_in = -1\nfade_out = \"3x\"\n"
                        "[[step]]\npause = \"5s..2s\"\n[[step]]\npause = \"-3s\"\n[[step]]\npause = \"25h\"\n") ==
          Lines{"4:10: error: 'length' in [session] must be longer than 0s",
                "7:11: error: bad 'fade_in' in [[ambient]] 1: duration is negative",
                "8:12: error: bad 'fade_out' in [[ambient]] 1: unknown unit \"x\" in duration \"3x\"; use ms, s, m or h",
                "10:9: error: bad 'pause' in [[step]] 1: elastic pause \"5s..2s\" has its shortest length above its "
                "longest; write MIN..MAX",
                "12:9: error: bad 'pause' in [[step]] 2: duration \"-3s\" is negative",
                "14:9: error: bad 'pause' in [[step]] 3: duration \"25h\" is too long; the longest is 24h"});
    CHECK(check(kHead + "[mix]\nduck_db = 3\nvoice_db = 100\n[[step]]\n"
                        "breathe = { in = \"4s\", out = \"0s\", cycles = 0, cue = \"tones\" }\n"
                        "pause = \"1m\"\ninterval_bell = { sound = \"bowl\", every = \"100ms\" }\n") ==
          Lines{"5:11: error: 'duck_db' in [mix] must be 0 or below: it lowers the ambient while the voice speaks",
                "6:12: error: 'voice_db' in [mix] is 100; it must be between -96 and 24 dB",
                "8:30: error: 'out' in 'breathe' of [[step]] 1 must be longer than 0s",
                "8:45: error: 'cycles' in 'breathe' of [[step]] 1 is 0; it must be between 1 and 10000",
                "8:54: error: unknown cue 'tones' in 'breathe' of [[step]] 1; use \"none\" or \"tone\"; did you mean 'tone'?",
                "10:43: error: 'every' in 'interval_bell' of [[step]] 1 is 100ms; it must be at least 1s"});
    CHECK(check(kHead + "[[step]]\nbreathe = { in = \"4s\", out = \"4s\" }\n") ==
          Lines{"5:11: error: 'breathe' of [[step]] 1 needs 'cycles'"});
}

TEST_CASE("ids must be valid and unique, and from/until must name steps", "[errors]") {
    CHECK(check(kHead + "[[ambient]]\nid = \"rain\"\nsound = \"rain\"\nfrom = \"b\"\nuntil = \"a\"\n"
                        "[[ambient]]\nsound = \"wind\"\nfrom = \"nope\"\nuntil = \"bb\"\n"
                        "[[step]]\nid = \"a\"\npause = 1\n[[step]]\nid = \"b\"\npause = 1\n"
                        "[[step]]\nid = \"rain\"\npause = 1\n[[step]]\nid = \"step-5\"\npause = 1\n[[step]]\npause = 1\n"
                        "[[step]]\nid = \"bad id\"\npause = 1\n") ==
          Lines{"8:9: error: ambient 'rain' ends (until 'a') before it starts (from 'b')",
                "11:8: error: 'from' of ambient 'ambient-2' names no step: 'nope'",
                "12:9: error: 'until' of ambient 'ambient-2' names no step: 'bb'; did you mean 'b'?",
                "20:6: error: duplicate id 'rain'; ids must be unique within the script",
                "5:6: note: 'rain' is first used here",
                "25:1: error: duplicate id 'step-5' (the default id of this table); ids must be unique within the script",
                "23:6: note: 'step-5' is first used here",
                "28:6: error: id 'bad id' may hold only letters, digits, '-' and '_'"});
}

TEST_CASE("unknown built-in sounds are named with the closest one", "[errors]") {
    CHECK(check(kHead + "[[ambient]]\nsound = \"rian\"\n[[step]]\nbell = \"gongg\"\n"
                        "[[step]]\nbell = \"white-noise\"\ninterval_bell = { sound = \"chim\", every = \"5s\" }\npause = 1\n") ==
          Lines{"5:9: error: unknown built-in sound 'rian'; did you mean 'rain'? (a file path needs a \"/\" or an extension)",
                "7:8: error: unknown built-in sound 'gongg'; did you mean 'gong'? (a file path needs a \"/\" or an extension)",
                "9:8: error: 'white-noise' is a generated noise that never ends; a bell must be a sound that ends, such "
                "as 'bowl', 'chime' or 'gong'",
                "10:27: error: unknown built-in sound 'chim'; did you mean 'chime'? (a file path needs a \"/\" or an "
                "extension)"});
}

TEST_CASE("missing files and files that are not audio are errors at their line", "[errors]") {
    auto result = check(kHead + "[[ambient]]\nsound = \"sounds/creek.flac\"\n[[step]]\nclip = \"voice/missing.wav\"\n"
                                "[[step]]\nclip = \"notes.txt\"\n[[step]]\nbell = \"empty.wav\"\n[[step]]\nclip = \"voice\"\n",
                        [](const TempDir& dir) {
                            writeText(dir / "notes.txt", "not audio\n");
                            writeTone(dir / "empty.wav", 0, 48000);
                        });
    REQUIRE(result.size() == 5);
    CHECK(result[0].rfind("5:9: error: ambient sound file 'sounds/creek.flac' (", 0) == 0);
    CHECK(result[0].find("sounds/creek.flac): no such file") != std::string::npos);
    CHECK(result[1].rfind("7:8: error: clip 'voice/missing.wav' (", 0) == 0);
    CHECK(result[1].find("): no such file") != std::string::npos);
    CHECK(result[2].rfind("9:8: error: clip 'notes.txt' (", 0) == 0);
    CHECK(result[2].find("): not a readable audio file (") != std::string::npos);
    CHECK(result[3].rfind("11:8: error: bell file 'empty.wav' (", 0) == 0);
    CHECK(result[3].find("): it holds no audio") != std::string::npos);
    CHECK(result[4] == "13:8: error: 'clip' in [[step]] 4 must be a path to an audio file (like \"voice/voice.wav\"), "
                       "not a built-in sound name");
}

TEST_CASE("a recorded voice that is not audio is an error at its step", "[errors]") {
    auto result = check(kHead + "[[step]]\nid = \"hello\"\nsay = \"Hello.\"\n",
                        [](const TempDir& dir) { writeText(dir / "session/hello.wav", "RIFF but not really"); });
    REQUIRE(result.size() == 1);
    CHECK(result[0].rfind("4:1: error: recorded voice for step 'hello' (", 0) == 0);
}

TEST_CASE("a target length out of reach states the reachable range", "[errors]") {
    CHECK(check(kHead + "length = \"10m\"\n[[step]]\npause = \"1m..2m\"\n[[step]]\npause = \"30s\"\n") ==
          Lines{"4:10: error: target length 10m is out of reach: this script can last from 1m30s to 2m30s"});
    CHECK(check(kHead + "length = \"10m\"\n[[step]]\npause = \"1m\"\n") ==
          Lines{"4:10: error: target length 10m is out of reach: this script has no elastic pauses and always lasts 1m"});
}

TEST_CASE("a non-English script that needs synthesized speech gets a warning", "[errors]") {
    auto result = check("kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"de\"\n[[step]]\nsay = \"Hallo.\"\n");
    CHECK(result == Lines{"4:12: warning: language is 'de' but the synthesized voice speaks English only; record the "
                          "voice, or speak it with [voice] engine = \"espeak-ng\" (about 100 languages)"});
}

TEST_CASE("all problems of a file are reported in one pass", "[errors]") {
    auto result = check(kHead + "[mix]\nduck_db = 3\n[[ambient]]\nsound = \"rian\"\n[[step]]\npasue = 1\nwait = true\n"
                                "[[step]]\nbell = \"bowl\"\nclip = \"gone.wav\"\n");
    CHECK(result.size() == 4);
}

TEST_CASE("hostile files get a clear error, never a crash or a hang", "[errors][hostile]") {
    TempDir dir;
    SECTION("an empty file") {
        auto p = prepareText(dir, "");
        CHECK(lines(p.diagnostics) ==
              Lines{"1:1: error: missing 'kindly = 1' (the script format version) at the top of the script",
                    "1:1: error: missing [session] table; it needs at least a title",
                    "1:1: error: the script has no steps; add at least one [[step]]"});
    }
    SECTION("a binary file") {
        std::string binary("\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe\x80\x81", 14);  // 14 bytes: the literal holds no more (ASan found a read past it)
        auto p = prepareText(dir, binary);
        REQUIRE(p.diagnostics.items().size() == 1);
        CHECK(p.diagnostics.items()[0].message.rfind("TOML syntax:", 0) == 0);
    }
    SECTION("text that is not UTF-8") {
        auto p = prepareText(dir, kHead + "[[step]]\nsay = \"caf\xe9\"\n");
        CHECK(lines(p.diagnostics) == Lines{"5:10: error: TOML syntax: Encountered invalid utf-8 sequence"});
    }
    SECTION("a directory given as the script") {
        auto p = prepareSession(dir.path(), {});
        CHECK(p.unreadable);
        CHECK(lines(p.diagnostics) == Lines{"error: cannot read the script: it is a directory"});
    }
    SECTION("a missing file") {
        auto p = prepareSession(dir / "nothing.toml", {});
        CHECK(p.unreadable);
        CHECK(lines(p.diagnostics) == Lines{"error: cannot read the script: no such file"});
    }
    SECTION("absurd numbers") {
        auto p = prepareText(dir, kHead + "[mix]\nvoice_db = 1e400\n");
        REQUIRE(p.diagnostics.items().size() == 1);
        CHECK(p.diagnostics.items()[0].pos.line == 5);
        auto q = prepareText(dir, kHead + "[mix]\nvoice_db = -inf\nbells_db = nan\n[[step]]\n"
                                          "breathe = { in = 99999999999, out = 1, cycles = 9223372036854775807 }\n");
        CHECK(lines(q.diagnostics) ==
              Lines{"5:12: error: 'voice_db' in [mix] is not finite; it must be between -96 and 24 dB",
                    "6:12: error: 'bells_db' in [mix] is not finite; it must be between -96 and 24 dB",
                    "8:18: error: bad 'in' in 'breathe' of [[step]] 1: duration is too long; the longest is 24h",
                    "8:49: error: 'cycles' in 'breathe' of [[step]] 1 is 9223372036854775807; it must be between 1 and 10000"});
    }
    SECTION("a session longer than a week") {
        std::string text = kHead;
        for (int i = 0; i < 200; ++i) text += "[[step]]\npause = \"24h\"\n";
        auto p = prepareText(dir, text);
        CHECK(lines(p.diagnostics) ==
              Lines{"error: the session would last longer than a week (at least over 168h); shorten its pauses, "
                    "breathing or clips"});
    }
    SECTION("a huge number of steps is checked quickly and correctly") {
        std::string text = kHead;
        for (int i = 0; i < 20000; ++i) text += "[[step]]\npause = \"1s\"\n";
        auto p = prepareText(dir, text);
        REQUIRE(p.ok());
        CHECK(p.timeline->length == 20000LL * 48000);
    }
    SECTION("deeply nested arrays") {
        auto p = prepareText(dir, kHead + "x = " + std::string(5000, '[') + std::string(5000, ']') + "\n");
        REQUIRE(p.diagnostics.items().size() == 1);
        CHECK(p.diagnostics.items()[0].message.find("maximum nested value depth") != std::string::npos);
    }
    SECTION("a file over 4 MiB") {
        auto p = prepareText(dir, kHead + "# " + std::string(5 * 1024 * 1024, 'x') + "\n");
        CHECK(lines(p.diagnostics) == Lines{"error: the file is larger than 4 MiB; is it really a session script?"});
    }
}
