#include "TestSupport.hpp"

#include <sndfile.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kindly::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("kindly-test-" + std::to_string(getpid()) + "-" + std::to_string(counter.fetch_add(1)));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void writeText(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

void writeSamples(const fs::path& file, long frames, int rate, int channels,
                  const std::function<float(long, int)>& value) {
    fs::create_directories(file.parent_path());
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    const std::string ext = file.extension().string();
    if (ext == ".flac") info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
    else if (ext == ".ogg") info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    else info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (!sf) throw std::runtime_error("cannot write " + file.string() + ": " + sf_strerror(nullptr));
    std::vector<float> buffer(static_cast<std::size_t>(frames) * channels);
    for (long i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c) buffer[static_cast<std::size_t>(i * channels + c)] = value(i, c);
    sf_writef_float(sf, buffer.data(), frames);
    sf_close(sf);
}

std::string firstDifference(const std::vector<float>& a, const std::vector<float>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return "sample " + std::to_string(i) + " (frame " + std::to_string(i / 2) + " if stereo): " + std::to_string(a[i]) +
                   " vs " + std::to_string(b[i]);
    if (a.size() != b.size()) return "lengths " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    return {};
}

Sound readSound(const fs::path& file) {
    SF_INFO info{};
    SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &info);
    if (!sf) return {};
    Sound sound{info.samplerate, info.channels, info.format, static_cast<long>(info.frames), {}};
    sound.samples.resize(static_cast<std::size_t>(info.frames) * static_cast<std::size_t>(info.channels));
    sound.frames = static_cast<long>(sf_readf_float(sf, sound.samples.data(), info.frames));
    sf_close(sf);
    return sound;
}

void writeTone(const fs::path& file, long frames, int rate, int channels, double amplitude) {
    writeSamples(file, frames, rate, channels, [&](long i, int) {
        return static_cast<float>(amplitude * std::sin(2 * M_PI * 440.0 * static_cast<double>(i) / rate));
    });
}

ScriptLoad loadText(const TempDir& dir, const std::string& text, const std::string& name) {
    writeText(dir / name, text);
    return loadScriptFile(dir / name);
}

PreparedSession prepareText(const TempDir& dir, const std::string& text, PrepareOptions options) {
    writeText(dir / "session.toml", text);
    if (!options.speechCacheDir) options.speechCacheDir = dir / "cache";
    return prepareSession(dir / "session.toml", options);
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);  // every byte as written
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

ShellRun runShell(const TempDir& dir, const std::string& command) {
    // Braces: the whole command's output is captured, also a list (a; b) or a background job's.
    const std::string line = "cd '" + dir.path().string() + "' && { " + command + "\n} > out.txt 2> err.txt";
    const int raw = std::system(line.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, readText(dir / "out.txt"), readText(dir / "err.txt")};
}

std::string diagnosticLines(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.items()) {
        if (!out.empty()) out += "\n";
        out += formatDiagnostic(d);
    }
    return out;
}

int run(const std::string& command) {
    const int raw = std::system(command.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

ScopedEnv::ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    setenv(name, value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() {
    if (saved_) setenv(name_, saved_->c_str(), 1);
    else unsetenv(name_);
}

TimeZone::TimeZone(const char* zone) : had_(std::getenv("TZ") != nullptr) {
    if (had_) old_ = std::getenv("TZ");
    setenv("TZ", zone, 1);
    tzset();
}

TimeZone::~TimeZone() {
    if (had_) setenv("TZ", old_.c_str(), 1);
    else unsetenv("TZ");
    tzset();
}

std::string atMoment(const std::string& moment) {
    const fs::path library = KINDLY_LIBFAKETIME;
    if (!fs::exists(library))
        throw std::runtime_error("libfaketime is not installed (" + library.string() + "): run tools/install-deps.sh");
    // Under AddressSanitizer the preloaded library comes before ASan's runtime: allowed, since
    // libfaketime only wraps the clock calls.
    const char* asan = std::getenv("ASAN_OPTIONS");
    // Its own clock, not one shared with a faked parent's (FAKETIME_SHARED, under clock-check.sh).
    return "env -u FAKETIME_SHARED LD_PRELOAD='" + library.string() + "' FAKETIME='@" + moment +
           "' FAKETIME_DONT_FAKE_MONOTONIC=1 ASAN_OPTIONS='" + (asan ? std::string(asan) + ":" : "") +
           "verify_asan_link_order=0' ";
}

void DummyJack::start() {
    const std::string log = (dir_ / "jackd.log").string(), pid = (dir_ / "jackd.pid").string();
    // Real-time scheduling, as a sound server has; where the machine refuses it, without. Ready
    // when a client finds it running, however long that takes here (up to 60 s); a jackd that
    // has exited is not waited for.
    for (const std::string realtime : {"", "-r "}) {
        run("jackd " + realtime + "-d dummy -r 48000 -p 256 > '" + log + "' 2>&1 & echo $! > '" + pid + "'");
        for (int i = 0; i < 1200; ++i) {
            if (run("jack_wait -c 2> /dev/null | grep -qx running") == 0) return;
            if (run("kill -0 $(cat '" + pid + "') 2> /dev/null") != 0) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

void DummyJack::stop() {
    // Gone when its process is (up to 60 s), so that the next start finds no old server.
    run("p=$(cat '" + (dir_ / "jackd.pid").string() +
        "'); kill $p 2> /dev/null; for i in $(seq 1200); do kill -0 $p 2> /dev/null || break; sleep 0.05; done");
}

}  // namespace kindly::test
