#pragma once
// What `kindly` says when its command line cannot be parsed: CLI11's own messages ("The
// following argument was not expected: --bogus", "--rate: Value 5 not in range 0.500000 to
// 2.000000") in the listener's language and Kindly's manner, with the command's name and
// where its help is. A message it does not know stays as CLI11 wrote it.

#include <string>

namespace CLI {
class App;
class Error;
}  // namespace CLI

namespace kindly {

/// For CLI::App::failure_message: the lines to print for `error`, a failed parse of `app`.
std::string parseFailure(const CLI::App* app, const CLI::Error& error);

/// One CLI11 message in the listener's language (the option names and values as given).
std::string translateParseMessage(const std::string& message);

}  // namespace kindly
