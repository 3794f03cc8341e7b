#include "output/SilentOutput.hpp"

#include <algorithm>
#include <vector>

namespace kindly {

bool SilentOutput::start(AudioSink& sink) {
    stop();
    running_ = true;
    thread_ = std::thread([this, &sink] {
        constexpr std::size_t kMaxFrames = 4096;
        std::vector<float> buffer(2 * kMaxFrames);
        const auto begin = std::chrono::steady_clock::now();
        long long done = 0;
        while (running_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a device's period, roughly
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            auto due = static_cast<long long>(elapsed * rate_ * speed_);
            while (done < due && running_) {
                const auto n = static_cast<std::size_t>(std::min<long long>(due - done, kMaxFrames));
                noteCallback();
                sink.renderAudio(buffer.data(), n, false);
                done += static_cast<long long>(n);
            }
        }
    });
    return true;
}

void SilentOutput::stop() {
    running_ = false;
    if (thread_.joinable()) thread_.join();
}

}  // namespace kindly
