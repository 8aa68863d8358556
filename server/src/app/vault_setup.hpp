#pragma once
// Opening the secret vault from the master key file(s), and `portal vault rotate`
// (docs/security.md "Master key").
//
// Files: <master_key_file> holds the current key; during a rotation <master_key_file>.next holds
// the new key and <master_key_file>.previous the old one. At start every file present is loaded,
// so a rotation interrupted at any point still opens every secret.

#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/repositories.hpp"
#include "domain/vault.hpp"

namespace portal::app {

// The settings row whose sealed value proves that the master key is the right one.
inline constexpr std::string_view kVaultCheckSetting = "vault.check";

// Never fails: with a missing, unreadable or wrong master key the vault comes back sealed (the
// reason is logged). The first open of a database records the check value.
std::unique_ptr<domain::Vault> OpenVault(const Config& config, domain::Store& store, const Clock& clock);

// Read-only: whether the master key file (with any .next/.previous key) opens the secrets stored
// in `store`. kInvalidArgument naming the file and the fix when it is missing or wrong; fine
// when the database holds no secret yet. Creates nothing (backup and restore use it).
Status CheckMasterKey(const Config& config, domain::Store& store);

struct VaultRotation {
  int settings_resealed = 0;
  int api_keys_resealed = 0;
};

// Re-seals every secret (the admin key setting, the check value and every API key secret) under
// a new master key in one transaction, then installs the new key file. Refuses when the current
// key does not open the check value.
Result<VaultRotation> RotateVault(const Config& config, domain::Store& store, const Clock& clock);

}  // namespace portal::app
