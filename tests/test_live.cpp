// Live playback: the player's transport on a test-driven audio thread, and end to end
// through PortAudio into a real-time paced JACK dummy device, captured by ALSA's file plugin.
#include <catch2/catch.hpp>

#include <sndfile.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "TestSupport.hpp"
#include "engine/VoiceLevels.hpp"
#include "engine/Gain.hpp"
#include "player/Player.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const std::string kHead = "kindly = 1\n[session]\ntitle = \"T\"\n";

/// Plays the role of the audio thread: pulls `frames` from the player in device-sized blocks.
/// Unlike a device, it waits for the streaming thread (up to 20 s, for slow sanitizer builds),
/// so the samples compared never depend on the machine's speed.
std::vector<float> pull(Player& player, std::size_t frames, std::size_t block = 256) {
    std::vector<float> out(2 * frames);
    for (std::size_t done = 0; done < frames; done += block) {
        const std::size_t n = std::min(block, frames - done);
        for (int i = 0; i < 20000 && player.buffered() < n && !player.renderedAll(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        player.renderAudio(out.data() + 2 * done, n, false);
    }
    return out;
}

/// Waits (up to 2 s) until `condition` holds, pulling audio meanwhile.
template <typename Condition>
bool pullUntil(Player& player, Condition condition) {
    for (int i = 0; i < 400; ++i) {
        if (condition()) return true;
        pull(player, 256);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return condition();
}

struct Live {
    PreparedSession prepared;
    std::unique_ptr<Player> player;
};

Live live(const TempDir& dir, const std::string& text, Frames start = 0) {
    Live l{prepareText(dir, text), nullptr};
    INFO(diagnosticLines(l.prepared.diagnostics));
    REQUIRE(l.prepared.ok());
    LoudnessCache loudness;
    auto levels = computeVoiceLevels(*l.prepared.script, *l.prepared.timeline, loudness);
    l.player = std::make_unique<Player>(*l.prepared.script, *l.prepared.timeline, levels.gainsDb,
                                        std::make_unique<DirectSourceProvider>(), start);
    return l;
}

const std::string kThreeSteps = kHead + "[mix]\nvoice_lufs = false\n[[ambient]]\nsound = \"pink-noise\"\n"
                                        "[[step]]\nchapter = \"One\"\nclip = \"v.wav\"\npause = 1\ncaption = \"first\"\n"
                                        "[[step]]\nclip = \"v.wav\"\npause = 1\ncaption = \"second\"\n"
                                        "[[step]]\nchapter = \"Two\"\nclip = \"v.wav\"\npause = 1\ncaption = \"third\"\n";

}  // namespace

TEST_CASE("live output is the rendered session, sample for sample", "[live]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 30000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.03f); });
    auto l = live(dir, kThreeSteps);
    l.player->play();
    const Frames total = l.prepared.timeline->renderEnd;
    auto played = pull(*l.player, static_cast<std::size_t>(total));
    // The same session through the engine directly.
    LoudnessCache loudness;
    auto levels = computeVoiceLevels(*l.prepared.script, *l.prepared.timeline, loudness);
    DirectSourceProvider provider;
    Engine engine(*l.prepared.script, *l.prepared.timeline, levels.gainsDb, provider);
    std::vector<float> rendered(2 * static_cast<std::size_t>(total));
    for (Frames done = 0; done < total;) {
        engine.prepare();
        done += static_cast<Frames>(engine.render(rendered.data() + 2 * done, 1000));
    }
    CHECK(firstDifference(played, rendered) == "");
    CHECK(l.player->snapshot().underflows == 0);
    CHECK(pullUntil(*l.player, [&] { return l.player->snapshot().state == PlayerState::Ended; }));
}

TEST_CASE("after an underflow the player finds its place again and still reaches the end", "[live]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 30000, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.03f); });
    auto l = live(dir, kThreeSteps);
    l.player->play();
    pull(*l.player, 4096);
    // A device asking for far more than is ready (a late streaming thread): silence, counted.
    // Asked once the ring is full, when the streaming thread sleeps (20 ms) before topping it
    // up; under ThreadSanitizer on a busy machine it may still keep up with one such request,
    // so a few are made (the session is long enough for all of them).
    std::vector<float> big(2 * 4 * Player::kRingFrames);
    for (int attempt = 0; attempt < 5 && l.player->snapshot().underflows == 0; ++attempt) {
        for (int i = 0; i < 2000 && l.player->buffered() + 2 * Player::kBlock < Player::kRingFrames; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        l.player->renderAudio(big.data(), 4 * Player::kRingFrames, false);
    }
    CHECK(l.player->snapshot().underflows == 1);
    // Then it plays on from where the ring is, and the session ends where it should.
    pull(*l.player, static_cast<std::size_t>(l.prepared.timeline->renderEnd));
    CHECK(pullUntil(*l.player, [&] { return l.player->snapshot().state == PlayerState::Ended; }));
    CHECK(l.player->snapshot().position <= l.prepared.timeline->renderEnd);
}

TEST_CASE("pause fades out, holds the position, and resumes with a fade-in", "[live][transport]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 96000, 48000, 1, [](long, int) { return 0.25f; });
    auto l = live(dir, kHead + "[mix]\nvoice_lufs = false\n[[step]]\nclip = \"v.wav\"\n");
    l.player->play();
    pull(*l.player, 24000);
    l.player->pause();
    auto fading = pull(*l.player, 2048);
    const Frames at = l.player->snapshot().position;
    auto silent = pull(*l.player, 4800);
    CHECK(l.player->snapshot().position == at);  // nothing consumed while paused
    CHECK(l.player->snapshot().state == PlayerState::Paused);
    CHECK(fading[0] > 0.2f);
    CHECK(fading[2 * 1000] == 0.0f);  // faded out within 10 ms (480 frames)
    for (std::size_t i = 1; i < 1000; ++i) REQUIRE(std::fabs(fading[2 * i] - fading[2 * (i - 1)]) < 0.002f);
    for (float s : silent) REQUIRE(s == 0.0f);
    l.player->play();
    auto resumed = pull(*l.player, 2048);
    CHECK(resumed[0] < 0.01f);
    CHECK(resumed[2 * 1000] == Approx(0.25f).margin(0.001));
    CHECK(l.player->snapshot().position == at + 2048);
}

TEST_CASE("step and chapter skips land on the right frame", "[live][transport]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 48000, 48000, 1, [](long, int) { return 0.25f; });
    auto l = live(dir, kThreeSteps);
    const Timeline& tl = *l.prepared.timeline;
    Player& player = *l.player;
    player.play();
    pull(player, 4800);
    player.nextStep();
    REQUIRE(pullUntil(player, [&] { return player.snapshot().step == 1; }));
    CHECK(player.snapshot().position >= tl.steps[1].start);
    CHECK(player.snapshot().position < tl.steps[1].start + 48000);
    CHECK(player.snapshot().caption == "second");
    player.nextChapter();
    REQUIRE(pullUntil(player, [&] { return player.snapshot().chapter == 1; }));
    CHECK(player.snapshot().step == 2);
    player.previousChapter();  // near the start of chapter 2: back to chapter 1
    REQUIRE(pullUntil(player, [&] { return player.snapshot().chapter == 0; }));
    CHECK(player.snapshot().step == 0);
    player.seekToStep(2);
    REQUIRE(pullUntil(player, [&] { return player.snapshot().step == 2; }));
    // Exactly: the first frame played after the seek is the step's first frame.
    const Frames p = player.snapshot().position;
    CHECK(p > tl.steps[2].start);
    CHECK(p <= tl.steps[2].start + 4096);
    auto events = player.pollEvents();
    player.restart();
    REQUIRE(pullUntil(player, [&] { return player.snapshot().step == 0; }));
    events = player.pollEvents();
    bool sawStep = false;
    for (const auto& e : events) sawStep = sawStep || e.kind == PlayerEvent::Kind::Step;
    CHECK(sawStep);
}

TEST_CASE("a wait step holds until the listener continues, with the ambient playing on", "[live][transport]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 24000, 48000, 1, [](long, int) { return 0.25f; });
    auto l = live(dir, kHead + "[mix]\nvoice_lufs = false\n[[ambient]]\nsound = \"white-noise\"\n"
                                 "[[step]]\npause = 1\nwait = true\n[[step]]\nclip = \"v.wav\"\n");
    Player& player = *l.player;
    player.play();
    REQUIRE(pullUntil(player, [&] { return player.snapshot().state == PlayerState::Waiting; }));
    const Frames at = player.snapshot().position;
    CHECK(at == 48000);
    auto held = pull(player, 9600);
    float peak = 0;
    for (float s : held) peak = std::max(peak, std::fabs(s));
    CHECK(peak > 0.001f);  // the ambient goes on
    CHECK(player.snapshot().position == at);
    player.continueAfterWait();
    REQUIRE(pullUntil(player, [&] { return player.snapshot().position > at + 4800; }));
    CHECK(player.snapshot().state == PlayerState::Playing);
}

TEST_CASE("volumes ramp and never jump", "[live][transport]") {
    TempDir dir;
    writeSamples(dir / "v.wav", 96000, 48000, 1, [](long, int) { return 0.25f; });
    auto l = live(dir, kHead + "[mix]\nvoice_lufs = false\n[[step]]\nclip = \"v.wav\"\n");
    Player& player = *l.player;
    player.play();
    pull(player, 4800);
    player.setVolume(Player::Volume::Master, 0.5);
    auto after = pull(player, 4800);
    for (std::size_t i = 1; i < 4800; ++i) REQUIRE(std::fabs(after[2 * i] - after[2 * (i - 1)]) < 0.001f);
    CHECK(after[2 * 4799] == Approx(0.25 * gainFromDb(volumeToDb(0.5))).margin(0.001));
    player.setVolume(Player::Volume::Voice, 0.0);
    REQUIRE(pullUntil(player, [&] {
        auto block = pull(player, 256);
        return std::fabs(block[0]) < 1e-4f;
    }));
    CHECK(player.volume(Player::Volume::Voice) == 0.0);
}

TEST_CASE("volume steps are even to the ear", "[live]") {
    CHECK(volumeToDb(1.0) == 0.0);
    CHECK(volumeToDb(0.5) == Approx(-15.05).margin(0.01));
    CHECK(volumeToDb(0.0) <= -200.0);
    CHECK(volumeToDb(2.0) == 0.0);
}
