#include "sources/SoundMemory.hpp"

#include <algorithm>
#include <cstring>

namespace kindly {
namespace {

SoundMemory& of(void* user) { return *static_cast<SoundMemory*>(user); }

sf_count_t length(void* user) { return static_cast<sf_count_t>(of(user).bytes.size()); }

sf_count_t seek(sf_count_t offset, int whence, void* user) {
    SoundMemory& m = of(user);
    const auto size = static_cast<sf_count_t>(m.bytes.size());
    sf_count_t to = offset;
    if (whence == SEEK_CUR) to = m.position + offset;
    else if (whence == SEEK_END) to = size + offset;
    if (to < 0 || to > size) return -1;
    m.position = to;
    return to;
}

sf_count_t read(void* buffer, sf_count_t count, void* user) {
    SoundMemory& m = of(user);
    const auto size = static_cast<sf_count_t>(m.bytes.size());
    const sf_count_t n = std::clamp<sf_count_t>(size - m.position, 0, std::max<sf_count_t>(0, count));
    if (n > 0) std::memcpy(buffer, m.bytes.data() + m.position, static_cast<std::size_t>(n));
    m.position += n;
    return n;
}

sf_count_t write(const void*, sf_count_t, void*) { return 0; }  // read-only
sf_count_t tell(void* user) { return of(user).position; }

}  // namespace

SNDFILE* openSoundMemory(SoundMemory& memory, SF_INFO& info) {
    static SF_VIRTUAL_IO io{length, seek, read, write, tell};
    memory.position = 0;
    return sf_open_virtual(&io, SFM_READ, &info, &memory);
}

}  // namespace kindly
