// `kindly play` as a listener (or a script) runs it, without a sound device.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <fstream>
#include <iterator>

#include "TestSupport.hpp"

using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

/// Runs `kindly ARGS` with a HOME of its own, no JACK server, no sound card and no display in reach.
ShellRun runKindly(const TempDir& dir, const std::string& args, const std::string& prefix = "") {
    return runShell(dir, "HOME='" + dir.path().string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() +
                             "' XDG_STATE_HOME='" + (dir / "state").string() +
                             "' JACK_DEFAULT_SERVER=kindly-no-such-server DISPLAY= WAYLAND_DISPLAY= " + prefix +
                             std::string(KINDLY_BINARY) + " " + args);
}

const char* kScript = "kindly = 1\n[session]\ntitle = \"Three Steps\"\n"
                      "[[step]]\nid = \"a\"\npause = \"1s\"\ncaption = \"first\"\n"
                      "[[step]]\nid = \"b\"\npause = \"1s\"\ncaption = \"second\"\nwait = true\n"
                      "[[step]]\nid = \"c\"\npause = \"1s\"\ncaption = \"third\"\n";

}  // namespace

TEST_CASE("play without a terminal prints the captions with their times", "[play]") {
    TempDir dir;
    writeText(dir / "s.toml", kScript);
    auto run = runKindly(dir, "play s.toml");
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.err.find("No sound device found: playing silently, so the captions still keep time.") != std::string::npos);
    // Without a listener at a keyboard, a wait step is passed at once.
    CHECK(run.out == "Three Steps\n0:00  first\n0:01  second\n0:02  (waiting for the listener)\n0:02  third\n0:03  the end\n");
}

TEST_CASE("play --from starts at a step, and names the closest step when there is none", "[play]") {
    TempDir dir;
    writeText(dir / "s.toml", kScript);
    auto run = runKindly(dir, "play --silent s.toml --from b");
    CHECK(run.status == 0);
    CHECK(run.out.find("0:01  second\n") != std::string::npos);
    CHECK(run.out.find("first") == std::string::npos);
    auto wrong = runKindly(dir, "play --silent s.toml --from bb");
    CHECK(wrong.status == 2);
    CHECK(wrong.err.find("no step 'bb' in s.toml; did you mean 'b'?") != std::string::npos);
}

TEST_CASE("play --resume continues where the listener stopped", "[play]") {
    TempDir dir;
    // The second step is long, so Ctrl-C surely lands in it however slowly the program starts.
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Three Steps\"\n"
                              "[[step]]\nid = \"a\"\npause = \"1s\"\ncaption = \"first\"\n"
                              "[[step]]\nid = \"b\"\npause = \"6s\"\ncaption = \"second\"\n"
                              "[[step]]\nid = \"c\"\npause = \"1s\"\ncaption = \"third\"\n");
    // Ctrl-C once the second step's caption shows, however slowly the program starts.
    auto stopped = runKindly(dir, "play --silent s.toml & p=$!; for i in $(seq 1200); do grep -q second out.txt && break; "
                                  "kill -0 $p 2> /dev/null || break; sleep 0.05; done; kill -INT $p; wait $p");
    INFO(stopped.out << stopped.err);
    CHECK(stopped.status == 0);
    CHECK(stopped.out.find("stopped") != std::string::npos);
    CHECK(readText(dir / "state/kindly/resume.tsv").rfind("b\t", 0) == 0);
    auto resumed = runKindly(dir, "play --silent s.toml --resume");
    CHECK(resumed.out.find("first") == std::string::npos);
    CHECK(resumed.out.find("0:01  second") != std::string::npos);
    CHECK(resumed.out.find("the end") != std::string::npos);
    // Played to the end, the place is forgotten.
    CHECK(readText(dir / "state/kindly/resume.tsv").find("s.toml") == std::string::npos);
}

TEST_CASE("play refuses an invalid script before any sound, like check", "[play]") {
    TempDir dir;
    writeText(dir / "bad.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npasue = 1\nwait = true\n");
    auto run = runKindly(dir, "play --silent bad.toml");
    CHECK(run.status == 1);
    CHECK(run.err.find("bad.toml:5:1: error: unknown key 'pasue'") != std::string::npos);
}

TEST_CASE("devices lists what there is, and says so when there is nothing", "[play]") {
    TempDir dir;
    auto run = runKindly(dir, "devices");
    CHECK(run.status == 0);
    CHECK(run.out.find("Output devices (for `kindly play --device`):\n") == 0);
    CHECK(run.out.find("\nInput devices (for `kindly record --input`):\n") != std::string::npos);
    // Each list has its devices or says there are none.
    const bool outputs = run.out.find("  none: `kindly play` will play silently.") != std::string::npos ||
                         run.out.find("Output devices (for `kindly play --device`):\n  none") == std::string::npos;
    CHECK(outputs);
    CHECK(run.out.find("* the default.") != std::string::npos);
}

TEST_CASE("play with no script plays the bundled default session", "[play]") {
    TempDir dir;
    // The first run synthesizes the narration before it plays (seconds, more on a busy machine):
    // Ctrl-C once the first caption shows, up to 3 minutes.
    auto run = runKindly(dir, "play --silent & p=$!; for i in $(seq 3600); do grep -q Welcome out.txt && break; "
                              "kill -0 $p 2> /dev/null || break; sleep 0.05; done; kill -INT $p; wait $p", "");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.out.rfind("Self-Compassion Break\n0:00  Welcome.", 0) == 0);
}

TEST_CASE("play opens the window where there is a display, and --no-window keeps to the terminal", "[play][ui]") {
    TempDir dir;
    writeText(dir / "s.toml", kScript);
    // SDL's offscreen driver stands in for a display.
    // Step b waits for the listener in the window, so it stays there once reached (2 s into the
    // session): Ctrl-C at 10 s lands in it however slowly the window starts (it printed nothing
    // to wait on).
    auto window = runKindly(dir, "play --silent s.toml", "SDL_VIDEODRIVER=offscreen timeout --preserve-status --signal=INT 10 ");
    INFO(window.err);
    CHECK(window.status == 0);
    CHECK(window.out.find("first") == std::string::npos);  // the captions are in the window
    CHECK(readText(dir / "state" / "kindly" / "resume.tsv").rfind("b\t", 0) == 0);  // stopped in step b

    auto terminal = runKindly(dir, "play --silent --no-window s.toml & p=$!; for i in $(seq 1200); do grep -q first out.txt && break; "
                                   "kill -0 $p 2> /dev/null || break; sleep 0.05; done; kill -INT $p; wait $p",
                              "SDL_VIDEODRIVER=offscreen ");
    CHECK(terminal.status == 0);
    CHECK(terminal.out.find("0:00  first") != std::string::npos);
}

TEST_CASE("play prints each of a session's warnings once, in the window as in the terminal", "[play][ui]") {
    TempDir dir;
    // A silent clip has no measurable loudness: the one warning a live session gives. The step
    // waits for the listener, so the window stays on it until Ctrl-C.
    writeTone(dir / "quiet.wav", 24000, 48000, 1, 0.0);
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Quiet\"\n"
                              "[[step]]\nid = \"hush\"\nclip = \"quiet.wav\"\ncaption = \"Hush.\"\nwait = true\n");
    const std::string warning = "has no measurable loudness";
    auto count = [&](const std::string& text) {
        std::size_t n = 0;
        for (std::size_t at = text.find(warning); at != std::string::npos; at = text.find(warning, at + 1)) ++n;
        return n;
    };
    // Ctrl-C once the warning is out and the window has had two seconds more to start the
    // session (where a second copy was printed).
    auto window = runKindly(dir, "play --silent s.toml & p=$!; for i in $(seq 1200); do grep -q 'measurable' err.txt && break; "
                                 "kill -0 $p 2> /dev/null || break; sleep 0.05; done; sleep 2; kill -INT $p; wait $p",
                            "SDL_VIDEODRIVER=offscreen ");
    INFO(window.err);
    CHECK(window.status == 0);
    CHECK(count(window.err) == 1);
    auto terminal = runKindly(dir, "play --silent --no-window s.toml & p=$!; for i in $(seq 1200); do grep -q Hush out.txt && break; "
                                   "kill -0 $p 2> /dev/null || break; sleep 0.05; done; kill -INT $p; wait $p");
    INFO(terminal.err);
    CHECK(terminal.status == 0);
    CHECK(count(terminal.err) == 1);
}

TEST_CASE("kindly alone opens the library where there is a display, and shows the help where there is none", "[play][ui]") {
    TempDir dir;
    auto help = runKindly(dir, "");
    CHECK(help.status == 0);
    CHECK(help.out.find("opens the library of sessions in a window") != std::string::npos);
    CHECK(help.out.find("play") != std::string::npos);

    auto named = runKindly(dir, "--library .");
    CHECK(named.status == 2);
    CHECK(named.err.find("the library needs a window, and no display") != std::string::npos);

    // Ctrl-C after 10 s: well after it has started, however slow the machine (a library has no end).
    auto library = runKindly(dir, "--library . --silent", "SDL_VIDEODRIVER=offscreen timeout --preserve-status --signal=INT 10 ");
    INFO(library.err);
    CHECK(library.status == 0);
}

TEST_CASE("a display that does not answer is no window: play says so and keeps to the terminal", "[play][ui]") {
    // SDL would settle on its invisible offscreen driver; a window nobody can see is worse than none.
    TempDir dir;
    writeText(dir / "s.toml", kScript);
    const std::string noServer = "DISPLAY=:4097 ";  // a display number nothing listens on
    REQUIRE_FALSE(fs::exists("/tmp/.X11-unix/X4097"));
    auto play = runKindly(dir, "play --silent s.toml", noServer);
    INFO(play.err);
    CHECK(play.status == 0);
    CHECK(play.err.find("kindly: the display cannot be opened: nothing answers at $DISPLAY (\":4097\"); playing in the terminal") !=
          std::string::npos);
    CHECK(play.out.find("0:00  first\n") != std::string::npos);
    CHECK(play.out.find("0:03  the end") != std::string::npos);

    auto library = runKindly(dir, "--library . --silent", noServer);
    CHECK(library.status == 2);
    CHECK(library.err.find("the library needs a window, and the display cannot be opened: nothing answers at $DISPLAY") !=
          std::string::npos);
}

TEST_CASE("a device name that matches nothing is an error that names it, for play and for record", "[play]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\nid = \"hello\"\nsay = \"Hello.\"\n");
    auto play = runKindly(dir, "play --device no-such-device s.toml");
    CHECK(play.status == 2);
    CHECK(play.err.find("kindly: no output device matches 'no-such-device' (see `kindly devices`)") != std::string::npos);
    CHECK(play.out.find("Hello") == std::string::npos);  // nothing played
    auto record = runKindly(dir, "record s.toml --input no-such-device --no-window < /dev/null");
    CHECK(record.status == 2);  // a usage error, as for play
    CHECK(record.err.find("kindly: no input device matches 'no-such-device' (see `kindly devices`)") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "s" / "hello.wav"));
}
