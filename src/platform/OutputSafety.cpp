#include "platform/OutputSafety.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "platform/Language.hpp"

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

/// Why `output` cannot be written on its own, or "". (The patterns take the file's role first,
/// as a noun phrase such as "the render", then its name.)
std::string unwritable(const NamedFile& output) {
    std::error_code ec;
    const std::string what = output.what, name = quoted(output.path);
    const fs::file_status link = fs::symlink_status(output.path, ec);
    if (fs::is_symlink(link) && !fs::exists(output.path, ec))
        return format(tr("cannot write %s to %s: it is a link to %s, which does not exist"), what.c_str(), name.c_str(),
                      quoted(fs::read_symlink(output.path, ec)).c_str());
    const fs::file_status status = fs::status(output.path, ec);
    if (ec || !fs::exists(status)) return "";  // a new file
    if (fs::is_directory(status)) return format(tr("cannot write %s to %s: it is a folder"), what.c_str(), name.c_str());
    if (!fs::is_regular_file(status))
        return format(tr("cannot write %s to %s: it is not a regular file (%s)"), what.c_str(), name.c_str(),
                      specialFileKind(status).c_str());
    struct stat st{};
    if (::stat(output.path.c_str(), &st) != 0) return "";
    // Read-only as its owner marked it (root may write anyway, but a render must not), or
    // not writable for this user: refused, as cp refuses it.
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(output.path.c_str(), W_OK) != 0)
        return format(tr("cannot write %s to %s: it is read-only"), what.c_str(), name.c_str());
    return "";
}

}  // namespace

std::string specialFileKind(const fs::file_status& status) {
    if (fs::is_directory(status)) return tr("a folder");
    if (fs::is_fifo(status)) return tr("a FIFO");
    if (fs::is_socket(status)) return tr("a socket");
    return tr("a device");
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
        const std::string what = out.what, name = quoted(out.path);
        for (const NamedFile& in : inputs)
            if (sameFile(out.path, in.path))
                return in.path == out.path
                           ? format(tr("will not write %s to %s: it is %s, which this command reads"), what.c_str(), name.c_str(),
                                    in.what.c_str())
                           : format(tr("will not write %s to %s: it is %s (%s), which this command reads"), what.c_str(),
                                    name.c_str(), in.what.c_str(), quoted(in.path).c_str());
        for (std::size_t j = 0; j < i; ++j)
            if (sameFile(out.path, outputs[j].path))
                return outputs[j].path == out.path
                           ? format(tr("will not write %s to %s: it is also the file for %s"), what.c_str(), name.c_str(),
                                    outputs[j].what.c_str())
                           : format(tr("will not write %s to %s: it is also the file for %s (%s)"), what.c_str(), name.c_str(),
                                    outputs[j].what.c_str(), quoted(outputs[j].path).c_str());
        if (std::string why = unwritable(out); !why.empty()) return why;
    }
    return "";
}

}  // namespace kindly
