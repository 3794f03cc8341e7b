#pragma once
// Sound in memory, read by libsndfile through its virtual I/O: the same decoding as a file,
// for bytes that never were one (the audio fuzz target feeds them; tests may too).

#include <sndfile.h>

#include <string>
#include <string_view>

namespace kindly {

struct SoundMemory {
    std::string_view bytes;   ///< must outlive the SNDFILE opened on it
    sf_count_t position = 0;
};

/// Opens `memory` for reading; null when libsndfile does not recognise it.
SNDFILE* openSoundMemory(SoundMemory& memory, SF_INFO& info);

/// `frames` frames of 16-bit samples as the bytes of a WAV file, written by libsndfile
/// (for sound that has nowhere on disk to go). Empty when libsndfile refuses.
std::string encodeWav16(const short* samples, sf_count_t frames, int rate, int channels);

}  // namespace kindly
