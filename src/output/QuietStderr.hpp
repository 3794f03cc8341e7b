#pragma once
// PortAudio's host APIs print to stderr while probing devices (ALSA, JACK); while one of
// these lives, stderr goes to /dev/null, so the terminal stays clean.

#include <unistd.h>

#include <cstdio>

namespace kindly {

class QuietStderr {
public:
    QuietStderr() {
        std::fflush(stderr);
        saved_ = dup(2);
        FILE* null = std::fopen("/dev/null", "w");
        if (null) {
            dup2(fileno(null), 2);
            std::fclose(null);
        }
    }
    ~QuietStderr() {
        std::fflush(stderr);
        if (saved_ >= 0) {
            dup2(saved_, 2);
            close(saved_);
        }
    }

private:
    int saved_ = -1;
};

}  // namespace kindly
