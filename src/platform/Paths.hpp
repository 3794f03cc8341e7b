#pragma once
// Where Kindly finds its bundled data and keeps its caches (XDG base directories).

#include <filesystem>
#include <optional>
#include <vector>

namespace kindly {

/// The folder that holds the bundled `scripts/` and `audio/`, found in this order:
/// $KINDLY_DATA_DIR; <prefix>/share/kindly next to an installed binary; the source tree
/// named by `kindly-data-dir.txt` beside a binary in its build tree. nullopt if none exists.
std::optional<std::filesystem::path> bundledDataDir();

/// $XDG_CONFIG_HOME/kindly (default ~/.config/kindly): the kiosk's and the desk breaks' configs.
std::filesystem::path configDir();

/// $XDG_CACHE_HOME/kindly (default ~/.cache/kindly). Not created here.
std::filesystem::path cacheDir();

/// $XDG_DATA_HOME/kindly (default ~/.local/share/kindly). Not created here.
std::filesystem::path userDataDir();

/// Read-only folders of speech made ahead for the bundled sessions (see SpeechCache):
/// <data dir>/speech when installed, and ready-speech/ beside a binary in its build tree.
std::vector<std::filesystem::path> readySpeechDirs();

/// $XDG_STATE_HOME/kindly (default ~/.local/state/kindly). Not created here.
std::filesystem::path stateDir();

/// True when `path` is `folder` or lies under it, comparing whole components (so /a/bc is not
/// under /a/b). Both must already be canonical: ".." and symlinks are the caller's to resolve.
bool isInside(const std::filesystem::path& path, const std::filesystem::path& folder);

/// The running program's own path (/proc/self/exe), if it can be read.
std::optional<std::filesystem::path> executablePath();

}  // namespace kindly
