// Kindly's words in the listener's language: the language chosen as people expect (the
// command line's or a kiosk's request, else $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG, even for a
// locale the system has not generated), the catalogues' translations and plural forms, and
// English for a language Kindly does not speak, never an empty label.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>

#include "TestSupport.hpp"
#include "kiosk/KioskConfig.hpp"
#include "kiosk/Pin.hpp"
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

TEST_CASE("the command line's --language and a kiosk's language win over the locale", "[language]") {
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
    // Sorted as a reader sorts them, whatever the capitals.
    std::vector<LibraryEntry> mixed(2);
    mixed[0].tags = {"kurz", "Selbstmitgefühl"};
    mixed[1].tags = {"Atmung"};
    CHECK(allTags(mixed) == std::vector<std::string>{"Atmung", "kurz", "Selbstmitgefühl"});
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

TEST_CASE("help, check, play, a mistyped option, timeline and render speak the locale's language", "[language][cli]") {
    struct Expect {
        const char* locale;
        const char* usage;       // CLI11's own words, translated
        const char* helpLine;    // an option's description
        const char* diagnostic;  // the place and the quoted names kept as they are
        const char* summary;
        const char* noDevice;
        const char* end;
        const char* mistyped;  // CLI11's message about a mistyped option, in Kindly's words
        const char* timelineHeader;
        const char* timelineEnd;
        const char* refusal;   // a render over its own script, refused with the file's role named
        const char* rendered;  // the start of the render's summary
    };
    const Expect languages[] = {
        {"de_DE.UTF-8", "Aufruf: kindly [OPTIONEN] [BEFEHL]", "Diese Hilfe zeigen und beenden",
         "bad.toml:5:1: Fehler: unbekannter Schlüssel 'duk_db' in [mix]; meintest du 'duck_db'?",
         "1 Skript geprüft: 0 gültig, 1 mit Fehlern (2 Fehler, 0 Warnungen)", "Kein Tongerät gefunden", "0:02  das Ende\n",
         "kindly play: --rate: '5' ist keine Zahl von 8000 bis 384000\n`kindly play --help` zeigt, welche Angaben es annimmt.\n",
         "ZEIT        SCHRITT       KAPITEL         EREIGNIS                                          UNTERTITEL\n",
         "0:02.000                                  Sitzung endet\n",
         "kindly: die Tondatei wird nicht nach 's.toml' geschrieben: das ist das Skript, und dieser Befehl liest diese Datei\n",
         "Zwei (0:02.000) nach out.wav gerendert in "},
        {"fr_FR.UTF-8", "Utilisation: kindly [OPTIONS] [COMMANDE]", "Afficher cette aide et quitter",
         "bad.toml:5:1: erreur: clé inconnue 'duk_db' dans [mix] ; vouliez-vous dire 'duck_db' ?",
         "1 script vérifié : 0 valides, 1 avec des erreurs (2 erreurs, 0 avertissement)", "Aucun périphérique son trouvé",
         "0:02  la fin\n",
         "kindly play: --rate : '5' n'est pas un nombre de 8000 à 384000\nLancez `kindly play --help` pour voir ce qu'il accepte.\n",
         "TEMPS       ÉTAPE         CHAPITRE        ÉVÉNEMENT                                         SOUS-TITRE\n",
         "0:02.000                                  fin de la séance\n",
         "kindly: refus d'écrire le fichier son dans 's.toml' : c'est le script, que cette commande lit\n",
         "Zwei (0:02.000) rendu dans out.wav en "},
        {"es_ES.UTF-8", "Uso: kindly [OPCIONES] [COMANDO]", "Mostrar esta ayuda y salir",
         "bad.toml:5:1: error: clave desconocida 'duk_db' en [mix]; ¿quisiste decir 'duck_db'?",
         "1 guion comprobado: 0 válidos, 1 con errores (2 errores, 0 avisos)", "No se encontró ningún dispositivo de sonido",
         "0:02  el final\n",
         "kindly play: --rate: '5' no es un número de 8000 a 384000\nEjecuta `kindly play --help` para ver qué acepta.\n",
         "TIEMPO      PASO          CAPÍTULO        EVENTO                                            SUBTÍTULO\n",
         "0:02.000                                  termina la sesión\n",
         "kindly: no se escribirá el archivo de sonido en 's.toml': es el guion, que este comando lee\n",
         "Zwei (0:02.000) renderizado a out.wav en "},
    };
    TempDir dir;
    writeText(dir / "bad.toml", "kindly = 1\n[session]\ntitle = \"x\"\n[mix]\nduk_db = 3\nvoice_db = 100\n[[step]]\npause = \"1s\"\n");
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Zwei\"\n[[step]]\npause = \"1s\"\ncaption = \"eins\"\n"
                              "[[step]]\npause = \"1s\"\ncaption = \"zwei\"\n");
    for (const Expect& e : languages) {
        INFO(e.locale);
        // Only the locale says the language: no $LANGUAGE, and a locale this machine need not have.
        const std::string env = "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=" + std::string(e.locale) + " HOME='" +
                                dir.path().string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() +
                                "' XDG_STATE_HOME='" + (dir / "state").string() +
                                "' JACK_DEFAULT_SERVER=kindly-no-such-server DISPLAY= WAYLAND_DISPLAY= " + KINDLY_BINARY;
        const auto help = runShell(dir, env + " --help");
        INFO(help.out);
        CHECK(help.status == 0);
        CHECK(help.out.find(e.usage) != std::string::npos);
        CHECK(help.out.find(e.helpLine) != std::string::npos);
        CHECK(help.out.find("Print this help message") == std::string::npos);
        CHECK(help.out.find("Subcommands:") == std::string::npos);

        const auto check = runShell(dir, env + " check bad.toml");
        INFO(check.out << check.err);
        CHECK(check.status == 1);
        CHECK(check.err.find(e.diagnostic) != std::string::npos);
        CHECK(check.out.find(e.summary) != std::string::npos);

        const auto play = runShell(dir, env + " play --no-window s.toml");
        INFO(play.out << play.err);
        CHECK(play.status == 0);
        CHECK(play.err.find(e.noDevice) != std::string::npos);
        CHECK(play.out == std::string("Zwei\n0:00  eins\n0:01  zwei\n") + e.end);

        const auto mistyped = runShell(dir, env + " play --rate 5 s.toml");
        CHECK(mistyped.status == 2);
        CHECK(mistyped.err == e.mistyped);

        // For authors: the timeline's table, a render refused over its own script, the summary.
        const auto timeline = runShell(dir, env + " timeline s.toml");
        INFO(timeline.out);
        CHECK(timeline.status == 0);
        CHECK(timeline.out.find(e.timelineHeader) != std::string::npos);
        CHECK(timeline.out.find(e.timelineEnd) != std::string::npos);
        const auto overScript = runShell(dir, env + " render s.toml -o s.toml");
        CHECK(overScript.status == 2);
        CHECK(overScript.err == e.refusal);
        const auto render = runShell(dir, env + " render s.toml -o out.wav");
        INFO(render.err);
        CHECK(render.status == 0);
        CHECK(render.out.rfind(e.rendered, 0) == 0);
    }
}

TEST_CASE("a kiosk's language key sets its visitors' language, and a wrong one is an error at its line", "[language][kiosk]") {
    TempDir dir;
    const std::string head = "kindly_kiosk = 1\n[kiosk]\nlanguage = ";
    const std::string rest = "\n[[session]]\nscript = \"silent-sit.toml\"\n[exit]\npin_hash = \"" + hashPin("2468", 1000) + "\"\n";
    writeText(dir / "fr.toml", head + "\"fr\"" + rest);
    writeText(dir / "bad.toml", head + "\"fr FR\"" + rest);
    const std::string env = "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 XDG_CACHE_HOME='" + (dir / "cache").string() +
                            "' " + KINDLY_BINARY;
    const auto french = runShell(dir, env + " kiosk --check --config fr.toml");
    INFO(french.out << french.err);
    CHECK(french.status == 0);
    CHECK(french.out.find(": ok : 1 séance, retour après inactivité") != std::string::npos);
    // --language on the command line still wins over the config's.
    const auto spanish = runShell(dir, env + " --language es kiosk --check --config fr.toml");
    CHECK(spanish.out.find(": ok: 1 sesión, regreso tras inactividad") != std::string::npos);
    const auto bad = runShell(dir, env + " kiosk --check --config bad.toml");
    CHECK(bad.status != 0);
    CHECK(bad.err.find("bad.toml:3:12: error: 'language' in [kiosk] must be a language tag") != std::string::npos);
}

TEST_CASE("kindly new --language writes a starter in that language that checks clean", "[language][cli][authoring]") {
    TempDir dir;
    const std::string env = "env LANGUAGE=en XDG_CACHE_HOME='" + (dir / "cache").string() + "' " + KINDLY_BINARY;
    for (const auto& [language, heading, words] :
         {std::tuple{"de", "chapter = \"Ankommen\"", "# Jeder Schritt"}, std::tuple{"fr", "chapter = \"Arriver\"", "# Chaque étape"},
          std::tuple{"es", "chapter = \"Llegar\"", "# Cada paso"}, std::tuple{"en", "chapter = \"Arriving\"", "# Each step"}}) {
        INFO(language);
        const std::string name = std::string("calm-") + language;
        const auto made = runShell(dir, env + " new " + name + " --language " + language);
        REQUIRE(made.status == 0);
        const std::string text = readText(dir / (name + ".toml"));
        CHECK(text.find("language = \"" + std::string(language) + "\"") != std::string::npos);
        CHECK(text.find(heading) != std::string::npos);
        CHECK(text.find(words) != std::string::npos);
        const auto checked = runShell(dir, env + " check " + name + ".toml");
        INFO(checked.err);
        CHECK(checked.status == 0);
        CHECK(checked.err.empty());  // no warning either: the voice speaks the script's language
    }
    // A language without a starter of its own: the English one, with that language.
    REQUIRE(runShell(dir, env + " new nuvola --language it").status == 0);
    CHECK(readText(dir / "nuvola.toml").find("language = \"it\"") != std::string::npos);
    CHECK(runShell(dir, env + " new x --language 'not a tag'").status == 2);
}

TEST_CASE("a kiosk in another language offers the sessions in that language where the library has them", "[language][kiosk]") {
    TempDir dir;
    writeText(dir / "kiosk.toml", "kindly_kiosk = 1\n[kiosk]\nlanguage = \"de\"\n[[session]]\nscript = \"self-compassion-break.toml\"\n"
                                  "[[session]]\nscript = \"silent-sit.toml\"\n[schedule]\ntimes = [\"10:30\"]\n"
                                  "session = \"self-compassion-break.toml\"\n[exit]\npin_hash = \"" + hashPin("2468", 1000) + "\"\n");
    const KioskConfigLoad load = loadKioskConfig(dir / "kiosk.toml");
    INFO(diagnosticLines(load.diagnostics));
    REQUIRE(load.config);
    CHECK(load.config->language == "de");
    for (const auto& [language, first] : {std::pair{"de", "self-compassion-break.de.toml"}, std::pair{"fr-CA", "self-compassion-break.fr.toml"},
                                          std::pair{"en", "self-compassion-break.toml"}, std::pair{"it", "self-compassion-break.toml"}}) {
        INFO(language);
        KioskConfig config = *load.config;
        preferTranslatedSessions(config, language);
        CHECK(config.sessions[0].file.filename() == first);
        CHECK(config.sessions[0].script == "self-compassion-break.toml");  // the schedule still names it so
        CHECK(config.sessions[1].file.filename() == "silent-sit.toml");   // no translation: as it is
    }
}
