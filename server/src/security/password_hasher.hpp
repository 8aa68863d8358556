#pragma once
// Password hashing: argon2id for everything new, bcrypt ($2a$/$2b$/$2y$) accepted for hashes
// imported from the old portal, and a decorator that bounds how many hash operations run at once.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/ports.hpp"

namespace portal::security {

// The weakest argon2id parameters this library accepts (OWASP: m=19 MiB, t=2, p=1).
inline constexpr unsigned long long kMinOpsLimit = 2;
inline constexpr std::size_t kMinMemLimit = 19U * 1024 * 1024;

// The default is OWASP's first equivalent set, m = 19 MiB, t = 2, p = 1 (docs/security.md: the
// sets cost the same CPU; this one needs the least memory that the floor allows).
struct Argon2Params {
  unsigned long long opslimit = 2;           // argon2 t (passes)
  std::size_t memlimit = 19U * 1024 * 1024;  // bytes; PHC m= is this / 1024
};

// argon2id via libsodium. Stateless apart from its parameters; safe to share between threads.
// Never returns kUnavailable itself (wrap it in BoundedPasswordHasher for that).
class SodiumPasswordHasher final : public domain::PasswordHasher {
 public:
  // Throws std::invalid_argument when params are below kMinOpsLimit / kMinMemLimit.
  explicit SodiumPasswordHasher(Argon2Params params = {});

  // "$argon2id$v=19$m=…,t=…,p=1$salt$hash". kInternal if libsodium cannot allocate the memory.
  Result<std::string> Hash(std::string_view password) override;
  // argon2id ("$argon2id$…") and bcrypt ("$2a$", "$2b$", "$2y$"); false on mismatch, on a
  // malformed hash and on any other format. Never an error.
  Result<bool> Verify(std::string_view password, std::string_view hash) override;
  // True for bcrypt, for any hash this class does not produce, and for argon2id hashes whose
  // parameters differ from the current ones (libsodium's crypto_pwhash_str_needs_rehash: a hash
  // made with other parameters — weaker, or stronger after the operator lowered them — is redone).
  bool NeedsRehash(std::string_view hash) const override;

  const Argon2Params& params() const { return params_; }

 private:
  Argon2Params params_;
};

struct BoundedHasherLimits {
  // Hash/Verify calls running at once; 0 = std::thread::hardware_concurrency() (at least 1).
  std::size_t max_concurrent = 0;
  // Callers allowed to wait for a slot; any caller beyond them gets kUnavailable at once.
  std::size_t max_waiting = 32;
};

// Decorator that keeps argon2 (64 MiB per call) from exhausting memory or CPU under a login flood:
// at most max_concurrent Hash/Verify calls reach `inner` at once, at most max_waiting more wait
// and every further caller gets
// Error kUnavailable ("the server is busy, try again shortly", retry_after_seconds = 1)
// immediately instead of stalling. NeedsRehash is cheap and passes straight through.
// Thread-safe; owns `inner`, which must itself be thread-safe.
class BoundedPasswordHasher final : public domain::PasswordHasher {
 public:
  // Throws std::invalid_argument when inner is null.
  explicit BoundedPasswordHasher(std::unique_ptr<domain::PasswordHasher> inner, BoundedHasherLimits limits = {});

  Result<std::string> Hash(std::string_view password) override;
  Result<bool> Verify(std::string_view password, std::string_view hash) override;
  bool NeedsRehash(std::string_view hash) const override;

  // Current load, for metrics and tests.
  std::size_t Running() const;
  std::size_t Waiting() const;
  std::size_t max_concurrent() const { return max_concurrent_; }
  std::size_t max_waiting() const { return max_waiting_; }

 private:
  class Slot;
  Status Acquire();
  void Release();

  std::unique_ptr<domain::PasswordHasher> inner_;
  std::size_t max_concurrent_;
  std::size_t max_waiting_;
  mutable std::mutex mutex_;
  std::condition_variable slot_free_;
  std::size_t running_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace portal::security
