#include "sources/SpeechCache.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "sources/SoundMemory.hpp"
#include "speech/Phrases.hpp"
#include "speech/SpeechEngines.hpp"

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

/// A temporary name no other writer uses: this process's id and a number of its own, since
/// two threads (the library's check and a session being prepared) may write the same text.
std::string temporarySuffix() {
    static std::atomic<unsigned> next{0};
    return ".part-" + std::to_string(getpid()) + "-" + std::to_string(next++);
}

fs::path sentencesPath(const fs::path& wav) {
    fs::path p = wav;
    return p.replace_extension(".sentences");
}

/// "START<TAB>TEXT" lines; false when the file is missing or damaged.
bool readSentences(const fs::path& file, std::vector<SpokenSentence>& sentences) {
    std::ifstream in(file);
    if (!in) return false;
    sentences.clear();
    for (std::string line; std::getline(in, line);) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) return false;
        try {
            sentences.push_back({line.substr(tab + 1), std::stoll(line.substr(0, tab))});
        } catch (const std::exception&) {
            return false;
        }
    }
    return !sentences.empty();
}

std::string sentencesText(const std::vector<SpokenSentence>& sentences) {
    std::string text;
    for (const auto& s : sentences) {
        std::string flat = s.text;
        for (char& c : flat)
            if (c == '\n' || c == '\t' || c == '\r') c = ' ';
        text += std::to_string(s.start) + "\t" + flat + "\n";
    }
    return text;
}

SpeechEngine& defaultEngine() {
    static SpeechEngines engines;
    return engines.flite();
}

}  // namespace

SpeechCache::SpeechCache(fs::path dir, SpeechSettings defaults) : dir_(std::move(dir)), defaults_(std::move(defaults)) {}

fs::path SpeechCache::pathFor(std::string_view text, const SpeechEngine& engine, const SpeechSettings& settings) const {
    // Bump the "v3" whenever Kindly's side of synthesis changes, so old files are not reused.
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "|rate=%.4f|pitch=%.3f|gap=%d|phrase-gap=%d", settings.rate, settings.pitch,
                  settings.sentenceGapMs, settings.phraseGapMs);
    const std::string key = "kindly-speech-v3|" + engine.name() + "|" + engine.version() + "|voice=" + settings.voice +
                            "|language=" + (engine.followsLanguage() ? settings.language : std::string()) + numbers +
                            "|" + std::string(text);
    char name[40];
    std::snprintf(name, sizeof name, "%016llx.wav", static_cast<unsigned long long>(stableHash(key)));
    return dir_ / name;
}

fs::path SpeechCache::pathFor(std::string_view text) const { return pathFor(text, defaultEngine(), defaults_); }

SpeechCache::Result SpeechCache::obtain(std::string_view text) { return obtain(text, defaultEngine(), defaults_); }

SpeechCache::Result SpeechCache::obtain(std::string_view text, SpeechEngine& engine, const SpeechSettings& settings) {
    const fs::path target = pathFor(text, engine, settings);
    Result result;
    std::error_code ec;
    if (fs::is_regular_file(target, ec) && readSentences(sentencesPath(target), result.sentences)) {
        result.path = target;
        return result;
    }
    const auto phrases = splitPhrases(text);
    const Sentences sentences = groupSentences(phrases);
    std::vector<std::string> texts;
    texts.reserve(phrases.size());
    for (const auto& p : phrases) texts.push_back(p.text);
    if (texts.empty()) return {{}, false, "there is nothing to say in: " + std::string(text)};

    VoiceChoice choice{settings.voice.empty() ? engine.defaultVoice(settings.language) : settings.voice, settings.language,
                       settings.rate, settings.pitch};
    Synthesis synthesis = engine.synthesize(texts, choice);
    ++synthesisCount_;
    if (!synthesis.error.empty()) return {{}, false, synthesis.error};
    if (synthesis.phrases.size() != texts.size()) return {{}, false, engine.name() + " returned the wrong number of phrases"};

    std::vector<short> samples;
    const int rate = synthesis.phrases.front().rate;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        const auto sentence = static_cast<std::size_t>(sentences.sentenceOf[i]);
        if (result.sentences.size() == sentence)
            result.sentences.push_back({sentences.text[sentence], static_cast<std::int64_t>(samples.size())});
        const auto& pcm = synthesis.phrases[i].samples;
        samples.insert(samples.end(), pcm.begin(), pcm.end());
        const int gapMs = phrases[i].endsSentence ? settings.sentenceGapMs : settings.phraseGapMs;
        if (i + 1 < phrases.size()) samples.insert(samples.end(), static_cast<std::size_t>(rate) * gapMs / 1000, 0);
    }
    if (samples.empty()) return {{}, false, engine.name() + " produced no audio for: " + std::string(text)};
    result.synthesizedNow = true;
    const std::string notCached = store(samples, rate, result.sentences, target);
    result.path = target;
    if (notCached.empty()) return result;
    // The cache cannot take it: the voice is played from memory this time, rather than not at all.
    result.bytes = std::make_shared<const std::string>(
        encodeWav16(samples.data(), static_cast<sf_count_t>(samples.size()), rate, 1));
    if (result.bytes->empty()) return {{}, false, notCached};
    result.notCached = notCached;
    return result;
}

std::string SpeechCache::store(const std::vector<short>& samples, int rate, const std::vector<SpokenSentence>& sentences,
                               const fs::path& target) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create the speech cache folder " + dir_.string() + ": " + ec.message();
    // The sentences first: a WAV in the cache always has its sentences beside it.
    const fs::path sentenceFile = sentencesPath(target);
    const fs::path sentenceTemporary = sentenceFile.string() + temporarySuffix();
    {
        std::ofstream out(sentenceTemporary, std::ios::binary);
        out << sentencesText(sentences);
        if (!out.flush()) {
            fs::remove(sentenceTemporary, ec);
            return "cannot write " + sentenceTemporary.string() + " (disk full?)";
        }
    }
    fs::rename(sentenceTemporary, sentenceFile, ec);
    if (ec) {
        fs::remove(sentenceTemporary, ec);
        return "cannot move speech into the cache: " + ec.message();
    }
    const fs::path temporary = target.string() + temporarySuffix();
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
