#include "app/ParseFailure.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <regex>
#include <sstream>
#include <vector>

#include "platform/Language.hpp"

namespace kindly {
namespace {

/// "0.500000" as "0.5", "384000" as it is: CLI11 prints a range's ends with std::to_string.
std::string plainNumber(std::string n) {
    if (n.find('.') == std::string::npos) return n;
    while (!n.empty() && n.back() == '0') n.pop_back();
    if (!n.empty() && n.back() == '.') n.pop_back();
    return n;
}

/// CLI11 lists the arguments it did not expect last first: back in the command line's order.
std::vector<std::string> inGivenOrder(const std::string& listed) {
    std::istringstream in(listed);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    std::reverse(words.begin(), words.end());
    return words;
}

}  // namespace

std::string translateParseMessage(const std::string& message) {
    // The patterns of CLI11 2.x's errors (CLI/Error.hpp, CLI/Validators.hpp) that a person can meet here.
    static const std::regex range(R"(^(.+): Value (.*) not in range (\S+) to (\S+)$)");
    static const std::regex extras(R"(^The following arguments? (?:was|were) not expected: (.*)$)");
    static const std::regex required(R"(^(.+) is required$)");
    static const std::regex missing(R"(^(.+): \d+ required (\S+) missing$)");
    static const std::regex needs(R"(^(\S+) requires (\S+)$)");
    static const std::regex excludes(R"(^(\S+) excludes (\S+)$)");
    static const std::regex notAllowed(R"(^The value (.*) is not an allowed value for (.*)$)");
    static const std::regex conversion(R"(^Could not convert: (\S+) = (.*)$)");
    std::smatch m;
    if (std::regex_match(message, m, range))
        return format(tr("%s: '%s' is not a number from %s to %s"), m.str(1).c_str(), m.str(2).c_str(),
                      plainNumber(m.str(3)).c_str(), plainNumber(m.str(4)).c_str());
    if (std::regex_match(message, m, extras)) {
        const auto words = inGivenOrder(m.str(1));
        std::string joined;
        for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
        return format(trn("unexpected argument: %s", "unexpected arguments: %s", words.size()), joined.c_str());
    }
    if (std::regex_match(message, m, missing)) return format(tr("%s needs a value (%s)"), m.str(1).c_str(), m.str(2).c_str());
    if (std::regex_match(message, m, required)) return format(tr("%s is required"), m.str(1).c_str());
    if (std::regex_match(message, m, needs)) return format(tr("%s needs %s"), m.str(1).c_str(), m.str(2).c_str());
    if (std::regex_match(message, m, excludes)) return format(tr("%s cannot be used with %s"), m.str(1).c_str(), m.str(2).c_str());
    const auto notTaken = [](const std::string& option, const std::string& value) {
        return format(tr("%s: '%s' is not a value it takes"), option.c_str(), value.c_str());
    };
    if (std::regex_match(message, m, notAllowed)) return notTaken(m.str(2), m.str(1));
    if (std::regex_match(message, m, conversion)) return notTaken(m.str(1), m.str(2));
    return message;
}

std::string parseFailure(const CLI::App* app, const CLI::Error& error) {
    // The command the mistake was made in (`kindly play --rate 5`: play), for its help.
    std::string command = "kindly";
    for (const CLI::App* sub = app; sub != nullptr;) {
        const auto parsed = sub->get_subcommands();
        sub = parsed.empty() ? nullptr : parsed.front();
        if (sub) command += " " + sub->get_name();
    }
    return command + ": " + translateParseMessage(error.what()) + "\n" +
           format(tr("Run `%s --help` to see what it takes."), command.c_str()) + "\n";
}

}  // namespace kindly
