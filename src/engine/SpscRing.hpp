#pragma once
// A single-producer/single-consumer lock-free ring of trivially copyable items: one thread
// writes, one thread reads, neither ever waits or allocates (the storage is sized once).
// Used for audio frames (the streaming thread ahead of the audio callback) and commands.
// The indices only grow; acquire/release ordering publishes the items between threads.

#include <atomic>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <vector>

namespace kindly {

template <typename T>
class SpscRing {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    /// Room for at least `capacity` items (rounded up to a power of two).
    explicit SpscRing(std::size_t capacity) {
        std::size_t size = 1;
        while (size < capacity) size <<= 1;
        items_.resize(size);
        mask_ = size - 1;
    }

    std::size_t capacity() const { return items_.size(); }

    /// Producer side: how many items can be written now.
    std::size_t writable() const {
        return items_.size() - (write_.load(std::memory_order_relaxed) - read_.load(std::memory_order_acquire));
    }
    /// Consumer side: how many items can be read now.
    std::size_t readable() const {
        return write_.load(std::memory_order_acquire) - read_.load(std::memory_order_relaxed);
    }

    /// Producer: writes up to `count` items; returns how many were written.
    std::size_t write(const T* items, std::size_t count) {
        const std::size_t w = write_.load(std::memory_order_relaxed);
        count = std::min(count, items_.size() - (w - read_.load(std::memory_order_acquire)));
        copyIn(w, items, count);
        write_.store(w + count, std::memory_order_release);
        return count;
    }
    bool push(const T& item) { return write(&item, 1) == 1; }

    /// Consumer: reads up to `count` items; returns how many were read.
    std::size_t read(T* items, std::size_t count) {
        const std::size_t r = read_.load(std::memory_order_relaxed);
        count = std::min(count, write_.load(std::memory_order_acquire) - r);
        copyOut(r, items, count);
        read_.store(r + count, std::memory_order_release);
        return count;
    }
    bool pop(T& item) { return read(&item, 1) == 1; }

    /// Consumer: drops everything readable now (e.g. after a seek).
    void discard() { read_.store(write_.load(std::memory_order_acquire), std::memory_order_release); }

private:
    void copyIn(std::size_t at, const T* items, std::size_t count) {
        const std::size_t start = at & mask_, first = std::min(count, items_.size() - start);
        std::memcpy(items_.data() + start, items, first * sizeof(T));
        std::memcpy(items_.data(), items + first, (count - first) * sizeof(T));
    }
    void copyOut(std::size_t at, T* items, std::size_t count) const {
        const std::size_t start = at & mask_, first = std::min(count, items_.size() - start);
        std::memcpy(items, items_.data() + start, first * sizeof(T));
        std::memcpy(items + first, items_.data(), (count - first) * sizeof(T));
    }

    std::vector<T> items_;
    std::size_t mask_ = 0;
    alignas(64) std::atomic<std::size_t> write_{0};
    alignas(64) std::atomic<std::size_t> read_{0};
};

}  // namespace kindly
