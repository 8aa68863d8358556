#pragma once
// domain::Vault over SecretBox and the master key file(s) (docs/security.md).
//
// Key ids: a master key file holds only 32 bytes, so the SecretBox key id of a key is derived
// from the key itself (MasterKeyId). `portal vault rotate` picks a new key whose id differs from
// the old one, which lets a box hold both while secrets are re-sealed.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/vault.hpp"
#include "security/secret_box.hpp"

namespace portal::security {

// 1..255, derived from the key bytes (BLAKE2b).
std::uint8_t MasterKeyId(std::string_view key_bytes);
SecretKey MakeSecretKey(std::string key_bytes);
// A new random 32-byte key whose id differs from every id in `avoid`.
std::string NewMasterKey(const std::vector<std::uint8_t>& avoid = {});
// Unpadded base64url text of a master key, as the key file holds it.
std::string EncodeMasterKey(std::string_view key_bytes);
// Writes a key file atomically with mode 0600 (temp file + rename).
Status WriteMasterKeyFile(const std::string& path, std::string_view key_bytes);

// The master keys in use: seals with the first; opens values sealed under any of them — by the
// derived key id, or by key id 1 (how values sealed before derived ids, e.g. by imports and
// fixtures using SecretKey{1, key}, are marked). Keys with an id already taken are skipped.
class KeyRing {
 public:
  explicit KeyRing(const std::vector<std::string>& keys);  // current first; at least one
  std::string Seal(std::string_view plaintext, std::string_view associated) const;
  Result<std::string> Open(std::string_view sealed, std::string_view associated) const;
  std::uint8_t current_id() const { return box_.current_key_id(); }

 private:
  static SecretBox MakeBox(const std::vector<std::string>& keys);
  SecretBox box_;
  std::vector<SecretBox> legacy_;  // SecretKey{1, key} of each key whose derived id is not 1
};

class SecretBoxVault final : public domain::Vault {
 public:
  // A working vault.
  explicit SecretBoxVault(KeyRing ring) : box_(std::make_shared<KeyRing>(std::move(ring))) {}
  // A sealed vault (`reason` is logged by the caller, never returned to clients).
  static std::unique_ptr<SecretBoxVault> SealedVault();

  bool Sealed() const override { return box_ == nullptr; }
  Result<std::string> Seal(std::string_view plaintext, std::string_view row_id) const override;
  Result<std::string> Open(std::string_view sealed, std::string_view row_id) const override;

 private:
  SecretBoxVault() = default;
  std::shared_ptr<const KeyRing> box_;
};

}  // namespace portal::security
