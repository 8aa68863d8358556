#pragma once
// Authenticated encryption of secrets at rest (the admin key, API key values).
//
// Sealed form, as unpadded base64url text:
//   version (1 byte, = 1) | key id (1 byte) | nonce (24 bytes) | XChaCha20-Poly1305-IETF ciphertext+tag
// The associated data is a caller-given string — the id of the row the value belongs to — so a
// sealed value copied to another row does not open. The key id lets a rotated master key keep
// opening values sealed under its predecessors.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace portal::security {

inline constexpr std::size_t kMasterKeyBytes = 32;

struct SecretKey {
  std::uint8_t id = 1;
  std::string bytes;  // kMasterKeyBytes raw bytes
};

// Immutable after construction; safe to share between threads. Never logs or returns key bytes.
class SecretBox {
 public:
  static constexpr std::uint8_t kFormatVersion = 1;

  // Seals with `current`; opens values sealed under `current` or any of `previous` (by key id).
  // Throws std::invalid_argument for a key that is not kMasterKeyBytes long or duplicate ids.
  explicit SecretBox(SecretKey current, std::vector<SecretKey> previous = {});
  ~SecretBox();
  SecretBox(const SecretBox&) = default;
  SecretBox& operator=(const SecretBox&) = default;

  // A fresh random nonce each call, so sealing the same value twice gives different text.
  std::string Seal(std::string_view plaintext, std::string_view associated) const;
  // The plaintext, or Error{kInternal, "secret cannot be decrypted"} for malformed text, an
  // unknown version or key id, another associated string, another key, or any tampering.
  // The reason goes to Error::detail (never any secret material).
  Result<std::string> Open(std::string_view sealed, std::string_view associated) const;

  std::uint8_t current_key_id() const { return keys_.front().id; }

 private:
  std::vector<SecretKey> keys_;  // front() seals
};

// A 32-byte master key given as unpadded base64url (e.g. from configuration).
// kInvalidArgument when it is not valid base64url or not 32 bytes.
Result<std::string> DecodeMasterKey(std::string_view base64url);

// Reads the master key file at `path` (unpadded base64url of 32 bytes, trailing whitespace allowed).
// When the file does not exist, creates it with a new random key and mode 0600 (O_CREAT|O_EXCL, so
// two processes starting at once end up with the same key). Refuses, with an error naming the
// path and the fix, a file that group or others may read or write, a non-regular file, and a
// file that does not hold exactly 32 bytes. Errors are kInternal with a message meant for the
// operator at start-up.
Result<std::string> LoadOrCreateMasterKey(const std::filesystem::path& path);

}  // namespace portal::security
