#include "platform/AtomicFile.hpp"

#include <fstream>
#include <system_error>

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
            error = "cannot write " + file.string();
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
        error = "cannot write " + file.string() + ": " + ec.message();
        fs::remove(temporary, ec);
        return false;
    }
    return true;
}

}  // namespace kindly
