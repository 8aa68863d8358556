#pragma once
// Base64url (RFC 4648 §5, no padding) and the libsodium-backed domain::TokenGenerator.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/ports.hpp"

namespace portal::security {

// Unpadded base64url of arbitrary bytes.
std::string Base64UrlEncode(std::string_view bytes);
// Strict decode of unpadded base64url: rejects '=', characters outside [A-Za-z0-9_-], an
// impossible length and non-zero trailing bits (so each byte string has exactly one encoding —
// a changed signature character can never decode to the same bytes). kInvalidArgument on failure.
Result<std::string> Base64UrlDecode(std::string_view text);

// Randomness from libsodium's CSPRNG. Stateless; safe to share between threads.
class SodiumTokenGenerator final : public domain::TokenGenerator {
 public:
  // Characters RandomPassword draws from: no 0/O/1/l/I, so a password read aloud or from a
  // screenshot cannot be mistyped.
  static constexpr std::string_view kPasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  static constexpr std::size_t kDefaultPasswordLength = 16;

  SodiumTokenGenerator();

  // `bytes` random bytes as unpadded base64url.
  std::string RandomToken(std::size_t bytes) override;
  // `length` characters drawn uniformly (no modulo bias) from kPasswordAlphabet.
  std::string RandomPassword(std::size_t length) override;
  // SHA-256 of the token, 64 lower-case hex characters.
  std::string HashToken(std::string_view token) const override;
};

}  // namespace portal::security
