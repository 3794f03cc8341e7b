#include "platform/Language.hpp"

#include <cctype>
#include <utility>

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

#include "platform/Paths.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDomain = "kindly";
std::string chosen = "en";
std::string requestedLanguage;  // the last explicit request ("" when the locale chose)

std::string variable(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

/// "de_DE.UTF-8@euro" -> "de_DE"; "C" and "POSIX" -> "".
std::string languageOfLocale(const std::string& locale) {
    if (locale.empty() || locale == "C" || locale == "POSIX" || locale.rfind("C.", 0) == 0) return {};
    return locale.substr(0, locale.find_first_of(".@"));
}

}  // namespace

fs::path localeDir() {
    if (const std::string dir = variable("KINDLY_LOCALE_DIR"); !dir.empty()) return dir;
    std::error_code ec;
    if (const auto exe = executablePath()) {
        if (fs::path built = exe->parent_path() / "locale"; fs::is_directory(built, ec)) return built;
    }
    if (const auto data = bundledDataDir(); data && fs::is_directory(data->parent_path() / "locale", ec)) return data->parent_path() / "locale";
    return "/usr/share/locale";
}

std::string setUpLanguage(const std::string& requested) {
    requestedLanguage = requested;
    if (!std::setlocale(LC_CTYPE, "")) std::setlocale(LC_CTYPE, "C.UTF-8");
    // The language list gettext follows. A locale that is named but not installed (LANG=de_DE.UTF-8
    // on a system without that locale generated) still chooses the language: its messages need no
    // more than the catalogue.
    std::string languages = requested;
    if (languages.empty()) languages = variable("LANGUAGE");
    if (languages.empty())
        for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
            if (const std::string locale = variable(name); !locale.empty()) {
                languages = languageOfLocale(locale);
                break;
            }
    const char* messages = std::setlocale(LC_MESSAGES, "");
    // gettext ignores $LANGUAGE under the "C" locale; C.UTF-8 is "C" for everything else.
    if (!messages || std::strcmp(messages, "C") == 0 || std::strcmp(messages, "POSIX") == 0) std::setlocale(LC_MESSAGES, "C.UTF-8");
    if (!languages.empty()) setenv("LANGUAGE", languages.c_str(), 1);
    bindtextdomain(kDomain, localeDir().c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    textdomain(kDomain);
    const std::string first = languages.substr(0, languages.find(':'));
    chosen = first.empty() ? "en" : first.substr(0, first.find('_'));
    return chosen;
}

bool languageWasRequested() { return !requestedLanguage.empty(); }

const std::string& currentLanguage() { return chosen; }

const char* tr(const char* text) { return dgettext(kDomain, text); }

const char* trn(const char* singular, const char* plural, unsigned long n) { return dngettext(kDomain, singular, plural, n); }

std::string primaryLanguage(std::string_view tag) {
    std::string primary(tag.substr(0, tag.find_first_of("-_")));
    for (char& ch : primary) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return primary;
}

bool sameLanguage(std::string_view a, std::string_view b) { return primaryLanguage(a) == primaryLanguage(b); }

std::string languageName(std::string_view tag) {
    // Languages whose names DejaVu Sans (the window's font) can draw.
    static const std::pair<const char*, const char*> names[] = {
        {"ca", "Català"},   {"cs", "Čeština"},    {"cy", "Cymraeg"},   {"da", "Dansk"},   {"de", "Deutsch"},
        {"el", "Ελληνικά"}, {"en", "English"},    {"es", "Español"},   {"et", "Eesti"},   {"eu", "Euskara"},
        {"fi", "Suomi"},    {"fr", "Français"},   {"ga", "Gaeilge"},   {"hr", "Hrvatski"}, {"hu", "Magyar"},
        {"is", "Íslenska"}, {"it", "Italiano"},   {"lt", "Lietuvių"},  {"lv", "Latviešu"}, {"nb", "Norsk bokmål"},
        {"nl", "Nederlands"}, {"nn", "Norsk nynorsk"}, {"no", "Norsk"}, {"pl", "Polski"}, {"pt", "Português"},
        {"ro", "Română"},   {"ru", "Русский"},    {"sk", "Slovenčina"}, {"sl", "Slovenščina"}, {"sr", "Српски"},
        {"sv", "Svenska"},  {"tr", "Türkçe"},     {"uk", "Українська"},
    };
    const std::string primary = primaryLanguage(tag);
    for (const auto& [code, name] : names)
        if (primary == code) return name;
    return std::string(tag);
}

}  // namespace kindly
