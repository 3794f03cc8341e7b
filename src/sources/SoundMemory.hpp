#pragma once
// Sound in memory, read by libsndfile through its virtual I/O: the same decoding as a file,
// for bytes that never were one (the audio fuzz target feeds them; tests may too).

#include <sndfile.h>

#include <string_view>

namespace kindly {

struct SoundMemory {
    std::string_view bytes;   ///< must outlive the SNDFILE opened on it
    sf_count_t position = 0;
};

/// Opens `memory` for reading; null when libsndfile does not recognise it.
SNDFILE* openSoundMemory(SoundMemory& memory, SF_INFO& info);

}  // namespace kindly
