#include "platform/AtomicFile.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <system_error>

#include "platform/Language.hpp"

namespace kindly {
namespace fs = std::filesystem;

bool writeFileAtomically(const fs::path& file, std::string_view content, std::string& error) {
    const fs::path temporary = file.string() + ".part";
    std::error_code ec;
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream.write(content.data(), static_cast<std::streamsize>(content.size()));
        stream.close();
        if (!stream) {
            error = format(tr("cannot write %s"), file.c_str());
            fs::remove(temporary, ec);
            return false;
        }
    }
    return moveIntoPlace(temporary, file, error);
}

bool moveIntoPlace(const fs::path& temporary, const fs::path& file, std::string& error) {
    std::error_code ec;
    // A file replaced keeps its permissions, as one written over in place would.
    const fs::file_status before = fs::status(file, ec);
    if (!ec && fs::is_regular_file(before)) fs::permissions(temporary, before.permissions(), ec);
    fs::rename(temporary, file, ec);
    if (ec) {
        error = format(tr("cannot write %s: %s"), file.c_str(), ec.message().c_str());
        fs::remove(temporary, ec);
        return false;
    }
    return true;
}

bool ownerGone(std::string_view pid) {
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string_view::npos) return false;
    const auto owner = static_cast<pid_t>(std::stol(std::string(pid)));
    return owner != getpid() && ::kill(owner, 0) != 0 && errno == ESRCH;
}

int sweepLeftovers(const fs::path& folder) {
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto at = name.rfind(".part-");
        if (at == std::string::npos) continue;
        const std::string tail = name.substr(at + 6);  // PID or PID-N
        if (!ownerGone(tail.substr(0, tail.find('-')))) continue;
        std::error_code removeError;
        if (it->is_regular_file(removeError) && fs::remove(it->path(), removeError)) ++removed;
    }
    return removed;
}

}  // namespace kindly
