// Makes the bundled sessions' speech ahead, to be installed with Kindly so their first play
// starts at once: copies every verified entry of a speech cache (WAV + .sentences) as FLAC
// (the same 16-bit samples, about half the size) with its sidecar, which vouches for the
// samples, not the container. CMake runs it after `kindly check` has filled a cache with the
// bundled scripts' speech (see CMakeLists.txt, kindly-ready-speech).
//
//   kindly-ready-speech CACHE/speech OUT
#include <sndfile.h>

#include <filesystem>
#include <iostream>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: kindly-ready-speech CACHE/speech OUT\n";
        return 2;
    }
    const fs::path cache = argv[1], out = argv[2];
    std::error_code ec;
    if (!fs::is_directory(cache, ec)) {
        std::cerr << "kindly-ready-speech: " << cache.string() << " is not a speech cache folder (was nothing synthesized?)\n";
        return 1;
    }
    fs::create_directories(out);
    for (const auto& old : fs::directory_iterator(out)) fs::remove(old.path());  // nothing stale stays
    int made = 0;
    for (const auto& entry : fs::directory_iterator(cache)) {
        const fs::path wav = entry.path();
        fs::path sidecar = wav;
        sidecar.replace_extension(".sentences");
        if (wav.extension() != ".wav" || !fs::is_regular_file(sidecar)) continue;
        SF_INFO in{};
        SNDFILE* source = sf_open(wav.c_str(), SFM_READ, &in);
        if (!source) continue;
        std::vector<short> samples(static_cast<std::size_t>(in.frames) * static_cast<std::size_t>(in.channels));
        const bool read = sf_readf_short(source, samples.data(), in.frames) == in.frames;
        sf_close(source);
        if (!read) continue;
        fs::path flac = out / wav.filename();
        flac.replace_extension(".flac");
        SF_INFO info{};
        info.samplerate = in.samplerate;
        info.channels = in.channels;
        info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
        SNDFILE* target = sf_open(flac.c_str(), SFM_WRITE, &info);
        if (!target) {
            std::cerr << "kindly-ready-speech: cannot write " << flac << ": " << sf_strerror(nullptr) << "\n";
            return 1;
        }
        const bool written = sf_writef_short(target, samples.data(), in.frames) == in.frames;
        if (sf_close(target) != 0 || !written) {
            std::cerr << "kindly-ready-speech: cannot write " << flac << "\n";
            return 1;
        }
        fs::copy_file(sidecar, out / sidecar.filename(), fs::copy_options::overwrite_existing);
        ++made;
    }
    std::cout << "kindly-ready-speech: " << made << " clips in " << out.string() << "\n";
    return made > 0 ? 0 : 1;
}
