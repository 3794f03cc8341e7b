#pragma once
// Keys from the terminal, one at a time and without Enter (raw mode while this lives). When
// standard input is a pipe instead (scripts and tests), `fromPipe` reads its characters as
// keys; otherwise there are none.

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace kindly {

class RawTerminal {
public:
    explicit RawTerminal(bool fromPipe = false) {
        if (!isatty(STDIN_FILENO)) {
            pipe_ = wasPipe_ = fromPipe;
            return;
        }
        if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
        termios raw = saved_;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        active_ = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~RawTerminal() {
        if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
    }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;
    bool active() const { return active_; }
    /// Keys came from a pipe, and it has ended.
    bool pipeEnded() const { return wasPipe_ && !pipe_; }
    /// The next key, waiting at most `ms`: a character, or 1000+ for arrows (A up B down C right D left).
    int key(int ms) {
        if (!active_ && !pipe_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(ms));
            return -1;
        }
        pollfd fd{STDIN_FILENO, POLLIN, 0};
        if (poll(&fd, 1, ms) <= 0) return -1;
        unsigned char c = 0;
        if (read(STDIN_FILENO, &c, 1) != 1) {  // the pipe's end: no more keys
            pipe_ = false;
            return -1;
        }
        if (pipe_ && (c == '\n' || c == '\r')) return key(ms);
        if (c == 27 && active_) {
            unsigned char seq[2] = {0, 0};
            if (poll(&fd, 1, 20) > 0 && read(STDIN_FILENO, &seq[0], 1) == 1 && seq[0] == '[' &&
                read(STDIN_FILENO, &seq[1], 1) == 1)
                return 1000 + seq[1];
            return 27;
        }
        return c;
    }

private:
    termios saved_{};
    bool active_ = false;
    bool pipe_ = false, wasPipe_ = false;
};

}  // namespace kindly
