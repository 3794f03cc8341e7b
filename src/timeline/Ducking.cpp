#include "timeline/Ducking.hpp"

#include <algorithm>

namespace kindly {

std::vector<DuckRamp> scheduleDucking(const std::vector<SpeechSpan>& speech, Frames attack, Frames release, double duckDb) {
    std::vector<DuckRamp> ramps;
    if (duckDb == 0 || speech.empty()) return ramps;
    // Merge speech separated by less than the time to come up and go down again.
    std::vector<SpeechSpan> regions;
    for (const SpeechSpan& s : speech) {
        if (!regions.empty() && s.start - regions.back().end < attack + release) {
            regions.back().end = std::max(regions.back().end, s.end);
        } else {
            regions.push_back(s);
        }
    }
    for (const SpeechSpan& r : regions) {
        DuckRamp down{r.start - attack, r.start, 0.0, duckDb};
        if (down.start < 0) {
            // Already part-way down at frame 0: the value the full ramp would have there.
            down.fromDb = attack > 0 ? duckDb * static_cast<double>(-down.start) / static_cast<double>(attack) : duckDb;
            down.start = 0;
        }
        ramps.push_back(down);
        ramps.push_back({r.end, r.end + release, duckDb, 0.0});
    }
    return ramps;
}

double Timeline::duckDbAt(Frames frame) const {
    // The last ramp starting at or before `frame`.
    auto after = std::upper_bound(duckRamps.begin(), duckRamps.end(), frame,
                                  [](Frames f, const DuckRamp& r) { return f < r.start; });
    if (after == duckRamps.begin()) return 0.0;
    const DuckRamp& r = *(after - 1);
    if (frame >= r.end || r.end == r.start) return r.toDb;
    const double t = static_cast<double>(frame - r.start) / static_cast<double>(r.end - r.start);
    return r.fromDb + (r.toDb - r.fromDb) * t;
}

}  // namespace kindly
