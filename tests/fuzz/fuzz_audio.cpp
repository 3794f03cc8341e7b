// libFuzzer target: audio of every kind (WAV, FLAC, Ogg, AIFF, ... or none) through Kindly's
// own source layer, from memory by libsndfile's virtual I/O: the header probe, then decoding
// (and resampling, when the rate differs) a bounded stretch, restarting, and skipping.
// Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/AudioInfo.hpp"
#include "sources/FileSource.hpp"

using namespace kindly;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const AudioProbe probe = probeAudioBytes(bytes, "fuzz.wav");
    if (!probe.info) return 0;
    AudioFileInfo info = *probe.info;  // sound in memory, as a voice that could not be cached
    info.bytes = std::make_shared<const std::string>(bytes);
    for (const int rate : {48000, info.sampleRate}) {
        FileSource source(info, rate);
        std::vector<float> block(2 * 1024);
        // At most a few seconds: a header may promise hours.
        for (int i = 0; i < 200; ++i) source.pull(block.data(), 1024);
        source.restart();
        source.skip(4096);
        source.pull(block.data(), 1024);
        (void)source.problem();
    }
    return 0;
}
