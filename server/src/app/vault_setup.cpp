#include "app/vault_setup.hpp"

#include <filesystem>
#include <optional>
#include <vector>

#include "core/log.hpp"
#include "domain/anthropic_connection.hpp"
#include "security/secret_box.hpp"
#include "security/secret_box_vault.hpp"

namespace portal::app {
namespace {

constexpr std::string_view kCheckPlaintext = "appgenius-portal-vault-check";

std::string NextFile(const Config& config) { return config.master_key_file + ".next"; }
std::string PreviousFile(const Config& config) { return config.master_key_file + ".previous"; }

// Extra keys from an interrupted rotation (either may be the one the secrets are under).
std::vector<std::string> ExtraKeys(const Config& config) {
  std::vector<std::string> keys;
  for (const auto& path : {NextFile(config), PreviousFile(config)}) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    auto bytes = security::LoadOrCreateMasterKey(path);
    if (!bytes) {
      log::Warn("vault_extra_key_unreadable", {{"path", path}, {"error", bytes.error().message}});
      continue;
    }
    keys.push_back(std::move(*bytes));
  }
  return keys;
}

Result<std::optional<std::string>> GetSetting(domain::Store& store, std::string_view name) {
  std::optional<std::string> value;
  auto read = store.Read([&](domain::Tx& tx) -> Status {
    auto got = tx.Settings().Get(name);
    if (!got) return Fail(got.error());
    value = std::move(*got);
    return {};
  });
  if (!read) return Fail(read.error());
  return value;
}

}  // namespace

std::unique_ptr<domain::Vault> OpenVault(const Config& config, domain::Store& store, const Clock& clock) {
  auto sealed = [&](const std::string& reason, const std::string& detail) -> std::unique_ptr<domain::Vault> {
    log::Error("vault_sealed", {{"reason", reason}, {"detail", detail}, {"master_key_file", config.master_key_file}});
    return security::SecretBoxVault::SealedVault();
  };
  auto bytes = security::LoadOrCreateMasterKey(config.master_key_file);
  if (!bytes) return sealed("master key unreadable", bytes.error().message + " " + bytes.error().detail);
  std::vector<std::string> keys{*bytes};
  for (auto& extra : ExtraKeys(config)) keys.push_back(std::move(extra));
  security::KeyRing box(keys);

  auto check = GetSetting(store, kVaultCheckSetting);
  if (!check) return sealed("database unavailable", check.error().detail);
  if (*check) {
    if (auto opened = box.Open(**check, kVaultCheckSetting); !opened || *opened != kCheckPlaintext) {
      return sealed("wrong master key: it does not open the secrets stored in this database", "");
    }
  } else {
    // First start on this database — unless secrets exist already (then this key cannot be proven).
    auto admin = GetSetting(store, domain::kAdminKeySetting);
    if (!admin) return sealed("database unavailable", admin.error().detail);
    if (*admin && !box.Open(**admin, domain::kAdminKeySetting)) {
      return sealed("wrong master key: it does not open the stored Anthropic admin key", "");
    }
    const auto now = ToUnixMillis(clock.Now());
    auto sealed_check = box.Seal(kCheckPlaintext, kVaultCheckSetting);
    auto wrote = store.Write([&](domain::Tx& tx) -> Status {
      auto inserted = tx.Settings().InsertIfAbsent(kVaultCheckSetting, sealed_check, now);
      if (!inserted) return Fail(inserted.error());
      return {};
    });
    if (!wrote) return sealed("database unavailable", wrote.error().detail);
    // Another instance may have won the insert with another key: check again.
    auto again = GetSetting(store, kVaultCheckSetting);
    if (!again || !*again || !box.Open(**again, kVaultCheckSetting)) {
      return sealed("wrong master key: another instance uses a different one", "");
    }
  }
  return std::make_unique<security::SecretBoxVault>(std::move(box));
}

Status CheckMasterKey(const Config& config, domain::Store& store) {
  std::error_code ec;
  if (!std::filesystem::exists(config.master_key_file, ec)) {
    return Fail(Error::InvalidArgument("master key file " + config.master_key_file +
                                       " not found: put the master key of the installation this database "
                                       "belongs to there (mode 0600)"));
  }
  auto bytes = security::LoadOrCreateMasterKey(config.master_key_file);
  if (!bytes) return Fail(Error::InvalidArgument(bytes.error().message));
  std::vector<std::string> keys{*bytes};
  for (auto& extra : ExtraKeys(config)) keys.push_back(std::move(extra));
  security::KeyRing box(keys);
  for (std::string_view name : {kVaultCheckSetting, domain::kAdminKeySetting}) {
    auto value = GetSetting(store, name);
    if (!value) return Fail(value.error());
    if (!*value) continue;
    if (!box.Open(**value, name)) {
      return Fail(Error::InvalidArgument("the master key in " + config.master_key_file +
                                         " does not open this database's secrets: it belongs to another "
                                         "installation"));
    }
    return {};
  }
  return {};
}

Result<VaultRotation> RotateVault(const Config& config, domain::Store& store, const Clock& clock) {
  auto old_bytes = security::LoadOrCreateMasterKey(config.master_key_file);
  if (!old_bytes) return Fail(old_bytes.error());
  std::vector<std::string> old_keys{*old_bytes};
  for (auto& extra : ExtraKeys(config)) old_keys.push_back(std::move(extra));
  security::KeyRing old_box(old_keys);
  auto check = GetSetting(store, kVaultCheckSetting);
  if (!check) return Fail(check.error());
  if (*check && !old_box.Open(**check, kVaultCheckSetting)) {
    return Fail(
        Error::InvalidArgument("the current master key does not open this database's secrets; nothing changed"));
  }

  std::vector<std::uint8_t> avoid{1};  // 1 is also the legacy id (see security::KeyRing)
  for (const auto& k : old_keys) avoid.push_back(security::MasterKeyId(k));
  const std::string new_key = security::NewMasterKey(avoid);
  // Keep the old key next to the new one for the duration: a crash at any point stays openable.
  if (auto s = security::WriteMasterKeyFile(PreviousFile(config), *old_bytes); !s) return Fail(s.error());
  if (auto s = security::WriteMasterKeyFile(NextFile(config), new_key); !s) return Fail(s.error());
  std::vector<std::string> all_keys{new_key};
  for (const auto& k : old_keys) all_keys.push_back(k);
  security::KeyRing new_box(all_keys);

  VaultRotation done;
  const auto now = ToUnixMillis(clock.Now());
  auto wrote = store.Write([&](domain::Tx& tx) -> Status {
    for (std::string_view name : {kVaultCheckSetting, domain::kAdminKeySetting}) {
      auto value = tx.Settings().Get(name);
      if (!value) return Fail(value.error());
      std::string plaintext;
      if (*value) {
        auto opened = new_box.Open(**value, name);
        if (!opened) return Fail(Error::Internal("setting " + std::string(name) + " does not open"));
        plaintext = std::move(*opened);
      } else if (name == kVaultCheckSetting) {
        plaintext = std::string(kCheckPlaintext);
      } else {
        continue;
      }
      if (auto s = tx.Settings().Put(name, new_box.Seal(plaintext, name), now); !s) return s;
      ++done.settings_resealed;
    }
    auto keys = tx.ApiKeys().ListWithSecrets();
    if (!keys) return Fail(keys.error());
    for (const auto& key : *keys) {
      auto opened = new_box.Open(*key.secret_sealed, key.id);
      if (!opened) return Fail(Error::Internal("the secret of " + key.id + " does not open"));
      if (auto s = tx.ApiKeys().SetSecret(key.id, new_box.Seal(*opened, key.id), key.secret_registered_at); !s) {
        return s;
      }
      ++done.api_keys_resealed;
    }
    return {};
  });
  if (!wrote) {
    std::error_code ec;
    std::filesystem::remove(NextFile(config), ec);
    std::filesystem::remove(PreviousFile(config), ec);
    return Fail(wrote.error());
  }
  std::error_code ec;
  std::filesystem::rename(NextFile(config), config.master_key_file, ec);
  if (ec) return Fail(Error::Internal("re-sealed, but cannot install " + NextFile(config) + ": " + ec.message()));
  std::filesystem::remove(PreviousFile(config), ec);
  log::Info("vault_rotated", {{"settings", done.settings_resealed}, {"apiKeys", done.api_keys_resealed}});
  return done;
}

}  // namespace portal::app
