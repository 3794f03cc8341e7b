#include "platform/ScratchFolder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "platform/AtomicFile.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

fs::path temporaryFolder() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);  // $TMPDIR, else /tmp
    return ec ? fs::path("/tmp") : dir;
}

}  // namespace

int sweepScratchFolders(const std::string& prefix) {
    const std::string start = prefix + "-";
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(temporaryFolder(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, start.size(), start) != 0) continue;
        const std::string rest = name.substr(start.size());  // PID-XXXXXX
        const auto dash = rest.find('-');
        if (dash == std::string::npos || !ownerGone(rest.substr(0, dash))) continue;
        struct stat info {};
        // Only a real folder of this user's (never one a link points to, never another user's).
        if (lstat(it->path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != getuid()) continue;
        std::error_code removeError;
        if (fs::remove_all(it->path(), removeError) > 0 && !removeError) ++removed;
    }
    return removed;
}

ScratchFolder::ScratchFolder(const std::string& prefix) {
    sweepScratchFolders(prefix);
    std::string pattern = (temporaryFolder() / (prefix + "-" + std::to_string(getpid()) + "-XXXXXX")).string();
    if (mkdtemp(pattern.data())) path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace kindly
