// First sound from the library (issue 28): opens Kindly's window on the library of FOLDER, as
// `kindly` alone does, chooses the first session as soon as its card is drawn (while the
// library's background check is still making every session ready: the worst moment) and prints
// the time from that click to the session's first sound: when the player starts, its buffer
// filled, as `kindly play --stats` counts it. It plays on the silent clock (no sound card).
// bench/first-sound.sh runs it for each bundled session with a fresh speech cache.
//
//   DISPLAY=:1 build/kindly-library-bench FOLDER

#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "ui/WindowApp.hpp"
#include "UiEvents.hpp"  // tests/: the synthetic keys and clicks the window's tests post

using namespace kindly;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: kindly-library-bench FOLDER (the library's only folder)\n");
        return 2;
    }
    try {
        ui::WindowOptions options;
        options.libraryFolders = {std::filesystem::path(argv[1])};
        options.output.silent = true;
        options.size = SDL_Point{1024, 640};
        ui::WindowApp app(options);
        const ui::Action open{ui::Act::OpenEntry, 0};
        if (!app.runUntil([&] { return !app.entries().empty() && app.control(open).has_value(); }, 30000)) {
            std::fprintf(stderr, "kindly-library-bench: no session in %s was shown\n", argv[1]);
            return 1;
        }
        // The card; a session that offers several lengths then shows them, and Enter takes its
        // own length: the time counts from the last of these, the choice that starts it.
        auto chosen = std::chrono::steady_clock::now();
        test::pushClick(app.control(open)->rect);
        const ui::Action ownLength{ui::Act::CancelLength};
        app.runUntil([&] { return app.player() != nullptr || app.control(ownLength).has_value(); }, 120000);
        if (app.control(ownLength)) {
            chosen = std::chrono::steady_clock::now();
            test::pushKey(SDLK_RETURN);
        }
        const bool sounded = app.runUntil(
            [&] {
                Player* player = app.player();
                return player && player->snapshot().state == PlayerState::Playing;
            },
            120000);
        if (!sounded) {
            std::fprintf(stderr, "kindly-library-bench: the session did not start within 120 s\n");
            return 1;
        }
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - chosen).count();
        std::printf("first sound %lld ms after choosing\n", static_cast<long long>(ms));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kindly-library-bench: %s\n", e.what());
        return 1;
    }
}
