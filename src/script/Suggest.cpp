#include "script/Suggest.hpp"

#include "platform/Language.hpp"

#include <algorithm>
#include <cctype>

namespace kindly {

std::size_t editDistance(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
    // Nobody misspells a paragraph, and a hostile file's huge lists must not cost minutes.
    if (word.size() > 64 || candidates.size() > 2000) return std::nullopt;
    std::optional<std::string> best;
    std::size_t bestDistance = 0;
    for (const auto& candidate : candidates) {
        std::size_t d = editDistance(word, candidate);
        // A clipped name ("duck" for "duck_db") is as plausible as a one-letter typo.
        if (word.size() >= 3 && candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) d = 1;
        const std::size_t limit = std::min<std::size_t>(2, std::max(word.size(), candidate.size()) / 2);
        if (candidate == word || d > std::max<std::size_t>(limit, 1)) continue;
        if (!best || d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
    auto match = closestMatch(word, candidates);
    return match ? format(tr("; did you mean '%s'?"), match->c_str()) : std::string();
}

}  // namespace kindly
