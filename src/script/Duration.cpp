#include "script/Duration.hpp"

#include "platform/Language.hpp"

#include <cmath>
#include <cstdio>

namespace kindly {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSpace(char c) { return c == ' ' || c == '\t'; }

/// Nanoseconds per unit, or 0 for an unknown unit.
Nanos unitNanos(std::string_view unit) {
    if (unit == "ms") return kNanosPerMilli;
    if (unit == "s") return kNanosPerSecond;
    if (unit == "m") return kNanosPerMinute;
    if (unit == "h") return kNanosPerHour;
    return 0;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

DurationParse parseDurationText(std::string_view text) {
    const std::string hint = tr(" (write it like \"250ms\", \"4s\", \"1m30s\" or \"1.5s\")");
    std::size_t i = 0;
    auto skipSpaces = [&] {
        while (i < text.size() && isSpace(text[i])) ++i;
    };
    skipSpaces();
    if (i == text.size()) return {std::nullopt, tr("empty duration") + hint};
    if (text[i] == '-') return {std::nullopt, format(tr("duration %s is negative"), quoted(text).c_str())};

    // Sum exactly in nanoseconds; each part's digits are capped so nothing can overflow
    // before the kMaxDuration check.
    Int128 total = 0;
    while (true) {
        skipSpaces();
        if (i == text.size()) break;
        const std::size_t numberStart = i;
        std::int64_t whole = 0;
        int wholeDigits = 0;
        while (i < text.size() && isDigit(text[i])) {
            if (++wholeDigits > 12) return {std::nullopt, format(tr("duration %s is too long; the longest is 24h"), quoted(text).c_str())};
            whole = whole * 10 + (text[i] - '0');
            ++i;
        }
        std::int64_t fraction = 0;  // in units of 10^-fractionDigits
        int fractionDigits = 0;
        if (i < text.size() && text[i] == '.') {
            ++i;
            while (i < text.size() && isDigit(text[i])) {
                if (fractionDigits < 15) {  // finer than a nanosecond of an hour is noise
                    fraction = fraction * 10 + (text[i] - '0');
                    ++fractionDigits;
                }
                ++i;
            }
        }
        if (wholeDigits == 0 && fractionDigits == 0) {
            return {std::nullopt, format(tr("expected a number at %s in duration %s"), quoted(text.substr(numberStart)).c_str(),
                                         quoted(text).c_str()) +
                                      hint};
        }
        const std::size_t unitStart = i;
        while (i < text.size() && !isDigit(text[i]) && text[i] != '.' && !isSpace(text[i])) ++i;
        const std::string_view unit = text.substr(unitStart, i - unitStart);
        if (unit.empty()) {
            return {std::nullopt, format(tr("missing unit after %s in duration %s; use ms, s, m or h"),
                                         quoted(text.substr(numberStart, i - numberStart)).c_str(), quoted(text).c_str())};
        }
        const Nanos perUnit = unitNanos(unit);
        if (perUnit == 0) {
            return {std::nullopt, format(tr("unknown unit %s in duration %s; use ms, s, m or h"), quoted(unit).c_str(),
                                         quoted(text).c_str())};
        }
        Int128 scale = 1;
        for (int d = 0; d < fractionDigits; ++d) scale *= 10;
        // Round the fractional part to the nearest nanosecond.
        const Int128 fractionNanos = (static_cast<Int128>(fraction) * perUnit * 2 + scale) / (2 * scale);
        total += static_cast<Int128>(whole) * perUnit + fractionNanos;
        if (total > kMaxDuration) {
            return {std::nullopt, format(tr("duration %s is too long; the longest is 24h"), quoted(text).c_str())};
        }
    }
    return {static_cast<Nanos>(total), {}};
}

DurationParse durationFromSeconds(double seconds) {
    if (!std::isfinite(seconds)) return {std::nullopt, tr("duration is not a finite number")};
    if (seconds < 0) return {std::nullopt, tr("duration is negative")};
    if (seconds * kNanosPerSecond > static_cast<double>(kMaxDuration)) {
        return {std::nullopt, tr("duration is too long; the longest is 24h")};
    }
    return {static_cast<Nanos>(std::llround(seconds * kNanosPerSecond)), {}};
}

ElasticParse parseElasticText(std::string_view text) {
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) {
        auto fixed = parseDurationText(text);
        if (!fixed.value) return {std::nullopt, fixed.error};
        return {ElasticDuration{*fixed.value, *fixed.value}, {}};
    }
    const auto minPart = text.substr(0, dots);
    const auto maxPart = text.substr(dots + 2);
    auto min = parseDurationText(minPart);
    if (!min.value) return {std::nullopt, format(tr("in the shortest length of %s: %s"), quoted(text).c_str(), min.error.c_str())};
    auto max = parseDurationText(maxPart);
    if (!max.value) return {std::nullopt, format(tr("in the longest length of %s: %s"), quoted(text).c_str(), max.error.c_str())};
    if (*min.value > *max.value) {
        return {std::nullopt, format(tr("elastic pause %s has its shortest length above its longest; write MIN..MAX"), quoted(text).c_str())};
    }
    return {ElasticDuration{*min.value, *max.value}, {}};
}

std::string formatDuration(Nanos ns) {
    if (ns == 0) return "0s";
    std::string out;
    if (ns < 0) {
        out = "-";
        ns = -ns;
    }
    const Nanos hours = ns / kNanosPerHour;
    ns %= kNanosPerHour;
    // cppcheck-suppress zerodivcond ; it mistakes the test of `ns` below for one of the divisor
    const Nanos minutes = ns / kNanosPerMinute;
    ns %= kNanosPerMinute;
    if (hours) out += std::to_string(hours) + "h";
    if (minutes) out += std::to_string(minutes) + "m";
    if (ns) {
        if (!hours && !minutes && ns < kNanosPerSecond && ns % kNanosPerMilli == 0) {
            out += std::to_string(ns / kNanosPerMilli) + "ms";
        } else {
            // Seconds with up to three decimals, trailing zeros dropped.
            const Nanos millis = (ns + kNanosPerMilli / 2) / kNanosPerMilli;
            std::string s = std::to_string(millis / 1000);
            if (millis % 1000) {
                char frac[8];
                std::snprintf(frac, sizeof frac, ".%03lld", static_cast<long long>(millis % 1000));
                std::string f = frac;
                while (f.back() == '0') f.pop_back();
                s += f;
            }
            out += s + "s";
        }
    }
    return out;
}

std::string formatClock(Nanos ns) {
    const bool negative = ns < 0;
    if (negative) ns = -ns;
    const long long totalMillis = static_cast<long long>((ns + kNanosPerMilli / 2) / kNanosPerMilli);
    const long long millis = totalMillis % 1000;
    const long long totalSeconds = totalMillis / 1000;
    const long long seconds = totalSeconds % 60;
    const long long totalMinutes = totalSeconds / 60;
    char buf[48];
    if (totalMinutes >= 60) {
        std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld.%03lld", negative ? "-" : "", totalMinutes / 60,
                      totalMinutes % 60, seconds, millis);
    } else {
        std::snprintf(buf, sizeof buf, "%s%lld:%02lld.%03lld", negative ? "-" : "", totalMinutes, seconds, millis);
    }
    return buf;
}

std::string formatClockSeconds(Nanos ns) {
    const std::string text = formatClock(ns);
    return text.substr(0, text.size() - 4);
}

}  // namespace kindly
