#include "live/ResumeState.hpp"

#include <algorithm>
#include <fstream>

#include "live/LiveSession.hpp"
#include "platform/AtomicFile.hpp"
#include "platform/Paths.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 20;

std::string key(const fs::path& script) {
    std::error_code ec;
    return fs::weakly_canonical(script, ec).string();
}
}  // namespace

ResumeState::ResumeState() : file_(stateDir() / "resume.tsv") {
    // Only a regular file of a sane size is read (a FIFO would hang, a huge file fill memory);
    // each line must be "step id<TAB>/absolute/script.toml", else it is left out (and gone from
    // the file at the next save).
    std::error_code ec;
    if (!fs::is_regular_file(file_, ec) || fs::file_size(file_, ec) > kMaxFileBytes) return;
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab == 0 || tab == std::string::npos || tab + 1 >= line.size() || line[tab + 1] != '/') continue;
        const std::string id = line.substr(0, tab);
        if (std::any_of(id.begin(), id.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; })) continue;
        steps_[line.substr(tab + 1)] = id;
    }
}

std::optional<std::string> ResumeState::stepFor(const fs::path& script) const {
    auto found = steps_.find(key(script));
    if (found == steps_.end()) return std::nullopt;
    return found->second;
}

std::optional<SavedPlace> ResumeState::placeIn(const fs::path& script, const Script& checked) const {
    auto step = stepFor(script);
    if (!step) return std::nullopt;
    const int index = findStep(checked, *step);
    return SavedPlace{std::move(*step), index};
}

void ResumeState::set(const fs::path& script, std::optional<std::string> step) {
    if (step) steps_[key(script)] = *step;
    else steps_.erase(key(script));
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    std::string text;
    for (const auto& [path, id] : steps_) text.append(id).append("\t").append(path).append("\n");
    std::string error;
    writeFileAtomically(file_, text, error);  // best effort: where to resume is a convenience
}

}  // namespace kindly
