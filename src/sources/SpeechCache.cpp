#include "sources/SpeechCache.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "sources/SoundMemory.hpp"

extern "C" {
#include <flite/flite.h>
#include <flite/flite_version.h>
cst_voice* register_cmu_us_slt(const char* voxdir);
}

namespace kindly {
namespace fs = std::filesystem;

std::uint64_t stableHash(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

namespace {

// flite keeps global state and is not documented as thread-safe: one synthesis at a time.
std::mutex& fliteMutex() {
    static std::mutex m;
    return m;
}

cst_voice* fliteVoice() {
    static cst_voice* voice = [] {
        flite_init();
        return register_cmu_us_slt(nullptr);
    }();
    return voice;
}

/// A piece of narration synthesized on its own, and the silence after it.
struct Phrase {
    std::string text;
    bool endsSentence = false;
};

/// Splits narration into phrases: at ".", "!", "?" (a sentence ends) and at ",", ";", ":"
/// (a phrase ends), each followed by white space, so "1,000" or "e.g." inside a word stay whole.
/// Each phrase keeps its punctuation, so flite still shapes its intonation.
std::vector<Phrase> phrases(std::string_view text) {
    std::vector<Phrase> out;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        current += text[i];
        const char c = text[i];
        const bool sentenceEnd = c == '.' || c == '!' || c == '?';
        const bool phraseEnd = c == ',' || c == ';' || c == ':';
        const bool followedBySpace = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
        if ((sentenceEnd || phraseEnd) && followedBySpace) {
            if (current.find_first_not_of(" \t\r\n.,;:!?") != std::string::npos) out.push_back({current, sentenceEnd});
            else if (!out.empty()) out.back().endsSentence = out.back().endsSentence || sentenceEnd;
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back({current, true});
    return out;
}

}  // namespace

SpeechCache::SpeechCache(fs::path dir, SpeechSettings settings) : dir_(std::move(dir)), settings_(std::move(settings)) {}

fs::path SpeechCache::pathFor(std::string_view text) const {
    // Bump "v1" whenever the synthesis itself changes, so old files are not reused.
    char stretch[32];
    std::snprintf(stretch, sizeof stretch, "%.3f", settings_.durationStretch);
    const std::string key = "kindly-speech-v2|flite-" + std::string(FLITE_PROJECT_VERSION) + "|" + settings_.voice +
                            "|stretch=" + stretch + "|gap=" + std::to_string(settings_.sentenceGapMs) +
                            "|phrase-gap=" + std::to_string(settings_.phraseGapMs) + "|" + std::string(text);
    char name[40];
    std::snprintf(name, sizeof name, "%016llx.wav", static_cast<unsigned long long>(stableHash(key)));
    return dir_ / name;
}

SpeechCache::Result SpeechCache::obtain(std::string_view text) {
    const fs::path target = pathFor(text);
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) return {target, false, {}};
    std::vector<short> samples;
    int rate = 16000;
    {
        std::lock_guard lock(fliteMutex());
        cst_voice* voice = fliteVoice();
        if (!voice) return {{}, false, "the flite voice " + settings_.voice + " could not be loaded"};
        feat_set_float(voice->features, "duration_stretch", static_cast<float>(settings_.durationStretch));
        const auto parts = phrases(text);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            // The voice's excitation mixes in noise from rand(): one seed for every phrase makes
            // a text sound the same whenever and in whatever order it is synthesized.
            std::srand(1);
            cst_wave* wave = flite_text_to_wave(parts[i].text.c_str(), voice);
            if (!wave) return {{}, false, "flite could not synthesize: " + parts[i].text};
            rate = wave->sample_rate;
            samples.insert(samples.end(), wave->samples, wave->samples + static_cast<std::ptrdiff_t>(wave->num_samples) * wave->num_channels);
            delete_wave(wave);
            const int gapMs = parts[i].endsSentence ? settings_.sentenceGapMs : settings_.phraseGapMs;
            if (i + 1 < parts.size()) samples.insert(samples.end(), static_cast<std::size_t>(rate) * gapMs / 1000, 0);
        }
        ++synthesisCount_;
    }
    if (samples.empty()) return {{}, false, "flite produced no audio for: " + std::string(text)};
    const std::string notCached = store(samples, rate, target);
    if (notCached.empty()) return {target, true, {}};
    // The cache cannot take it: the voice is played from memory this time, rather than not at all.
    auto bytes = std::make_shared<const std::string>(encodeWav16(samples.data(), static_cast<sf_count_t>(samples.size()), rate, 1));
    if (bytes->empty()) return {{}, false, notCached};
    return {target, true, {}, std::move(bytes), notCached};
}

std::string SpeechCache::store(const std::vector<short>& samples, int rate, const fs::path& target) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create the speech cache folder " + dir_.string() + ": " + ec.message();
    const fs::path temporary = target.string() + ".part-" + std::to_string(getpid());
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &info);
    if (!file) return "cannot write " + temporary.string() + ": " + sf_strerror(nullptr);
    const sf_count_t written = sf_write_short(file, samples.data(), static_cast<sf_count_t>(samples.size()));
    const int closed = sf_close(file);
    if (written != static_cast<sf_count_t>(samples.size()) || closed != 0) {
        fs::remove(temporary, ec);
        return "cannot write " + temporary.string() + " (disk full?)";
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        std::string why = "cannot move speech into the cache: " + ec.message();
        fs::remove(temporary, ec);
        return why;
    }
    return {};
}

}  // namespace kindly
