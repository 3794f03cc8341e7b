#include "library/BackgroundCheck.hpp"

#include "platform/Background.hpp"

namespace kindly {

BackgroundCheck::~BackgroundCheck() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void BackgroundCheck::start(std::vector<LibraryEntry> entries, std::function<void()> wake) {
    if (thread_.joinable()) return;
    thread_ = std::thread([this, entries = std::move(entries), wake = std::move(wake)]() mutable {
        // Behind whatever the listener chooses meanwhile.
        lowerThisThreadsPriority();
        for (auto& entry : entries) {
            if (stop_) return;
            checkEntry(entry);
            {
                std::lock_guard lock(mutex_);
                checked_.push_back(std::move(entry));
            }
            if (wake) wake();
        }
    });
}

std::vector<LibraryEntry> BackgroundCheck::take() {
    std::lock_guard lock(mutex_);
    std::vector<LibraryEntry> done;
    done.swap(checked_);
    return done;
}

}  // namespace kindly
