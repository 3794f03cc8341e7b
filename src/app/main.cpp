#include <exception>
#include <iostream>

#include "app/Commands.hpp"
#include "platform/LeakCheckSupport.hpp"
#include "ui/Display.hpp"

int main(int argc, char** argv) {
    kindly::keepGraphicsLibrariesLoaded();
    kindly::ui::nameWindowsForDesktops();
    try {
        return kindly::runKindly(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& e) {
        // Nothing should get here; if something does, say so plainly rather than abort.
        std::cerr << "kindly: internal error: " << e.what() << "\n";
        return 70;  // EX_SOFTWARE
    }
}
