#pragma once
// Test support (portal_domain_testing): small fakes of the ports in ports.hpp, vault.hpp and
// core/clock.hpp. Thread-safe as far as the services need (they are read-only or atomic).

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/ports.hpp"
#include "domain/vault.hpp"

namespace portal::domain::testing {

// A vault for tests: Seal gives "sealed:<row id>:<hex of the value>" (never the plaintext), Open
// refuses a value sealed for another row. With `sealed` set, both fail with VaultSealedError.
class FakeVault final : public Vault {
 public:
  bool sealed = false;
  bool Sealed() const override { return sealed; }
  Result<std::string> Seal(std::string_view plaintext, std::string_view row_id) const override;
  Result<std::string> Open(std::string_view sealed_value, std::string_view row_id) const override;
};

// A clock that stands still until a test moves it.
class FixedClock final : public Clock {
 public:
  TimePoint Now() const override { return FromUnixMillis(now_ms); }
  std::int64_t now_ms = 1'742'800'000'000;  // 2025-03-24T07:06:40Z
};

// "Hashes" a password as "hash:" + the password, instantly. `unavailable` makes every call fail
// with kUnavailable (the hashing pool's queue full).
class FakePasswordHasher final : public PasswordHasher {
 public:
  bool unavailable = false;
  Result<std::string> Hash(std::string_view password) override;
  Result<bool> Verify(std::string_view password, std::string_view hash) override;
  bool NeedsRehash(std::string_view hash) const override { return !hash.starts_with("hash:"); }
};

// Access tokens in clear text, "user|session|issued_at|expires_at" (seconds): no signature, so
// Verify accepts what Issue made and kUnauthenticated for anything else or an expired one.
class FakeAccessTokenCodec final : public AccessTokenCodec {
 public:
  std::string Issue(const AccessClaims& claims) const override;
  Result<AccessClaims> Verify(std::string_view token, TimePoint now) const override;
};

// Tokens and passwords that are distinct and predictable: "token-1", "Password-2-xyz…".
class FakeTokenGenerator final : public TokenGenerator {
 public:
  std::string RandomToken(std::size_t bytes) override;
  std::string RandomPassword(std::size_t length) override;
  std::string HashToken(std::string_view token) const override { return "sha256:" + std::string(token); }

 private:
  std::atomic<int> next_{1};
};

}  // namespace portal::domain::testing
