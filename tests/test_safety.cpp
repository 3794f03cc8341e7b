// What Kindly protects (README "What Kindly protects"): a command never writes over a file it
// reads, nor one output over another, nor a read-only file; a symlink output is written through
// to its file, the link kept.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>

#include "TestSupport.hpp"
#include "kiosk/Pin.hpp"
#include "platform/OutputSafety.hpp"
#include "platform/RunProgram.hpp"
#include "script/SafeNames.hpp"
#include "sources/AudioInfo.hpp"
#include "sources/Loudness.hpp"
#include "speech/CommandEngine.hpp"
#include "platform/StopRequest.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A script with a clip, beside it in `dir`; its text.
std::string writeSession(const TempDir& dir) {
    writeTone(dir / "clip.wav", 24000, 48000);
    const std::string text = "kindly = 1\n[session]\ntitle = \"Mine\"\n[[step]]\nid = \"a\"\nclip = \"clip.wav\"\n"
                             "caption = \"Hello.\"\npause = \"1s\"\n";
    writeText(dir / "s.toml", text);
    return text;
}

ShellRun runKindly(const TempDir& dir, const std::string& args) {
    return runShell(dir, "XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() +
                             "' '" + KINDLY_BINARY + "' " + args);
}

std::string bytes(const fs::path& file) { return readText(file); }

/// No hidden temporary left in `dir`.
bool noPartFiles(const TempDir& dir) {
    for (const auto& e : fs::directory_iterator(dir.path()))
        if (e.path().filename().string().find(".part") != std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("a render never writes over its own script, by any name", "[safety][render]") {
    TempDir dir;
    const std::string script = writeSession(dir);
    fs::create_directories(dir / "sub");
    REQUIRE(link((dir / "s.toml").c_str(), (dir / "hard.toml").c_str()) == 0);
    fs::create_symlink(dir / "s.toml", dir / "soft.wav");
    for (const std::string output : {"s.toml", "./sub/../s.toml", "hard.toml", "soft.wav"}) {
        INFO(output);
        const ShellRun run = runKindly(dir, "render s.toml -o " + output);
        CHECK(run.status == 2);
        CHECK(has(run.err, "kindly: will not write the render to '" + output + "': it is the script"));
        CHECK(bytes(dir / "s.toml") == script);
        CHECK(fs::is_symlink(dir / "soft.wav"));
    }
    // The captions neither.
    const ShellRun captions = runKindly(dir, "render s.toml -o out.wav --captions s.toml");
    CHECK(captions.status == 2);
    CHECK(has(captions.err, "will not write the captions to 's.toml': it is the script"));
    CHECK(bytes(dir / "s.toml") == script);
    CHECK_FALSE(fs::exists(dir / "out.wav"));  // refused before anything was written
    CHECK(noPartFiles(dir));
}

TEST_CASE("a render never writes over a clip it plays, nor its captions over its sound", "[safety][render]") {
    TempDir dir;
    writeSession(dir);
    const std::string clip = bytes(dir / "clip.wav");
    REQUIRE(link((dir / "clip.wav").c_str(), (dir / "again.wav").c_str()) == 0);
    for (const std::string output : {"clip.wav", "again.wav"}) {
        const ShellRun run = runKindly(dir, "render s.toml -o " + output);
        CHECK(run.status == 2);
        CHECK(has(run.err, "it is the clip of step 'a'"));
        CHECK(bytes(dir / "clip.wav") == clip);
    }
    const ShellRun both = runKindly(dir, "render s.toml -o out.wav --captions out.wav");
    CHECK(both.status == 2);
    CHECK(has(both.err, "will not write the captions to 'out.wav': it is also the file for the render"));
    CHECK_FALSE(fs::exists(dir / "out.wav"));
    // The picture of the timeline neither.
    const ShellRun svg = runKindly(dir, "timeline s.toml --svg clip.wav");
    CHECK(svg.status == 2);
    CHECK(has(svg.err, "will not write the picture to 'clip.wav': it is the clip of step 'a'"));
    CHECK(bytes(dir / "clip.wav") == clip);
}

TEST_CASE("a read-only output is refused, a symlink output is written through, the link kept", "[safety][render]") {
    TempDir dir;
    writeSession(dir);
    writeText(dir / "kept.wav", "mine");
    fs::permissions(dir / "kept.wav", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    const ShellRun readOnly = runKindly(dir, "render s.toml -o kept.wav");
    CHECK(readOnly.status == 2);
    CHECK(has(readOnly.err, "cannot write the render to 'kept.wav': it is read-only"));
    CHECK(bytes(dir / "kept.wav") == "mine");

    fs::create_directories(dir / "elsewhere");
    writeText(dir / "elsewhere" / "target.wav", "old");
    fs::permissions(dir / "elsewhere" / "target.wav", fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink("elsewhere/target.wav", dir / "link.wav");
    const ShellRun through = runKindly(dir, "render s.toml -o link.wav");
    INFO(through.err);
    CHECK(through.status == 0);
    CHECK(fs::is_symlink(dir / "link.wav"));
    CHECK(readSound(dir / "elsewhere" / "target.wav").frames > 48000);
    // It keeps the permissions the file had.
    CHECK(fs::status(dir / "elsewhere" / "target.wav").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(noPartFiles(dir));

    fs::create_symlink("nowhere/none.wav", dir / "dangling.wav");
    const ShellRun dangling = runKindly(dir, "render s.toml -o dangling.wav");
    CHECK(dangling.status == 2);
    CHECK(has(dangling.err, "it is a link to 'nowhere/none.wav', which does not exist"));
}

TEST_CASE("outputs are compared with inputs by what they are, not how they are spelled", "[safety]") {
    TempDir dir;
    writeText(dir / "in.txt", "x");
    fs::create_directories(dir / "d");
    REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
    const std::vector<NamedFile> inputs{{dir / "in.txt", "the script"}};
    CHECK(unsafeOutputs({{dir / "new.wav", "the render"}}, inputs).empty());
    CHECK(has(unsafeOutputs({{dir / "d" / ".." / "in.txt", "the render"}}, inputs), "it is the script"));
    CHECK(has(unsafeOutputs({{dir / "d", "the render"}}, inputs), "it is a folder"));
    CHECK(has(unsafeOutputs({{dir / "fifo", "the render"}}, inputs), "it is not a regular file (a FIFO)"));
    // Two outputs that do not exist yet, one through a symlinked folder.
    fs::create_directory_symlink(dir / "d", dir / "alias");
    CHECK(has(unsafeOutputs({{dir / "d" / "x.wav", "the render"}, {dir / "alias" / "x.wav", "the captions"}}, {}),
              "it is also the file for the render"));
    CHECK(writeTarget(dir / "alias") == fs::canonical(dir / "d"));
    CHECK(writeTarget(dir / "in.txt") == dir / "in.txt");
}

TEST_CASE("a kiosk never takes its config for its usage log", "[safety][kiosk]") {
    TempDir dir;
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[[session]]\nscript = \"three-minute-break.toml\"\n[schedule]\ntimes = [\"10:30\"]\n");
    fs::create_symlink("kiosk.toml", dir / "log.sqlite");
    const std::string before = readText(dir / "kiosk.toml");
    const ShellRun run = runShell(dir, "KINDLY_DATA_DIR='" + std::string(KINDLY_SOURCE_DIR) + "' SDL_VIDEODRIVER=offscreen '" +
                                           KINDLY_BINARY + "' breaks --config kiosk.toml --log log.sqlite --silent");
    CHECK(run.status == 2);
    CHECK(has(run.err, "will not keep the usage log in 'log.sqlite': it is the config"));
    CHECK(readText(dir / "kiosk.toml") == before);
    CHECK(fs::is_symlink(dir / "log.sqlite"));
}

namespace {

const std::string kSpoken = "kindly = 1\n[session]\ntitle = \"Spoken\"\n[[step]]\nid = \"a\"\n"
                            "say = \"May I be kind to myself. May I give myself the compassion I need.\"\n";

/// The one speech entry (WAV) in `cache`.
fs::path speechEntry(const fs::path& cache) {
    for (const auto& e : fs::directory_iterator(cache))
        if (e.path().extension() == ".wav") return e.path();
    return {};
}

std::string warnings(const PreparedSession& p) {
    std::string out;
    for (const auto& d : p.diagnostics.items()) out += d.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("a damaged speech cache entry heals on the next play, with the right speech and captions", "[safety][cache]") {
    TempDir dir;
    const PreparedSession first = prepareText(dir, kSpoken);
    REQUIRE(first.ok());
    REQUIRE(first.synthesized == 1);
    const fs::path wav = speechEntry(dir / "cache");
    REQUIRE_FALSE(wav.empty());
    fs::path sidecar = wav;
    sidecar.replace_extension(".sentences");
    const Sound good = readSound(wav);
    const auto goodSentences = first.media.steps[0].voice->sentences;
    REQUIRE(goodSentences.size() == 2);
    const std::string goodBytes = readText(wav), goodSidecar = readText(sidecar);

    // Another text's entry, for a sidecar that is not this WAV's.
    TempDir other;
    REQUIRE(prepareText(other, kSpoken.substr(0, kSpoken.find("say = ")) + "say = \"Breathe in. Breathe out.\"\n").ok());
    fs::path foreign = speechEntry(other / "cache");
    foreign.replace_extension(".sentences");

    const std::vector<std::pair<std::string, std::function<void()>>> damages{
        {"an empty WAV", [&] { writeText(wav, ""); }},
        {"half a WAV", [&] { writeText(wav, goodBytes.substr(0, goodBytes.size() / 2)); }},
        {"random bytes", [&] {
             std::string noise = goodBytes;
             for (std::size_t i = 44; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919u) >> 3);
             writeText(wav, noise);
         }},
        {"no sidecar", [&] { fs::remove(sidecar); }},
        {"a foreign sidecar", [&] { fs::copy_file(foreign, sidecar, fs::copy_options::overwrite_existing); }},
        {"a sidecar whose words were changed", [&] {
             std::string text = goodSidecar;
             text.replace(text.find("May I be kind"), 13, "You are wrong");
             writeText(sidecar, text);
         }},
    };
    for (const auto& [what, damage] : damages) {
        INFO(what);
        damage();
        const PreparedSession again = prepareText(dir, kSpoken);
        INFO(diagnosticLines(again.diagnostics));
        REQUIRE(again.ok());
        CHECK(again.synthesized == 1);  // made again, not played as it was
        CHECK(warnings(again).find("1 damaged synthesized voice was found in the speech cache and made again") != std::string::npos);
        const auto& sentences = again.media.steps[0].voice->sentences;
        REQUIRE(sentences.size() == goodSentences.size());
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            CHECK(sentences[i].text == goodSentences[i].text);
            CHECK(sentences[i].start == goodSentences[i].start);
        }
        const Sound healed = readSound(wav);
        CHECK(healed.frames == good.frames);
        CHECK(firstDifference(healed.samples, good.samples).empty());
        // And the healed entry is used as it is from then on, without a word.
        const PreparedSession then = prepareText(dir, kSpoken);
        CHECK(then.synthesized == 0);
        CHECK(warnings(then).empty());
    }
}

TEST_CASE("kiosk --check runs every session script through check, confined to the library", "[safety][kiosk]") {
    TempDir dir;
    fs::create_directories(dir / "library");
    writeTone(dir / "outside.wav", 4800, 48000);
    fs::create_symlink(dir / "outside.wav", dir / "library" / "inlink.wav");
    const std::string head = "kindly = 1\n[session]\ntitle = \"T\"\n";
    writeText(dir / "library" / "ok.toml", head + "[[step]]\npause = \"1s\"\ncaption = \"Rest.\"\n");
    writeText(dir / "library" / "absolute.toml", head + "[[step]]\nclip = \"" + (dir / "outside.wav").string() + "\"\n");
    writeText(dir / "library" / "up.toml", head + "[[step]]\nclip = \"../outside.wav\"\n");
    writeText(dir / "library" / "link.toml", head + "[[step]]\nclip = \"inlink.wav\"\n");
    writeText(dir / "library" / "bed.toml", head + "[[ambient]]\nsound = \"../outside.wav\"\n[[step]]\npause = \"1s\"\n");
    writeText(dir / "library" / "invalid.toml", head + "[[step]]\npause = \"a while\"\n");
    std::string config = "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\n";
    for (const char* s : {"ok", "absolute", "up", "link", "bed", "invalid", "ok"})
        config += "[[session]]\nscript = \"" + std::string(s) + ".toml\"\n";
    config += "[schedule]\ntimes = [\"10:30\", \"15:00\", \"10:30\"]\n[exit]\npin_hash = \"" + hashPin("2468", 1000) + "\"\n";
    writeText(dir / "kiosk.toml", config);
    const ShellRun run = runShell(dir, "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY +
                                           "' kiosk --check --config kiosk.toml");
    INFO(run.err);
    CHECK(run.status == 1);
    const std::string confined = "is outside the library folders: in a kiosk, a script may only read files inside its library folders";
    for (const char* where : {"absolute.toml:5:", "up.toml:5:", "link.toml:5:", "bed.toml:5:"}) {
        INFO(where);
        const auto at = run.err.find(where);
        REQUIRE(at != std::string::npos);
        CHECK(run.err.find(confined, at) != std::string::npos);
    }
    CHECK(has(run.err, "invalid.toml:5:9: error:"));
    CHECK(has(run.err, "kindly: 5 of the kiosk's session scripts have errors"));
    // Warnings point at the element that repeats.
    CHECK(has(run.err, "kiosk.toml:17:10: warning: 'ok.toml' is offered twice (also at line 5)"));
    CHECK(has(run.err, "kiosk.toml:19:28: warning: the break at 10:30 is listed twice"));
    CHECK_FALSE(has(run.out, "ok:"));
}

TEST_CASE("a FIFO or a device given as a script, voices.toml or a config is an error at once", "[safety][hardening]") {
    TempDir dir;
    REQUIRE(mkfifo((dir / "pipe.toml").c_str(), 0600) == 0);
    fs::create_directories(dir / "config" / "kindly");
    REQUIRE(mkfifo((dir / "config" / "kindly" / "voices.toml").c_str(), 0600) == 0);
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npause = \"1s\"\n");
    // Each within a second here (timeout ends a hang at 20 s, which fails the check on status).
    const std::string env = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() + "' ";
    const std::string kindly = "timeout 20 '" + std::string(KINDLY_BINARY) + "' ";
    const ShellRun script = runShell(dir, env + kindly + "check pipe.toml");
    CHECK(script.status == 2);
    CHECK(has(script.err, "cannot read the script: it is not a regular file (a FIFO)"));
    const ShellRun device = runShell(dir, env + kindly + "check /dev/zero");
    CHECK(device.status == 2);
    CHECK(has(device.err, "it is not a regular file (a device)"));
    const ShellRun config = runShell(dir, env + kindly + "kiosk --check --config pipe.toml");
    CHECK(config.status == 2);
    CHECK(has(config.err, "cannot read the kiosk config: it is not a regular file (a FIFO)"));
    const ShellRun voices = runShell(dir, env + kindly + "voices");
    CHECK(voices.status == 1);  // listed, but not stopped by the timeout, and not a success
    CHECK(has(voices.err, "cannot read the voices file: it is not a regular file (a FIFO)"));
}

TEST_CASE("kindly say refuses what it cannot say, and an engine it does not have", "[safety][voices]") {
    TempDir dir;
    const std::string kindly = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() +
                               "' '" + KINDLY_BINARY + "' say ";
    for (const std::string text : {"", "   ", "... !?", "\xF0\x9F\x99\x82 \xE2\x80\xA6"}) {  // nothing, spaces, punctuation, an emoji
        INFO("'" << text << "'");
        const ShellRun run = runShell(dir, kindly + "'" + text + "' -o out.wav");
        CHECK(run.status == 2);
        CHECK(has(run.err, "kindly say: there are no words to say in '" + text + "'"));
    }
    const ShellRun nope = runShell(dir, kindly + "hello --engine nope -o out.wav");
    CHECK(nope.status == 2);
    CHECK(has(nope.err, "kindly say: there is no voice engine 'nope' (here: flite, espeak-ng, festival"));
    CHECK_FALSE(fs::exists(dir / "out.wav"));
    const ShellRun words = runShell(dir, kindly + "'Gr\xC3\xBC\xC3\x9F" "e 7' --engine espeak-ng --language de -o out.wav");
    INFO(words.err);
    CHECK(words.status == 0);
    CHECK(readSound(dir / "out.wav").frames > 0);
}

namespace {

/// Whether any process of process group `group` still runs (a zombie waiting for its parent does not).
bool groupRuns(pid_t group) {
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::error_code gone;
        if (!fs::exists(entry.path() / "stat", gone)) continue;  // it ended meanwhile
        const std::string stat = readText(entry.path() / "stat");
        const auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        char state = 0;
        int parent = 0, processGroup = 0;
        if (std::sscanf(stat.c_str() + close + 1, " %c %d %d", &state, &parent, &processGroup) == 3 && processGroup == group &&
            state != 'Z' && state != 'X')
            return true;
    }
    return false;
}

/// The pid an engine wrote to `file` once it started (waited for, up to 60 s).
pid_t startedEngine(const fs::path& file) {
    for (int i = 0; i < 1200 && readText(file).empty(); ++i) usleep(50000);
    const std::string text = readText(file);
    return text.empty() ? 0 : static_cast<pid_t>(std::stol(text));
}

/// Entries of `folder`, for a message.
std::string listing(const fs::path& folder) {
    std::string names;
    for (const auto& e : fs::directory_iterator(folder)) names += e.path().filename().string() + " ";
    return names;
}

}  // namespace

TEST_CASE("an engine's whole process group ends with it, also what it leaves running", "[safety][engines][process]") {
    TempDir dir;
    // It finishes, leaving a child running that holds its standard error open.
    const auto left = runProgram({"sh", "-c", "echo $$ > '" + (dir / "group").string() + "'; sleep 600 & echo said >&2"}, "",
                                 std::chrono::milliseconds(20000));
    CHECK(left.succeeded());
    CHECK(left.errorOutput == "said\n");
    const pid_t group = startedEngine(dir / "group");
    REQUIRE(group > 0);
    CHECK_FALSE(groupRuns(group));

    // A stop requested while it runs (a Ctrl-C) ends it at once, even one that ignores SIGTERM.
    fs::remove(dir / "group");
    std::thread stopper([&] {
        if (startedEngine(dir / "group") > 0) requestStop(SIGINT);
    });
    const auto stopped = runProgram({"sh", "-c", "echo $$ > '" + (dir / "group").string() + "'; trap '' TERM; sleep 600 & sleep 600"}, "",
                                    std::chrono::milliseconds(600000));
    stopper.join();
    clearStopRequest();
    CHECK(stopped.stopped);
    CHECK_FALSE(stopped.timedOut);
    CHECK_FALSE(stopped.succeeded());
    CHECK(stopped.describe(std::chrono::milliseconds(600000)) == "was stopped, as Kindly was asked to stop");
    CHECK_FALSE(groupRuns(startedEngine(dir / "group")));
}

TEST_CASE("Ctrl-C, SIGTERM or SIGHUP while an engine speaks ends its group and removes its folders", "[safety][engines]") {
    for (const auto& [signal, status] : std::vector<std::pair<std::string, int>>{{"INT", 130}, {"TERM", 143}, {"HUP", 129}}) {
        for (const std::string command : {"say 'Breathe in, and rest.' --engine mine -o out.wav", "render s.toml -o out.wav"}) {
            DYNAMIC_SECTION(signal << ": kindly " << command) {
                TempDir dir;
                fs::create_directories(dir / "tmp");
                // What a killed Kindly left before: swept, as its process is gone; one of a running process is kept.
                fs::create_directories(dir / "tmp/kindly-speech-999999999-abcdef/x");
                if (command.rfind("say", 0) == 0) fs::create_directories(dir / "tmp/kindly-say-999999999-abcdef");
                const std::string running = "kindly-speech-" + std::to_string(getpid()) + "-abcdef";
                fs::create_directories(dir / "tmp" / running);
                writeText(dir / "engine.sh", "#!/bin/sh\necho $$ > '" + (dir / "engine.pid").string() +
                                                 "'\nsleep 600 & sleep 600 & wait\n");
                fs::permissions(dir / "engine.sh", fs::perms::owner_all);
                writeText(dir / "config/kindly/voices.toml",
                          "[engine.mine]\ncommand = [\"" + (dir / "engine.sh").string() + "\", \"{output}\"]\n");
                writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Slow\"\n[voice]\nengine = \"mine\"\n"
                                          "[[step]]\nsay = \"Rest here.\"\n");
                const ShellRun run = runShell(
                    dir, "TMPDIR='" + (dir / "tmp").string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_CONFIG_HOME='" +
                             (dir / "config").string() + "' '" + KINDLY_BINARY + "' " + command + " & k=$!; for i in $(seq 1200); do " +
                             "[ -s engine.pid ] && break; sleep 0.05; done; kill -" + signal + " $k; wait $k");
                INFO(run.err);
                CHECK(run.status == status);
                const pid_t engine = startedEngine(dir / "engine.pid");
                REQUIRE(engine > 0);
                CHECK_FALSE(groupRuns(engine));
                INFO(listing(dir / "tmp"));
                CHECK(fs::exists(dir / "tmp" / running));
                fs::remove(dir / "tmp" / running);
                CHECK(fs::is_empty(dir / "tmp"));
                CHECK_FALSE(fs::exists(dir / "out.wav"));
                CHECK(noPartFiles(dir));
            }
        }
    }
}

TEST_CASE("only a language tag and plain voice names reach an engine's command line", "[safety][voices]") {
    CHECK(isLanguageTag("en"));
    CHECK(isLanguageTag("pt-BR"));
    CHECK(isLanguageTag("zh-Hant-TW"));
    CHECK(isLanguageTag("en-GB-x-rp"));
    for (const char* bad : {"", "e", "english", "en_US", "en US", "-en", "en-", "en--GB", "--model=/x", "de;rm", "en-123456789"}) {
        INFO(bad);
        CHECK_FALSE(isLanguageTag(bad));
    }
    CHECK(isPlainName("en_US-lessac-medium"));
    CHECK(isPlainName("amy.v2"));
    for (const char* bad : {"", "-o", ".hidden", "a b", "../model", "/x", "a/b", "x;y", "a..b"}) {
        INFO(bad);
        CHECK_FALSE(isPlainName(bad));
    }

    TempDir dir;
    // The script's language is refused where it is written, with the form it should take.
    auto load = loadText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"--model=/tmp/x\"\n[[step]]\nsay = \"Hi.\"\n");
    std::string lines = diagnosticLines(load.diagnostics);
    INFO(lines);
    CHECK(has(lines, "session.toml:4:12: error: 'language' in [session] must be a language tag such as \"en\", \"de\" or "
                     "\"pt-BR\", not \"--model=/tmp/x\""));
    load = loadText(dir, "kindly = 1\n[session]\ntitle = \"T\"\nlanguage = \"pt_BR\"\n[[step]]\nsay = \"Hi.\"\n");
    CHECK(has(diagnosticLines(load.diagnostics), "not \"pt_BR\"; did you mean \"pt-BR\"?"));

    // A listener's engine that writes its arguments down: it must never see what a script smuggles.
    writeText(dir / "engine.sh", "#!/bin/sh\necho \"$@\" >> '" + (dir / "args").string() + "'\nexit 1\n");
    fs::permissions(dir / "engine.sh", fs::perms::owner_all);
    writeText(dir / "config/kindly/voices.toml", "[engine.mine]\ncommand = [\"" + (dir / "engine.sh").string() +
                                                     "\", \"{output}\", \"--lang\", \"{language}\"]\n");
    const ShellRun say = runKindly(dir, "say 'Hello.' --engine mine --language '--model=/tmp/x' -o out.wav");
    CHECK(say.status == 1);
    CHECK(has(say.err, "kindly say: error: 'language' in [session] must be a language tag"));
    CHECK_FALSE(fs::exists(dir / "args"));
    CommandEngine engine({"mine", {(dir / "engine.sh").string(), "{output}", "{language}", "{voice}"}, {}, "", std::chrono::seconds(10), "", {}});
    for (const auto& [language, voice] : std::vector<std::pair<std::string, std::string>>{{"en;x", "default"}, {"en", "--x"}}) {
        const Synthesis refused = engine.synthesize({"Hello."}, VoiceChoice{voice, language, 1.0, 0.0});
        CHECK(has(refused.error, "the voice engine 'mine' was not started"));
    }
    CHECK_FALSE(fs::exists(dir / "args"));
}

TEST_CASE("voices.toml: voice names checked, default_voice one of them, a program found beside the file", "[safety][voices]") {
    TempDir dir;
    fs::create_directories(dir / "config/kindly/bin");
    fs::create_directories(dir / "config/kindly/folder");
    // A relative program is voices.toml's neighbour, wherever Kindly runs from.
    writeText(dir / "config/kindly/bin/speak",
              "#!/bin/sh\nexec '" + std::string(KINDLY_BINARY) + "' say \"$(cat)\" --engine espeak-ng -o \"$1\" 2>/dev/null\n");
    fs::permissions(dir / "config/kindly/bin/speak", fs::perms::owner_all);
    writeText(dir / "config/kindly/voices.toml", "[engine.near]\ncommand = [\"bin/speak\", \"{output}\"]\ndefault_voice = \"calm\"\n");
    fs::create_directories(dir / "elsewhere");
    const std::string env = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() + "' ";
    const ShellRun near = runShell(dir, "cd elsewhere && " + env + "'" + KINDLY_BINARY + "' say 'Rest here.' --engine near -o ../near.wav");
    INFO(near.err);
    CHECK(near.status == 0);
    CHECK(readSound(dir / "near.wav").frames > 0);
    const ShellRun listed = runKindly(dir, "voices near");
    CHECK(listed.status == 0);
    CHECK(has(listed.out, "default voice: calm"));  // a default_voice alone is its one voice

    writeText(dir / "config/kindly/voices.toml",
              "[engine.dir]\ncommand = [\"./folder\", \"{output}\"]\n"
              "[engine.names]\ncommand = [\"bin/speak\", \"{output}\", \"{voice}\"]\nvoices = [\"amy\", \"--model=/x\"]\n"
              "default_voice = \"bob\"\n");
    const ShellRun bad = runKindly(dir, "voices");
    INFO(bad.err);
    CHECK(bad.status == 1);
    const std::string file = (dir / "config/kindly/voices.toml").string();
    CHECK(has(bad.err, file + ":2:12: error: the program of [engine.dir] is a folder, not a program: " +
                           (dir / "config/kindly/folder").string()));
    CHECK(has(bad.err, file + ":5:18: error: the voice '--model=/x' in [engine.names] voices may hold only letters"));
    CHECK(has(bad.err, file + ":6:17: error: 'default_voice' 'bob' in [engine.names] is not one of its voices (amy, --model=/x)"));
    CHECK_FALSE(has(bad.out, "dir (yours"));
}

TEST_CASE("a file given where a library folder belongs is called a file", "[safety][kiosk]") {
    TempDir dir;
    writeText(dir / "notes.txt", "not a folder");
    const ShellRun cli = runKindly(dir, "--library notes.txt");
    CHECK(cli.status == 2);
    CHECK(has(cli.err, "--library: notes.txt is a file; give the folder that holds the session scripts"));
    const ShellRun none = runKindly(dir, "play --library nowhere");
    CHECK(none.status == 2);
    CHECK(has(none.err, "--library: nowhere: there is no such folder"));
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlibrary = [\".\", \"notes.txt\"]\n");
    const ShellRun kiosk = runKindly(dir, "kiosk --check --config kiosk.toml");
    CHECK(kiosk.status != 0);
    CHECK(has(kiosk.err, "kiosk.toml:3:17: error: the library folder 'notes.txt' is a file, not a folder"));
}

TEST_CASE("loudness.tsv: a damaged or foreign line is dropped and the clip measured again", "[safety][cache]") {
    TempDir dir;
    writeTone(dir / "clip.wav", 48000, 48000, 1, 0.25);
    const AudioFileInfo clip = *probeAudioFile(dir / "clip.wav").info;
    const fs::path file = dir / "loudness.tsv";
    double measured = 0;
    {
        LoudnessCache first(file);
        measured = first.integratedLufs(clip).value();
        CHECK(first.analysisCount() == 1);
    }
    const std::string good = readText(file);
    const std::string key = good.substr(good.find('\t'));  // "\tsize\tmtime\tpath\n"
    {
        LoudnessCache trusted(file);
        CHECK(trusted.integratedLufs(clip) == measured);
        CHECK(trusted.analysisCount() == 0);  // a good line is used
    }
    for (const std::string value : {"+40", "-20x", "nan", "inf", "-1e999", "", "silent\tjunk"}) {
        INFO("'" << value << "'");
        writeText(file, "torn line without a tab\n" + value + key + "12\tnot-a-size\t1\t/x\n");
        LoudnessCache damaged(file);
        CHECK(damaged.integratedLufs(clip) == measured);
        CHECK(damaged.analysisCount() == 1);
        CHECK(readText(file) == good);  // the bad lines are gone, the new measurement is in
    }
    // A FIFO in its place is neither read nor written (it would hang): memory only.
    fs::remove(file);
    REQUIRE(mkfifo(file.c_str(), 0600) == 0);
    LoudnessCache fifo(file);
    CHECK(fifo.integratedLufs(clip) == measured);
    CHECK(fs::is_fifo(file));
}

TEST_CASE("resume.tsv: a damaged line or a place the script lost starts from the beginning", "[safety][play]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Two\"\n[[step]]\nid = \"a\"\npause = \"1s\"\ncaption = \"first\"\n"
                              "[[step]]\nid = \"b\"\npause = \"1s\"\ncaption = \"second\"\n");
    const std::string script = fs::canonical(dir / "s.toml").string();
    const std::string env = "XDG_STATE_HOME='" + (dir / "state").string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() +
                            "' DISPLAY= WAYLAND_DISPLAY= '" + KINDLY_BINARY + "' ";
    fs::create_directories(dir / "state/kindly");
    // A step the script does not have (renamed since): played from the start, with a note.
    writeText(dir / "state/kindly/resume.tsv", "gone\t" + script + "\n");
    ShellRun run = runShell(dir, env + "play --silent s.toml --resume");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(has(run.out, "0:00  first"));
    CHECK(has(run.err, "the saved place in s.toml (step 'gone') is no longer in the script; playing from the start"));
    // Damaged lines are skipped; a good one among them still counts.
    writeText(dir / "state/kindly/resume.tsv", std::string("\x01\x02 junk\n\tno id\nb\trelative/s.toml\nb\t") + script + "\n");
    run = runShell(dir, env + "play --silent s.toml --resume");
    CHECK(run.status == 0);
    CHECK_FALSE(has(run.out, "first"));
    CHECK(has(run.out, "second"));
    // A FIFO in its place does not hang the player.
    fs::remove(dir / "state/kindly/resume.tsv");
    REQUIRE(mkfifo((dir / "state/kindly/resume.tsv").c_str(), 0600) == 0);
    run = runShell(dir, "timeout 60 env " + env + "play --silent s.toml --resume");
    CHECK(run.status == 0);
    CHECK(has(run.out, "0:00  first"));
}

TEST_CASE("the kiosk checks its sessions at start: one with errors is left off, the rest play", "[safety][kiosk][ui]") {
    TempDir dir;
    fs::create_directories(dir / "library");
    writeTone(dir / "outside.wav", 4800, 48000);
    const std::string head = "kindly = 1\n[session]\ntitle = \"T\"\n";
    writeText(dir / "library" / "ok.toml", head + "[[step]]\npause = \"1s\"\ncaption = \"Rest.\"\n");
    writeText(dir / "library" / "up.toml", head + "[[step]]\nclip = \"../outside.wav\"\n");
    const std::string exit = "[exit]\npin_hash = \"" + hashPin("2468", 1000) + "\"\n";
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\n[[session]]\nscript = \"ok.toml\"\n"
                                  "[[session]]\nscript = \"up.toml\"\n" + exit);
    const std::string kindly = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' XDG_STATE_HOME='" + (dir / "state").string() +
                               "' SDL_VIDEODRIVER=offscreen '" + KINDLY_BINARY + "' kiosk --silent --log usage.sqlite --config ";
    // It runs (until systemd's SIGTERM, sent once it has said what it left off), without the broken one.
    const ShellRun some = runShell(dir, kindly + "kiosk.toml 2> said.txt & k=$!; for i in $(seq 600); do grep -q 'left off' said.txt && "
                                                 "break; kill -0 $k 2> /dev/null || break; sleep 0.1; done; sleep 0.5; "
                                                 "kill -0 $k && kill -TERM $k; wait $k");
    const std::string said = readText(dir / "said.txt");
    INFO(said);
    CHECK(some.status == 0);
    CHECK(has(said, "up.toml:5:"));
    CHECK(has(said, (dir / "library" / "up.toml").string() + " is left off the kiosk until its errors are fixed"));
    CHECK_FALSE(has(said, "ok.toml is left off"));
    // With none that can play, it does not start.
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlibrary = [\"library\"]\n[[session]]\nscript = \"up.toml\"\n" + exit);
    const ShellRun none = runShell(dir, "timeout 60 env " + kindly + "kiosk.toml");
    CHECK(none.status == 1);
    CHECK(has(none.err, "none of the kiosk's sessions can play; `kindly kiosk --check` lists what to fix"));
}
