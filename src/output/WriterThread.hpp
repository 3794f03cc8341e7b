#pragma once
// Encodes and writes a render on a thread of its own, so the mixer never waits on libsndfile
// (24-bit packing, FLAC or Vorbis encoding) or the disk. The mixer hands over full buffers
// through a short bounded queue (memory stays flat however long the render); the writer
// hands back emptied ones. Offline only: the queue locks, which the audio callback must not.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "output/SoundFileWriter.hpp"

namespace kindly {

class WriterThread {
public:
    /// Writes through `writer` (already open) until finish(); the caller commits or abandons it after.
    explicit WriterThread(SoundFileWriter& writer, std::size_t queued = 4);
    ~WriterThread();
    WriterThread(const WriterThread&) = delete;
    WriterThread& operator=(const WriterThread&) = delete;

    /// A buffer to fill: one the writer has emptied (its capacity kept), or a new one at first.
    std::vector<float> buffer();
    /// Queues interleaved stereo frames for writing (waits while the queue is full). False
    /// once writing has failed.
    bool write(std::vector<float> stereo);
    /// Waits until everything queued is written; false (see error()) if any write failed.
    bool finish();

    const std::string& error() const { return error_; }

private:
    void run();

    SoundFileWriter& writer_;
    std::size_t limit_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<float>> full_;
    std::vector<std::vector<float>> empty_;
    bool closing_ = false;
    bool failed_ = false;
    std::string error_;
    std::thread thread_;
};

}  // namespace kindly
