// `kindly render SCRIPT -o OUT`: the whole session into a sound file, with captions.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <limits>
#include <memory>
#include <ostream>
#include <thread>

#include "app/Commands.hpp"
#include "app/InterruptGuard.hpp"
#include "app/PrepareSession.hpp"
#include "engine/AmbientAhead.hpp"
#include "engine/Engine.hpp"
#include "engine/VoiceLevels.hpp"
#include "output/FileTags.hpp"
#include "output/SoundFileWriter.hpp"
#include "platform/AtomicFile.hpp"
#include "output/WebVtt.hpp"
#include "output/WriterThread.hpp"
#include "platform/Paths.hpp"
#include "sources/ResampleCache.hpp"

namespace kindly {
namespace {

long long millisecondsAt(Frames frame, int rate) { return (static_cast<long long>(frame) * 1000 + rate / 2) / rate; }

/// What the file says about itself: the session's title, author and description, its chapters
/// to the millisecond and its words. The date is the script's own (when it was last changed),
/// so the same script renders to the same bytes on any day.
FileTags fileTagsFor(const Script& script, const Timeline& timeline, Frames fileLength, const std::string& album) {
    FileTags tags;
    tags.title = script.session.title;
    tags.artist = script.session.author;
    tags.album = album;
    tags.genre = "Meditation";
    tags.comment = script.session.description;
    std::error_code ec;
    const auto changed = std::filesystem::last_write_time(script.file, ec);
    if (!ec) {
        const std::time_t when = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(changed));
        std::tm utc{};
        char date[16];
        if (gmtime_r(&when, &utc) && std::strftime(date, sizeof date, "%Y-%m-%d", &utc)) tags.date = date;
    }
    for (const ChapterSpan& c : timeline.chapters)
        tags.chapters.push_back({c.title, millisecondsAt(c.start, timeline.rate), millisecondsAt(c.end, timeline.rate)});
    // The last chapter runs to the file's end, the bells' last ring included.
    if (!tags.chapters.empty())
        tags.chapters.back().endMs = std::max(tags.chapters.back().endMs, millisecondsAt(fileLength, timeline.rate));
    for (const CaptionCue& cue : timeline.captions) tags.lyrics += (tags.lyrics.empty() ? "" : "\n") + cue.text;
    return tags;
}

/// A progress bar on a terminal: redrawn in place at most ten times a second.
class Progress {
public:
    Progress(std::ostream& err, bool terminal, Frames total, int rate)
        : err_(err), terminal_(terminal), total_(total), rate_(rate), started_(std::chrono::steady_clock::now()) {}

    void update(Frames done) {
        if (!terminal_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - lastDraw_ < std::chrono::milliseconds(100) && done < total_) return;
        lastDraw_ = now;
        const double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
        const double elapsed = std::chrono::duration<double>(now - started_).count();
        const double left = fraction > 0 ? elapsed / fraction - elapsed : 0;
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(fraction * kWidth);
        char line[160];
        std::snprintf(line, sizeof line, "\rrendering [%s%s] %3d%%  %s of %s  elapsed %.0fs, about %.0fs left ",
                      std::string(static_cast<std::size_t>(filled), '#').c_str(),
                      std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(),
                      static_cast<int>(fraction * 100), formatClockSeconds(nanosFromFrames(done, rate_)).c_str(),
                      formatClockSeconds(nanosFromFrames(total_, rate_)).c_str(),
                      elapsed, left);
        err_ << line << std::flush;
    }
    void finish() {
        if (terminal_) err_ << "\n";
    }
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    }

private:
    std::ostream& err_;
    bool terminal_;
    Frames total_;
    int rate_;
    std::chrono::steady_clock::time_point started_, lastDraw_{};
};

}  // namespace

int runRender(const RenderArgs& args, std::ostream& out, std::ostream& err) {
    // Nothing is written over what the render reads (the script first, the rest once it is
    // known), nor the captions over the sound.
    std::vector<NamedFile> outputs{{args.output, "the render"}};
    if (args.captions) outputs.push_back({*args.captions, "the captions"});
    auto refused = [&](const std::vector<NamedFile>& inputs) {  // said on `err` when refused
        const std::string unsafe = unsafeOutputs(outputs, inputs);
        if (!unsafe.empty()) err << "kindly: " << unsafe << "\n";
        return !unsafe.empty();
    };
    if (refused({{args.script, "the script"}})) return kExitUsage;
    const auto format = soundFileFormatFor(args.output);
    if (!format) {
        err << "kindly: cannot write '" << args.output.string() << "': unknown format; name the output "
            << soundFileExtensions() << "\n";
        return kExitUsage;
    }
    if (const std::string refusal = rateRefusal(*format, args.rate); !refusal.empty()) {
        err << "kindly: cannot write '" << args.output.string() << "': " << refusal << "\n";
        return kExitUsage;
    }
    std::error_code ec;
    const auto outputDir = args.output.parent_path().empty() ? std::filesystem::path(".") : args.output.parent_path();
    if (!std::filesystem::is_directory(outputDir, ec)) {
        err << "kindly: cannot write '" << args.output.string() << "': no folder " << outputDir.string() << "\n";
        return kExitUsage;
    }
    if (args.captions) {
        const auto captionsDir = args.captions->parent_path().empty() ? std::filesystem::path(".") : args.captions->parent_path();
        if (!std::filesystem::is_directory(captionsDir, ec)) {
            err << "kindly: cannot write the captions to '" << args.captions->string() << "': no folder " << captionsDir.string() << "\n";
            return kExitUsage;
        }
    }

    PrepareOptions options;
    options.rate = args.rate;
    options.targetLength = args.length;
    int status = kExitOk;
    InterruptGuard guard;  // from here: Ctrl-C ends a speech engine, or the render, cleanly
    auto prepared = prepareOrReport(args.script, options, err, status);
    if (!prepared) return status;  // refused before any sound
    const PreparedSession& p = *prepared;
    if (refused(filesRead(p, args.script))) return kExitUsage;
    const std::filesystem::path output = writeTarget(args.output);  // through a symlink, to its file
    const Script& script = *p.script;
    const Timeline& timeline = *p.timeline;
    const std::string name = args.script.string();
    auto warn = [&](const std::string& message) { err << name << ": warning: " << message << "\n"; };

    LoudnessCache loudness(cacheDir() / "loudness.tsv");
    VoiceLevels levels = computeVoiceLevels(script, timeline, loudness);
    for (const auto& w : levels.warnings) warn(w);

    // Timed from here: the summary's speed includes resampling into the cache.
    Progress progress(err, args.progress && isatty(STDERR_FILENO), timeline.renderEnd, timeline.rate);
    // Clips and loops at another rate are resampled once, into the cache, before mixing.
    // Any length: a render reads every file to its end anyway, so a long bed is resampled once.
    ResampleCache resampled(cacheDir() / "resampled", timeline.rate, std::numeric_limits<double>::infinity());
    resampleAhead(timeline, resampled);
    DirectSourceProvider provider(&resampled);
    Engine engine(script, timeline, levels.gainsDb, provider);
    // With a second core, the ambient layers are mixed ahead on it (the same samples).
    const int threads = args.threads > 0 ? args.threads : (std::thread::hardware_concurrency() >= 2 ? 2 : 1);
    std::unique_ptr<AmbientAhead> ambient;
    if (threads >= 2 && !timeline.ambients.empty()) {
        ambient = std::make_unique<AmbientAhead>(script, timeline, provider, engine.mixLength());
        engine.useAmbientFeed(ambient.get());
    }
    auto takeWarnings = [&] {
        for (const auto& w : engine.takeWarnings()) warn(w);
        if (ambient)
            for (const auto& w : ambient->takeWarnings()) warn(w);
    };
    SoundFileWriter writer;
    if (!writer.open(output, *format, timeline.rate, args.quality)) {
        err << "kindly: " << writer.error() << "\n";
        return kExitFailure;
    }
    // The mixer fills buffers here; the writer thread packs and writes them meanwhile.
    constexpr std::size_t kChunk = 16384;
    WriterThread background(writer);
    while (!engine.finished()) {
        if (guard.requested()) {
            progress.finish();
            background.finish();
            writer.abandon();
            err << "kindly: interrupted; nothing was written to " << args.output.string() << "\n";
            return guard.exitStatus();
        }
        engine.prepare();
        takeWarnings();
        std::vector<float> buffer = background.buffer();
        buffer.resize(2 * kChunk);
        buffer.resize(2 * engine.render(buffer.data(), kChunk));
        if (!background.write(std::move(buffer))) break;
        progress.update(engine.position());
    }
    takeWarnings();
    progress.finish();
    if (!background.finish()) {
        err << "kindly: " << background.error() << "\n";
        return kExitFailure;
    }
    const FileTags tags = fileTagsFor(script, timeline, engine.length(), args.album);
    if (!writer.commit(&tags)) {
        err << "kindly: " << writer.error() << "\n";
        return kExitFailure;
    }
    if (args.captions) {
        std::string error;
        if (!writeFileAtomically(writeTarget(*args.captions), webVttCaptions(timeline), error)) {
            err << "kindly: " << error << "\n";
            return kExitFailure;
        }
    }
    const double seconds = progress.seconds();
    const double played = static_cast<double>(engine.length()) / timeline.rate;
    char summary[200];
    std::snprintf(summary, sizeof summary, "rendered %s (%s) to %s in %.1f s, %.0fx realtime\n",
                  script.session.title.c_str(), formatClock(nanosFromFrames(engine.length(), timeline.rate)).c_str(),
                  args.output.string().c_str(), seconds, seconds > 0 ? played / seconds : 0.0);
    out << summary;
    return kExitOk;
}

}  // namespace kindly
