// The cost of live playback per audio block: the audio callback (Player::renderAudio) and
// the mixing it relies on (Engine::render on the streaming thread), for blocks of 64, 256 and
// 1024 frames with eight sounds playing at once, all resampled from 44.1 kHz as they play.
// Prints median, p99 and max in microseconds and as a share of the block's duration.
//
//   build/kindly-callback-bench            (see the README's Benchmarks section)

#include <sndfile.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "session/PrepareSession.hpp"
#include "engine/Engine.hpp"
#include "player/Player.hpp"

using namespace kindly;
namespace fs = std::filesystem;

namespace {

void writeNoise(const fs::path& file, int seconds, int rate, int channels, unsigned seed) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    std::vector<float> buffer(static_cast<std::size_t>(rate) * channels);
    for (int s = 0; s < seconds; ++s) {
        for (auto& v : buffer) {
            seed = seed * 1664525u + 1013904223u;
            v = static_cast<float>(seed >> 8) / 16777216.0f * 0.2f - 0.1f;
        }
        sf_writef_float(sf, buffer.data(), rate);
    }
    sf_close(sf);
}

struct Stats {
    double median, p99, max;
};

Stats stats(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[us.size() * 99 / 100], us.back()};
}

void print(const char* what, std::size_t block, const Stats& s, int rate) {
    const double blockUs = 1e6 * static_cast<double>(block) / rate;
    std::printf("%-22s %5zu frames (%7.0f us): median %7.1f us (%5.2f%%)  p99 %7.1f us (%5.2f%%)  max %8.1f us (%6.2f%%)\n",
                what, block, blockUs, s.median, 100 * s.median / blockUs, s.p99, 100 * s.p99 / blockUs, s.max,
                100 * s.max / blockUs);
}

}  // namespace

int main() {
    const fs::path dir = fs::temp_directory_path() / ("kindly-callback-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);
    setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
    // Eight sounds at once: six ambient layers and a voice from 44.1 kHz files, plus a bell.
    std::string script = "kindly = 1\n[session]\ntitle = \"Bench\"\n[mix]\nvoice_lufs = false\n";
    for (int i = 0; i < 6; ++i) {
        writeNoise(dir / ("bed" + std::to_string(i) + ".wav"), 20, 44100, 2, 7u + static_cast<unsigned>(i));
        script += "[[ambient]]\nsound = \"bed" + std::to_string(i) + ".wav\"\ngain_db = -10\n";
    }
    writeNoise(dir / "voice.wav", 60, 44100, 1, 99);
    script += "[[step]]\nclip = \"voice.wav\"\nbell = \"gong\"\npause = \"10s\"\n";
    std::ofstream(dir / "bench.toml") << script;

    PreparedSession p = prepareSession(dir / "bench.toml", {});
    if (!p.ok()) {
        for (const auto& d : p.diagnostics.items()) std::fprintf(stderr, "%s\n", formatDiagnostic(d).c_str());
        return 1;
    }
    const int rate = p.timeline->rate;
    for (std::size_t block : {64, 256, 1024}) {
        // The mixing: Engine::render with every source decoding and resampling as it plays.
        DirectSourceProvider provider;
        Engine engine(*p.script, *p.timeline, {}, provider);
        std::vector<float> out(2 * block);
        std::vector<double> mix;
        engine.seek(5 * rate);
        for (int i = 0; i < 20 * rate / static_cast<int>(block) && !engine.finished(); ++i) {
            engine.prepare();
            const auto t0 = std::chrono::steady_clock::now();
            engine.render(out.data(), block);
            mix.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        }
        print("mix (streaming thread)", block, stats(mix), rate);

        // The callback: Player::renderAudio, with the streaming thread keeping the ring full.
        Player player(*p.script, *p.timeline, {}, std::make_unique<DirectSourceProvider>(), 5 * rate);
        player.play();
        std::vector<double> callback;
        const auto period = std::chrono::microseconds(static_cast<long>(1e6 * static_cast<double>(block) / rate));
        auto next = std::chrono::steady_clock::now();
        for (int i = 0; i < 10 * rate / static_cast<int>(block); ++i) {
            next += period;  // called at the pace a device would call it
            std::this_thread::sleep_until(next);
            const auto t0 = std::chrono::steady_clock::now();
            player.renderAudio(out.data(), block, false);
            callback.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        }
        print("callback (audio thread)", block, stats(callback), rate);
        std::printf("%-22s %5zu frames: %lld underflows\n", "", block,
                    player.snapshot().underflows + player.snapshot().deviceUnderflows);
    }
    fs::remove_all(dir);
    return 0;
}
