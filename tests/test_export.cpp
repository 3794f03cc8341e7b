// Renders for a client's phone: MP3 and Opus (and FLAC, Ogg Vorbis) with the session's tags
// and chapters, read back by a reader that is not Kindly's (TagLib for tags and chapters,
// libsndfile's decoders for the sound).

#include <catch2/catch.hpp>

#include <taglib/attachedpictureframe.h>
#include <taglib/chapterframe.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/tableofcontentsframe.h>
#include <taglib/unsynchronizedlyricsframe.h>
#include <taglib/vorbisfile.h>
#include <taglib/xiphcomment.h>

#include <cmath>
#include <cstdlib>

#include "TestSupport.hpp"
#include "output/FileTags.hpp"
#include "output/LoudnessMeter.hpp"
#include "script/Frames.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Three chapters of bells, pauses and a tone clip (no speech, so nothing waits on an engine).
const std::string kScript =
    "kindly = 1\n[session]\ntitle = \"Kind Minutes\"\nauthor = \"A. Therapist\"\n"
    "description = \"A short practice for the evening.\"\n"
    "[[ambient]]\nsound = \"pink-noise\"\ngain_db = -30\n"
    "[[step]]\nid = \"a\"\nchapter = \"Arriving\"\nclip = \"clip.wav\"\ncaption = \"Welcome.\"\npause = \"2.5s\"\n"
    "[[step]]\nid = \"b\"\nchapter = \"Breathing, slowly\"\nbell = \"chime\"\npause = \"3.2s\"\ncaption = \"Breathe.\"\n"
    "[[step]]\nid = \"c\"\nchapter = \"Kindness to yourself\"\nclip = \"clip.wav\"\ncaption = \"May I be kind.\"\npause = \"1.7s\"\n";

struct Rendered {
    ShellRun run;
    Timeline timeline;
};

Rendered render(const TempDir& dir, const std::string& output, const std::string& options = "") {
    writeTone(dir / "clip.wav", 24000, 48000, 1, 0.2);
    writeText(dir / "s.toml", kScript);
    PreparedSession p = prepareText(dir, kScript, {});
    REQUIRE(p.ok());
    const ShellRun run = runShell(dir, "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY + "' render s.toml -o " +
                                           output + " " + options);
    return {run, *p.timeline};
}

long long ms(Frames frames, int rate) { return (static_cast<long long>(frames) * 1000 + rate / 2) / rate; }

std::string text(const TagLib::String& s) { return s.to8Bit(true); }

/// The sound as libsndfile decodes it: rate, channels and length agree with the timeline's.
void checkSound(const fs::path& file, const Timeline& timeline, int rate) {
    const Sound sound = readSound(file);
    CHECK(sound.rate == rate);
    CHECK(sound.channels == 2);
    const double seconds = static_cast<double>(sound.frames) / sound.rate;
    const double expected = static_cast<double>(timeline.renderEnd) / timeline.rate;
    INFO("decoded " << seconds << " s, the timeline " << expected << " s");
    CHECK(std::abs(seconds - expected) < 0.050);
    // Not silence: the clip, the bell and the bed are there.
    float peak = 0;
    for (float s : sound.samples) peak = std::max(peak, std::abs(s));
    CHECK(peak > 0.05f);
}

void checkXiph(TagLib::Ogg::XiphComment* x, const Timeline& timeline) {
    REQUIRE(x);
    const auto fields = x->fieldListMap();
    auto field = [&](const char* key) { return fields.contains(key) ? text(fields[key].front()) : std::string("(none)"); };
    CHECK(field("TITLE") == "Kind Minutes");
    CHECK(field("ARTIST") == "A. Therapist");
    CHECK(field("ALBUM") == "Kindly");
    CHECK(field("GENRE") == "Meditation");
    CHECK(field("DESCRIPTION") == "A short practice for the evening.");
    CHECK(field("LYRICS") == "Welcome.\nBreathe.\nMay I be kind.");
    REQUIRE(timeline.chapters.size() == 3);
    for (std::size_t i = 0; i < timeline.chapters.size(); ++i) {
        char key[32];
        std::snprintf(key, sizeof key, "CHAPTER%03zu", i + 1);
        INFO(key);
        CHECK(field(key) == chapterTime(ms(timeline.chapters[i].start, timeline.rate)));
        CHECK(field((std::string(key) + "NAME").c_str()) == timeline.chapters[i].title);
    }
    CHECK(field("CHAPTER004") == "(none)");
}

}  // namespace

TEST_CASE("chapter times are written to the millisecond", "[export]") {
    CHECK(chapterTime(0) == "00:00:00.000");
    CHECK(chapterTime(103958) == "00:01:43.958");
    CHECK(chapterTime(3723004) == "01:02:03.004");
}

TEST_CASE("an MP3 render carries the session's tags, words and chapters (ID3v2.3 CHAP and CTOC)", "[export][render]") {
    TempDir dir;
    const Rendered r = render(dir, "out.mp3");
    INFO(r.run.err);
    REQUIRE(r.run.status == 0);
    checkSound(dir / "out.mp3", r.timeline, 48000);

    TagLib::MPEG::File mp3((dir / "out.mp3").c_str());
    REQUIRE(mp3.isValid());
    REQUIRE(mp3.audioProperties());
    CHECK(mp3.audioProperties()->layer() == 3);
    CHECK(mp3.audioProperties()->version() == TagLib::MPEG::Header::Version1);
    CHECK(mp3.audioProperties()->sampleRate() == 48000);
    CHECK(mp3.audioProperties()->channels() == 2);
    TagLib::ID3v2::Tag* id3 = mp3.ID3v2Tag();
    REQUIRE(id3);
    CHECK(id3->header()->majorVersion() == 3);
    CHECK(text(id3->title()) == "Kind Minutes");
    CHECK(text(id3->artist()) == "A. Therapist");
    CHECK(text(id3->album()) == "Kindly");
    CHECK(text(id3->genre()) == "Meditation");
    CHECK(text(id3->comment()) == "A short practice for the evening.");
    const auto lyrics = id3->frameList("USLT");
    REQUIRE(lyrics.size() == 1);
    CHECK(text(lyrics.front()->toString()) == "Welcome.\nBreathe.\nMay I be kind.");

    const auto chapters = id3->frameList("CHAP");
    REQUIRE(chapters.size() == r.timeline.chapters.size());
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        const auto* chap = dynamic_cast<const TagLib::ID3v2::ChapterFrame*>(chapters[static_cast<unsigned>(i)]);
        REQUIRE(chap);
        const ChapterSpan& expected = r.timeline.chapters[i];
        INFO(expected.title);
        CHECK(chap->startTime() == ms(expected.start, r.timeline.rate));
        // Each ends where the next begins; the last at the file's end, bells' ring included.
        CHECK(chap->endTime() == (i + 1 < chapters.size() ? ms(expected.end, r.timeline.rate) : ms(r.timeline.renderEnd, r.timeline.rate)));
        const auto titles = chap->embeddedFrameList("TIT2");
        REQUIRE(titles.size() == 1);
        CHECK(text(titles.front()->toString()) == expected.title);
    }
    const auto tocs = id3->frameList("CTOC");
    REQUIRE(tocs.size() == 1);
    const auto* toc = dynamic_cast<const TagLib::ID3v2::TableOfContentsFrame*>(tocs.front());
    REQUIRE(toc);
    CHECK(toc->isTopLevel());
    CHECK(toc->isOrdered());
    REQUIRE(toc->entryCount() == chapters.size());
    for (unsigned i = 0; i < toc->entryCount(); ++i)
        CHECK(toc->childElements()[i] == dynamic_cast<const TagLib::ID3v2::ChapterFrame*>(chapters[i])->elementID());
}

TEST_CASE("Opus, Ogg Vorbis and FLAC renders carry tags and CHAPTERnnn comments", "[export][render]") {
    TempDir dir;
    for (const std::string name : {"out.opus", "out.ogg", "out.flac"}) {
        INFO(name);
        const Rendered r = render(dir, name);
        INFO(r.run.err);
        REQUIRE(r.run.status == 0);
        checkSound(dir / name, r.timeline, 48000);
        const fs::path file = dir / name;
        if (name == "out.opus") {
            TagLib::Ogg::Opus::File opus(file.c_str());
            REQUIRE(opus.isValid());
            CHECK(opus.audioProperties()->channels() == 2);
            CHECK(opus.audioProperties()->inputSampleRate() == 48000);
            checkXiph(opus.tag(), r.timeline);
        } else if (name == "out.ogg") {
            TagLib::Ogg::Vorbis::File ogg(file.c_str());
            REQUIRE(ogg.isValid());
            checkXiph(ogg.tag(), r.timeline);
        } else {
            TagLib::FLAC::File flac(file.c_str());
            REQUIRE(flac.isValid());
            checkXiph(flac.xiphComment(), r.timeline);
        }
    }
}

TEST_CASE("render --quality chooses the size of MP3 and Opus files, a rate a format cannot hold is refused", "[export][render]") {
    TempDir dir;
    for (const std::string ext : {"mp3", "opus"}) {
        INFO(ext);
        std::uintmax_t previous = 0;
        for (const int quality : {1, 6, 10}) {
            const std::string name = "q" + std::to_string(quality) + "." + ext;
            REQUIRE(render(dir, name, "--quality " + std::to_string(quality)).run.status == 0);
            const auto size = fs::file_size(dir / name);
            CHECK(size > previous);  // better sounds bigger
            previous = size;
        }
    }
    const ShellRun badQuality = render(dir, "x.mp3", "--quality 11").run;
    CHECK(badQuality.status == 2);
    const ShellRun opus441 = render(dir, "x.opus", "--rate 44100").run;
    CHECK(opus441.status == 2);
    CHECK(has(opus441.err, "kindly: cannot write 'x.opus': an Opus file holds sound at 8, 12, 16, 24 or 48 kHz, not 44100 Hz: "
                           "render it with --rate 48000"));
    CHECK_FALSE(fs::exists(dir / "x.opus"));
    const ShellRun mp3at441 = render(dir, "ok.mp3", "--rate 44100").run;
    CHECK(mp3at441.status == 0);
    CHECK(readSound(dir / "ok.mp3").rate == 44100);
    const ShellRun unknown = render(dir, "x.m4a").run;
    CHECK(unknown.status == 2);
    CHECK(has(unknown.err, "kindly: cannot write 'x.m4a': unknown format; name the output .wav, .flac, .ogg, .mp3 or .opus"));
    CHECK_FALSE(fs::exists(dir / "x.m4a"));
    for (const auto& e : fs::directory_iterator(dir.path())) CHECK_FALSE(has(e.path().filename().string(), ".part"));
}

TEST_CASE("render --loudness brings a render to its target, its true peak under -1 dBTP, in every format", "[export][render][loudness]") {
    TempDir dir;
    for (const std::string name : {"loud.mp3", "loud.opus", "loud.flac"}) {
        INFO(name);
        const Rendered r = render(dir, name, "--loudness -16");
        INFO(r.run.err);
        REQUIRE(r.run.status == 0);
        CHECK(has(r.run.out, "LUFS integrated (target -16.0)"));
        // Measured again on the file as a player decodes it.
        const Sound sound = readSound(dir / name);
        REQUIRE(sound.channels == 2);
        LoudnessMeter meter(sound.rate);
        meter.add(sound.samples.data(), static_cast<std::size_t>(sound.frames));
        REQUIRE(meter.integrated());
        CHECK(std::abs(*meter.integrated() - -16.0) <= 0.5);
        CHECK(meter.truePeakDb() <= -1.0);
        checkSound(dir / name, r.timeline, 48000);
    }
    // Quieter than as mixed, too (broadcast's -23).
    const Rendered quiet = render(dir, "quiet.flac", "--loudness -23");
    REQUIRE(quiet.run.status == 0);
    const Sound sound = readSound(dir / "quiet.flac");
    LoudnessMeter meter(sound.rate);
    meter.add(sound.samples.data(), static_cast<std::size_t>(sound.frames));
    CHECK(std::abs(*meter.integrated() - -23.0) <= 0.5);
    // A silent session has nothing to measure: said, and rendered as it is.
    writeText(dir / "silent.toml", "kindly = 1\n[session]\ntitle = \"Quiet\"\n[[step]]\npause = \"2s\"\n");
    const ShellRun silent = runShell(dir, "'" + std::string(KINDLY_BINARY) + "' render silent.toml -o silent.wav --loudness -16");
    CHECK(silent.status == 0);
    CHECK(has(silent.err, "warning: --loudness is ignored: the session is silent"));
    const ShellRun outOfRange = runShell(dir, "'" + std::string(KINDLY_BINARY) + "' render silent.toml -o x.wav --loudness -2");
    CHECK(outOfRange.status == 2);
}

namespace {

double rms(const Sound& sound, double fromSeconds, double toSeconds) {
    const auto from = static_cast<std::size_t>(fromSeconds * sound.rate), to = static_cast<std::size_t>(toSeconds * sound.rate);
    double sum = 0;
    for (std::size_t f = from; f < to; ++f)
        for (int c = 0; c < sound.channels; ++c) {
            const double s = sound.samples[f * static_cast<std::size_t>(sound.channels) + static_cast<std::size_t>(c)];
            sum += s * s;
        }
    return std::sqrt(sum / static_cast<double>((to - from) * static_cast<std::size_t>(sound.channels)));
}

}  // namespace

TEST_CASE("render --fade-out lets the ambience play on after the end and fade slowly, --sleep for ten minutes", "[export][render]") {
    TempDir dir;
    const std::string script = "kindly = 1\n[session]\ntitle = \"Night\"\n[mix]\nduck_db = 0\n[[ambient]]\nsound = \"pink-noise\"\nfade_in = \"0.1s\"\nfade_out = \"1s\"\n"
                               "[[step]]\nclip = \"clip.wav\"\npause = \"1s\"\n";
    writeTone(dir / "clip.wav", 48000, 48000, 1, 0.2);
    writeText(dir / "s.toml", script);
    const PreparedSession p = prepareText(dir, script);
    REQUIRE(p.ok());
    const double end = static_cast<double>(p.timeline->length) / p.timeline->rate;  // 2 s: the clip and its pause
    const std::string kindly = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY + "' render s.toml ";
    REQUIRE(runShell(dir, kindly + "-o plain.wav").status == 0);
    const ShellRun faded = runShell(dir, kindly + "-o faded.wav --fade-out 8s");
    INFO(faded.err);
    REQUIRE(faded.status == 0);
    const Sound plain = readSound(dir / "plain.wav"), sound = readSound(dir / "faded.wav");
    CHECK(static_cast<double>(plain.frames) / plain.rate == Approx(end + 1.0).margin(0.01));  // its own 1 s fade
    CHECK(static_cast<double>(sound.frames) / sound.rate == Approx(end + 8.0).margin(0.01));
    // The same session up to its end, sample for sample; then the bed goes on, fading slowly.
    CHECK(firstDifference(std::vector<float>(plain.samples.begin(), plain.samples.begin() + static_cast<long>(2 * 48000 * end)),
                          std::vector<float>(sound.samples.begin(), sound.samples.begin() + static_cast<long>(2 * 48000 * end)))
              .empty());
    const double before = rms(sound, end - 0.5, end);
    double previous = before * 1.05;
    for (double t = end; t + 1 <= end + 8; t += 1) {
        const double level = rms(sound, t, t + 1);
        INFO("second " << t - end << " after the end: " << level << " (before the end " << before << ")");
        CHECK(level < previous);
        CHECK(level > 0.0);
        previous = level;
    }
    CHECK(rms(sound, end, end + 1) > 0.8 * before);  // slow: hardly softer in its first second
    CHECK(rms(sound, end + 7.9, end + 8) < 0.05 * before);  // and silent at its end

    const ShellRun sleep = runShell(dir, kindly + "-o sleep.flac --sleep");
    REQUIRE(sleep.status == 0);
    const Sound night = readSound(dir / "sleep.flac");
    CHECK(static_cast<double>(night.frames) / night.rate == Approx(end + 600.0).margin(0.01));

    writeText(dir / "bare.toml", "kindly = 1\n[session]\ntitle = \"Bare\"\n[[step]]\nclip = \"clip.wav\"\n");
    const ShellRun bare = runShell(dir, "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY +
                                            "' render bare.toml -o bare.wav --fade-out 5s");
    CHECK(bare.status == 0);
    CHECK(has(bare.err, "warning: --fade-out has nothing to fade: no ambient sound plays to the session's end"));
    CHECK(runShell(dir, kindly + "-o x.wav --sleep --fade-out 5s").status == 2);
}

TEST_CASE("several scripts render into a folder, named after them, with track numbers in order", "[export][render]") {
    TempDir dir;
    writeTone(dir / "clip.wav", 24000, 48000, 1, 0.2);
    for (const char* name : {"b", "a"})
        writeText(dir / (std::string(name) + ".toml"), "kindly = 1\n[session]\ntitle = \"Session " + std::string(name) +
                                                           "\"\n[[step]]\nclip = \"clip.wav\"\npause = \"1s\"\n");
    writeText(dir / "broken.toml", "kindly = 1\n[session]\ntitle = \"Broken\"\n[[step]]\npause = \"soon\"\n");
    fs::create_directories(dir / "out");
    const std::string kindly = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY + "' render ";
    const ShellRun run = runShell(dir, kindly + "b.toml broken.toml a.toml -o out/ --format opus");
    INFO(run.err);
    CHECK(run.status == 1);  // one of them is invalid: the others are rendered all the same
    CHECK(has(run.err, "broken.toml:5:9: error"));
    CHECK(has(run.err, "kindly: 1 of 3 scripts could not be rendered (see above)"));
    CHECK(has(run.out, "rendered Session b"));
    CHECK(has(run.out, "rendered Session a"));
    CHECK_FALSE(fs::exists(dir / "out/broken.opus"));
    for (const auto& [name, track] : std::vector<std::pair<std::string, std::string>>{{"b", "1"}, {"a", "3"}}) {
        INFO(name);
        TagLib::Ogg::Opus::File opus((dir / "out" / (name + ".opus")).c_str());
        REQUIRE(opus.isValid());
        const auto fields = opus.tag()->fieldListMap();
        CHECK(text(fields["TITLE"].front()) == "Session " + name);
        CHECK(text(fields["TRACKNUMBER"].front()) == track);
        CHECK(text(fields["TRACKTOTAL"].front()) == "3");
    }
    // Two of one name would overwrite each other: refused before any work.
    fs::create_directories(dir / "other");
    fs::copy_file(dir / "a.toml", dir / "other/a.toml");
    const ShellRun twins = runShell(dir, kindly + "a.toml other/a.toml -o out");
    CHECK(twins.status == 2);
    CHECK(has(twins.err, "a.toml and other/a.toml would both be rendered to out/a.mp3"));
    CHECK_FALSE(fs::exists(dir / "out/a.mp3"));
    const ShellRun notFolder = runShell(dir, kindly + "a.toml b.toml -o one.mp3");
    CHECK(notFolder.status == 2);
    CHECK(has(notFolder.err, "rendering 2 scripts needs -o to name a folder; one.mp3 is not one"));
    const ShellRun badFormat = runShell(dir, kindly + "a.toml b.toml -o out --format aac");
    CHECK(badFormat.status == 2);
}

namespace {

/// A PNG's width and height from its header (IHDR), or {0, 0}.
std::pair<unsigned, unsigned> pngSize(const std::string& png) {
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
    auto word = [&](std::size_t at) {
        return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) | static_cast<unsigned char>(png[at + 3]);
    };
    return {word(16), word(20)};
}

std::string bytesOf(const TagLib::ByteVector& v) { return std::string(v.data(), v.size()); }

}  // namespace

TEST_CASE("a render's cover: the script's picture, else a drawn card with its title", "[export][render]") {
    TempDir dir;
    // Without a cover: a 1400-pixel card, drawn, in MP3 (APIC) and Opus (a picture block).
    Rendered r = render(dir, "card.mp3");
    REQUIRE(r.run.status == 0);
    {
        TagLib::MPEG::File mp3((dir / "card.mp3").c_str());
        const auto pictures = mp3.ID3v2Tag()->frameList("APIC");
        REQUIRE(pictures.size() == 1);
        const auto* apic = dynamic_cast<const TagLib::ID3v2::AttachedPictureFrame*>(pictures.front());
        REQUIRE(apic);
        CHECK(apic->type() == TagLib::ID3v2::AttachedPictureFrame::FrontCover);
        CHECK(apic->mimeType() == "image/png");
        CHECK(pngSize(bytesOf(apic->picture())) == std::make_pair(1400u, 1400u));
    }
    // With one: its very bytes, in every tagged format; and nothing in a WAV.
    const std::string picture = readText(fs::path(KINDLY_SOURCE_DIR) / "docs/screenshots" / "player.png");
    REQUIRE(pngSize(picture).first > 0);
    writeText(dir / "art.png", picture);
    std::string withCover = kScript;
    withCover.replace(withCover.find("description"), 0, "cover = \"art.png\"\n");
    writeText(dir / "s.toml", withCover);
    const std::string kindly = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' '" + KINDLY_BINARY + "' render s.toml -o ";
    for (const std::string name : {"art.mp3", "art.opus", "art.flac"}) {
        INFO(name);
        const ShellRun run = runShell(dir, kindly + name);
        INFO(run.err);
        REQUIRE(run.status == 0);
        const std::string file = (dir / name).string();
        if (name == "art.mp3") {
            TagLib::MPEG::File mp3(file.c_str());
            const auto* apic = dynamic_cast<const TagLib::ID3v2::AttachedPictureFrame*>(mp3.ID3v2Tag()->frameList("APIC").front());
            REQUIRE(apic);
            CHECK(bytesOf(apic->picture()) == picture);
        } else if (name == "art.opus") {
            TagLib::Ogg::Opus::File opus(file.c_str());
            const auto pictures = opus.tag()->pictureList();
            REQUIRE(pictures.size() == 1);
            CHECK(pictures.front()->mimeType() == "image/png");
            CHECK(bytesOf(pictures.front()->data()) == picture);
        } else {
            TagLib::FLAC::File flac(file.c_str());
            const auto pictures = flac.pictureList();
            REQUIRE(pictures.size() == 1);
            CHECK(pictures.front()->type() == TagLib::FLAC::Picture::FrontCover);
            CHECK(bytesOf(pictures.front()->data()) == picture);
        }
    }
    // A cover that is not a picture, or not there, is an error at its line, before any sound.
    writeText(dir / "art.png", "not a picture at all");
    ShellRun bad = runShell(dir, kindly + "bad.mp3");
    CHECK(bad.status == 1);
    CHECK(has(bad.err, "s.toml:5:9: error: cover (art.png): it is not a PNG or JPEG picture"));
    fs::remove(dir / "art.png");
    bad = runShell(dir, kindly + "bad.mp3");
    CHECK(has(bad.err, "): there is no such file"));
    CHECK_FALSE(fs::exists(dir / "bad.mp3"));
    // Never written over: the cover is an input like any other (here a PNG named .mp3).
    writeText(dir / "art.mp3", picture);
    withCover.replace(withCover.find("art.png"), 7, "art.mp3");
    writeText(dir / "s.toml", withCover);
    const ShellRun over = runShell(dir, kindly + "art.mp3");
    CHECK(over.status == 2);
    CHECK(has(over.err, "the cover"));
    CHECK(readText(dir / "art.mp3") == picture);
}
