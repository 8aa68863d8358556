#pragma once
// How a user's API key is shown next to the user (/me, the user list, the dashboard):
// {id, name, hint, status}; never the secret. Status is Anthropic's ("active", "inactive",
// "archived", "expired"), or "vanished" when the last sync no longer found the key.

#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct ApiKeyBrief {
  std::string id;
  std::string name;
  std::string hint;
  std::string status;
};

ApiKeyBrief BriefOf(const ApiKeyRecord& key);
// A key id the portal does not know (any more): shown as "vanished".
ApiKeyBrief UnknownKeyBrief(const std::string& id);
// The brief of the key a user holds, as read with the user (`key`: the joined row, nullopt when the
// portal does not know the key): nullopt when the user holds none, else as LoadApiKeyBrief.
std::optional<ApiKeyBrief> HeldKeyBrief(const std::optional<std::string>& api_key_id,
                                        const std::optional<ApiKeyRecord>& key);
// nullopt for nullopt; a key id the portal does not know shows as "vanished".
Result<std::optional<ApiKeyBrief>> LoadApiKeyBrief(Tx& tx, const std::optional<std::string>& api_key_id);
// True when the key can serve its holder: known, not vanished, and active upstream.
bool IsUsable(const ApiKeyBrief& key);

// The portal organization an API key belongs to: the organization of its workspace (nullopt for
// the Default Workspace or an unlinked workspace).
Result<std::optional<std::string>> KeyOrganization(Tx& tx, const ApiKeyRecord& key);

}  // namespace portal::domain
