#include "security/password_hasher.hpp"

#include <crypt.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <thread>

#include "security/sodium.hpp"

namespace portal::security {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

bool IsBcrypt(std::string_view hash) {
  return hash.starts_with("$2a$") || hash.starts_with("$2b$") || hash.starts_with("$2y$");
}

bool VerifyBcrypt(std::string_view password, std::string_view hash) {
  // crypt() takes C strings: a password or hash with a NUL in it can never match.
  if (password.find('\0') != std::string_view::npos || hash.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string password_z(password);
  const std::string hash_z(hash);
  // crypt_data is ~32 KiB: keep it off the stack.
  auto data = std::make_unique<crypt_data>();
  const char* computed = crypt_rn(password_z.c_str(), hash_z.c_str(), data.get(), sizeof(crypt_data));
  bool match = false;
  if (computed != nullptr && computed[0] != '*') {
    const std::string_view result(computed);
    match = result.size() == hash.size() && sodium_memcmp(result.data(), hash.data(), hash.size()) == 0;
  }
  sodium_memzero(data.get(), sizeof(crypt_data));
  return match;
}

bool VerifyArgon2id(std::string_view password, std::string_view hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES || hash.find('\0') != std::string_view::npos) {
    return false;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash_z{};
  hash.copy(hash_z.data(), hash.size());
  return crypto_pwhash_argon2id_str_verify(hash_z.data(), password.data(), password.size()) == 0;
}

}  // namespace

SodiumPasswordHasher::SodiumPasswordHasher(Argon2Params params) : params_(params) {
  if (params_.opslimit < kMinOpsLimit || params_.memlimit < kMinMemLimit) {
    throw std::invalid_argument("argon2id parameters below the floor (t >= 2, m >= 19 MiB)");
  }
  EnsureSodium();
}

Result<std::string> SodiumPasswordHasher::Hash(std::string_view password) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params_.opslimit, params_.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(Error::Internal("argon2id hashing failed (out of memory?)"));
  }
  return std::string(out.data());
}

Result<bool> SodiumPasswordHasher::Verify(std::string_view password, std::string_view hash) {
  if (hash.starts_with(kArgon2idPrefix)) {
    return VerifyArgon2id(password, hash);
  }
  if (IsBcrypt(hash)) {
    return VerifyBcrypt(password, hash);
  }
  return false;
}

bool SodiumPasswordHasher::NeedsRehash(std::string_view hash) const {
  if (!hash.starts_with(kArgon2idPrefix) || hash.size() >= crypto_pwhash_STRBYTES ||
      hash.find('\0') != std::string_view::npos) {
    return true;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash_z{};
  hash.copy(hash_z.data(), hash.size());
  // 1 = other parameters, -1 = malformed: both mean "hash it again at the next login".
  return crypto_pwhash_argon2id_str_needs_rehash(hash_z.data(), params_.opslimit, params_.memlimit) != 0;
}

// Holds one of the decorator's slots for the duration of an inner call.
class BoundedPasswordHasher::Slot {
 public:
  explicit Slot(BoundedPasswordHasher& owner) : owner_(owner) {}
  ~Slot() { owner_.Release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  BoundedPasswordHasher& owner_;
};

BoundedPasswordHasher::BoundedPasswordHasher(std::unique_ptr<domain::PasswordHasher> inner, BoundedHasherLimits limits)
    : inner_(std::move(inner)),
      max_concurrent_(limits.max_concurrent != 0 ? limits.max_concurrent
                                                 : std::max(1U, std::thread::hardware_concurrency())),
      max_waiting_(limits.max_waiting) {
  if (inner_ == nullptr) {
    throw std::invalid_argument("BoundedPasswordHasher needs an inner hasher");
  }
}

Status BoundedPasswordHasher::Acquire() {
  std::unique_lock lock(mutex_);
  // Newcomers only take a free slot directly when nobody is queued ahead of them.
  if (running_ < max_concurrent_ && waiting_ == 0) {
    ++running_;
    return {};
  }
  if (waiting_ >= max_waiting_) {
    Error busy = Error::Unavailable("the server is busy, try again shortly")
                     .WithDetail("password hashing queue full (" + std::to_string(running_) + " running, " +
                                 std::to_string(waiting_) + " waiting)");
    busy.retry_after_seconds = 1;
    return Fail(std::move(busy));
  }
  ++waiting_;
  slot_free_.wait(lock, [this] { return running_ < max_concurrent_; });
  --waiting_;
  ++running_;
  return {};
}

void BoundedPasswordHasher::Release() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  slot_free_.notify_one();
}

Result<std::string> BoundedPasswordHasher::Hash(std::string_view password) {
  if (auto acquired = Acquire(); !acquired) {
    return Fail(std::move(acquired.error()));
  }
  Slot slot(*this);
  return inner_->Hash(password);
}

Result<bool> BoundedPasswordHasher::Verify(std::string_view password, std::string_view hash) {
  if (auto acquired = Acquire(); !acquired) {
    return Fail(std::move(acquired.error()));
  }
  Slot slot(*this);
  return inner_->Verify(password, hash);
}

bool BoundedPasswordHasher::NeedsRehash(std::string_view hash) const { return inner_->NeedsRehash(hash); }

std::size_t BoundedPasswordHasher::Running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

std::size_t BoundedPasswordHasher::Waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace portal::security
