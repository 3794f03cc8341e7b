#include "platform/RunProgram.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

extern char** environ;

namespace kindly {
namespace {

constexpr std::size_t kErrorTail = 4096;

void closeIfOpen(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
}

}  // namespace

std::string ProgramRun::describe(std::chrono::milliseconds limit) const {
    if (!started) return "cannot be run: " + error;
    std::ostringstream s;
    if (timedOut) {
        s << "did not finish within " << static_cast<double>(limit.count()) / 1000.0 << " s and was stopped";
    } else if (signal) {
        s << "was ended by signal " << signal << " (" << strsignal(signal) << ")";
    } else {
        s << "exited with status " << exitStatus;
    }
    std::string tail = errorOutput;
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
    const auto lastLine = tail.rfind('\n');
    if (lastLine != std::string::npos) tail = tail.substr(lastLine + 1);
    if (!tail.empty()) s << ": " << tail;
    return s.str();
}

bool programExists(const std::string& program) {
    if (program.empty()) return false;
    if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty()) dir = ".";
        dir += '/';
        dir += program;
        if (access(dir.c_str(), X_OK) == 0) return true;
    }
    return false;
}

ProgramRun runProgram(const std::vector<std::string>& argv, const std::string& input, std::chrono::milliseconds limit) {
    ProgramRun run;
    if (argv.empty()) {
        run.error = "no program given";
        return run;
    }
    int in[2] = {-1, -1}, err[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        run.error = std::strerror(errno);
        closeIfOpen(in[0]), closeIfOpen(in[1]), closeIfOpen(err[0]), closeIfOpen(err[1]);
        return run;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own process group, so a time-out ends whatever it started too.
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    closeIfOpen(in[0]);
    closeIfOpen(err[1]);
    if (spawned != 0) {
        run.error = argv[0] + ": " + std::strerror(spawned);
        closeIfOpen(in[1]), closeIfOpen(err[0]);
        return run;
    }
    run.started = true;
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(err[0], F_SETFL, O_NONBLOCK);

    // A program that stops reading its input must not end us with SIGPIPE: block it in this
    // thread while writing, and take any that came before unblocking.
    sigset_t pipeSignal, previous;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous);

    // One read of its standard error into the tail kept; closes the pipe at its end (or when
    // nothing more is there and it has exited, see below).
    auto readErrorOutput = [&](bool finished) {
        char buffer[1024];
        const ssize_t n = read(err[0], buffer, sizeof buffer);
        if (n > 0) {
            run.errorOutput.append(buffer, static_cast<std::size_t>(n));
            if (run.errorOutput.size() > kErrorTail) run.errorOutput.erase(0, run.errorOutput.size() - kErrorTail);
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR) || (finished && errno == EAGAIN)) {
            closeIfOpen(err[0]);  // closed, failed, or (once it has exited) nothing more to wait for
        }
    };
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t written = 0;
    int status = 0;
    bool exited = false;
    if (input.empty()) closeIfOpen(in[1]);
    while (!exited) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            run.timedOut = true;
            break;
        }
        pollfd fds[2] = {{err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};  // poll skips a negative fd
        if (err[0] < 0 && in[1] < 0) {
            usleep(2000);  // nothing left to watch but its exit
        } else if (poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 200))) < 0 && errno != EINTR) {
            break;
        }
        if ((fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(in[1], input.data() + written, input.size() - written);
            if (n > 0) written += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN) || written == input.size()) closeIfOpen(in[1]);
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) readErrorOutput(false);
        const pid_t done = waitpid(pid, &status, WNOHANG);
        exited = done == pid || (done < 0 && errno != EINTR);
    }
    // What it wrote just before it exited may still be in the pipe (seen on a busy machine:
    // its last line lost): read it to the end, or to what a program it left running holds open.
    while (exited && err[0] >= 0) readErrorOutput(true);
    closeIfOpen(in[1]);
    closeIfOpen(err[0]);
    if (!exited) {
        // Past the limit: end its whole group.
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    timespec none{0, 0};
    while (sigtimedwait(&pipeSignal, nullptr, &none) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (run.timedOut) kill(-pid, SIGKILL);  // anything it left running in its group
    if (WIFEXITED(status)) run.exitStatus = WEXITSTATUS(status);
    if (WIFSIGNALED(status) && !run.timedOut) run.signal = WTERMSIG(status);
    return run;
}

}  // namespace kindly
