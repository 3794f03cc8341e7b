#pragma once
// Narration split into the pieces a voice speaks one at a time: phrases end at ",", ";", ":"
// (a short rest) and sentences at ".", "!", "?" (a longer one). Captions follow sentences.

#include <string>
#include <string_view>
#include <vector>

namespace kindly {

struct Phrase {
    std::string text;           ///< with its punctuation, so the engine still shapes its intonation
    bool endsSentence = false;
};

/// Splits at punctuation followed by white space (or the end), so "1,000" or "e.g." inside a
/// word stay whole. Pieces of only punctuation or space are dropped.
std::vector<Phrase> splitPhrases(std::string_view text);

/// The sentences the phrases make, in order: each the phrases up to one that ends a sentence,
/// joined with single spaces. sentenceOf[i] says which sentence phrase i belongs to.
struct Sentences {
    std::vector<std::string> text;
    std::vector<int> sentenceOf;
};
Sentences groupSentences(const std::vector<Phrase>& phrases);

}  // namespace kindly
