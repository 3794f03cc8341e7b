#pragma once
// The strict forms of words a script hands to a speech engine's command line ({language},
// {voice}): scripts travel, and one must never choose arguments for a program on the listener's
// machine (no spaces, no option such as "--model=...", no path).

#include <string_view>

namespace kindly {

/// A BCP 47 language tag as people write them: a language of 2-3 letters, then subtags of 1-8
/// letters or digits after '-' ("en", "de", "pt-BR", "zh-Hant-TW", "en-GB-x-rp").
bool isLanguageTag(std::string_view text);

/// A voice's name: 1-128 letters, digits, '-', '_' or '.', starting with a letter, a digit or
/// '_' (so never an option, never a path).
bool isPlainName(std::string_view text);

}  // namespace kindly
