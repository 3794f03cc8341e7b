#pragma once
// The language of every string a person reads (GNU gettext, domain "kindly"). Sources mark
// strings with tr("...") and trn("...", "...", n); xgettext collects them into po/kindly.pot
// (the `kindly-pot` target) and each po/LANG.po is compiled to LANG/LC_MESSAGES/kindly.mo.
//
// The language comes, in this order, from an explicit request (`--language`, a kiosk's
// `language`), else from the environment as people expect ($LANGUAGE, $LC_ALL, $LC_MESSAGES,
// $LANG). A string a catalogue lacks stays English, never empty. Only LC_MESSAGES and LC_CTYPE
// follow the locale: numbers are written and read the C way everywhere (cache files, scripts).

#include <filesystem>
#include <string>
#include <string_view>

namespace kindly {

/// Chooses the language and loads its catalogue. Call at the start of main() and again when a
/// kiosk's config names one, while no other thread runs (it may set $LANGUAGE). Returns the
/// language chosen: "de", "fr", "es", ... or "en".
std::string setUpLanguage(const std::string& requested = {});

/// Whether the language in use was asked for (`--language`, a kiosk's `language`), not the locale's.
bool languageWasRequested();

/// The language setUpLanguage chose ("en" before it is called).
const std::string& currentLanguage();

/// A language tag's language, in lower case: "de" for "de-AT", "DE" or "de_DE".
std::string primaryLanguage(std::string_view tag);

/// Whether two language tags name the same language ("de" and "de-AT" do; "pt" and "en" do not).
bool sameLanguage(std::string_view a, std::string_view b);

/// A language's name in that language ("Deutsch", "Français", "Español"), as language menus
/// show them: a listener finds their own without reading English. The tag itself when unknown.
std::string languageName(std::string_view tag);

/// Where the catalogues are: $KINDLY_LOCALE_DIR; <prefix>/share/locale beside an installed
/// binary; locale/ beside a binary in its build tree.
std::filesystem::path localeDir();

/// Marks a string for the catalogue where it is defined, to be translated where it is shown
/// (a default that a config may replace): tr(value) there.
constexpr const char* N_(const char* text) { return text; }

/// `text` in the chosen language (itself when the catalogue has no translation).
const char* tr(const char* text);
/// The plural form for `n` in the chosen language.
const char* trn(const char* singular, const char* plural, unsigned long n);

/// A translated printf-style pattern filled in ("%d of %d steps"): msgfmt --check keeps the
/// translations' conversions the same as the original's.
template <typename... Args>
std::string format(const char* pattern, Args... args);

}  // namespace kindly

#include <cstdio>
#include <vector>

template <typename... Args>
std::string kindly::format(const char* pattern, Args... args) {
    const int n = std::snprintf(nullptr, 0, pattern, args...);
    if (n <= 0) return {};
    std::vector<char> text(static_cast<std::size_t>(n) + 1);
    std::snprintf(text.data(), text.size(), pattern, args...);
    return std::string(text.data(), static_cast<std::size_t>(n));
}
