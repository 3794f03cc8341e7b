// `kindly record`: takes trimmed, measured and saved without losing an earlier one; and the
// whole recorder end to end, with ALSA's `file` plugin as the microphone (its infile feeds a
// known WAV) on a real-time paced JACK dummy device.
#include <catch2/catch.hpp>


#include <chrono>
#include <cmath>
#include <thread>
#include <fstream>

#include "TestSupport.hpp"
#include "UiEvents.hpp"
#include "record/RecordingFlow.hpp"
#include "record/Takes.hpp"
#include "script/ScriptLoader.hpp"
#include "ui/RecordWindow.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

/// `silence` s of faint noise, `tone` s of 440 Hz at `db` dBFS, then `after` s of faint noise.
std::vector<float> burst(double silence, double tone, double after, double db = -12, int rate = 48000) {
    std::vector<float> v;
    const float amplitude = static_cast<float>(std::pow(10.0, db / 20.0));
    unsigned seed = 1;
    const auto noise = [&] {
        seed = seed * 1664525u + 1013904223u;
        return (static_cast<float>(seed >> 8) / 16777216.0f - 0.5f) * 0.0005f;  // about -72 dBFS
    };
    for (long i = 0; i < static_cast<long>(silence * rate); ++i) v.push_back(noise());
    for (long i = 0; i < static_cast<long>(tone * rate); ++i) v.push_back(amplitude * static_cast<float>(std::sin(2 * M_PI * 440 * i / rate)));
    for (long i = 0; i < static_cast<long>(after * rate); ++i) v.push_back(noise());
    return v;
}

/// A mono file's samples (none when it is not mono).
std::vector<float> readMono(const fs::path& file, int* rate = nullptr) {
    Sound sound = readSound(file);
    if (rate) *rate = sound.rate;
    return sound.channels == 1 ? std::move(sound.samples) : std::vector<float>{};
}

double peakDb(const std::vector<float>& v) { return measureTake(v).peakDb; }

/// The script s.toml: steps hello and two, both with words; recordings go to `s/`.
void writeScript(const TempDir& dir) {
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"R\"\n[[step]]\nid = \"hello\"\nsay = \"Hello there.\"\n"
                              "[[step]]\nid = \"two\"\nsay = \"Two.\"\n");
}

/// HOME's ALSA config in `dir`: the default capture is ALSA's file plugin reading mic.raw (4 s
/// of quiet, 1.5 s of tone at -12 dBFS, quiet), paced by JACK's dummy driver; the default
/// playback is captured to played.raw. Also the script s.toml.
void fileMicrophone(const TempDir& dir) {
    // The microphone: 4 s of quiet (the recorder starts and counts in, 1 s, meanwhile: the
    // file plays from the moment the input opens), 1.5 s of tone, then quiet.
    const auto input = burst(4.0, 1.5, 12.0, -12);
    {
        std::vector<std::int16_t> pcm;
        for (float f : input) pcm.push_back(static_cast<std::int16_t>(std::lround(f * 32767)));
        std::ofstream raw(dir / "mic.raw", std::ios::binary);
        raw.write(reinterpret_cast<const char*>(pcm.data()), static_cast<std::streamsize>(pcm.size() * 2));
    }
    writeText(dir / ".asoundrc",
              "pcm.!default { type asym; playback.pcm \"out\"; capture.pcm \"mic\" }\n"
              "pcm.out { type file; slave.pcm \"jackout\"; file \"" + (dir / "played.raw").string() + "\"; format \"raw\" }\n"
              "pcm.jackout { type plug; slave.pcm { type jack; playback_ports { 0 system:playback_1 1 system:playback_2 } } }\n"
              "pcm.mic { type plug; slave { pcm \"micfile\"; format S16_LE; rate 48000; channels 1 } }\n"
              "pcm.micfile { type file; slave.pcm \"jackin\"; file \"/dev/null\"; infile \"" + (dir / "mic.raw").string() +
                  "\"; format \"raw\" }\n"
              "pcm.jackin { type plug; slave.pcm { type jack; capture_ports { 0 system:capture_1 } } }\n");
    writeScript(dir);
}

/// The recorder said its microphone stopped, or lost sound during the take: on the JACK dummy
/// device of a busy machine that is the device's doing, and the end-to-end tests record again.
bool devicesFaltered(const std::string& said) {
    return said.find("The microphone stopped sending sound") != std::string::npos ||
           said.find("Some sound was lost during the take") != std::string::npos;
}

/// A microphone the test feeds: what it queues arrives at the next drain.
struct FakeInput {
    std::vector<float> queued;
    int starts = 0;
    bool refuse = false;            // start() fails
    std::size_t deliverEvery = 0;  // samples held back until this many are queued
    long long dropouts = 0;
};

class FakeMicrophone final : public Microphone {
public:
    explicit FakeMicrophone(std::shared_ptr<FakeInput> input) : input_(std::move(input)) {}
    bool start(const std::string&) override {
        ++input_->starts;
        error_ = input_->refuse ? "the input 'Fake' is gone" : "";
        return !input_->refuse;
    }
    void stop() override {}
    void drain(std::vector<float>& take) override {
        if (input_->queued.size() < input_->deliverEvery) return;
        take.insert(take.end(), input_->queued.begin(), input_->queued.end());
        input_->queued.clear();
    }
    const std::string& error() const override { return error_; }
    const std::string& deviceName() const override { return name_; }
    long long dropouts() const override { return input_->dropouts; }

private:
    std::shared_ptr<FakeInput> input_;
    std::string error_, name_ = "Fake";
};

/// An output the test runs: while `running`, each turn takes 480 frames from the sink into `played`.
class FakeOutput final : public AudioOutput {
public:
    bool start(AudioSink& sink) override {
        sink_ = &sink;
        return true;
    }
    void stop() override { sink_ = nullptr; }
    int rate() const override { return 48000; }
    std::string name() const override { return "Fake out"; }
    void turn() {
        if (!sink_ || !running) return;
        float block[2 * 480];
        sink_->renderAudio(block, 480, false);
        played.insert(played.end(), block, block + 2 * 480);
    }
    bool running = true;
    std::vector<float> played;  // stereo

private:
    AudioSink* sink_ = nullptr;
};

/// A recorder on a fake microphone and clock, moved on in 10 ms turns; `signal` is what the
/// microphone hears from time 0, and it delivers nothing after `deliverUntil` seconds.
struct FlowOnFakes {
    TempDir dir;
    std::shared_ptr<FakeInput> input = std::make_shared<FakeInput>();
    double clock = 0;
    int turns = 0;
    std::vector<float> signal;
    double deliverUntil = 1e9;
    std::unique_ptr<Script> script;
    std::unique_ptr<RecordingFlow> flow;

    FakeOutput* output = nullptr;  // with playBack

    explicit FlowOnFakes(std::vector<float> heard, bool playBack = false) : signal(std::move(heard)) {
        writeScript(dir);
        ScriptLoad load = loadScriptFile(dir / "s.toml");
        REQUIRE(load.script);
        script = std::make_unique<Script>(std::move(*load.script));
        RecordOptions options;
        options.playBack = playBack;
        RecordDevices devices{std::make_unique<FakeMicrophone>(input), nullptr};
        if (playBack) {
            auto out = std::make_unique<FakeOutput>();
            output = out.get();
            devices.output = std::move(out);
        }
        flow = std::make_unique<RecordingFlow>(*script, std::vector<int>{0}, options, [this] { return clock; }, std::move(devices));
    }
    /// One 10 ms turn: the microphone's next 480 samples (when it delivers), then update().
    void turn() {
        const std::size_t from = static_cast<std::size_t>(turns) * 480;
        ++turns;
        clock = turns / 100.0;
        if (clock <= deliverUntil + 1e-9)
            for (std::size_t i = from; i < from + 480; ++i) input->queued.push_back(i < signal.size() ? signal[i] : 0.0f);
        if (output) output->turn();
        flow->update();
    }
    /// Starts a take and turns through its count-in (the take is then recording).
    void startTake() {
        flow->act(RecordingFlow::Action::Start);
        turnWhile(RecordingFlow::Phase::CountIn, 10);
    }
    /// Turns until the phase is no longer `phase` (at most `seconds`); the clock then.
    double turnWhile(RecordingFlow::Phase phase, double seconds) {
        for (int i = 0; i < static_cast<int>(seconds * 100) && flow->phase() == phase; ++i) turn();
        return clock;
    }
};

}  // namespace

TEST_CASE("a take loses its leading and trailing silence, keeping a natural margin", "[record]") {
    const auto take = burst(1.0, 0.5, 2.0);
    const auto trimmed = trimSilence(take, 48000);
    // 150 ms before the sound, 350 ms after it (to the 10 ms window).
    CHECK(std::abs(static_cast<double>(trimmed.size()) / 48000 - (0.15 + 0.5 + 0.35)) < 0.011);
    CHECK(peakDb(trimmed) == Approx(-12).margin(0.1));
    CHECK(trimmed.front() == 0.0f);  // faded in: no click
    CHECK(trimSilence(burst(2.0, 0, 0), 48000).empty());  // nothing heard
    CHECK(measureTake(burst(0.1, 0.2, 0.1, 0.5)).clipping());
    CHECK(measureTake(burst(1.0, 0, 0)).silent());
    CHECK_FALSE(measureTake(take).silent());
}

TEST_CASE("a kept take never overwrites an earlier one: it is kept as <id>.take-N", "[record]") {
    TempDir dir;
    const fs::path voices = dir / "voices";
    const auto first = burst(0, 0.3, 0, -20), second = burst(0, 0.3, 0, -10), third = burst(0, 0.2, 0, -6);
    REQUIRE(saveTake(voices, "arrive", first, 48000).ok);
    const SavedTake again = saveTake(voices, "arrive", second, 48000);
    REQUIRE(again.ok);
    CHECK(again.keptAs == voices / "arrive.take-1.wav");
    CHECK(peakDb(readMono(voices / "arrive.take-1.wav")) == Approx(-20).margin(0.1));
    CHECK(peakDb(readMono(voices / "arrive.wav")) == Approx(-10).margin(0.1));
    CHECK(saveTake(voices, "arrive", third, 48000).keptAs == voices / "arrive.take-2.wav");
    // A recording in another format is kept too (and the new WAV then speaks for the step).
    writeText(voices / "close.flac", "not really flac");
    const SavedTake replaced = saveTake(voices, "close", first, 48000);
    CHECK(replaced.keptAs == voices / "close.take-1.flac");
    CHECK_FALSE(fs::exists(voices / "close.flac"));
    for (const auto& e : fs::directory_iterator(voices)) CHECK(e.path().extension() != ".part");
}

TEST_CASE("a take starts after the count-in and ends itself after 3 s of quiet, trimmed", "[record]") {
    using P = RecordingFlow::Phase;
    FlowOnFakes f(burst(4.0, 1.5, 12.0, -12));
    REQUIRE(f.flow->phase() == P::Ready);
    CHECK(f.flow->micName() == "Fake");
    f.turn();
    f.flow->act(RecordingFlow::Action::Start);  // at 0.01 s
    CHECK(f.flow->countdown() == 3);
    // The count-in: 3 s, during which the meter moves but nothing is kept.
    CHECK(f.turnWhile(P::CountIn, 10) == Approx(3.01));
    REQUIRE(f.flow->phase() == P::Recording);
    // The tone ends at 5.5 s: 3 s of quiet after it (to the 10 ms window) end the take.
    CHECK(f.turnWhile(P::Recording, 20) == Approx(8.5).margin(0.015));
    REQUIRE(f.flow->phase() == P::Decide);
    CHECK(f.flow->takeSeconds() == Approx(0.15 + 1.5 + 0.35).margin(0.011));
    CHECK(f.flow->message().empty());
    f.flow->act(RecordingFlow::Action::Keep);
    CHECK(f.flow->phase() == P::Done);
    CHECK(f.flow->message() == "Saved hello.wav.");
    CHECK(f.input->starts == 1);  // never restarted: it kept delivering
    const auto saved = readMono(f.dir / "s" / "hello.wav");
    CHECK(static_cast<double>(saved.size()) / 48000 == Approx(2.0).margin(0.011));
    CHECK(peakDb(saved) == Approx(-12).margin(0.1));
}

TEST_CASE("a microphone that stops sending ends the take where it stopped and is started again", "[record]") {
    using P = RecordingFlow::Phase;
    SECTION("during a take: what was heard is kept") {
        FlowOnFakes f(burst(4.0, 1.5, 12.0, -12));
        f.deliverUntil = 6.0;  // half a second after the tone, before the 3 s of quiet that would end it
        f.startTake();
        // Nothing arrives after 6.0 s: 3 s later the take ends, though its quiet never came.
        CHECK(f.turnWhile(P::Recording, 60) == Approx(9.0).margin(0.015));
        REQUIRE(f.flow->phase() == P::Decide);
        CHECK(f.flow->message() == "The microphone stopped sending sound 3.0 s into the take, which ends there; it was started again.");
        CHECK(f.input->starts == 2);
        CHECK(f.flow->takeSeconds() == Approx(2.0).margin(0.011));
        f.flow->act(RecordingFlow::Action::Keep);
        CHECK(f.flow->message() == "Saved hello.wav.");
        CHECK(static_cast<double>(readMono(f.dir / "s" / "hello.wav").size()) / 48000 == Approx(2.0).margin(0.011));
    }
    SECTION("before anything was heard: the take is dropped, not called silent") {
        FlowOnFakes f(burst(4.0, 1.5, 12.0, -12));
        f.deliverUntil = 3.5;
        f.startTake();
        CHECK(f.turnWhile(P::Recording, 60) == Approx(6.5).margin(0.015));
        CHECK(f.flow->phase() == P::Ready);
        CHECK(f.flow->message() == "The microphone stopped sending sound 0.5 s into the take, which ends there; it was started again.");
        // Restarted, and delivering again: the next take records.
        f.deliverUntil = 1e9;
        f.startTake();
        CHECK(f.flow->phase() == P::Recording);
    }
    SECTION("a microphone that cannot be started again is an error, not a take for ever") {
        FlowOnFakes f(burst(4.0, 1.5, 12.0, -12));
        f.deliverUntil = 1.0;
        f.input->refuse = true;
        f.turnWhile(P::Ready, 10);
        CHECK(f.clock == Approx(4.0).margin(0.015));
        REQUIRE(f.flow->phase() == P::Failed);
        CHECK(f.flow->error() == "The microphone stopped sending sound, and cannot be started again: the input 'Fake' is gone");
    }
    SECTION("a microphone that sends in big blocks has not stopped") {
        FlowOnFakes f(burst(0.5, 1.5, 30.0, -12));
        f.input->deliverEvery = 48000 * 5 / 2;  // 2.5 s at a time
        f.startTake();
        for (int i = 0; i < 1200; ++i) f.turn();
        CHECK(f.flow->phase() == P::Recording);
        CHECK(f.input->starts == 1);
        CHECK(f.flow->message().empty());
    }
}

TEST_CASE("a take during which the microphone lost sound says so, one before it does not", "[record]") {
    using P = RecordingFlow::Phase;
    FlowOnFakes f(burst(4.0, 1.5, 12.0, -12));
    f.input->dropouts = 2;  // lost before the take: no matter
    f.startTake();
    f.turnWhile(P::Recording, 20);
    REQUIRE(f.flow->phase() == P::Decide);
    CHECK(f.flow->message().empty());
    f.flow->act(RecordingFlow::Action::Redo);
    f.turnWhile(P::CountIn, 10);
    REQUIRE(f.flow->phase() == P::Recording);
    f.input->dropouts = 3;
    f.signal = burst(f.clock + 1.0, 1.5, 12.0, -12);  // the words again, a second into the take
    f.turnWhile(P::Recording, 20);
    REQUIRE(f.flow->phase() == P::Decide);
    CHECK(f.flow->message() ==
          "Some sound was lost during the take (the computer or the device fell behind): listen for a gap, and redo it if there is one.");
}

TEST_CASE("a take plays back on both channels, then the choice is due, also when the output stops", "[record]") {
    using P = RecordingFlow::Phase;
    FlowOnFakes f(burst(4.0, 1.5, 12.0, -12), /*playBack=*/true);
    f.startTake();
    f.turnWhile(P::Recording, 20);
    REQUIRE(f.flow->phase() == P::Playback);  // nothing has played yet
    const double from = f.clock;
    SECTION("played to its end") {
        CHECK(f.turnWhile(P::Playback, 10) - from == Approx(2.0).margin(0.011));
        CHECK(f.flow->phase() == P::Decide);
        CHECK(f.flow->message().empty());
        f.flow->act(RecordingFlow::Action::Keep);
        const auto saved = readMono(f.dir / "s" / "hello.wav");
        REQUIRE(f.output->played.size() >= 2 * saved.size());
        std::vector<float> left, right;
        for (std::size_t i = 0; i < saved.size(); ++i) {
            left.push_back(f.output->played[2 * i]);
            right.push_back(f.output->played[2 * i + 1]);
        }
        // The saved file is 16-bit: what played is the take before it was stored.
        for (const auto& channel : {left, right}) {
            float worst = 0;
            for (std::size_t i = 0; i < saved.size(); ++i) worst = std::max(worst, std::abs(channel[i] - saved[i]));
            CHECK(worst < 1.0f / 32768 + 1e-6f);
        }
    }
    SECTION("an output that stops taking sound") {
        f.output->running = false;
        // The 2 s take, then 3 s more: the choice comes anyway.
        CHECK(f.turnWhile(P::Playback, 20) - from == Approx(5.0).margin(0.011));
        CHECK(f.flow->phase() == P::Decide);
        CHECK(f.flow->message() == "The take could not be played back to its end (the output stopped).");
    }
}

TEST_CASE("kindly record through a file-fed microphone saves the take trimmed, and keeps the earlier one",
          "[record][device]") {
    REQUIRE(run("command -v jackd > /dev/null") == 0);
    TempDir dir;
    fileMicrophone(dir);
    DummyJack jack(dir);
    const std::string command = "printf ' k' | HOME='" + dir.path().string() + "' timeout 60 '" + KINDLY_BINARY +
                                "' record s.toml --step hello --no-window --count-in 1";
    // JACK's dummy driver on a busy machine can miss a deadline, after which ALSA's jack plugin
    // (our microphone) may stop delivering for good, or lose sound. The recorder then says so
    // (the unit tests above); here those cases are run again from the same recordings, at most
    // twice.
    const auto record = [&] {
        const fs::path voices = dir / "s", before = dir / "s.before";
        fs::remove_all(before);
        if (fs::exists(voices)) fs::copy(voices, before, fs::copy_options::recursive);
        ShellRun result = runShell(dir, command);
        for (int again = 0; again < 2 && devicesFaltered(result.out); ++again) {
            WARN("the file-fed microphone stalled or lost sound (JACK missed a deadline): recording again\n" << result.out);
            fs::remove_all(voices);
            if (fs::exists(before)) fs::copy(before, voices, fs::copy_options::recursive);
            result = runShell(dir, command);
        }
        return result;
    };
    auto first = record();
    INFO(first.out << first.err << readText(dir / "jackd.log"));
    REQUIRE(first.status == 0);
    CHECK(first.out.find("0 of 2 steps recorded; still synthesized: hello, two") != std::string::npos);
    CHECK(first.out.find("Saved hello.wav.") != std::string::npos);
    CHECK(first.out.find("1 of 2 steps recorded; still synthesized: two") != std::string::npos);
    int rate = 0;
    const auto take = readMono(dir / "s" / "hello.wav", &rate);
    CHECK(rate == 48000);
    // The tone, with 150 ms before and 350 ms after: 2.0 s, give or take a 10 ms window.
    CHECK(std::abs(static_cast<double>(take.size()) / 48000 - 2.0) < 0.03);
    CHECK(peakDb(take) == Approx(-12).margin(0.5));
    // The take was played back to the output.
    CHECK(fs::file_size(dir / "played.raw") > 48000 * 2 * 4);

    fs::remove(dir / "played.raw");
    auto second = record();
    INFO(second.out << second.err);
    REQUIRE(second.status == 0);
    CHECK(second.out.find("Saved hello.wav (the earlier take is kept as hello.take-1.wav).") != std::string::npos);
    CHECK(firstDifference(readMono(dir / "s" / "hello.take-1.wav"), take).empty());
    // The script now speaks step hello with the recording.
    auto checked = runShell(dir, "HOME='" + dir.path().string() + "' '" + KINDLY_BINARY + "' check s.toml");
    CHECK(checked.out.find("1 recorded") != std::string::npos);
}

TEST_CASE("the recorder's window: the words, the level, keep after a take", "[record][device][ui]") {
    REQUIRE(run("command -v jackd > /dev/null") == 0);
    TempDir dir;
    fileMicrophone(dir);
    DummyJack jack(dir);
    const ScopedEnv video("SDL_VIDEODRIVER", "offscreen");
    std::optional<ScopedEnv> home;
    home.emplace("HOME", dir.path().string());  // ALSA reads ~/.asoundrc when PortAudio starts
    bool lostSound = false;
    {
        const ScriptLoad load = loadScriptFile(dir / "s.toml");
        REQUIRE(load.script);
        RecordOptions options;
        options.countIn = 1;
        RecordingFlow flow(*load.script, {0}, options);
        REQUIRE(flow.phase() == RecordingFlow::Phase::Ready);
        ui::RecordWindow window(flow, "R", false, SDL_Point{800, 480});
        const auto turn = [&] {
            SDL_Event e;
            while (SDL_PollEvent(&e) == 1) window.handle(e);
            flow.update();
            window.draw();
        };
        turn();
        REQUIRE(window.control(ui::Act::RecordOrStop));
        using P = RecordingFlow::Phase;
        const auto stalled = [&] { return flow.message().find("The microphone stopped sending sound") != std::string::npos; };
        double loudest = -200;
        // As in the terminal's test: when JACK's missed deadline stops the file-fed microphone
        // (the recorder says so and starts it again: the file plays from its start), the take is
        // recorded again, twice at most.
        for (int attempt = 0; attempt < 3 && (attempt == 0 || stalled()); ++attempt) {
            if (attempt > 0) WARN("the file-fed microphone stalled (JACK missed a deadline): recording again\n" << flow.message());
            pushKey(flow.phase() == P::Ready ? SDLK_SPACE : SDLK_r);  // record, or redo
            turn();
            loudest = -200;
            for (int i = 0; i < 400 && flow.phase() != P::Playback && flow.phase() != P::Decide && !(flow.phase() == P::Ready && stalled());
                 ++i) {
                turn();
                loudest = std::max(loudest, flow.levelDb());
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        INFO(flow.message());
        REQUIRE((flow.phase() == P::Playback || flow.phase() == P::Decide));
        CHECK_FALSE(stalled());
        lostSound = devicesFaltered(flow.message());  // a gap in the take, said to the user
        CHECK(loudest == Approx(-12).margin(1));  // the meter showed the tone's level
        turn();
        const auto keep = window.control(ui::Act::KeepTake);
        REQUIRE(keep);
        pushClick(keep->rect);
        turn();
        CHECK(flow.phase() == RecordingFlow::Phase::Done);
        CHECK(flow.message() == "Saved hello.wav.");
    }
    home.reset();
    const double seconds = static_cast<double>(readMono(dir / "s" / "hello.wav").size()) / 48000;
    if (lostSound) WARN("the device lost sound during the take (JACK missed a deadline): its length is not checked, " << seconds << " s");
    else CHECK(std::abs(seconds - 2.0) < 0.03);
}
