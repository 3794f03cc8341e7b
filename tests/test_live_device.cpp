// End to end through a real (dummy) sound device: PortAudio -> ALSA `file` plugin (captures
// the stream) -> ALSA `jack` plugin -> `jackd -d dummy`, which consumes audio at real-time
// pace. Runs the real program, as a listener would.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "TestSupport.hpp"

using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

std::vector<float> readFloats(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<float> out(bytes.size() / sizeof(float));
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(float));
    return out;
}

void writeAsoundrc(const TempDir& dir) {
    writeText(dir / ".asoundrc", "pcm.!default {\n  type file\n  slave.pcm \"jackout\"\n  file \"" +
                                     (dir / "capture.raw").string() +
                                     "\"\n  format \"raw\"\n}\n"
                                     "pcm.jackout {\n  type plug\n  slave.pcm {\n    type jack\n"
                                     "    playback_ports { 0 system:playback_1  1 system:playback_2 }\n  }\n}\n");
}

}  // namespace

TEST_CASE("played live into a paced device, the sound is the render, and a lost device is waited for",
          "[live][device]") {
    REQUIRE(run("command -v jackd > /dev/null") == 0);  // tools/install-deps.sh installs jackd2
    TempDir dir;
    writeAsoundrc(dir);
    writeSamples(dir / "tone.wav", 66150, 44100, 1, [](long i, int) { return 0.3f * std::sin(i * 0.047f); });
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"E2E\"\n[[ambient]]\nsound = \"pink-noise\"\n"
                              "fade_in = \"1s\"\nfade_out = \"1s\"\n[[step]]\nbell = \"chime\"\npause = \"2s\"\n"
                              "caption = \"bell\"\n[[step]]\nclip = \"tone.wav\"\npause = \"1s\"\ncaption = \"tone\"\n");
    const std::string env = "HOME='" + dir.path().string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() +
                            "' XDG_STATE_HOME='" + (dir / "state").string() + "' ";
    const std::string kindly = std::string(KINDLY_BINARY);
    DummyJack jack(dir);

    SECTION("the capture matches the render") {
        const int status = run(env + "timeout 60 " + kindly + " play '" + (dir / "s.toml").string() +
                               "' --device default > '" + (dir / "play.out").string() + "' 2> '" +
                               (dir / "play.err").string() + "'");
        INFO(readText(dir / "play.out") << readText(dir / "play.err") << readText(dir / "jackd.log"));
        REQUIRE(status == 0);
        CHECK(readText(dir / "play.out").find("the end") != std::string::npos);
        CHECK(readText(dir / "play.err").find("underflows") == std::string::npos);  // none on a healthy device
        REQUIRE(run(env + kindly + " render '" + (dir / "s.toml").string() + "' -o '" + (dir / "r.wav").string() +
                    "' > /dev/null") == 0);
        const auto capture = readFloats(dir / "capture.raw");
        const auto rendered = readSound(dir / "r.wav").samples;
        REQUIRE(rendered.size() > 48000);
        // Skip PortAudio's leading silence: align the first sounding frames.
        auto firstSound = [](const std::vector<float>& v) {
            for (std::size_t i = 0; i < v.size(); ++i)
                if (std::fabs(v[i]) > 1e-6f) return i / 2;
            return v.size() / 2;
        };
        const std::size_t offset = firstSound(capture), start = firstSound(rendered);
        REQUIRE(offset >= start);
        const std::size_t shift = offset - start;
        REQUIRE(capture.size() >= 2 * shift + rendered.size());
        double difference = 0;
        for (std::size_t i = 0; i < rendered.size(); ++i) {
            const double d = capture[2 * shift + i] - rendered[i];
            difference += d * d;
        }
        const double rmsDb = 10 * std::log10(difference / static_cast<double>(rendered.size()) + 1e-30);
        INFO("difference " << rmsDb << " dBFS RMS");
        CHECK(rmsDb < -60.0);
    }

    SECTION("when the device stops mid-session, the player keeps its place and goes on when it is back") {
        writeText(dir / "long.toml", "kindly = 1\n[session]\ntitle = \"Long\"\n[[ambient]]\nsound = \"pink-noise\"\n"
                                     "[[step]]\npause = \"6s\"\ncaption = \"one\"\n[[step]]\npause = \"4s\"\ncaption = \"two\"\n");
        run(env + "timeout 60 " + kindly + " play '" + (dir / "long.toml").string() + "' --device default > '" +
            (dir / "play.out").string() + "' 2>&1 & echo $! > '" + (dir / "kindly.pid").string() + "'");
        // Waits (up to 60 s, however slow the machine) until `done` holds.
        auto waitFor = [](const std::function<bool()>& done) {
            for (int i = 0; i < 1200 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        };
        // Two seconds played on the device (captured: 48 kHz stereo floats), then it goes away.
        std::error_code ec;
        waitFor([&] { return fs::file_size(dir / "capture.raw", ec) >= 2u * 48000 * 2 * sizeof(float) && !ec; });
        jack.stop();
        waitFor([&] { return readText(dir / "play.out").find("(The sound device stopped") != std::string::npos; });
        jack.start();
        // The session lasts 10 s, and its ambient fades out over 5 s more (the player's own
        // timeout ends it at 60 s).
        for (int i = 0; i < 1300 && run("kill -0 $(cat '" + (dir / "kindly.pid").string() + "') 2> /dev/null") == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string out = readText(dir / "play.out");
        INFO(out);
        const auto lost = out.find("(The sound device stopped");
        const auto back = out.find("(the sound device is back)");
        REQUIRE(lost != std::string::npos);
        REQUIRE(back != std::string::npos);
        // The position when the device went and when it came back: "m:ss" at the line starts.
        auto secondsAt = [&](std::size_t at) {
            const std::size_t line = out.rfind('\n', at) + 1;
            return std::stoi(out.substr(line, 1)) * 60 + std::stoi(out.substr(line + 2, 2));
        };
        CHECK(secondsAt(lost) >= 2);
        CHECK(secondsAt(back) - secondsAt(lost) <= 1);  // it kept its place
        CHECK(out.find("two") != std::string::npos);
        CHECK(out.find("the end") != std::string::npos);
    }
}
