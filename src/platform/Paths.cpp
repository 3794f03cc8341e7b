#include "platform/Paths.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

namespace kindly {
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> envPath(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    fs::path p(value);
    if (!p.is_absolute()) return std::nullopt;  // the XDG spec says relative values are ignored
    return p;
}

fs::path homeDir() {
    if (auto home = envPath("HOME")) return *home;
    return fs::temp_directory_path() / ("kindly-" + std::to_string(getuid()));
}

fs::path xdgDir(const char* variable, const fs::path& fallbackUnderHome) {
    if (auto dir = envPath(variable)) return *dir / "kindly";
    return homeDir() / fallbackUnderHome / "kindly";
}

bool looksLikeDataDir(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "scripts", ec) && fs::is_directory(dir / "audio", ec);
}

}  // namespace

std::optional<fs::path> executablePath() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    return exe;
}

std::optional<fs::path> bundledDataDir() {
    if (const char* value = std::getenv("KINDLY_DATA_DIR"); value && *value) {
        if (looksLikeDataDir(value)) return fs::path(value);
    }
    const auto exe = executablePath();
    if (!exe) return std::nullopt;
    const fs::path binDir = exe->parent_path();
    if (fs::path installed = binDir.parent_path() / "share" / "kindly"; looksLikeDataDir(installed)) return installed;
    // A build tree: CMake writes the source folder's path into this file (never installed).
    std::ifstream marker(binDir / "kindly-data-dir.txt");
    std::string line;
    if (marker && std::getline(marker, line) && looksLikeDataDir(line)) return fs::path(line);
    return std::nullopt;
}

fs::path configDir() { return xdgDir("XDG_CONFIG_HOME", ".config"); }
fs::path cacheDir() { return xdgDir("XDG_CACHE_HOME", ".cache"); }
std::vector<fs::path> readySpeechDirs() {
    std::vector<fs::path> dirs;
    std::error_code ec;
    if (const auto data = bundledDataDir(); data && fs::is_directory(*data / "speech", ec)) dirs.push_back(*data / "speech");
    if (const auto exe = executablePath()) {
        if (fs::path built = exe->parent_path() / "ready-speech"; fs::is_directory(built, ec)) dirs.push_back(built);
    }
    return dirs;
}

fs::path userDataDir() { return xdgDir("XDG_DATA_HOME", fs::path(".local") / "share"); }
fs::path stateDir() { return xdgDir("XDG_STATE_HOME", fs::path(".local") / "state"); }

bool isInside(const std::filesystem::path& path, const std::filesystem::path& folder) {
    auto f = folder.begin(), p = path.begin();
    for (; f != folder.end(); ++f, ++p)
        if (p == path.end() || *p != *f) return false;
    return true;
}

}  // namespace kindly
