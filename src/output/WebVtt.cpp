#include "output/WebVtt.hpp"

#include <cstdio>

namespace kindly {

std::string webVttTime(Frames frame, int rate) {
    const long long millis = static_cast<long long>((static_cast<Int128>(frame) * 1000 + rate / 2) / rate);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", millis / 3600000, millis / 60000 % 60,
                  millis / 1000 % 60, millis % 1000);
    return buf;
}

std::string webVttCaptions(const Timeline& timeline) {
    std::string out = "WEBVTT\n";
    int number = 0;
    for (const CaptionCue& cue : timeline.captions) {
        if (cue.end <= cue.start) continue;  // an empty step shows nothing
        // A cue's text may not hold "-->", a blank line or a bare & or <: keep the words, escape the rest.
        std::string text;
        for (std::size_t i = 0; i < cue.text.size(); ++i) {
            if (cue.text.compare(i, 3, "-->") == 0) {
                text += "->";
                i += 2;
            } else if (cue.text[i] == '\n' || cue.text[i] == '\r') {
                if (!text.empty() && text.back() != ' ') text += ' ';
            } else if (cue.text[i] == '&') {
                text += "&amp;";
            } else if (cue.text[i] == '<') {
                text += "&lt;";
            } else {
                text += cue.text[i];
            }
        }
        out += "\n" + std::to_string(++number) + "\n" + webVttTime(cue.start, timeline.rate) + " --> " +
               webVttTime(cue.end, timeline.rate) + "\n" + text + "\n";
    }
    return out;
}

}  // namespace kindly
