// Kindly's words in the listener's language: the language chosen as people expect (the
// command line's or a kiosk's request, else $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG, even for a
// locale the system has not generated), the catalogues' translations and plural forms, and
// English for a language Kindly does not speak, never an empty label.
#include <catch2/catch.hpp>

#include <string>

#include "TestSupport.hpp"
#include "library/Library.hpp"
#include "platform/Language.hpp"

using namespace kindly;
using namespace kindly::test;

namespace {

/// The catalogues built beside the program; the language set up from `requested` and an
/// environment with only the given variables; English again afterwards.
struct LanguageScope {
    ScopedEnv dir{"KINDLY_LOCALE_DIR", KINDLY_LOCALE_BUILD_DIR};
    ScopedEnv language, all, messages, lang;
    LanguageScope(const std::string& languageList, const std::string& lcAll, const std::string& lcMessages, const std::string& langValue)
        : language("LANGUAGE", languageList), all("LC_ALL", lcAll), messages("LC_MESSAGES", lcMessages), lang("LANG", langValue) {}
    ~LanguageScope() { setUpLanguage("en"); }
};

}  // namespace

TEST_CASE("the language comes from the locale as people expect, even one the system has not generated", "[language]") {
    {
        LanguageScope scope("", "", "", "de_DE.UTF-8");  // de_DE is not generated on a minimal Debian
        CHECK(setUpLanguage() == "de");
        CHECK(std::string(tr("Back")) == "Zurück");
        CHECK(std::string(tr("Choose a practice")) == "Wähle eine Übung");
    }
    {
        LanguageScope scope("", "", "fr_FR.UTF-8", "de_DE.UTF-8");  // LC_MESSAGES before LANG
        CHECK(setUpLanguage() == "fr");
        CHECK(std::string(tr("Back")) == "Retour");
    }
    {
        LanguageScope scope("", "es_ES.UTF-8", "fr_FR.UTF-8", "de_DE.UTF-8");  // LC_ALL before both
        CHECK(setUpLanguage() == "es");
        CHECK(std::string(tr("Back")) == "Volver");
    }
    {
        LanguageScope scope("fr:de", "es_ES.UTF-8", "", "");  // $LANGUAGE first, a list
        CHECK(setUpLanguage() == "fr");
        CHECK(std::string(tr("Library")) == "Bibliothèque");
    }
}

TEST_CASE("--language and a kiosk's language win over the locale", "[language]") {
    LanguageScope scope("fr", "", "", "es_ES.UTF-8");
    CHECK(setUpLanguage("de") == "de");
    CHECK(std::string(tr("Home")) == "Start");
}

TEST_CASE("plural forms follow each language's rule", "[language]") {
    {
        LanguageScope scope("", "", "", "de_DE.UTF-8");
        setUpLanguage();
        CHECK(format(trn("%lld minute", "%lld minutes", 1), 1LL) == "1 Minute");
        CHECK(format(trn("%lld minute", "%lld minutes", 5), 5LL) == "5 Minuten");
        CHECK(format(trn("%lld minute", "%lld minutes", 0), 0LL) == "0 Minuten");
    }
    {
        LanguageScope scope("", "", "", "fr_FR.UTF-8");
        setUpLanguage();
        CHECK(format(trn("%lld minute", "%lld minutes", 0), 0LL) == "0 minute");  // French: 0 is singular
        CHECK(format(trn("A break begins in %ld second", "A break begins in %ld seconds", 2), 2L) ==
              "Une pause commence dans 2 secondes");
    }
}

TEST_CASE("a language Kindly does not speak, and the C locale, keep English, never an empty label", "[language]") {
    for (const std::string locale : {"ja_JP.UTF-8", "C", "C.UTF-8", ""}) {
        INFO("LANG=" << locale);
        LanguageScope scope("", "", "", locale);
        setUpLanguage();
        CHECK(std::string(tr("Back")) == "Back");
        CHECK(std::string(tr("Making its voice: %d of %d step")) == "Making its voice: %d of %d step");
    }
    // A string no catalogue has is itself in any language.
    LanguageScope scope("de", "", "", "");
    setUpLanguage();
    CHECK(std::string(tr("A sentence no catalogue holds")) == "A sentence no catalogue holds");
}

TEST_CASE("numbers stay C-formatted whatever the language: cache files and scripts read the same", "[language]") {
    LanguageScope scope("", "", "", "de_DE.UTF-8");
    setUpLanguage();
    CHECK(format("%.2f", 1.5) == "1.50");
    CHECK(std::stod("2.5") == 2.5);
}

TEST_CASE("the library lists the listener's language first, then the others by language", "[language][library]") {
    TempDir dir;
    const auto script = [&](const std::string& name, const std::string& title, const std::string& language,
                            const std::string& tag) {
        writeText(dir / name, "kindly = 1\n[session]\ntitle = \"" + title + "\"\nlanguage = \"" + language +
                                  "\"\ntags = [\"" + tag + "\"]\n[[step]]\npause = \"1s\"\n");
    };
    script("a.toml", "Atem", "de", "Atmung");
    script("b.toml", "Breath", "en", "breathing");
    script("c.toml", "Souffle", "fr", "respiration");
    script("d.toml", "Metta", "de-AT", "Güte");
    script("e.toml", "Calm", "en", "calm");
    const auto titles = [](const std::vector<LibraryEntry>& entries) {
        std::vector<std::string> out;
        for (const auto& e : entries) out.push_back(e.title);
        return out;
    };
    // German first ("de-AT" is German too), by title within a tag; then English, then French.
    const auto german = scanLibrary({dir.path()}, "de");
    CHECK(titles(german) == std::vector<std::string>{"Atem", "Metta", "Breath", "Calm", "Souffle"});
    CHECK(german[1].language == "de-AT");
    CHECK(titles(scanLibrary({dir.path()}, "fr")) == std::vector<std::string>{"Souffle", "Atem", "Metta", "Breath", "Calm"});
    CHECK(titles(scanLibrary({dir.path()}, "en")) == std::vector<std::string>{"Breath", "Calm", "Atem", "Metta", "Souffle"});
    // The tag filter speaks the listener's words; with no session in that language, all tags.
    CHECK(allTags(german, "de") == std::vector<std::string>{"Atmung", "Güte"});
    CHECK(allTags(german, "pt").size() == 5);
    CHECK(allTags(german).size() == 5);
}

TEST_CASE("a session's language is named in that language, or by its tag when unknown", "[language]") {
    CHECK(languageName("de") == "Deutsch");
    CHECK(languageName("fr-CA") == "Français");
    CHECK(languageName("ES") == "Español");
    CHECK(languageName("en") == "English");
    CHECK(languageName("tlh") == "tlh");
    CHECK(sameLanguage("pt-BR", "pt"));
    CHECK_FALSE(sameLanguage("pt", "en"));
}
