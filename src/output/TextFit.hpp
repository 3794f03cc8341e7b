#pragma once
// Text cut to a number of characters (UTF-8 code points), for the timeline's table columns
// and its SVG picture.

#include <cstddef>
#include <string>

namespace kindly {

/// At most `width` code points, ending in "…" when cut; empty when `width` is under 2.
inline std::string fitText(const std::string& text, std::size_t width) {
    if (width < 2) return {};
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (count == width - 1) {
            // Is there more than one code point left?
            std::size_t rest = 0;
            for (std::size_t j = i; j < text.size(); ++j) rest += (static_cast<unsigned char>(text[j]) & 0xC0) != 0x80;
            return rest > 1 ? text.substr(0, i) + "…" : text;
        }
        ++count;
    }
    return text;
}

}  // namespace kindly
