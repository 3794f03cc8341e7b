// `kindly new NAME`: a commented starter script to grow a session from. It checks clean and
// plays at once (with the synthesized voice), and names the JSON Schema so an editor that
// speaks it (Taplo, VS Code's "Even Better TOML") completes keys and flags mistakes.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>

#include "app/Commands.hpp"
#include "platform/Language.hpp"
#include "platform/Paths.hpp"
#include "script/SafeNames.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

/// "evening-kindness" -> "Evening kindness".
std::string titleFromName(const std::string& stem) {
    std::string title;
    for (char c : stem) title += (c == '-' || c == '_') ? ' ' : c;
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    return title.empty() ? tr("My session") : title;
}

std::string readWhole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string tomlString(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

std::string replaced(std::string text, const std::string& placeholder, const std::string& value) {
    for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
    return text;
}

/// The starter in `language` (scripts/templates/new.LANG.toml: its comments, words and voice),
/// else the English one with that `language`; nullopt when Kindly's data is not found.
std::optional<std::string> starterScript(const fs::path& data, const std::string& language, const std::string& title,
                                         const std::string& stem, const std::string& schema) {
    const std::string primary = primaryLanguage(language);
    std::string text = readWhole(data / "scripts" / "templates" / ("new." + primary + ".toml"));
    if (text.empty()) text = readWhole(data / "scripts" / "templates" / "new.en.toml");
    if (text.empty()) return std::nullopt;
    const std::string languageLine = "\nlanguage = \"";
    if (const auto at = text.find(languageLine); at != std::string::npos) {
        const auto end = text.find('"', at + languageLine.size());
        text.replace(at, end + 1 - at, languageLine + language + "\"");
    }
    text = replaced(replaced(replaced(text, "@TITLE@", tomlString(title)), "@STEM@", stem), "@NAME@", title);
    return (schema.empty() ? "" : "#:schema " + schema + "\n") + text;
}

}  // namespace

int runNew(const NewArgs& args, std::ostream& out, std::ostream& err) {
    fs::path file = args.name;
    if (file.extension() != ".toml") file += ".toml";
    const std::string stem = file.stem().string();
    if (stem.empty() || stem.front() == '.') {
        err << "kindly: " << format(tr("'%s' is not a name for a script"), args.name.c_str()) << "\n";
        return kExitUsage;
    }
    std::error_code ec;
    if (fs::exists(file, ec)) {
        err << "kindly: " << format(tr("%s already exists; it was left as it is (choose another name)"), file.c_str()) << "\n";
        return kExitUsage;
    }
    if (const fs::path folder = file.parent_path(); !folder.empty() && !fs::is_directory(folder, ec)) {
        err << "kindly: " << format(tr("the folder %s does not exist"), folder.c_str()) << "\n";
        return kExitUsage;
    }
    const auto data = bundledDataDir();
    std::string schema;
    if (data) {
        const fs::path path = fs::weakly_canonical(*data / "scripts" / "session-script.schema.json", ec);
        if (!ec && fs::exists(path)) schema = path.string();
    }
    const std::string language = args.language.empty() ? currentLanguage() : args.language;
    if (!isLanguageTag(language)) {
        err << "kindly: " << format(tr("'%s' is not a language tag such as \"en\", \"de\" or \"pt-BR\""), language.c_str())
            << "\n";
        return kExitUsage;
    }
    const auto starter = data ? starterScript(*data, language, titleFromName(stem), stem, schema) : std::nullopt;
    if (!starter) {
        err << "kindly: " << tr("the starter scripts were not found (set KINDLY_DATA_DIR)") << "\n";
        return kExitFailure;
    }
    // Written beside its place and moved there whole: never a half-written script.
    const fs::path temporary = file.string() + ".tmp-new";
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream << *starter;
        stream.close();
        if (!stream) {
            fs::remove(temporary, ec);
            err << "kindly: " << format(tr("cannot write %s"), file.c_str()) << "\n";
            return kExitFailure;
        }
    }
    // A link, not a rename, so a file made meanwhile by someone else is not replaced.
    fs::create_hard_link(temporary, file, ec);
    fs::remove(temporary);
    if (ec) {
        err << "kindly: " << format(tr("cannot write %s"), file.c_str()) << ": " << ec.message() << "\n";
        return kExitFailure;
    }
    out << format(tr("Wrote %s. Next:"), file.c_str()) << "\n"
        << "  kindly check " << file.string() << "\n"
        << "  kindly play " << file.string() << " --watch     " << tr("(edit and save: it plays the new version)") << "\n"
        << "  kindly record " << file.string() << "           " << tr("(your own voice, step by step)") << "\n";
    return kExitOk;
}

}  // namespace kindly
