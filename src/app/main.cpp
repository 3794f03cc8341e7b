#include <exception>
#include <iostream>
#include <string>

#include "app/Commands.hpp"
#include "platform/Language.hpp"
#include "platform/LeakCheckSupport.hpp"
#include "ui/Display.hpp"

int main(int argc, char** argv) {
    kindly::keepGraphicsLibrariesLoaded();
    kindly::ui::nameWindowsForDesktops();
    // The language first, before any other thread and before --help is put together: the
    // command line's own --language wins over the locale.
    // Only before the command (`kindly say --language` is the speech's language).
    std::string language;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--language" && i + 1 < argc) language = argv[++i];
        else if (arg.rfind("--language=", 0) == 0) language = arg.substr(11);
        else if (arg == "--device" || arg == "--library") ++i;  // their values
        else if (arg.empty() || arg[0] != '-' || arg == "--") break;
    }
    kindly::setUpLanguage(language);
    try {
        return kindly::runKindly(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& e) {
        // Nothing should get here; if something does, say so plainly rather than abort.
        std::cerr << "kindly: internal error: " << e.what() << "\n";
        return 70;  // EX_SOFTWARE
    }
}
