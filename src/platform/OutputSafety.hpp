#pragma once
// Before a command writes anything: no output may be one of the files it reads (the script,
// its clips, recordings, beds and bells, voices.toml, a config), nor the same file as another
// output, nor a read-only, special or missing-through-a-link file. Files are compared by what
// they are (device and inode, links followed), not by how they are spelled, so a hard link, a
// symlink or "./a/../s.toml" is caught too. A symlink output is written through to its target.

#include <filesystem>
#include <string>
#include <vector>

namespace kindly {

/// A file and what it is to the command, as a person would say it, in the listener's language
/// (tr("the script"), "the clip of
/// step 'intro'", "the captions").
struct NamedFile {
    std::filesystem::path path;
    std::string what;
};

/// "" when every output may be written; else one line (no "kindly: ") that names the output
/// and the file it would replace or the reason: "will not write the render to 's.toml': it is
/// the script", "cannot write 'x.wav': it is read-only". Call it before any work that writes.
std::string unsafeOutputs(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs);

/// What a file that is not a regular one is, for a message: "a folder", "a FIFO", "a socket"
/// or "a device".
std::string specialFileKind(const std::filesystem::file_status& status);

/// True when `a` and `b` are one file (device and inode, links followed), or, when neither
/// exists yet, would be created at one place.
bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b);

/// The file that writing `output` replaces: `output` itself, or the file its symlinks lead to,
/// so that the temporary goes beside that file and the rename replaces it, not the link.
std::filesystem::path writeTarget(const std::filesystem::path& output);

}  // namespace kindly
