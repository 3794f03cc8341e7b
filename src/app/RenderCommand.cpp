// `kindly render SCRIPT -o OUT`: the whole session into a sound file, with captions.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <memory>
#include <ostream>
#include <thread>

#include "app/Commands.hpp"
#include "app/PrepareOrReport.hpp"
#include "app/InterruptGuard.hpp"
#include "session/PrepareSession.hpp"
#include "engine/AmbientAhead.hpp"
#include "engine/Engine.hpp"
#include "engine/VoiceLevels.hpp"
#include "output/FileTags.hpp"
#include "ui/CoverCard.hpp"
#include "output/LoudnessMeter.hpp"
#include "output/SoundFileWriter.hpp"
#include "platform/Language.hpp"
#include "platform/AtomicFile.hpp"
#include "output/WebVtt.hpp"
#include "output/WriterThread.hpp"
#include "platform/Paths.hpp"
#include "sources/ResampleCache.hpp"

namespace kindly {
namespace {

/// The drawn cover card's size: what podcast apps ask of cover art at the least.
constexpr int kCoverCardPixels = 1400;

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

/// The engine of one pass over the session, and the ambient mixed ahead on a second core.
struct RenderPass {
    std::unique_ptr<AmbientAhead> ambient;  // made first, ended last: the engine reads it
    Engine engine;

    RenderPass(const Script& script, const Timeline& timeline, const std::vector<double>& gainsDb, SourceProvider& provider, int threads)
        : engine(script, timeline, gainsDb, provider) {
        if (threads >= 2 && !timeline.ambients.empty()) {
            ambient = std::make_unique<AmbientAhead>(script, timeline, provider, engine.mixLength());
            engine.useAmbientFeed(ambient.get());
        }
    }
    std::vector<std::string> takeWarnings() {
        auto all = engine.takeWarnings();
        if (ambient)
            for (auto& w : ambient->takeWarnings()) all.push_back(std::move(w));
        return all;
    }
};

/// The true peak's ceiling for a loudness target: -1 dBTP, the podcast norm. A lossy encoder
/// adds peaks of its own (Opus and MP3 about 0.2-0.4 dB on these mixes), so for them the mix
/// is held 0.5 dB lower and the file still stays under -1 dBTP.
constexpr double kTruePeakCeilingDb = -1.0;
constexpr double kLossyMarginDb = 0.5;
/// Measuring passes after the first, at most: a quiet session brought up 15 dB leans hard on
/// the limiter, and its loudness and peaks take a few guesses to settle.
constexpr int kLoudnessPasses = 8;

struct LoudnessPlan {
    double gainDb = 0;
    double ceilingDb = kTruePeakCeilingDb;  // the limiter's, as a sample peak
};

struct Measured {
    std::optional<double> integrated;
    double truePeakDb = 0, samplePeakDb = 0;
};

/// Mixes the whole session, unwritten, at a master gain and limiter ceiling, and measures it.
template <typename MakePass>
Measured measurePass(const MakePass& makePass, int rate, const LoudnessPlan& plan, const InterruptGuard& guard) {
    const auto pass = makePass();
    pass->engine.setMaster(plan.gainDb, plan.ceilingDb);
    LoudnessMeter meter(rate);
    constexpr std::size_t kChunk = 16384;
    std::vector<float> buffer(2 * kChunk);
    while (!pass->engine.finished() && !guard.requested()) {
        pass->engine.prepare();
        const std::size_t n = pass->engine.render(buffer.data(), kChunk);
        meter.add(buffer.data(), n);
    }
    pass->takeWarnings();  // said by the pass that writes
    return {meter.integrated(), meter.truePeakDb(), meter.samplePeakDb()};
}

/// The gain and limiter ceiling that bring the session to `targetLufs` with its true peak at
/// most -1 dBTP. The mix is made and measured (unwritten) until both hold, within 0.2 LU: as
/// mixed first, then at each better guess (the limiter takes some of each gain back, and
/// peaks between samples grow as it works). The result is the measured one closest to the
/// target under the ceiling, since the engine gives the same samples for the same settings.
/// nullopt for a silent session, or when interrupted (see `guard`).
template <typename MakePass>
std::optional<LoudnessPlan> planLoudness(const MakePass& makePass, int rate, double targetLufs, double truePeakDb,
                                         const InterruptGuard& guard) {
    LoudnessPlan plan{0.0, kTruePeakCeilingDb};
    Measured m = measurePass(makePass, rate, plan, guard);
    if (guard.requested() || !m.integrated) return std::nullopt;
    plan = {targetLufs - *m.integrated, truePeakDb - std::max(0.3, m.truePeakDb - m.samplePeakDb)};
    std::optional<LoudnessPlan> best;
    double bestMiss = HUGE_VAL;
    double previousGain = 0, previousLufs = *m.integrated;
    for (int pass = 0; pass < kLoudnessPasses && !guard.requested(); ++pass) {
        m = measurePass(makePass, rate, plan, guard);
        if (!m.integrated) return std::nullopt;
        const bool underCeiling = m.truePeakDb <= truePeakDb;
        const double miss = std::abs(*m.integrated - targetLufs);
        if (underCeiling && miss < bestMiss) {
            best = plan;
            bestMiss = miss;
        }
        if (underCeiling && miss <= 0.2) break;
        // The next gain from the last two (the secant): the limiter makes each dB of gain
        // worth less than a dB of loudness.
        const double slope = std::clamp((*m.integrated - previousLufs) / (plan.gainDb - previousGain), 0.2, 1.0);
        previousGain = plan.gainDb;
        previousLufs = *m.integrated;
        plan.gainDb += (targetLufs - *m.integrated) / slope;
        if (!underCeiling) plan.ceilingDb -= m.truePeakDb - truePeakDb + 0.1;
    }
    return guard.requested() ? std::nullopt : best;
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
        err_ << "\r"
             << format(tr("rendering [%s%s] %3d%%  %s of %s  elapsed %.0fs, about %.0fs left "),
                       std::string(static_cast<std::size_t>(filled), '#').c_str(),
                       std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), static_cast<int>(fraction * 100),
                       formatClockSeconds(nanosFromFrames(done, rate_)).c_str(),
                       formatClockSeconds(nanosFromFrames(total_, rate_)).c_str(), elapsed, left)
             << std::flush;
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
    std::vector<NamedFile> outputs{{args.output, tr("the render")}};
    if (args.captions) outputs.push_back({*args.captions, tr("the captions")});
    auto refused = [&](const std::vector<NamedFile>& inputs) {  // said on `err` when refused
        const std::string unsafe = unsafeOutputs(outputs, inputs);
        if (!unsafe.empty()) err << "kindly: " << unsafe << "\n";
        return !unsafe.empty();
    };
    if (refused({{args.script, tr("the script")}})) return kExitUsage;
    const auto fileFormat = soundFileFormatFor(args.output);
    if (!fileFormat) {
        err << "kindly: "
            << format(tr("cannot write '%s': unknown format; name the output %s"), args.output.c_str(),
                      soundFileExtensions().c_str())
            << "\n";
        return kExitUsage;
    }
    if (const std::string refusal = rateRefusal(*fileFormat, args.rate); !refusal.empty()) {
        err << "kindly: " << format(tr("cannot write '%s': %s"), args.output.c_str(), refusal.c_str()) << "\n";
        return kExitUsage;
    }
    std::error_code ec;
    const auto outputDir = args.output.parent_path().empty() ? std::filesystem::path(".") : args.output.parent_path();
    if (!std::filesystem::is_directory(outputDir, ec)) {
        err << "kindly: " << format(tr("cannot write '%s': no folder %s"), args.output.c_str(), outputDir.c_str()) << "\n";
        return kExitUsage;
    }
    if (args.captions) {
        const auto captionsDir = args.captions->parent_path().empty() ? std::filesystem::path(".") : args.captions->parent_path();
        if (!std::filesystem::is_directory(captionsDir, ec)) {
            err << "kindly: "
                << format(tr("cannot write the captions to '%s': no folder %s"), args.captions->c_str(), captionsDir.c_str())
                << "\n";
            return kExitUsage;
        }
    }

    PrepareOptions options;
    options.rate = args.rate;
    options.targetLength = args.length;
    options.fadeOut = args.fadeOut;
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
    auto warn = [&](const std::string& message) { err << name << ": " << tr("warning") << ": " << message << "\n"; };

    if (args.fadeOut && std::none_of(timeline.ambients.begin(), timeline.ambients.end(),
                                     [&](const AmbientSpan& a) { return a.end > timeline.length; }))
        warn(tr("--fade-out has nothing to fade: no ambient sound plays to the session's end"));
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
    // With a second core, the ambient layers are mixed ahead on it (the same samples).
    const int threads = args.threads > 0 ? args.threads : (std::thread::hardware_concurrency() >= 2 ? 2 : 1);
    auto makeMix = [&] { return std::make_unique<RenderPass>(script, timeline, levels.gainsDb, provider, threads); };

    // A loudness target: the mix is made once to be measured, then again at the gain that
    // brings it there, its limiter lowered so the true peak stays under the ceiling.
    std::optional<LoudnessPlan> plan;
    if (args.loudness) {
        const bool lossy = *fileFormat == SoundFileFormat::Mp3 || *fileFormat == SoundFileFormat::Opus || *fileFormat == SoundFileFormat::Ogg;
        plan = planLoudness(makeMix, timeline.rate, *args.loudness, kTruePeakCeilingDb - (lossy ? kLossyMarginDb : 0.0), guard);
        if (guard.requested()) {
            progress.finish();
            err << "kindly: " << format(tr("interrupted; nothing was written to %s"), args.output.c_str()) << "\n";
            return guard.exitStatus();
        }
        if (!plan) warn(tr("--loudness is ignored: the session is silent, or no gain kept its true peak under -1 dBTP"));
    }
    const auto mix = makeMix();
    Engine& engine = mix->engine;
    if (plan) engine.setMaster(plan->gainDb, plan->ceilingDb);
    std::optional<LoudnessMeter> meter;
    if (plan) meter.emplace(timeline.rate);
    auto takeWarnings = [&] {
        for (const auto& w : mix->takeWarnings()) warn(w);
    };
    SoundFileWriter writer;
    if (!writer.open(output, *fileFormat, timeline.rate, args.quality)) {
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
            err << "kindly: " << format(tr("interrupted; nothing was written to %s"), args.output.c_str()) << "\n";
            return guard.exitStatus();
        }
        engine.prepare();
        takeWarnings();
        std::vector<float> buffer = background.buffer();
        buffer.resize(2 * kChunk);
        buffer.resize(2 * engine.render(buffer.data(), kChunk));
        if (meter) meter->add(buffer.data(), buffer.size() / 2);
        if (!background.write(std::move(buffer))) break;
        progress.update(engine.position());
    }
    takeWarnings();
    progress.finish();
    if (!background.finish()) {
        err << "kindly: " << background.error() << "\n";
        return kExitFailure;
    }
    FileTags tags = fileTagsFor(script, timeline, engine.length(), args.album);
    tags.track = args.track;
    tags.tracks = args.tracks;
    if (*fileFormat != SoundFileFormat::Wav) {
        // The script's cover, else a plain card with its title, so a phone's player shows one.
        std::string why;
        if (script.session.cover) {
            if (!readCover(*script.session.cover, tags.picture, tags.pictureMime, why)) {
                writer.abandon();
                err << "kindly: " << format(tr("cannot read the cover %s: %s"), script.session.cover->c_str(), why.c_str()) << "\n";
                return kExitFailure;
            }
        } else {
            tags.picture = ui::drawCoverCard(script.session.title, script.session.author, kCoverCardPixels, why);
            tags.pictureMime = "image/png";
            if (tags.picture.empty()) warn(format(tr("the file has no cover picture: %s"), why.c_str()));
        }
    }
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
    out << format(tr("rendered %s (%s) to %s in %.1f s, %.0fx realtime"), script.session.title.c_str(),
                  formatClock(nanosFromFrames(engine.length(), timeline.rate)).c_str(), args.output.c_str(), seconds,
                  seconds > 0 ? played / seconds : 0.0)
        << "\n";
    if (meter)
        out << format(tr("loudness: %.1f LUFS integrated (target %.1f), range %.1f LU, true peak %.1f dBTP (gain %+.1f dB)"),
                      meter->integrated().value_or(-HUGE_VAL), *args.loudness, meter->range(), meter->truePeakDb(), plan->gainDb)
            << "\n";
    return kExitOk;
}

int runRenderAll(RenderArgs args, const std::vector<std::filesystem::path>& scripts, const std::string& extension,
                 std::ostream& out, std::ostream& err) {
    namespace fs = std::filesystem;
    const fs::path folder = args.output;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        err << "kindly: "
            << format(tr("rendering %zu scripts needs -o to name a folder; %s is not one"), scripts.size(), folder.c_str())
            << "\n";
        return kExitUsage;
    }
    if (args.captions) {
        err << "kindly: " << tr("--captions names one file; render the scripts one by one for their captions") << "\n";
        return kExitUsage;
    }
    const std::string ext = extension.empty() || extension[0] == '.' ? extension : "." + extension;
    if (!soundFileFormatFor("x" + ext)) {
        err << "kindly: "
            << format(tr("--format %s is not one Kindly writes; give %s"), extension.c_str(), soundFileExtensions().c_str())
            << "\n";
        return kExitUsage;
    }
    // Every name is known before any work: two scripts of one name would overwrite each other.
    std::vector<fs::path> outputs;
    for (const fs::path& script : scripts) {
        const fs::path output = folder / (script.stem().string() + ext);
        for (std::size_t j = 0; j < outputs.size(); ++j)
            if (outputs[j] == output) {
                err << "kindly: "
                    << format(tr("%s and %s would both be rendered to %s"), scripts[j].c_str(), script.c_str(), output.c_str())
                    << "\n";
                return kExitUsage;
            }
        outputs.push_back(output);
    }
    int worst = kExitOk, failed = 0;
    for (std::size_t i = 0; i < scripts.size(); ++i) {
        args.script = scripts[i];
        args.output = outputs[i];
        args.track = static_cast<int>(i) + 1;
        args.tracks = static_cast<int>(scripts.size());
        const int status = runRender(args, out, err);
        if (status > 128) return status;  // interrupted: the rest are not started
        if (status != kExitOk) {
            ++failed;
            worst = std::max(worst, status);
        }
    }
    if (failed > 0)
        err << "kindly: "
            << format(trn("%d of %zu script could not be rendered (see above)", "%d of %zu scripts could not be rendered (see above)",
                          static_cast<unsigned long>(scripts.size())),
                      failed, scripts.size())
            << "\n";
    return worst;
}

}  // namespace kindly
