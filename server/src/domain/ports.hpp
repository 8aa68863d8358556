#pragma once
// Interfaces the domain needs from security/ (implemented there; faked in tests).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace portal::domain {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // argon2id hash in PHC string form. kUnavailable (→ 503) when the hashing pool's queue is full.
  virtual Result<std::string> Hash(std::string_view password) = 0;
  // Verifies argon2id and imported bcrypt ($2a$/$2b$/$2y$) hashes; false on mismatch or an
  // unknown hash format. kUnavailable when the pool's queue is full.
  virtual Result<bool> Verify(std::string_view password, std::string_view hash) = 0;
  // True for bcrypt hashes and argon2id hashes weaker than the current parameters.
  virtual bool NeedsRehash(std::string_view hash) const = 0;
};

struct AccessClaims {
  std::string user_id;          // sub
  std::string session_id;       // sid
  std::int64_t issued_at = 0;   // iat, seconds
  std::int64_t expires_at = 0;  // exp, seconds
};

class AccessTokenCodec {
 public:
  virtual ~AccessTokenCodec() = default;
  virtual std::string Issue(const AccessClaims& claims) const = 0;
  // kUnauthenticated for a malformed token, another alg (incl. "none"), a bad signature, a wrong
  // iss/aud, or exp <= now.
  virtual Result<AccessClaims> Verify(std::string_view token, TimePoint now) const = 0;
};

class TokenGenerator {
 public:
  virtual ~TokenGenerator() = default;
  // `bytes` random bytes as unpadded base64url.
  virtual std::string RandomToken(std::size_t bytes) = 0;
  // A password of `length` characters from an unambiguous alphabet.
  virtual std::string RandomPassword(std::size_t length) = 0;
  // SHA-256 of a token, lower-case hex (how refresh tokens are stored).
  virtual std::string HashToken(std::string_view token) const = 0;
};

}  // namespace portal::domain
