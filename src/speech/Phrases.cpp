#include "speech/Phrases.hpp"

namespace kindly {
namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

}  // namespace

std::vector<Phrase> splitPhrases(std::string_view text) {
    std::vector<Phrase> out;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        current += text[i];
        const char c = text[i];
        const bool sentenceEnd = c == '.' || c == '!' || c == '?';
        const bool phraseEnd = c == ',' || c == ';' || c == ':';
        const bool followedBySpace = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                                     text[i + 1] == '\t' || text[i + 1] == '\r';
        if ((sentenceEnd || phraseEnd) && followedBySpace) {
            if (current.find_first_not_of(" \t\r\n.,;:!?") != std::string::npos) out.push_back({trimmed(current), sentenceEnd});
            else if (!out.empty()) out.back().endsSentence = out.back().endsSentence || sentenceEnd;
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n.,;:!?") != std::string::npos) out.push_back({trimmed(current), true});
    return out;
}

Sentences groupSentences(const std::vector<Phrase>& phrases) {
    Sentences s;
    bool open = false;
    for (const Phrase& p : phrases) {
        if (!open) s.text.emplace_back();
        std::string& sentence = s.text.back();
        if (!sentence.empty()) sentence += ' ';
        sentence += p.text;
        s.sentenceOf.push_back(static_cast<int>(s.text.size()) - 1);
        open = !p.endsSentence;
    }
    return s;
}

}  // namespace kindly
