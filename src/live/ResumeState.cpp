#include "live/ResumeState.hpp"

#include <fstream>

#include "platform/AtomicFile.hpp"
#include "platform/Paths.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {
std::string key(const fs::path& script) {
    std::error_code ec;
    return fs::weakly_canonical(script, ec).string();
}
}  // namespace

ResumeState::ResumeState() : file_(stateDir() / "resume.tsv") {
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) steps_[line.substr(tab + 1)] = line.substr(0, tab);
    }
}

std::optional<std::string> ResumeState::stepFor(const fs::path& script) const {
    auto found = steps_.find(key(script));
    if (found == steps_.end()) return std::nullopt;
    return found->second;
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
