// The bundled library (scripts/ and audio/) as a listener and an author meet it: every session
// checks and renders cleanly, has chapters and reaches the lengths its description promises;
// every bundled bed loops without a click; every built-in sound is in the README.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "TestSupport.hpp"
#include "sources/AudioInfo.hpp"
#include "sources/BuiltinSounds.hpp"
#include "sources/Loudness.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> bundledScripts() {
    std::vector<fs::path> scripts;
    for (const auto& e : fs::directory_iterator(fs::path(KINDLY_SOURCE_DIR) / "scripts"))
        if (e.path().extension() == ".toml") scripts.push_back(e.path());
    std::sort(scripts.begin(), scripts.end());
    return scripts;
}

/// The lengths a description promises: "3 to 10 minutes" or "About 5 minutes" (in minutes),
/// also in the translated sessions' words ("3 bis 10 Minuten", "Environ 5 minutes" ...).
std::pair<int, int> promisedMinutes(const std::string& description) {
    std::smatch m;
    if (std::regex_search(description, m, std::regex(R"((\d+) (to|bis|à|a) (\d+) (minutes|Minuten|minutos))")))
        return {std::stoi(m[1]), std::stoi(m[3])};
    if (std::regex_search(description, m, std::regex(R"(([Aa]bout|Etwa|Environ|Unos) (\d+) (minutes|Minuten|minutos))")))
        return {std::stoi(m[2]), std::stoi(m[2])};
    return {0, 0};
}

}  // namespace

TEST_CASE("the bundled library has the six practices, and four of them in German, French and Spanish", "[bundled]") {
    std::vector<std::string> names;
    for (const auto& s : bundledScripts()) names.push_back(s.filename().string());
    std::vector<std::string> expected{"compassionate-self.toml", "silent-sit.toml"};
    for (const char* practice : {"loving-kindness", "self-compassion-break", "soothing-rhythm-breathing", "three-minute-break"})
        for (const char* language : {"", ".de", ".es", ".fr"}) expected.push_back(std::string(practice) + language + ".toml");
    std::sort(expected.begin(), expected.end());
    CHECK(names == expected);
}

TEST_CASE("every bundled session checks cleanly, has chapters and reaches the lengths it promises", "[bundled]") {
    for (const auto& script : bundledScripts()) {
        INFO(script.filename().string());
        const PreparedSession p = prepareSession(script, PrepareOptions{});  // the user's speech cache, as `check`
        INFO(diagnosticLines(p.diagnostics));
        REQUIRE(p.ok());
        CHECK(p.diagnostics.items().empty());  // no warnings either
        const Timeline& tl = *p.timeline;
        CHECK(tl.chapters.size() >= 2);
        const auto [from, to] = promisedMinutes(p.script->session.description);
        INFO("promises " << from << " to " << to << " minutes; reaches " << formatClock(tl.minLength) << " to "
                         << formatClock(tl.maxLength));
        REQUIRE(from > 0);
        CHECK(tl.minLength <= from * kNanosPerMinute);
        CHECK(tl.maxLength >= to * kNanosPerMinute);
        // Its own length is among what it promises.
        REQUIRE(p.script->session.length);
        CHECK(*p.script->session.length >= from * kNanosPerMinute);
        CHECK(*p.script->session.length <= to * kNanosPerMinute);
    }
}

TEST_CASE("every bundled session renders without a warning", "[bundled][render]") {
    for (const auto& script : bundledScripts()) {
        INFO(script.filename().string());
        TempDir dir;
        const ShellRun run = runShell(dir, std::string("'") + KINDLY_BINARY + "' render '" + script.string() + "' -o out.flac");
        INFO(run.err);
        CHECK(run.status == 0);
        CHECK(run.err.find("warning") == std::string::npos);
        const auto probe = probeAudioFile(dir / "out.flac");
        REQUIRE(probe.info);
        CHECK(probe.info->frames > 60 * 48000);
    }
}

TEST_CASE("every built-in sound is named in the README's list", "[bundled]") {
    const std::string readme = readText(fs::path(KINDLY_SOURCE_DIR) / "README.md");
    const auto section = readme.find("### Built-in sounds");
    REQUIRE(section != std::string::npos);
    const std::string list = readme.substr(section, readme.find("\n## ", section) - section);
    for (const auto& name : builtinSoundNames()) {
        INFO(name);
        CHECK(list.find("`" + name + "`") != std::string::npos);
    }
}

TEST_CASE("every ambient bed is as loud as the others, within 1 LU", "[bundled][loudness]") {
    double quietest = 0, loudest = -200;
    for (const auto& sound : builtinSounds()) {
        if (sound.kind != BuiltinKind::Bed) continue;
        INFO(sound.name);
        const auto probe = probeAudioFile(fs::path(KINDLY_SOURCE_DIR) / "audio" / std::string(sound.file));
        REQUIRE(probe.info);
        const auto lufs = measureIntegratedLufs(*probe.info);
        REQUIRE(lufs);
        INFO(*lufs << " LUFS");
        quietest = std::min(quietest, *lufs);
        loudest = std::max(loudest, *lufs);
        // Near the level tools/prepare-beds.cpp gives them, so scripts' ambient_db keeps its meaning.
        CHECK(*lufs == Approx(-26.0).margin(1.0));
    }
    CHECK(loudest - quietest <= 1.0);
}

TEST_CASE("every bundled recording is credited, and every bundled file is a built-in sound", "[bundled][credits]") {
    const fs::path audio = fs::path(KINDLY_SOURCE_DIR) / "audio";
    const std::string readme = readText(audio / "README.md");
    const std::string synthesizer = readText(fs::path(KINDLY_SOURCE_DIR) / "tools" / "make-sounds.cpp");
    const auto credits = soundCreditLines();
    std::string creditText;
    for (const auto& line : credits) creditText += line + "\n";
    int recordings = 0;
    for (const auto& e : fs::recursive_directory_iterator(audio)) {
        if (!e.is_regular_file() || e.path().filename() == "README.md") continue;
        const std::string file = fs::relative(e.path(), audio).generic_string();
        INFO(file);
        const BuiltinSound* sound = nullptr;
        for (const auto& s : builtinSounds())
            if (s.file == file) sound = &s;
        REQUIRE(sound);  // a file nothing plays, or a new one without its entry (and credit)
        if (!sound->credit) {
            // Not a recording: then Kindly synthesizes it.
            CHECK(synthesizer.find('"' + file + '"') != std::string::npos);
            continue;
        }
        ++recordings;
        const SoundCredit& c = *sound->credit;
        for (std::string_view part : {c.author, c.source, c.license}) {
            INFO(part);
            CHECK(!part.empty());
            CHECK(readme.find(std::string(part)) != std::string::npos);
            CHECK(creditText.find(std::string(part)) != std::string::npos);
        }
    }
    CHECK(recordings == 6);
    CHECK(credits.size() == 6);
}

TEST_CASE("kindly --credits names every recording's author and license", "[bundled][credits][cli]") {
    TempDir dir;
    const ShellRun run = runShell(dir, std::string("'") + KINDLY_BINARY + "' --credits");
    CHECK(run.status == 0);
    for (const auto& s : builtinSounds()) {
        if (!s.credit) continue;
        INFO(s.name);
        CHECK(run.out.find(std::string(s.credit->author)) != std::string::npos);
        CHECK(run.out.find(std::string(s.credit->license)) != std::string::npos);
    }
}

TEST_CASE("all of audio/ stays under 20 MB", "[bundled]") {
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(KINDLY_SOURCE_DIR) / "audio"))
        if (e.is_regular_file()) bytes += e.file_size();
    INFO(bytes << " bytes");
    CHECK(bytes < 20u * 1024 * 1024);
    CHECK(bytes > 100u * 1024);  // and the sounds are really there
}
