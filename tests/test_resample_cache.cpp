// The resample cache's rules: how long a file it copies (live playback: up to ten minutes, a
// render: any length), which quality a copy was made at, and the size budget it keeps by
// removing the least recently used copies, never one it has handed out.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

#include "TestSupport.hpp"
#include "sources/AudioInfo.hpp"
#include "sources/ResampleCache.hpp"
#include "script/Frames.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

constexpr double kAnyLength = std::numeric_limits<double>::infinity();

AudioFileInfo writeBed(const TempDir& dir, const std::string& name, long frames, int rate, int channels = 1) {
    writeSamples(dir / name, frames, rate, channels, [](long i, int c) {
        return static_cast<float>(0.4 * std::sin(0.05 * static_cast<double>(i) + c));
    });
    return *probeAudioFile(dir / name).info;
}

// What a copy of `frames` frames takes on disk: 32-bit float samples and a small header.
std::uintmax_t copyBytes(Frames frames, int channels) {
    return static_cast<std::uintmax_t>(frames) * static_cast<std::uintmax_t>(channels) * 4 + 4096;
}

}  // namespace

TEST_CASE("live playback copies files up to its limit, a render any length, and both use a copy there is",
          "[resample]") {
    TempDir dir;
    const AudioFileInfo bed = writeBed(dir, "bed.wav", 3 * 22050, 22050);  // 3 seconds
    // "Live" here: a limit of 2 seconds stands for the ten minutes.
    ResampleCache live(dir / "resampled", 48000, 2.0);
    CHECK(live.resolve(bed).path == bed.path);  // too long: resampled as it plays
    CHECK(live.made() == 0);
    CHECK_FALSE(fs::exists(dir / "resampled"));

    ResampleCache render(dir / "resampled", 48000, kAnyLength);
    const AudioFileInfo copy = render.resolve(bed);
    CHECK(render.made() == 1);
    CHECK(copy.path.parent_path() == dir / "resampled");
    CHECK(copy.frames == resampledLength(bed.frames, 22050, 48000));

    // Once a render has made the copy, playback reads it instead of resampling.
    ResampleCache liveAgain(dir / "resampled", 48000, 2.0);
    CHECK(liveAgain.resolve(bed).path == copy.path);
    CHECK(liveAgain.made() == 0);
    // The default limit is the ten minutes playback waits for at most.
    CHECK(ResampleCache::kPlayMaxSeconds == 600.0);
}

TEST_CASE("a bed's medium-quality copy is its own file, close to the high-quality one", "[resample]") {
    TempDir dir;
    const AudioFileInfo bed = writeBed(dir, "bed.flac", 44100, 44100, 2);
    ResampleCache cache(dir / "resampled", 48000);
    const AudioFileInfo high = cache.resolve(bed, ResampleQuality::High);
    const AudioFileInfo medium = cache.resolve(bed, ResampleQuality::Medium);
    CHECK(cache.made() == 2);
    CHECK(high.path != medium.path);
    CHECK(cache.resolve(bed, ResampleQuality::Medium).path == medium.path);  // found again
    CHECK(cache.made() == 2);
    const Sound a = readSound(high.path), b = readSound(medium.path);
    REQUIRE(a.frames == resampledLength(bed.frames, 44100, 48000));
    REQUIRE(b.frames == a.frames);
    // Different filters (so the quality reaches soxr), the same sound: away from the edges the
    // difference stays far under the signal (0.4 peak, about -11 dBFS RMS).
    double sum = 0, peak = 0;
    std::size_t counted = 0;
    for (std::size_t i = 2 * 1000; i + 2 * 1000 < a.samples.size(); ++i) {
        const double d = a.samples[i] - b.samples[i];
        sum += d * d;
        peak = std::max(peak, std::fabs(d));
        ++counted;
    }
    const double rms = std::sqrt(sum / static_cast<double>(counted));
    CHECK(peak > 0.0);
    CHECK(20 * std::log10(rms + 1e-30) < -70.0);
}

TEST_CASE("the cache keeps its budget: the least recently used copies go first, never one in use", "[resample]") {
    TempDir dir;
    const AudioFileInfo a = writeBed(dir, "a.wav", 22050, 22050);
    const AudioFileInfo b = writeBed(dir, "b.wav", 22050, 22050);
    const AudioFileInfo c = writeBed(dir, "c.wav", 22050, 22050);
    const std::uintmax_t one = copyBytes(resampledLength(22050, 22050, 48000), 1);
    const std::uintmax_t budget = one * 5 / 2;  // room for two copies, not three

    fs::path copyA, copyB;
    {
        ResampleCache first(dir / "resampled", 48000, kAnyLength, budget);
        copyA = first.resolve(a).path;
        copyB = first.resolve(b).path;
        REQUIRE(first.made() == 2);
        // Both copies were handed out by this cache (a source may still open them): no room.
        CHECK(first.resolve(c).path == c.path);
        CHECK(first.made() == 2);
        CHECK(fs::exists(copyA));
        CHECK(fs::exists(copyB));
    }
    // A's copy was used longest ago: a day before B's. Fixed times long past, so the order does
    // not depend on the wall clock (under a faked one, stat and utimensat disagree with it).
    const fs::file_time_type past =
        std::chrono::file_clock::from_sys(std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2020} / 1 / 1}});
    fs::last_write_time(copyB, past);
    fs::last_write_time(copyA, past - std::chrono::hours(24));
    ResampleCache next(dir / "resampled", 48000, kAnyLength, budget);
    const fs::path copyC = next.resolve(c).path;
    CHECK(next.made() == 1);
    CHECK(copyC.parent_path() == dir / "resampled");
    CHECK_FALSE(fs::exists(copyA));
    CHECK(fs::exists(copyB));
    CHECK(fs::exists(copyC));

    // Using B now makes C the oldest: the next copy replaces C, not B.
    fs::last_write_time(copyC, past - std::chrono::hours(48));
    ResampleCache later(dir / "resampled", 48000, kAnyLength, budget);
    CHECK(later.resolve(b).path == copyB);
    CHECK(later.resolve(a).path != a.path);
    CHECK(fs::exists(copyB));
    CHECK_FALSE(fs::exists(copyC));

    // A file whose copy alone is over the budget is not copied at all.
    ResampleCache tiny(dir / "small", 48000, kAnyLength, one / 2);
    CHECK(tiny.resolve(a).path == a.path);
    CHECK(tiny.made() == 0);
}

TEST_CASE("a damaged copy in the cache is made again, never played", "[resample][safety]") {
    TempDir dir;
    const AudioFileInfo bed = writeBed(dir, "bed.wav", 22050, 22050, 2);
    ResampleCache first(dir / "resampled", 48000, kAnyLength);
    const AudioFileInfo good = first.resolve(bed);
    REQUIRE(first.made() == 1);
    const Sound reference = readSound(good.path);
    const auto fullSize = fs::file_size(good.path);
    // Empty, cut short, random bytes, and a copy of another rate or channel count in its place.
    writeTone(dir / "mono.wav", good.frames, 48000, 1);
    writeTone(dir / "other-rate.wav", good.frames, 44100, 2);
    const std::vector<std::pair<std::string, std::function<void()>>> damage{
        {"empty", [&] { fs::resize_file(good.path, 0); }},
        {"cut short", [&] { fs::resize_file(good.path, fullSize / 2); }},
        {"random bytes", [&] { writeText(good.path, std::string(fullSize, '\x5a')); }},
        {"mono", [&] { fs::copy_file(dir / "mono.wav", good.path, fs::copy_options::overwrite_existing); }},
        {"another rate", [&] { fs::copy_file(dir / "other-rate.wav", good.path, fs::copy_options::overwrite_existing); }},
    };
    for (const auto& [what, harm] : damage) {
        INFO(what);
        harm();
        ResampleCache again(dir / "resampled", 48000, kAnyLength);
        const AudioFileInfo healed = again.resolve(bed);
        CHECK(again.made() == 1);
        CHECK(healed.path == good.path);
        CHECK(readSound(healed.path).samples == reference.samples);
    }
}
