#include "kiosk/Pin.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace kindly {
namespace {

std::string hex(const std::vector<unsigned char>& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

bool unhex(std::string_view text, std::vector<unsigned char>& out) {
    if (text.empty() || text.size() % 2 != 0) return false;
    out.clear();
    for (std::size_t i = 0; i < text.size(); i += 2) {
        int v = 0;
        for (int k = 0; k < 2; ++k) {
            const char c = text[i + static_cast<std::size_t>(k)];
            const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) return false;
            v = v * 16 + d;
        }
        out.push_back(static_cast<unsigned char>(v));
    }
    return true;
}

std::vector<unsigned char> derive(std::string_view pin, const std::vector<unsigned char>& salt, int iterations) {
    std::vector<unsigned char> key(32);
    if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()), iterations,
                          EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return key;
}

struct Parsed {
    int iterations = 0;
    std::vector<unsigned char> salt, hash;
};

bool parse(std::string_view text, Parsed& p) {
    const std::string_view prefix = "pbkdf2-sha256$";
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    const auto a = text.find('$');
    if (a == std::string_view::npos) return false;
    const auto b = text.find('$', a + 1);
    if (b == std::string_view::npos) return false;
    const std::string_view iterations = text.substr(0, a);
    if (iterations.empty() || iterations.size() > 8) return false;
    p.iterations = 0;
    for (char c : iterations) {
        if (c < '0' || c > '9') return false;
        p.iterations = p.iterations * 10 + (c - '0');
    }
    return p.iterations >= 1000 && unhex(text.substr(a + 1, b - a - 1), p.salt) && unhex(text.substr(b + 1), p.hash) &&
           p.salt.size() >= 8 && p.hash.size() == 32;
}

}  // namespace

std::string hashPin(std::string_view pin, int iterations) {
    std::vector<unsigned char> salt(16);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no random bytes for the salt");
    return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + hex(salt) + "$" + hex(derive(pin, salt, iterations));
}

bool verifyPin(std::string_view pin, std::string_view hash) {
    Parsed p;
    if (!parse(hash, p)) return false;
    const auto key = derive(pin, p.salt, p.iterations);
    return CRYPTO_memcmp(key.data(), p.hash.data(), key.size()) == 0;
}

bool wellFormedPinHash(std::string_view hash) {
    Parsed p;
    return parse(hash, p);
}

}  // namespace kindly
