#pragma once
// The library's entries checked one by one on a worker at low priority, while the library is
// shown: each check prepares the session (its speech made ahead of a first play), so a session
// the listener chooses later starts at once. The front end takes the checked entries from its
// loop thread; `wake` is called on the worker after each one.

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "library/Library.hpp"

namespace kindly {

class BackgroundCheck {
public:
    BackgroundCheck() = default;
    ~BackgroundCheck();  ///< stops after the entry being checked
    BackgroundCheck(const BackgroundCheck&) = delete;
    BackgroundCheck& operator=(const BackgroundCheck&) = delete;

    /// Starts checking `entries` in order (once; later calls do nothing).
    void start(std::vector<LibraryEntry> entries, std::function<void()> wake);
    bool started() const { return thread_.joinable(); }
    /// The entries checked since the last call.
    std::vector<LibraryEntry> take();

private:
    std::mutex mutex_;
    std::vector<LibraryEntry> checked_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace kindly
