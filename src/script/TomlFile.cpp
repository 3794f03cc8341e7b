#include "script/TomlFile.hpp"

#include <fstream>

#include "platform/Language.hpp"
#include "platform/OutputSafety.hpp"
#include "script/TableReader.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::optional<std::string> readTextFile(const fs::path& file, std::uintmax_t maxBytes, std::string_view what,
                                        Diagnostics& diagnostics) {
    const auto cannot = [&](const std::string& why) { return format(tr("cannot read %s: %s"), std::string(what).c_str(), why.c_str()); };
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        diagnostics.error({}, cannot(tr("no such file")));
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        diagnostics.error({}, cannot(tr("it is a directory")));
        return std::nullopt;
    }
    // Opening a FIFO would wait for a writer that may never come, and a device may never end.
    if (!fs::is_regular_file(status)) {
        diagnostics.error({}, cannot(format(tr("it is not a regular file (%s)"), specialFileKind(status).c_str())));
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        diagnostics.error({}, cannot(tr("permission denied or not a regular file")));
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > maxBytes) break;
    }
    return text;
}

std::optional<toml::table> parseToml(std::string_view text, const fs::path& file, Diagnostics& diagnostics) {
    try {
        return toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        diagnostics.error(toPos(e.source()), format(tr("TOML syntax: %s"), std::string(e.description()).c_str()));
        return std::nullopt;
    }
}

}  // namespace kindly
