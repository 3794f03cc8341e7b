#include "speech/SpeechEngine.hpp"

#include <algorithm>
#include <cmath>

namespace kindly {

bool SpeechEngine::hasVoice(std::string_view name) const {
    const auto all = voices();
    return std::find(all.begin(), all.end(), name) != all.end();
}

std::vector<short> toMono16(const std::vector<float>& interleaved, int channels) {
    std::vector<short> out;
    if (channels < 1) return out;
    const std::size_t frames = interleaved.size() / static_cast<std::size_t>(channels);
    out.reserve(frames);
    for (std::size_t f = 0; f < frames; ++f) {
        double sum = 0;
        for (int c = 0; c < channels; ++c) sum += interleaved[f * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)];
        const double v = std::clamp(sum / channels, -1.0, 1.0);
        out.push_back(static_cast<short>(std::lround(v * 32767.0)));
    }
    return out;
}

}  // namespace kindly

#include <sndfile.h>
#include <stdlib.h>

#include <filesystem>

namespace kindly {

bool readEnginePcm(const std::string& path, Pcm& pcm, std::string& error) {
    SF_INFO info{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
    if (!file) {
        error = std::filesystem::exists(path) ? std::string("it wrote a file that is not audio (") + sf_strerror(nullptr) + ")"
                                              : "it wrote no sound file";
        return false;
    }
    if (info.channels < 1 || info.channels > 2 || info.samplerate < 8000 || info.samplerate > 192000 || info.frames <= 0 ||
        info.frames > 3600LL * info.samplerate) {
        error = "it wrote a sound file Kindly cannot use (" + std::to_string(info.channels) + " channels, " +
                std::to_string(info.samplerate) + " Hz, " + std::to_string(info.frames) + " frames)";
        sf_close(file);
        return false;
    }
    std::vector<float> samples(static_cast<std::size_t>(info.frames) * static_cast<std::size_t>(info.channels));
    const sf_count_t got = sf_readf_float(file, samples.data(), info.frames);
    sf_close(file);
    samples.resize(static_cast<std::size_t>(std::max<sf_count_t>(got, 0)) * static_cast<std::size_t>(info.channels));
    pcm.rate = info.samplerate;
    pcm.samples = toMono16(samples, info.channels);
    if (pcm.samples.empty()) {
        error = "it wrote a sound file with no sound in it";
        return false;
    }
    return true;
}

}  // namespace kindly
