#include "output/WriterThread.hpp"

namespace kindly {

WriterThread::WriterThread(SoundFileWriter& writer, std::size_t queued)
    : writer_(writer), limit_(queued), thread_([this] { run(); }) {}

WriterThread::~WriterThread() { finish(); }

std::vector<float> WriterThread::buffer() {
    std::lock_guard lock(mutex_);
    if (empty_.empty()) return {};
    std::vector<float> b = std::move(empty_.back());
    empty_.pop_back();
    b.clear();
    return b;
}

bool WriterThread::write(std::vector<float> stereo) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return full_.size() < limit_ || failed_; });
    if (failed_) return false;
    full_.push_back(std::move(stereo));
    changed_.notify_all();
    return true;
}

bool WriterThread::finish() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    return !failed_;
}

void WriterThread::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !full_.empty() || closing_; });
        if (full_.empty()) return;  // closing, and all written
        std::vector<float> b = std::move(full_.front());
        full_.pop_front();
        changed_.notify_all();
        lock.unlock();
        const bool ok = writer_.write(b.data(), b.size() / 2);
        lock.lock();
        if (!ok && !failed_) {
            failed_ = true;
            error_ = writer_.error();
            full_.clear();
            changed_.notify_all();
        }
        empty_.push_back(std::move(b));
    }
}

}  // namespace kindly
