#include "sources/SoundMemory.hpp"

#include <algorithm>
#include <cstring>

namespace kindly {
namespace {

/// Moves `position` as fseek would (SEEK_SET, SEEK_CUR, SEEK_END); -1 for a place before the
/// start, or (when `bounded`, for reading) past the end.
sf_count_t seekIn(sf_count_t& position, sf_count_t size, sf_count_t offset, int whence, bool bounded) {
    sf_count_t to = offset;
    if (whence == SEEK_CUR) to = position + offset;
    else if (whence == SEEK_END) to = size + offset;
    if (to < 0 || (bounded && to > size)) return -1;
    position = to;
    return to;
}

/// Copies up to `count` bytes of `bytes` from `position` into `buffer`; how many.
sf_count_t readIn(std::string_view bytes, sf_count_t& position, void* buffer, sf_count_t count) {
    const auto size = static_cast<sf_count_t>(bytes.size());
    const sf_count_t n = std::clamp<sf_count_t>(size - position, 0, std::max<sf_count_t>(0, count));
    if (n > 0) std::memcpy(buffer, bytes.data() + position, static_cast<std::size_t>(n));
    position += n;
    return n;
}

SoundMemory& of(void* user) { return *static_cast<SoundMemory*>(user); }
sf_count_t length(void* user) { return static_cast<sf_count_t>(of(user).bytes.size()); }
sf_count_t seek(sf_count_t offset, int whence, void* user) {
    return seekIn(of(user).position, length(user), offset, whence, true);
}
sf_count_t read(void* buffer, sf_count_t count, void* user) { return readIn(of(user).bytes, of(user).position, buffer, count); }
sf_count_t write(const void*, sf_count_t, void*) { return 0; }  // read-only
sf_count_t tell(void* user) { return of(user).position; }

/// A growing buffer libsndfile writes into (it seeks back to finish the header).
struct GrowingBytes {
    std::string bytes;
    sf_count_t position = 0;
};

GrowingBytes& grown(void* user) { return *static_cast<GrowingBytes*>(user); }
sf_count_t grownLength(void* user) { return static_cast<sf_count_t>(grown(user).bytes.size()); }
sf_count_t grownSeek(sf_count_t offset, int whence, void* user) {
    return seekIn(grown(user).position, grownLength(user), offset, whence, false);
}
sf_count_t grownRead(void* buffer, sf_count_t count, void* user) {
    return readIn(grown(user).bytes, grown(user).position, buffer, count);
}
sf_count_t grownWrite(const void* data, sf_count_t count, void* user) {
    GrowingBytes& g = grown(user);
    if (count <= 0) return 0;
    const auto end = static_cast<std::size_t>(g.position + count);
    if (g.bytes.size() < end) g.bytes.resize(end);
    std::memcpy(g.bytes.data() + g.position, data, static_cast<std::size_t>(count));
    g.position += count;
    return count;
}
sf_count_t grownTell(void* user) { return grown(user).position; }

}  // namespace

std::string encodeWav16(const short* samples, sf_count_t frames, int rate, int channels) {
    static SF_VIRTUAL_IO io{grownLength, grownSeek, grownRead, grownWrite, grownTell};
    GrowingBytes out;
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open_virtual(&io, SFM_WRITE, &info, &out);
    if (!file) return {};
    const sf_count_t written = sf_writef_short(file, samples, frames);
    sf_close(file);
    return written == frames ? std::move(out.bytes) : std::string();
}

SNDFILE* openSoundMemory(SoundMemory& memory, SF_INFO& info) {
    static SF_VIRTUAL_IO io{length, seek, read, write, tell};
    memory.position = 0;
    return sf_open_virtual(&io, SFM_READ, &info, &memory);
}

}  // namespace kindly
