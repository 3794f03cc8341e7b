#pragma once
// A small JSON reader for tests (the schema's structure): objects, arrays, strings, numbers,
// true/false/null. Throws std::runtime_error on malformed text.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kindly::test {

struct Json {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<Json> array;
    std::map<std::string, Json> object;

    const Json* get(const std::string& key) const {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &it->second;
    }

    static Json parse(const std::string& text) {
        std::size_t at = 0;
        Json value = parseValue(text, at);
        skipSpace(text, at);
        if (at != text.size()) throw std::runtime_error("JSON: text after the value at " + std::to_string(at));
        return value;
    }

private:
    static void skipSpace(const std::string& t, std::size_t& at) {
        while (at < t.size() && (t[at] == ' ' || t[at] == '\n' || t[at] == '\r' || t[at] == '\t')) ++at;
    }
    static void expect(const std::string& t, std::size_t& at, char c) {
        skipSpace(t, at);
        if (at >= t.size() || t[at] != c) throw std::runtime_error(std::string("JSON: expected '") + c + "' at " + std::to_string(at));
        ++at;
    }
    static std::string parseString(const std::string& t, std::size_t& at) {
        expect(t, at, '"');
        std::string s;
        while (at < t.size() && t[at] != '"') {
            if (t[at] == '\\') {
                if (++at >= t.size()) break;
                const char e = t[at];
                if (e == 'n') s += '\n';
                else if (e == 't') s += '\t';
                else if (e == 'u') { s += '?'; at += 4; }
                else s += e;  // \" \\ \/
                ++at;
            } else {
                s += t[at++];
            }
        }
        if (at >= t.size()) throw std::runtime_error("JSON: unterminated string");
        ++at;
        return s;
    }
    static Json parseValue(const std::string& t, std::size_t& at) {
        skipSpace(t, at);
        if (at >= t.size()) throw std::runtime_error("JSON: unexpected end");
        Json v;
        const char c = t[at];
        if (c == '{') {
            v.kind = Kind::Object;
            ++at;
            skipSpace(t, at);
            if (t[at] == '}') { ++at; return v; }
            for (;;) {
                std::string key = parseString(t, at);
                expect(t, at, ':');
                v.object[key] = parseValue(t, at);
                skipSpace(t, at);
                if (t[at] == ',') { ++at; continue; }
                expect(t, at, '}');
                return v;
            }
        }
        if (c == '[') {
            v.kind = Kind::Array;
            ++at;
            skipSpace(t, at);
            if (t[at] == ']') { ++at; return v; }
            for (;;) {
                v.array.push_back(parseValue(t, at));
                skipSpace(t, at);
                if (t[at] == ',') { ++at; continue; }
                expect(t, at, ']');
                return v;
            }
        }
        if (c == '"') {
            v.kind = Kind::String;
            v.string = parseString(t, at);
            return v;
        }
        for (const auto& [word, kind, b] : {std::tuple{"true", Kind::Bool, true}, std::tuple{"false", Kind::Bool, false},
                                            std::tuple{"null", Kind::Null, false}}) {
            if (t.compare(at, std::string(word).size(), word) == 0) {
                at += std::string(word).size();
                v.kind = kind;
                v.boolean = b;
                return v;
            }
        }
        std::size_t used = 0;
        v.number = std::stod(t.substr(at, 32), &used);
        if (used == 0) throw std::runtime_error("JSON: unexpected '" + std::string(1, c) + "' at " + std::to_string(at));
        v.kind = Kind::Number;
        at += used;
        return v;
    }
};

}  // namespace kindly::test
