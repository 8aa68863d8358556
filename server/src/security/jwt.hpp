#pragma once
// HS256 JSON Web Tokens (RFC 7519) for short-lived access tokens.
//
// Issue() writes the header {"alg":"HS256","typ":"JWT"} and the claims {iss,aud,sub,sid,iat,exp}.
// Verify() pins the algorithm (the header's "alg" must be exactly "HS256": "none", HS512, RS256 or a
// missing alg are rejected), checks the signature in constant time before reading the claims, then
// requires exp > now, iat <= now + 60 s, iss and aud equal to this codec's, and non-empty string
// sub and sid. Every failure is Error::Unauthenticated("invalid or expired access token"); the
// reason is only in Error::detail and never contains the token.
//
// Immutable after construction; safe to share between threads.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/ports.hpp"

namespace portal::security {

// True when `compact_jws` has exactly three dot-separated parts and its third part is the
// canonical base64url HMAC-SHA-256 of "<part1>.<part2>" under `key` (compared in constant time).
// Looks at neither the header nor the claims: use Hs256JwtCodec::Verify for access tokens.
bool VerifyHs256Signature(std::string_view compact_jws, std::string_view key);

class Hs256JwtCodec final : public domain::AccessTokenCodec {
 public:
  // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
  static constexpr std::size_t kMinSecretBytes = 32;
  // How far iat may lie in the future (clock skew between replicas).
  static constexpr std::int64_t kMaxIssuedAtSkewSeconds = 60;

  // Throws std::invalid_argument when the secret is shorter than kMinSecretBytes or the issuer
  // or audience is empty (a configuration error found at start-up).
  Hs256JwtCodec(std::string secret, std::string issuer, std::string audience);

  std::string Issue(const domain::AccessClaims& claims) const override;
  Result<domain::AccessClaims> Verify(std::string_view token, TimePoint now) const override;

 private:
  std::string secret_;
  std::string issuer_;
  std::string audience_;
};

}  // namespace portal::security
