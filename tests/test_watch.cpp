// `kindly play --watch`: a new version of the script takes over at the same step (and place,
// when the step is unchanged); an invalid one keeps the last good version playing and reports
// its line. In-process (where it goes on from), in the window, and from the command line.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "TestSupport.hpp"
#include "live/LiveOutput.hpp"
#include "live/ScriptReload.hpp"
#include "ui/WindowApp.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

std::string script(const std::string& captionB, const std::string& pauseB = "3s", bool withA = true) {
    std::string s = "kindly = 1\n[session]\ntitle = \"W\"\n";
    if (withA) s += "[[step]]\nid = \"a\"\ncaption = \"First.\"\npause = \"2s\"\n";
    s += "[[step]]\nid = \"b\"\ncaption = \"" + captionB + "\"\npause = \"" + pauseB + "\"\n";
    s += "[[step]]\nid = \"c\"\ncaption = \"Third.\"\npause = \"3s\"\n";
    return s;
}

std::unique_ptr<LiveSession> liveAt(const fs::path& file, const std::string& step, Frames offset) {
    PreparedSession p = prepareSession(file, {});
    REQUIRE(p.ok());
    auto live = readyLiveSession(file, std::move(p));
    const int index = findStep(live->script(), step);
    REQUIRE(index >= 0);
    makePlayer(*live, live->timeline().steps[static_cast<std::size_t>(index)].start + offset);
    return live;
}

std::unique_ptr<LiveSession> ready(const fs::path& file) {
    NewVersion next = loadNewVersion(file, {});
    INFO((next.diagnostics.empty() ? "" : next.diagnostics.front()));
    REQUIRE(next.live);
    return std::move(next.live);
}

bool waitFor(const std::function<bool()>& done, int ms) {
    for (int i = 0; i < ms / 20; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

}  // namespace

TEST_CASE("a new version goes on from the same step, at the same place when the step is unchanged", "[watch]") {
    TempDir dir;
    const fs::path file = dir / "s.toml";
    writeText(file, script("Second."));
    const auto old = liveAt(file, "b", 24000);  // half a second into b

    // Another step changed: b goes on half a second in.
    writeText(file, script("Second.").replace(script("Second.").find("Third."), 6, "Third, edited."));
    auto same = ready(file);
    const Timeline& t1 = same->timeline();
    CHECK(continuePoint(*old, *same) == t1.steps[1].start + 24000);

    // b itself changed (its caption, or its pause): b from its start.
    writeText(file, script("Second, edited."));
    auto edited = ready(file);
    CHECK(continuePoint(*old, *edited) == edited->timeline().steps[1].start);
    writeText(file, script("Second.", "5s"));
    auto longer = ready(file);
    CHECK(continuePoint(*old, *longer) == longer->timeline().steps[1].start);

    // Step a removed: b is found by its id (now the first step), still half a second in.
    writeText(file, script("Second.", "3s", false));
    auto shorter = ready(file);
    CHECK(continuePoint(*old, *shorter) == 24000);

    // takeOver gives the new version its player there, with the listener's volumes.
    old->player->setVolume(Player::Volume::Ambient, 0.25);
    takeOver(*old, *same);
    REQUIRE(same->player);
    CHECK(same->player->snapshot().position == t1.steps[1].start + 24000);
    CHECK(same->player->volume(Player::Volume::Ambient) == Approx(0.25));
}

TEST_CASE("an invalid new version is refused with its line, and a file watcher sees each change once", "[watch]") {
    TempDir dir;
    const fs::path file = dir / "s.toml";
    writeText(file, script("Second."));
    FileWatcher watcher(file);
    CHECK_FALSE(watcher.changed());
    writeText(file, script("Second.", "soon"));
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());
    NewVersion bad = loadNewVersion(file, {});
    CHECK_FALSE(bad.live);
    REQUIRE_FALSE(bad.diagnostics.empty());
    CHECK(bad.diagnostics.front().find("s.toml:11:9: error: bad 'pause'") != std::string::npos);
    fs::remove(file);
    CHECK_FALSE(watcher.changed());  // gone (an editor replacing it): nothing yet
    writeText(file, script("Second."));
    CHECK(watcher.changed());
}

TEST_CASE("the window follows edits: a valid one takes over, an invalid one shows its line", "[watch][ui]") {
    TempDir dir;
    const ScopedEnv video("SDL_VIDEODRIVER", "offscreen"), state("XDG_STATE_HOME", (dir / "state").string());
    const fs::path file = dir / "s.toml";
    writeText(file, script("Second.", "30s"));
    auto output = std::make_unique<LiveOutput>();
    std::string error;
    REQUIRE(output->open({"", true, 48000}, error));
    PreparedSession p = prepareSession(file, {});
    REQUIRE(p.ok());
    auto live = makeLiveSession(file, std::move(p), 1);  // at b, 30 s long
    ui::WindowOptions o;
    o.output.silent = true;
    o.size = SDL_Point{800, 480};
    o.watch = true;
    ui::WindowApp app(o);
    app.startSession(std::move(output), std::move(live));
    app.runUntil([] { return false; }, 300);
    CHECK(app.player()->snapshot().step == 1);

    writeText(file, script("Second.", "30s").replace(script("Second.", "30s").find("Third."), 6, "Third, edited."));
    REQUIRE(app.runUntil([&] { return app.reloads() == 1; }, 20000));
    CHECK(app.player()->snapshot().step == 1);
    CHECK(app.player()->snapshot().position > app.session()->timeline().steps[1].start);  // it went on, not back
    CHECK(app.session()->script().steps[2].captionText() == "Third, edited.");
    CHECK(app.reloadProblem().empty());

    writeText(file, script("Second.", "30s") + "[[step]]\nbreathe = 4\n");
    REQUIRE(app.runUntil([&] { return !app.reloadProblem().empty(); }, 20000));
    INFO(app.reloadProblem());
    CHECK(app.reloadProblem().find("s.toml:17:11: error: 'breathe'") == 0);
    CHECK(app.reloadProblem().find("Still playing the last good version") != std::string::npos);
    CHECK(app.reloads() == 1);
    CHECK(app.player()->snapshot().state == PlayerState::Playing);

    writeText(file, script("Second.", "30s"));
    REQUIRE(app.runUntil([&] { return app.reloads() == 2; }, 20000));
    CHECK(app.reloadProblem().empty());
}

TEST_CASE("kindly play --watch in the terminal: edits take over, errors are reported, it plays on", "[watch][cli]") {
    TempDir dir;
    writeText(dir / "s.toml", script("Second.", "4s"));
    const std::string out = (dir / "play.out").string(), err = (dir / "play.err").string();
    const auto run = runShell(dir, "(XDG_STATE_HOME=state '" + std::string(KINDLY_BINARY) +
                                       "' play s.toml --watch --silent --no-window > play.out 2> play.err & echo $! > pid)");
    REQUIRE(run.status == 0);
    const auto has = [&](const std::string& file, const std::string& part) {
        return fs::exists(file) && readText(file).find(part) != std::string::npos;
    };
    REQUIRE(waitFor([&] { return has(out, "Second."); }, 15000));
    writeText(dir / "s.toml", script("Second.", "4s").replace(script("Second.", "4s").find("Third."), 6, "Third, edited."));
    CHECK(waitFor([&] { return has(out, "(reloaded: step b)"); }, 10000));
    writeText(dir / "s.toml", script("Second.", "4s").replace(script("Second.", "4s").find("\"3s\"\n", 150), 4, "\"x\""));
    CHECK(waitFor([&] { return has(err, "s.toml:15:9: error: bad 'pause'"); }, 10000));
    CHECK(has(err, "still playing the last good one"));
    // The last good version plays on to its end, with the edited caption.
    CHECK(waitFor([&] { return has(out, "the end (watching for changes)"); }, 15000));
    CHECK(has(out, "Third, edited."));
    runShell(dir, "kill -INT $(cat pid)");
    CHECK(waitFor([&] { return has(out, "\n") && readText(out).rfind("the end\n") != std::string::npos; }, 5000));
}
