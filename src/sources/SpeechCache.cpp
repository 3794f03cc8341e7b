#include "sources/SpeechCache.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "platform/AtomicFile.hpp"
#include "platform/Language.hpp"
#include "platform/StopRequest.hpp"
#include "sources/Loudness.hpp"
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
/// The manifest's first lines: its length, rate and samples' hash, and its loudness when it
/// records one.
struct ManifestHead {
    long long frames = -1;
    int rate = 0;
    std::string sampleHash;
    std::optional<double> lufs;
};
std::optional<ManifestHead> readManifestHead(std::istringstream& lines);
std::string vouchedManifest(const fs::path& sidecar);
fs::path sentencesPath(const fs::path& wav);
}  // namespace

std::optional<double> spokenLoudness(const fs::path& speech) {
    if (speech.empty()) return std::nullopt;
    const std::string manifest = vouchedManifest(sentencesPath(speech));
    if (manifest.empty()) return std::nullopt;
    std::istringstream lines(manifest);
    const auto head = readManifestHead(lines);
    if (!head || !head->lufs) return std::nullopt;
    const long long frames = head->frames;
    const int rate = head->rate;
    const auto value = head->lufs;
    // The sound the sidecar speaks of: its length and rate (its samples were checked against the
    // sidecar when the speech was obtained).
    SF_INFO info{};
    SNDFILE* file = sf_open(speech.c_str(), SFM_READ, &info);
    if (!file) return std::nullopt;
    sf_close(file);
    if (info.frames != frames || info.samplerate != rate || info.channels != 1) return std::nullopt;
    return value;
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

std::string hex(std::uint64_t value) {
    char text[24];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

std::uint64_t samplesHash(const std::vector<short>& samples) {
    return stableHash(std::string_view(reinterpret_cast<const char*>(samples.data()), samples.size() * sizeof(short)));
}

/// The sidecar that vouches for a cached WAV: its length, rate and a hash of its samples, then
/// "START<TAB>TEXT" per sentence, then a hash of all of that (so a damaged or foreign sidecar
/// is found out as surely as a damaged WAV).
std::string manifestText(const std::vector<short>& samples, int rate, const std::vector<SpokenSentence>& sentences) {
    std::string text = "kindly-speech 1\nframes " + std::to_string(samples.size()) + "\nrate " + std::to_string(rate) +
                       "\nsamples " + hex(samplesHash(samples)) + "\n";
    // Its loudness, measured now that the samples are at hand (a first play need not decode it
    // again to level the voice); every digit, so that it reads back as the same double.
    if (const auto lufs = measureIntegratedLufs(samples, rate)) {
        char value[40] = "silent";
        if (std::isfinite(*lufs)) std::snprintf(value, sizeof value, "%.17g", *lufs);
        text += std::string("lufs ") + value + "\n";
    }
    for (const auto& s : sentences) {
        std::string flat = s.text;
        for (char& c : flat)
            if (c == '\n' || c == '\t' || c == '\r') c = ' ';
        text += std::to_string(s.start) + "\t" + flat + "\n";
    }
    return text + "check " + hex(stableHash(text)) + "\n";
}

/// "lufs -23.5" or "lufs silent" to the value (-inf for silence); nullopt when it is not one.
std::optional<double> parseLoudnessLine(const std::string& line) {
    if (line.rfind("lufs ", 0) != 0) return std::nullopt;
    const std::string value = line.substr(5);
    if (value == "silent") return -std::numeric_limits<double>::infinity();
    char* end = nullptr;
    const double lufs = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(lufs) || lufs < -200 || lufs > 20) return std::nullopt;
    return lufs;
}

/// Reads the manifest's head from `lines`, leaving them at its first sentence; nullopt when a
/// line is not what it must be (a loudness line is optional, but must be whole when there).
std::optional<ManifestHead> readManifestHead(std::istringstream& lines) {
    ManifestHead head;
    std::string magic, word;
    std::getline(lines, magic);
    if (magic != "kindly-speech 1" || !(lines >> word >> head.frames) || word != "frames" || !(lines >> word >> head.rate) ||
        word != "rate" || !(lines >> word >> head.sampleHash) || word != "samples")
        return std::nullopt;
    lines.ignore(1);
    if (lines.peek() == 'l') {
        std::string lufs;
        std::getline(lines, lufs);
        head.lufs = parseLoudnessLine(lufs);
        if (!head.lufs) return std::nullopt;
    }
    return head;
}

/// The sidecar's manifest, when its own hash vouches for it (else empty).
std::string vouchedManifest(const fs::path& sidecar) {
    std::ifstream in(sidecar, std::ios::binary);
    if (!in) return {};
    std::string manifest((std::istreambuf_iterator<char>(in)), {});
    if (manifest.size() > (1u << 20)) return {};
    const auto checkAt = manifest.rfind("check ");
    if (checkAt == std::string::npos ||
        manifest.compare(checkAt, std::string::npos, "check " + hex(stableHash(manifest.substr(0, checkAt))) + "\n") != 0)
        return {};
    return manifest.substr(0, checkAt);
}

/// The sentences `text` is spoken as (what the captions may show), as synthesis groups them.
std::vector<std::string> expectedSentences(std::string_view text) {
    std::vector<std::string> out = groupSentences(splitPhrases(text)).text;
    for (auto& sentence : out)
        for (char& c : sentence)
            if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return out;
}

/// True when `wav` and its sidecar are whole and are the speech of `text`: the sidecar's own
/// hash holds, its sentences are `text`'s in order and start within the sound, and the WAV has
/// the length, rate and samples the sidecar names. Fills `sentences`.
bool verifiedEntry(const fs::path& wav, std::string_view text, std::vector<SpokenSentence>& sentences) {
    const std::string manifest = vouchedManifest(sentencesPath(wav));
    if (manifest.empty()) return false;
    std::istringstream lines(manifest);
    const auto head = readManifestHead(lines);
    if (!head) return false;
    const long long frames = head->frames;
    const int rate = head->rate;
    const std::string& sampleHash = head->sampleHash;
    sentences.clear();
    const std::vector<std::string> expected = expectedSentences(text);
    for (std::string line; std::getline(lines, line);) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab > 18 || line.find_first_not_of("0123456789") != tab) return false;
        const long long start = std::stoll(line.substr(0, tab));
        if (sentences.empty() ? start != 0 : start <= sentences.back().start) return false;
        if (start >= frames) return false;
        sentences.push_back({line.substr(tab + 1), start});
    }
    if (sentences.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (sentences[i].text != expected[i]) return false;
    // The sound itself.
    SF_INFO info{};
    SNDFILE* file = sf_open(wav.c_str(), SFM_READ, &info);
    if (!file) return false;
    // The cache's own entries are WAV; ready-made ones (installed with Kindly) FLAC, the same samples.
    const int container = wav.extension() == ".flac" ? SF_FORMAT_FLAC : SF_FORMAT_WAV;
    bool whole = info.channels == 1 && info.samplerate == rate && info.frames == frames &&
                 (info.format & SF_FORMAT_TYPEMASK) == container && (info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16;
    if (whole) {
        std::vector<short> samples(static_cast<std::size_t>(frames));
        whole = sf_read_short(file, samples.data(), frames) == frames && hex(samplesHash(samples)) == sampleHash;
    }
    sf_close(file);
    return whole;
}

SpeechEngine& defaultEngine() {
    static SpeechEngines engines;
    return engines.flite();
}

}  // namespace

SpeechCache::SpeechCache(fs::path dir, SpeechSettings defaults, std::vector<fs::path> readyMade)
    : dir_(std::move(dir)), defaults_(std::move(defaults)), readyMade_(std::move(readyMade)) {}

fs::path SpeechCache::pathFor(std::string_view text, const SpeechEngine& engine, const SpeechSettings& settings) const {
    // Bump the "v4" whenever Kindly's side of synthesis changes, so old files are not reused.
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "|rate=%.4f|pitch=%.3f|gap=%d|phrase-gap=%d", settings.rate, settings.pitch,
                  settings.sentenceGapMs, settings.phraseGapMs);
    const std::string key = "kindly-speech-v4|" + engine.name() + "|" + engine.version() + "|voice=" + settings.voice +
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
    // An entry is used only once it is verified; a damaged one (empty, cut short, other bytes,
    // a sidecar that is not its own) is removed and made again.
    const bool present = fs::exists(fs::symlink_status(target, ec)) || fs::exists(fs::symlink_status(sentencesPath(target), ec));
    if (present) {
        if (fs::is_regular_file(fs::symlink_status(target, ec)) && verifiedEntry(target, text, result.sentences)) {
            result.path = target;
            return result;
        }
        result.sentences.clear();
        fs::remove(target, ec);
        fs::remove(sentencesPath(target), ec);
        ++healed_;
    }
    // Speech made ahead and installed with Kindly: used where it lies, once verified.
    for (const auto& folder : readyMade_) {
        const fs::path made = (folder / target.filename()).replace_extension(".flac");
        if (fs::is_regular_file(made, ec) && verifiedEntry(made, text, result.sentences)) {
            result.path = made;
            return result;
        }
        result.sentences.clear();
    }
    const auto phrases = splitPhrases(text);
    const Sentences sentences = groupSentences(phrases);
    std::vector<std::string> texts;
    texts.reserve(phrases.size());
    for (const auto& p : phrases) texts.push_back(p.text);
    if (texts.empty()) return {{}, false, "there is nothing to say in: " + std::string(text)};

    if (stopRequested()) return {{}, false, "stopped before it was spoken, as Kindly was asked to stop"};
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
    sweepLeftovers(dir_);  // entries a killed process was writing
    const fs::path temporary = target.string() + temporarySuffix();
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    // What the system said (a read-only folder is not a full disk), else libsndfile's words.
    auto reason = [](int error, const char* fallback) { return std::string(error ? std::strerror(error) : fallback); };
    errno = 0;
    SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &info);
    if (!file) return format(tr("cannot write %s: %s"), target.c_str(), reason(errno, sf_strerror(nullptr)).c_str());
    errno = 0;
    const sf_count_t written = sf_write_short(file, samples.data(), static_cast<sf_count_t>(samples.size()));
    const int closed = sf_close(file);
    if (written != static_cast<sf_count_t>(samples.size()) || closed != 0) {
        const int error = errno;
        fs::remove(temporary, ec);
        return format(tr("cannot write %s: %s"), target.c_str(), reason(error, tr("the write failed")).c_str());
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        std::string why = "cannot move speech into the cache: " + ec.message();
        fs::remove(temporary, ec);
        return why;
    }
    // Then the sidecar that vouches for it: until it is in place, the WAV is not used.
    const fs::path sentenceFile = sentencesPath(target);
    const fs::path sentenceTemporary = sentenceFile.string() + temporarySuffix();
    {
        errno = 0;
        std::ofstream out(sentenceTemporary, std::ios::binary);
        out << manifestText(samples, rate, sentences);
        if (!out.flush()) {
            const int error = errno;
            fs::remove(sentenceTemporary, ec);
            return format(tr("cannot write %s: %s"), sentenceFile.c_str(), reason(error, tr("the write failed")).c_str());
        }
    }
    fs::rename(sentenceTemporary, sentenceFile, ec);
    if (ec) {
        fs::remove(sentenceTemporary, ec);
        return "cannot move speech into the cache: " + ec.message();
    }
    return {};
}

}  // namespace kindly
