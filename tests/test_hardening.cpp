// What hostile input found, kept as regression tests; and the in-memory decoding path the
// audio fuzz target drives, held to the file path's samples.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "platform/Background.hpp"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <future>
#include <iterator>

#include "TestSupport.hpp"
#include "sources/AudioInfo.hpp"
#include "sources/FileSource.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

TEST_CASE("a clip that is a pipe or a device is refused, not read forever", "[hardening]") {
    TempDir dir;
    REQUIRE(mkfifo((dir / "voice.wav").c_str(), 0600) == 0);
    // Found by reading hostile scripts: libsndfile waited on the FIFO for a writer that never came.
    auto check = std::async(std::launch::async, [&] {
        return diagnosticLines(prepareText(dir, "[[step]]\nclip = \"voice.wav\"\n[[step]]\nclip = \"/dev/zero\"\n").diagnostics);
    });
    REQUIRE(check.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    const std::string errors = check.get();
    CHECK(errors.find("clip 'voice.wav'") != std::string::npos);
    CHECK(errors.find("it is not a regular file") != std::string::npos);
    CHECK(errors.find("clip '/dev/zero'") != std::string::npos);
}

TEST_CASE("sound in memory decodes to the same samples as the same file", "[hardening][media]") {
    TempDir dir;
    writeTone(dir / "tone.wav", 44100 / 2, 44100, 2, 0.4);
    std::ifstream in(dir / "tone.wav", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const AudioProbe fromFile = probeAudioFile(dir / "tone.wav");
    const AudioProbe fromMemory = probeAudioBytes(bytes, dir / "tone.wav");
    REQUIRE(fromFile.info);
    REQUIRE(fromMemory.info);
    CHECK(fromMemory.info->frames == fromFile.info->frames);
    CHECK(fromMemory.info->sampleRate == 44100);
    CHECK(fromMemory.info->channels == 2);
    AudioFileInfo inMemory = *fromMemory.info;
    inMemory.bytes = std::make_shared<const std::string>(bytes);
    FileSource file(*fromFile.info, 48000), memory(inMemory, 48000);
    std::vector<float> a(2 * 30000), b(2 * 30000);
    file.pull(a.data(), 30000);
    memory.pull(b.data(), 30000);
    CHECK(firstDifference(a, b).empty());
    CHECK(memory.problem().empty());
    memory.restart();
    memory.pull(b.data(), 30000);
    CHECK(firstDifference(a, b).empty());
    CHECK_FALSE(probeAudioBytes("RIFF\x10\0\0\0WAVEjunk", "x.wav").info);
    CHECK_FALSE(probeAudioBytes("", "x.wav").info);
}

TEST_CASE("background work runs at a lower priority than the thread a person waits on", "[hardening]") {
    const auto tid = [] { return static_cast<id_t>(syscall(SYS_gettid)); };
    errno = 0;
    const int mine = getpriority(PRIO_PROCESS, tid());
    int theirs = 0;
    std::thread worker([&] {
        kindly::lowerThisThreadsPriority();
        errno = 0;
        theirs = getpriority(PRIO_PROCESS, tid());
    });
    worker.join();
    CHECK(theirs == std::min(mine + 10, 19));  // only that thread, by ten steps
    CHECK(getpriority(PRIO_PROCESS, tid()) == mine);
}
