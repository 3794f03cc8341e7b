#include "live/ScriptReload.hpp"

#include <algorithm>
#include <system_error>

namespace kindly {
namespace fs = std::filesystem;

FileWatcher::FileWatcher(fs::path file) : file_(std::move(file)) { changed(); }

bool FileWatcher::changed() {
    std::error_code ec;
    const auto time = fs::last_write_time(file_, ec);
    const bool exists = !ec;
    const std::uintmax_t size = exists ? fs::file_size(file_, ec) : 0;
    const bool different = exists && (!exists_ || time != time_ || size != size_);
    exists_ = exists;
    if (exists) {
        time_ = time;
        size_ = size;
    }
    return different;
}

NewVersion loadNewVersion(const fs::path& file, const PrepareOptions& options) {
    NewVersion result;
    PreparedSession prepared = prepareSession(file, options);
    if (!prepared.ok()) {
        for (const auto& d : prepared.diagnostics.items())
            if (d.severity == Severity::Error) result.diagnostics.push_back(formatDiagnostic(d));
        if (result.diagnostics.empty()) result.diagnostics.push_back(file.string() + ": error: the script cannot be read");
        return result;
    }
    result.live = readyLiveSession(file, std::move(prepared));
    return result;
}

namespace {

/// The step's parts as the listener hears and sees them: its words, caption and bell, and
/// how long its speech, breathing and pause last.
bool sameStep(const LiveSession& a, int stepA, const LiveSession& b, int stepB) {
    const Step& x = a.script().steps[static_cast<std::size_t>(stepA)];
    const Step& y = b.script().steps[static_cast<std::size_t>(stepB)];
    const StepTiming& tx = a.timeline().steps[static_cast<std::size_t>(stepA)];
    const StepTiming& ty = b.timeline().steps[static_cast<std::size_t>(stepB)];
    const auto bell = [](const Step& s) { return s.bell ? s.bell->text : std::string(); };
    return x.say == y.say && x.captionText() == y.captionText() && bell(x) == bell(y) && x.clip.has_value() == y.clip.has_value() &&
           (!x.clip || x.clip->text == y.clip->text) && tx.breatheStart - tx.start == ty.breatheStart - ty.start &&
           tx.pauseStart - tx.breatheStart == ty.pauseStart - ty.breatheStart && tx.end - tx.pauseStart == ty.end - ty.pauseStart;
}

}  // namespace

Frames continuePoint(const LiveSession& from, const LiveSession& to) {
    const PlayerSnapshot now = from.player->snapshot();
    const Script& old = from.script();
    const int count = static_cast<int>(to.timeline().steps.size());
    int step = findStep(to.script(), old.steps[static_cast<std::size_t>(now.step)].id);
    if (step < 0) step = std::min(now.step, count - 1);
    const Frames start = to.timeline().steps[static_cast<std::size_t>(step)].start;
    if (!sameStep(from, now.step, to, step)) return start;
    const Frames offset = now.position - from.timeline().steps[static_cast<std::size_t>(now.step)].start;
    return start + std::max<Frames>(0, offset);
}

void takeOver(const LiveSession& from, LiveSession& to) {
    makePlayer(to, continuePoint(from, to));
    for (const auto which : {Player::Volume::Voice, Player::Volume::Ambient, Player::Volume::Master})
        to.player->setVolume(which, from.player->volume(which));
}

std::string reloadProblemLine(const std::filesystem::path& file, const std::vector<std::string>& diagnostics) {
    if (diagnostics.empty()) return {};
    const std::string& first = diagnostics.front();
    const std::string prefix = file.string() + ":";
    return (first.rfind(prefix, 0) == 0 ? file.filename().string() + ":" + first.substr(prefix.size()) : first) +
           (diagnostics.size() > 1 ? " (and " + std::to_string(diagnostics.size() - 1) + " more)" : "") +
           ". Still playing the last good version.";
}

}  // namespace kindly
