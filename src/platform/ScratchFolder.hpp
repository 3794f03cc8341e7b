#pragma once
// A private temporary folder, "<temp>/<prefix>-<pid>-XXXXXX" ($TMPDIR or /tmp), removed with the
// object. The pid in its name lets a later run remove those that a killed process left behind.

#include <string>

namespace kindly {

class ScratchFolder {
public:
    /// Makes the folder; first removes this prefix's folders whose process no longer runs.
    explicit ScratchFolder(const std::string& prefix);
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::string& path() const { return path_; }  ///< empty when none could be made
private:
    std::string path_;
};

/// Removes the folders "<prefix>-<pid>-XXXXXX" in the temporary folder that belong to this user
/// and whose process no longer runs. Returns how many it removed.
int sweepScratchFolders(const std::string& prefix);

}  // namespace kindly
