#pragma once
// How long ago this process started (the kernel's record of its start, so the time spent
// loading libraries before main() counts): `kindly play --stats` reports its first sound in it.

#include <optional>

namespace kindly {

/// Milliseconds since the process started (10 ms resolution: the kernel's clock ticks);
/// nullopt where /proc is not there to say.
std::optional<long long> processAgeMs();

}  // namespace kindly
