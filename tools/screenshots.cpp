// Makes the README's screenshots: drives Kindly's window (SDL's offscreen video driver by
// default, so no display is needed) through the library, the player, the breathing guide,
// the end screen, high contrast, the kiosk's home and a desk break's notice, and saves each
// as a PNG. With a LANG, in that language: its words, and its Self-Compassion Break.
//
//   build/kindly-screenshots docs/screenshots [WIDTHxHEIGHT [LANG]]

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "kiosk/KioskConfig.hpp"
#include "platform/Language.hpp"
#include "platform/Paths.hpp"
#include "ui/BreathingGuide.hpp"
#include "ui/LibraryScreen.hpp"
#include "ui/Screenshot.hpp"
#include "ui/KioskShell.hpp"
#include "ui/WindowApp.hpp"
#include "UiEvents.hpp"  // tests/: the synthetic keys and clicks the window's tests post

using namespace kindly;
using namespace kindly::ui;
using kindly::test::pushClick;
using kindly::test::pushKey;

namespace {

bool save(WindowApp& app, const std::filesystem::path& file) {
    app.draw(true);
    std::string error;
    if (!savePng(app.lastFrame(), file, error)) {
        std::cerr << "kindly-screenshots: " << error << "\n";
        return false;
    }
    std::cout << file.string() << "\n";
    return true;
}

int fail(const char* what) {
    std::cerr << "kindly-screenshots: " << what << "\n";
    return 1;
}

/// The kiosk's home screen (the bundled example config) and a desk break's notice.
int kioskShots(const std::filesystem::path& dir, SDL_Point size) {
    const auto data = bundledDataDir();
    if (!data) return fail("no bundled data");
    const KioskConfigLoad load = loadKioskConfig(*data / "kiosk" / "kiosk.example.toml");
    if (!load.config) return fail("the example kiosk config does not load");
    KioskConfig config = *load.config;  // its sessions in the screenshots' language, as a kiosk in it offers them
    preferTranslatedSessions(config, currentLanguage());
    // A fixed, calm moment (noon, away from the example's breaks), so that every run draws the same.
    const ManualClock clock(localMoment(2026, 1, 15, 12, 0));
    const std::time_t now = clock.now();
    for (const bool desk : {false, true}) {
        KioskShell shell({&config, nullptr, desk ? std::optional<std::time_t>(now + 30) : std::nullopt, &clock, {}});
        WindowOptions options;
        options.shell = &shell;
        options.output.silent = true;
        options.size = size;
        WindowApp app(options);
        app.keepFrames(true);
        app.runUntil([] { return false; }, 100);
        if (!save(app, dir / (desk ? "break-notice.png" : "kiosk-home.png"))) return 1;
        if (desk) continue;
        // The exit PIN pad (the example's chord), two digits typed.
        pushKey(SDLK_k, KMOD_LCTRL | KMOD_LALT | KMOD_LSHIFT);
        pushKey(SDLK_2);
        pushKey(SDLK_4);
        app.runUntil([] { return false; }, 100);
        if (app.screen() != ScreenId::Pin) return fail("the PIN pad did not open");
        if (!save(app, dir / "pin.png")) return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: kindly-screenshots OUTDIR [WIDTHxHEIGHT [LANG]]\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    SDL_Point size{1024, 640};
    if (argc > 2 && std::sscanf(argv[2], "%dx%d", &size.x, &size.y) != 2) return fail("the size must be WIDTHxHEIGHT");
    const std::string language = setUpLanguage(argc > 3 ? argv[3] : "en");
    const std::string session = language == "en" ? "self-compassion-break.toml" : "self-compassion-break." + language + ".toml";
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    std::filesystem::create_directories(dir);
    if (const int status = kioskShots(dir, size); status != 0) return status;

    WindowOptions options;
    options.libraryFolders = libraryFolders({});
    options.output.silent = true;
    options.size = size;
    WindowApp app(options);
    app.keepFrames(true);

    if (!app.runUntil([&] { return app.libraryChecked(); }, 120000)) return fail("the library was not checked in time");
    if (!save(app, dir / "library.png")) return 1;

    // The About sheet: the credits of the recordings.
    if (const auto about = app.control(Act::OpenAbout)) {
        pushClick(about->rect);
        app.runUntil([] { return false; }, 200);
        if (!save(app, dir / "about.png")) return 1;
        pushKey(SDLK_ESCAPE);
        app.runUntil([] { return false; }, 100);
    }

    // The length choice, on the first session that offers more than one length.
    for (std::size_t i = 0; i < app.entries().size(); ++i) {
        if (app.entries()[i].offeredLengths().size() < 2) continue;
        pushKey(SDLK_HOME);
        for (std::size_t k = 0; k < i; ++k) pushKey(SDLK_DOWN);
        pushKey(SDLK_RETURN);
        app.runUntil([] { return false; }, 100);
        if (!save(app, dir / "length.png")) return 1;
        pushKey(SDLK_ESCAPE);
        pushKey(SDLK_HOME);
        app.runUntil([] { return false; }, 100);
        break;
    }

    // The default session, from the library: select it and press Enter (and take its length).
    int index = -1;
    for (std::size_t i = 0; i < app.entries().size(); ++i)
        if (app.entries()[i].file.filename() == session) index = static_cast<int>(i);
    if (index < 0) return fail("the Self-Compassion Break in this language is not in the library");
    for (int i = 0; i < index; ++i) pushKey(SDLK_DOWN);
    pushKey(SDLK_RETURN);
    app.runUntil([] { return false; }, 200);
    if (app.screen() == ScreenId::Library) pushKey(SDLK_RETURN);  // its length choice: the one offered first
    if (!app.runUntil([&] { return app.screen() == ScreenId::Player; }, 60000)) return fail("the session did not start");
    Player& player = *app.player();
    const Timeline& timeline = app.session()->timeline();

    // A caption: the "mindfulness" step, paused once its words show.
    const Script& script = app.session()->script();
    int mindfulness = 2, breathe = 1;
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        if (script.steps[i].id == "mindfulness") mindfulness = static_cast<int>(i);
        if (script.steps[i].breathe) breathe = static_cast<int>(i);
    }
    player.seekToStep(mindfulness);
    if (!app.runUntil([&] { return player.snapshot().step == mindfulness && player.snapshot().caption; }, 10000))
        return fail("the caption did not show");
    player.pause();
    app.runUntil([] { return false; }, 100);
    if (!save(app, dir / "player.png")) return 1;

    // The breathing guide, halfway through a breath in.
    player.seekToStep(breathe);
    player.play();
    if (!app.runUntil([&] {
            const auto b = breathAt(timeline, player.snapshot().position);
            return b && b->phase == BreathPhase::In && b->progress > 0.6;
        }, 20000))
        return fail("no breath in");
    player.pause();
    app.runUntil([] { return false; }, 100);
    if (!save(app, dir / "breathing.png")) return 1;

    pushKey(SDLK_h);  // high contrast
    app.runUntil([] { return false; }, 50);
    if (!save(app, dir / "breathing-high-contrast.png")) return 1;
    pushKey(SDLK_h);

    // The end.
    player.seekToStep(static_cast<int>(script.steps.size()) - 1);
    player.play();
    if (!app.runUntil([&] { return player.snapshot().state == PlayerState::Ended; }, 60000)) return fail("no end");
    if (!save(app, dir / "end.png")) return 1;
    return 0;
}
