#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

#include "platform/LeakCheckSupport.hpp"

int main(int argc, char* argv[]) {
    kindly::keepGraphicsLibrariesLoaded();
    // Built-in sounds come from the source tree's audio/, whatever the caller's environment.
    setenv("KINDLY_DATA_DIR", KINDLY_SOURCE_DIR, 1);
    // And Kindly's words in English, whatever the caller's locale: tests of other languages
    // set theirs themselves.
    setenv("LANGUAGE", "en", 1);
    return Catch::Session().run(argc, argv);
}
