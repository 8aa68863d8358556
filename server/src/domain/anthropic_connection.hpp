#pragma once
// The portal's connection to Anthropic's Admin API (API.md "Anthropic connection"): the admin
// key (stored sealed in settings under the row id "anthropic.admin_key"), the base URL, and the
// AnthropicAdmin client built from them — rebuilt whenever the key changes.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_admin.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"
#include "domain/vault.hpp"

namespace portal::domain {

inline constexpr std::string_view kAdminKeySetting = "anthropic.admin_key";
inline constexpr std::string_view kBaseUrlSetting = "anthropic.base_url";
inline constexpr std::string_view kOrganizationIdSetting = "anthropic.organization_id";
inline constexpr std::string_view kOrganizationNameSetting = "anthropic.organization_name";

// Builds a client for a base URL and admin key (app/ wires anthropic::AnthropicAdminClient).
using AdminClientFactory =
    std::function<std::shared_ptr<AnthropicAdmin>(const std::string& base_url, const std::string& admin_key)>;

struct AnthropicSettingsView {
  bool configured = false;
  std::string base_url;
  std::string admin_key_hint;  // masked, empty when not configured
  std::optional<OrganizationInfo> organization;
};

class AnthropicConnection {
 public:
  // `allow_link_local`: whether a base URL may point at a link-local or cloud metadata address
  // (configuration key anthropic_allow_link_local; off by default).
  AnthropicConnection(Store& store, const Vault& vault, const Clock& clock, AdminClientFactory factory,
                      std::string default_base_url, bool allow_link_local = false);

  // Builds the client from the stored key (at start). A sealed vault leaves it unbuilt; the
  // error is returned for the log, the portal keeps running.
  Status Load();
  // True when an admin key is stored (even if the vault is sealed).
  Result<bool> Configured();

  // SuperAdmin only.
  Result<AnthropicSettingsView> Get(const Actor& actor);
  // SuperAdmin only: verifies the key with GET /v1/organizations/me, then stores it (sealed),
  // audited as anthropic.settings_update (no secret in the details).
  Result<AnthropicSettingsView> Put(const Actor& actor, const std::string& admin_key,
                                    const std::optional<std::string>& base_url);
  // Verify + store without a role check (setup wizard, demo mode). `actor_id` may be empty.
  Result<AnthropicSettingsView> Configure(const std::string& admin_key, const std::optional<std::string>& base_url,
                                          const std::optional<std::string>& actor_id, const std::string& request_id);
  // Verifies a key (GET /v1/organizations/me) without storing anything.
  Result<OrganizationInfo> Verify(const std::string& admin_key, const std::optional<std::string>& base_url);

  // The current client: kUnavailable `anthropic_not_configured` when no key is stored,
  // `vault_sealed` when the key cannot be opened.
  Result<std::shared_ptr<AnthropicAdmin>> Client();

 private:
  Result<AnthropicSettingsView> View();
  std::string EffectiveBaseUrl(const std::optional<std::string>& stored) const;

  Store& store_;
  const Vault& vault_;
  const Clock& clock_;
  AdminClientFactory factory_;
  std::string default_base_url_;
  bool allow_link_local_ = false;
  std::mutex mutex_;
  std::shared_ptr<AnthropicAdmin> client_;  // guarded by mutex_
};

// The admin-readable form of an upstream failure for the settings check.
Error NotConfiguredError();

// kInvalidArgument unless `url` is an http(s) URL without credentials (user:pass@ would be echoed
// in settings and the audit log) whose host is not link-local (169.254.0.0/16, fe80::/10, in any
// spelling curl accepts) or a cloud metadata name — the latter two only when `allow_link_local`.
Status ValidateAnthropicBaseUrl(const std::string& url, bool allow_link_local);

}  // namespace portal::domain
