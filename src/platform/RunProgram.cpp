#include "platform/RunProgram.hpp"

#include "platform/StopRequest.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

extern char** environ;

namespace kindly {
namespace {

constexpr std::size_t kErrorTail = 4096;

/// How long a stopped engine's group has between SIGTERM and SIGKILL.
constexpr auto kGrace = std::chrono::milliseconds(1000);

void closeIfOpen(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
}

/// Whether the child `pid` has exited, leaving it unreaped (a zombie holds its number).
bool hasExited(pid_t pid) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return errno != EINTR;
    return info.si_pid == pid;
}

/// Whether any process of process group `group` still runs (zombies, which only wait to be
/// reaped, do not count). Read from /proc: kill(-group, 0) cannot tell a zombie from the living.
bool groupRuns(pid_t group) {
    DIR* proc = opendir("/proc");
    if (!proc) return kill(-group, 0) == 0;
    bool found = false;
    while (const dirent* entry = readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        char path[300], line[512];
        std::snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
        const int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        const ssize_t n = read(fd, line, sizeof line - 1);
        close(fd);
        if (n <= 0) continue;
        line[n] = 0;
        // "pid (name) state ppid pgrp ...": the name may hold anything, so read after its last ')'.
        const char* after = std::strrchr(line, ')');
        char state = 0;
        int parent = 0, processGroup = 0;
        if (after && std::sscanf(after + 1, " %c %d %d", &state, &parent, &processGroup) == 3 &&
            processGroup == group && state != 'Z' && state != 'X') {
            found = true;
            break;
        }
    }
    closedir(proc);
    return found;
}

/// Ends every process of `pid`'s group that still runs: SIGTERM, then SIGKILL for any still
/// running after a short grace. `pid` itself (the group's leader, our child) is left unreaped.
void endGroup(pid_t pid) {
    if (!groupRuns(pid)) return;
    kill(-pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kGrace;
    while (std::chrono::steady_clock::now() < deadline && groupRuns(pid)) usleep(10000);
    kill(-pid, SIGKILL);
    // SIGKILL is not instant: wait until the group is gone, so nothing it started outlives us.
    for (int i = 0; i < 500 && groupRuns(pid); ++i) usleep(2000);
}

}  // namespace

std::string ProgramRun::describe(std::chrono::milliseconds limit) const {
    if (!started) return "cannot be run: " + error;
    if (stopped) return "was stopped, as Kindly was asked to stop";
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

std::optional<std::string> findProgram(const std::string& program) {
    if (program.empty()) return std::nullopt;
    // Executable, and a file: a folder is "executable" to access() too.
    auto runnable = [](const std::string& path) {
        struct stat info {};
        return access(path.c_str(), X_OK) == 0 && stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
    };
    if (program.find('/') != std::string::npos) return runnable(program) ? std::optional<std::string>(program) : std::nullopt;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty()) dir = ".";
        dir += '/';
        dir += program;
        if (runnable(dir)) return dir;
    }
    return std::nullopt;
}

bool programExists(const std::string& program) { return findProgram(program).has_value(); }

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
    bool exited = false;
    if (input.empty()) closeIfOpen(in[1]);
    while (!exited) {
        if (stopRequested()) {
            run.stopped = true;
            break;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            run.timedOut = true;
            break;
        }
        pollfd fds[2] = {{err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};  // poll skips a negative fd
        if (err[0] < 0 && in[1] < 0) {
            usleep(2000);  // nothing left to watch but its exit
        } else if (poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 50))) < 0 && errno != EINTR) {
            break;
        }
        if ((fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(in[1], input.data() + written, input.size() - written);
            if (n > 0) written += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN) || written == input.size()) closeIfOpen(in[1]);
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) readErrorOutput(false);
        exited = hasExited(pid);
    }
    // Whatever is left of its group (all of it when it is stopped or out of time; what it left
    // running when it finished) is ended now, while its own pid is still held unreaped, so the
    // group's number cannot name another's.
    endGroup(pid);
    // What it wrote just before it exited may still be in the pipe (seen on a busy machine:
    // its last line lost): read it to the end.
    while (exited && err[0] >= 0) readErrorOutput(true);
    closeIfOpen(in[1]);
    closeIfOpen(err[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    timespec none{0, 0};
    while (sigtimedwait(&pipeSignal, nullptr, &none) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!exited) return run;  // it was ended: its own status says only that
    if (WIFEXITED(status)) run.exitStatus = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    return run;
}

}  // namespace kindly
