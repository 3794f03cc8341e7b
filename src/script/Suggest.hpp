#pragma once
// "Did you mean ...?" for misspelt keys, tables, ids and sound names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kindly {

/// Levenshtein distance, case-insensitive (ASCII).
std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is near enough to be a plausible typo:
/// at most 2 edits and no more than half of the longer word, or a prefix of the candidate
/// of three letters or more ("duck" for "duck_db").
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" or "" when nothing is close.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kindly
