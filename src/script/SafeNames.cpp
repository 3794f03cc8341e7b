#include "script/SafeNames.hpp"

namespace kindly {
namespace {

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool isLanguageTag(std::string_view text) {
    std::size_t subtag = 0, length = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '-') {
            // The first subtag is the language: 2-3 letters; the rest 1-8 letters or digits.
            if (subtag == 0 ? (length < 2 || length > 3) : (length < 1 || length > 8)) return false;
            ++subtag;
            length = 0;
            continue;
        }
        const char c = text[i];
        if (!(isLetter(c) || (subtag > 0 && isDigit(c)))) return false;
        ++length;
    }
    return true;
}

bool isPlainName(std::string_view text) {
    if (text.empty() || text.size() > 128) return false;
    if (!(isLetter(text.front()) || isDigit(text.front()) || text.front() == '_')) return false;
    for (char c : text)
        if (!(isLetter(c) || isDigit(c) || c == '-' || c == '_' || c == '.')) return false;
    return text.find("..") == std::string_view::npos;
}

}  // namespace kindly
