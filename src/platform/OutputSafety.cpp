#include "platform/OutputSafety.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

namespace kindly {
namespace fs = std::filesystem;
namespace {

struct Identity {
    dev_t device;
    ino_t inode;
    bool operator==(const Identity&) const = default;
};

/// What `file` is once its links are followed; nullopt when it does not exist.
std::optional<Identity> identity(const fs::path& file) {
    struct stat st{};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return Identity{st.st_dev, st.st_ino};
}

/// Where `output` would be written, spelled canonically (for outputs that do not exist yet).
fs::path place(const fs::path& output) {
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(writeTarget(output), ec);
    return ec ? fs::absolute(output, ec) : resolved;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

/// Why `output` cannot be written on its own, or "".
std::string unwritable(const NamedFile& output) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(output.path, ec);
    if (fs::is_symlink(link) && !fs::exists(output.path, ec))
        return "cannot write " + output.what + " to " + quoted(output.path) + ": it is a link to " +
               quoted(fs::read_symlink(output.path, ec)) + ", which does not exist";
    const fs::file_status status = fs::status(output.path, ec);
    if (ec || !fs::exists(status)) return "";  // a new file
    if (fs::is_directory(status)) return "cannot write " + output.what + " to " + quoted(output.path) + ": it is a folder";
    if (!fs::is_regular_file(status))
        return "cannot write " + output.what + " to " + quoted(output.path) + ": it is not a regular file (" +
               specialFileKind(status) + ")";
    struct stat st{};
    if (::stat(output.path.c_str(), &st) != 0) return "";
    // Read-only as its owner marked it (root may write anyway, but a render must not), or
    // not writable for this user: refused, as cp refuses it.
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(output.path.c_str(), W_OK) != 0)
        return "cannot write " + output.what + " to " + quoted(output.path) + ": it is read-only";
    return "";
}

}  // namespace

std::string specialFileKind(const fs::file_status& status) {
    if (fs::is_directory(status)) return "a folder";
    if (fs::is_fifo(status)) return "a FIFO";
    if (fs::is_socket(status)) return "a socket";
    return "a device";
}

bool sameFile(const fs::path& a, const fs::path& b) {
    const auto ia = identity(a), ib = identity(b);
    if (ia && ib) return *ia == *ib;
    return !ia && !ib && place(a) == place(b);
}

fs::path writeTarget(const fs::path& output) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(output, ec))) return output;
    const fs::path target = fs::canonical(output, ec);
    return ec ? output : target;
}

std::string unsafeOutputs(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const NamedFile& out = outputs[i];
        for (const NamedFile& in : inputs)
            if (sameFile(out.path, in.path))
                return "will not write " + out.what + " to " + quoted(out.path) + ": it is " + in.what +
                       (in.path == out.path ? "" : " (" + quoted(in.path) + ")") + ", which this command reads";
        for (std::size_t j = 0; j < i; ++j)
            if (sameFile(out.path, outputs[j].path))
                return "will not write " + out.what + " to " + quoted(out.path) + ": it is also the file for " +
                       outputs[j].what + (outputs[j].path == out.path ? "" : " (" + quoted(outputs[j].path) + ")");
        if (std::string why = unwritable(out); !why.empty()) return why;
    }
    return "";
}

}  // namespace kindly
