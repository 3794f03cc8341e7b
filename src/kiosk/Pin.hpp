#pragma once
// The kiosk's exit PIN, stored only as a salted, slow hash (PBKDF2-HMAC-SHA256 from OpenSSL's
// libcrypto): "pbkdf2-sha256$ITERATIONS$SALT-HEX$HASH-HEX".

#include <string>
#include <string_view>

namespace kindly {

inline constexpr int kPinIterations = 200000;

std::string hashPin(std::string_view pin, int iterations = kPinIterations);
/// True when `pin` matches `hash` (compared in constant time); false for a malformed hash.
bool verifyPin(std::string_view pin, std::string_view hash);
/// True when `hash` has the form above.
bool wellFormedPinHash(std::string_view hash);

}  // namespace kindly
