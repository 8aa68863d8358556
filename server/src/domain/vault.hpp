#pragma once
// Secrets at rest (PRODUCT.md §5): the admin key and API key values are stored only sealed, each
// bound to the id of the row it belongs to (a sealed value copied to another row does not open).
// Implemented by security::SecretBoxVault over the master key file; faked in tests.
//
// A vault is "sealed" when the master key could not be loaded or is not the key the stored
// secrets were sealed with. The portal then still runs, but every Seal/Open fails with
// VaultSealedError (HTTP 503 `vault_sealed`) and nothing is overwritten.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace portal::domain {

class Vault {
 public:
  virtual ~Vault() = default;
  virtual bool Sealed() const = 0;
  // Thread-safe. Never logs or returns key material; errors never contain the plaintext.
  virtual Result<std::string> Seal(std::string_view plaintext, std::string_view row_id) const = 0;
  virtual Result<std::string> Open(std::string_view sealed, std::string_view row_id) const = 0;
};

inline Error VaultSealedError() {
  return std::move(Error::Unavailable("the secret vault is sealed: the master key is missing or wrong; "
                                      "restore the master key file (see docs/security.md) and restart")
                       .WithApiCode("vault_sealed"));
}

}  // namespace portal::domain
