#include "domain/anthropic_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>

#include "core/log.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/masking.hpp"

namespace portal::domain {
namespace {

// Link-local (169.254.0.0/16, fe80::/10, IPv4-mapped too) and the names cloud metadata services
// answer to. IPv4 in any form inet_aton (and curl) accepts: 169.254.169.254, 0xa9fea9fe, 2852039166.
bool IsLinkLocalOrMetadata(std::string host) {
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host == "metadata" || host == "metadata.google.internal" || host == "instance-data" ||
      host == "instance-data.ec2.internal" || host == "metadata.azure.com") {
    return true;
  }
  in_addr v4{};
  if (inet_aton(host.c_str(), &v4) != 0) return (ntohl(v4.s_addr) >> 16) == 0xA9FE;
  in6_addr v6{};
  const std::string address = host.substr(0, host.find('%'));  // fe80::1%25eth0: a zone id
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    const auto* b = v6.s6_addr;
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return true;
    const bool mapped =
        std::all_of(b, b + 10, [](unsigned char x) { return x == 0; }) && b[10] == 0xFF && b[11] == 0xFF;
    if (mapped && b[12] == 169 && b[13] == 254) return true;
    static constexpr unsigned char kAwsMetadata[16] = {0xfd, 0, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    return std::equal(b, b + 16, kAwsMetadata);
  }
  return false;
}

}  // namespace

Status ValidateAnthropicBaseUrl(const std::string& url, bool allow_link_local) {
  if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > 200 ||
      url.find_first_of(" \t\r\n?#\\") != std::string::npos) {
    return Fail(Error::InvalidArgument("baseUrl must be an http(s) URL such as https://api.anthropic.com"));
  }
  const std::string rest = url.substr(url.find("://") + 3);
  const std::string authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string::npos) {
    return Fail(Error::InvalidArgument("baseUrl must not contain a user name or password"));
  }
  std::string host = authority;
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    host = close == std::string::npos ? std::string() : host.substr(1, close - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return Fail(Error::InvalidArgument("baseUrl has no host"));
  if (!allow_link_local && IsLinkLocalOrMetadata(host)) {
    return Fail(Error::InvalidArgument(
        "baseUrl points at a link-local or cloud metadata address; set anthropic_allow_link_local = true in the "
        "configuration file if that is really where the Admin API is"));
  }
  return {};
}

Error NotConfiguredError() {
  return std::move(Error::Unavailable("the Anthropic admin key is not configured yet: a SuperAdmin sets it under "
                                      "Settings → Anthropic")
                       .WithApiCode("anthropic_not_configured"));
}

AnthropicConnection::AnthropicConnection(Store& store, const Vault& vault, const Clock& clock,
                                         AdminClientFactory factory, std::string default_base_url,
                                         bool allow_link_local)
    : store_(store),
      vault_(vault),
      clock_(clock),
      factory_(std::move(factory)),
      default_base_url_(std::move(default_base_url)),
      allow_link_local_(allow_link_local) {}

std::string AnthropicConnection::EffectiveBaseUrl(const std::optional<std::string>& stored) const {
  return stored && !stored->empty() ? *stored : default_base_url_;
}

Status AnthropicConnection::Load() {
  std::optional<std::string> sealed, base_url;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto key = tx.Settings().Get(kAdminKeySetting);
    if (!key) return Fail(key.error());
    sealed = *key;
    auto url = tx.Settings().Get(kBaseUrlSetting);
    if (!url) return Fail(url.error());
    base_url = *url;
    return {};
  });
  if (!read) return read;
  std::lock_guard lock(mutex_);
  client_.reset();
  if (!sealed) return {};
  auto key = vault_.Open(*sealed, kAdminKeySetting);
  if (!key) return Fail(key.error());
  client_ = factory_(EffectiveBaseUrl(base_url), *key);
  return {};
}

Result<bool> AnthropicConnection::Configured() {
  bool configured = false;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto key = tx.Settings().Get(kAdminKeySetting);
    if (!key) return Fail(key.error());
    configured = key->has_value();
    return {};
  });
  if (!read) return Fail(read.error());
  return configured;
}

Result<AnthropicSettingsView> AnthropicConnection::View() {
  AnthropicSettingsView view;
  std::optional<std::string> sealed, base_url, org_id, org_name;
  auto read = store_.Read([&](Tx& tx) -> Status {
    for (auto [name, out] :
         {std::pair{kAdminKeySetting, &sealed}, std::pair{kBaseUrlSetting, &base_url},
          std::pair{kOrganizationIdSetting, &org_id}, std::pair{kOrganizationNameSetting, &org_name}}) {
      auto value = tx.Settings().Get(name);
      if (!value) return Fail(value.error());
      *out = std::move(*value);
    }
    return {};
  });
  if (!read) return Fail(read.error());
  view.configured = sealed.has_value();
  view.base_url = EffectiveBaseUrl(base_url);
  if (sealed) {
    auto key = vault_.Open(*sealed, kAdminKeySetting);
    if (!key) return Fail(vault_.Sealed() ? VaultSealedError() : key.error());
    view.admin_key_hint = MaskSecret(*key);
  }
  if (org_id) view.organization = OrganizationInfo{*org_id, org_name.value_or("")};
  return view;
}

Result<AnthropicSettingsView> AnthropicConnection::Get(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin}); !s) return Fail(s.error());
  return View();
}

Result<OrganizationInfo> AnthropicConnection::Verify(const std::string& admin_key,
                                                     const std::optional<std::string>& base_url) {
  if (admin_key.size() < 20 || admin_key.size() > 300 || admin_key.find_first_of(" \t\r\n") != std::string::npos) {
    return Fail(Error::InvalidArgument("adminKey does not look like an Anthropic admin key (sk-ant-admin…)"));
  }
  std::optional<std::string> stored;
  if (!base_url) {
    auto read = store_.Read([&](Tx& tx) -> Status {
      auto url = tx.Settings().Get(kBaseUrlSetting);
      if (!url) return Fail(url.error());
      stored = *url;
      return {};
    });
    if (!read) return Fail(read.error());
  } else if (auto s = ValidateAnthropicBaseUrl(*base_url, allow_link_local_); !s) {
    return Fail(s.error());
  }
  auto client = factory_(base_url ? *base_url : EffectiveBaseUrl(stored), admin_key);
  auto org = client->GetOrganization();
  if (!org) {
    Error error = org.error();
    if (error.api_code == "anthropic_auth_failed") {
      error = std::move(Error::InvalidArgument("Anthropic rejected this admin key (401): check that it is an active "
                                               "admin key (sk-ant-admin…) of your organization")
                            .WithApiCode("admin_key_rejected")
                            .WithDetail(org.error().detail));
    }
    return Fail(std::move(error));
  }
  return org;
}

Result<AnthropicSettingsView> AnthropicConnection::Configure(const std::string& admin_key,
                                                             const std::optional<std::string>& base_url,
                                                             const std::optional<std::string>& actor_id,
                                                             const std::string& request_id) {
  if (vault_.Sealed()) return Fail(VaultSealedError());
  auto org = Verify(admin_key, base_url);
  if (!org) return Fail(org.error());
  auto sealed = vault_.Seal(admin_key, kAdminKeySetting);
  if (!sealed) return Fail(sealed.error());
  const auto now = ToUnixMillis(clock_.Now());
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.Settings().Put(kAdminKeySetting, *sealed, now); !s) return s;
    if (base_url) {
      if (auto s = tx.Settings().Put(kBaseUrlSetting, *base_url, now); !s) return s;
    }
    if (auto s = tx.Settings().Put(kOrganizationIdSetting, org->id, now); !s) return s;
    if (auto s = tx.Settings().Put(kOrganizationNameSetting, org->name, now); !s) return s;
    AuditDetails details;
    details.Add("adminKeyHint", MaskSecret(admin_key)).Add("anthropicOrganizationId", org->id);
    if (base_url) details.Add("baseUrl", *base_url);
    return tx.Audit().Append(MakeAuditEvent(actor_id, "anthropic.settings_update", "settings", "anthropic",
                                            std::nullopt, request_id, now, details.Json()));
  });
  if (!wrote) return Fail(wrote.error());
  if (auto loaded = Load(); !loaded) return Fail(loaded.error());
  log::Info("anthropic_configured", {{"organization", org->id}});
  return View();
}

Result<AnthropicSettingsView> AnthropicConnection::Put(const Actor& actor, const std::string& admin_key,
                                                       const std::optional<std::string>& base_url) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin}); !s) return Fail(s.error());
  return Configure(admin_key, base_url, actor.user_id, actor.request_id);
}

Result<std::shared_ptr<AnthropicAdmin>> AnthropicConnection::Client() {
  {
    std::lock_guard lock(mutex_);
    if (client_) return client_;
  }
  auto configured = Configured();
  if (!configured) return Fail(configured.error());
  if (!*configured) return Fail(NotConfiguredError());
  if (vault_.Sealed()) return Fail(VaultSealedError());
  if (auto loaded = Load(); !loaded) return Fail(loaded.error());
  std::lock_guard lock(mutex_);
  if (!client_) return Fail(NotConfiguredError());
  return client_;
}

}  // namespace portal::domain
