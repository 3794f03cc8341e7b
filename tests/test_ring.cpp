// The lock-free ring under two threads (also built with ThreadSanitizer in CI).
#include <catch2/catch.hpp>

#include <thread>

#include "engine/SpscRing.hpp"

using namespace kindly;

TEST_CASE("the ring passes every item, in order, from one thread to another", "[ring]") {
    SpscRing<std::uint64_t> ring(1000);
    CHECK(ring.capacity() == 1024);
    constexpr std::uint64_t kCount = 2'000'000;
    std::thread producer([&] {
        std::uint64_t next = 0, batch[37];
        while (next < kCount) {
            std::size_t n = 0;
            for (; n < 37 && next + n < kCount; ++n) batch[n] = next + n;
            next += ring.write(batch, n);
        }
    });
    std::uint64_t expected = 0, bad = 0, buffer[53];
    while (expected < kCount) {
        const std::size_t got = ring.read(buffer, 53);
        for (std::size_t i = 0; i < got; ++i) bad += buffer[i] != expected++;
    }
    producer.join();
    CHECK(bad == 0);
    CHECK(ring.readable() == 0);
}

TEST_CASE("the ring never holds more than its capacity", "[ring]") {
    SpscRing<int> ring(8);
    int values[20] = {};
    CHECK(ring.write(values, 20) == 8);
    CHECK(ring.writable() == 0);
    CHECK_FALSE(ring.push(1));
    int out[3];
    CHECK(ring.read(out, 3) == 3);
    CHECK(ring.writable() == 3);
    ring.discard();
    CHECK(ring.readable() == 0);
}

TEST_CASE("commands cross the queue intact under load", "[ring]") {
    struct Command {
        int kind;
        long long frame;
        double value;
    };
    SpscRing<Command> queue(64);
    constexpr int kCount = 200'000;
    std::thread producer([&] {
        for (int i = 0; i < kCount;)
            if (queue.push({i % 5, i * 3LL, i * 0.5})) ++i;
    });
    int received = 0, bad = 0;
    Command c{};
    while (received < kCount) {
        if (!queue.pop(c)) continue;
        bad += c.kind != received % 5 || c.frame != received * 3LL || c.value != received * 0.5;
        ++received;
    }
    producer.join();
    CHECK(bad == 0);
}
