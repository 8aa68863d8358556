#pragma once
// API keys (R-K2..R-K5): listed from the synced table, secrets registered by pasting the value
// (matched by Anthropic's partial_key_hint, checked with GET /v1/models, stored sealed under the
// key id), renamed and (de)activated through the Admin API. Full values leave the vault only
// through RevealOwnKey (the holder, audited). Nothing here logs, audits or returns a full value.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/key_brief.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"
#include "domain/sync_service.hpp"
#include "domain/vault.hpp"

namespace portal::domain {

struct ApiKeyPatch {
  std::optional<std::string> name;
  std::optional<std::string> status;  // "active" | "inactive"
};

// The caller's own key as it is at the moment of the reveal, with its value: a page shows exactly
// this (never a label it fetched earlier next to a value fetched now).
struct RevealedSecret {
  ApiKeyBrief key;  // id, name, hint, status
  std::string value;
};

// R-K5: "apikey_01AASJmfbvGc4fE4YPbpf3Kt: sk-ant-api03-rag...nwAA (saitou)".
std::string KeyPickerLabel(const ApiKeyRecord& key);
// kInvalidArgument unless the value looks like an Anthropic API key (sk-ant-api03-…).
Status ValidateApiKeyValue(std::string_view value);

class ApiKeyService {
 public:
  ApiKeyService(Store& store, AnthropicConnection& connection, SyncService& sync, const Vault& vault,
                const Clock& clock)
      : store_(store), connection_(connection), sync_(sync), vault_(vault), clock_(clock) {}

  // SuperAdmin: all; Admin: their organization's (another organizationId → kNotFound).
  Result<Page<ApiKeyView>> List(const Actor& actor, ApiKeyQuery query);
  Result<ApiKeyView> Get(const Actor& actor, const std::string& id);
  // R-K2. Errors: 400 invalid value, 404 `no_matching_key` (after one sync), 400 `key_rejected`.
  Result<ApiKeyView> Register(const Actor& actor, const std::string& value);
  // R-K4, through the Admin API.
  Result<ApiKeyView> Update(const Actor& actor, const std::string& id, const ApiKeyPatch& patch);

  // For the users side:
  // The caller's own key with its full value; audited `api_key.secret_read`. kNotFound when the
  // caller holds no key or its secret is not registered; 503 `vault_sealed` when sealed.
  Result<RevealedSecret> RevealOwnKey(const Actor& actor);
  // The key a user holds, if any.
  Result<std::optional<ApiKeyRecord>> KeyOfUser(const std::string& user_id);
  // Retiring a key for good (「廃止」): archived in Anthropic (permanent: it can never be
  // re-activated), its registered secret erased from the vault, its holder unassigned, in one
  // audited transaction after Anthropic confirmed (`api_key.archive`). An archived key is
  // cleaned up the same way without calling Anthropic again.
  Result<ApiKeyView> Archive(const Actor& actor, const std::string& id);
  // The leaked-key flow: archive `id`, register `value` (a key created in the Console) and give it
  // to the old key's holder, all or nothing locally (`api_key.replace`). Errors as Register, plus
  // 409 `replacement_is_same_key`, 400 `api_key_wrong_organization` (the new key's workspace is
  // not the holder's organization's) and 409 `api_key_taken` (the new key is held by someone
  // else). An ambiguous value is 409 `ambiguous_key` with its candidates, as Register.
  Result<ApiKeyView> Replace(const Actor& actor, const std::string& id, const std::string& value);
  // Off-boarding: sets the key inactive (or archives it, `archive`) in Anthropic and locally
  // (audited). SuperAdmin, or an Admin of the key's organization or of its holder's organization.
  Status RetireUpstream(const Actor& actor, const std::string& key_id, bool archive);
  // R-X3: (user id, key) of users whose key is inactive/archived/expired or vanished upstream;
  // Admin: their organization only.
  Result<std::vector<std::pair<std::string, ApiKeyRecord>>> Drift(const Actor& actor);

 private:
  Result<ApiKeyView> ViewOf(Tx& tx, ApiKeyRecord key);
  Result<ApiKeyView> ViewById(Tx& tx, const std::string& id);
  Result<ApiKeyView> LoadManaged(const Actor& actor, const std::string& id);
  Result<std::vector<ApiKeyView>> Matches(const Actor& actor, const std::string& hint);
  // The key a pasted value belongs to (after one sync when unknown), checked with Anthropic.
  Result<ApiKeyView> Resolve(const Actor& actor, const std::string& value);
  // Archives in Anthropic unless already archived; the updated upstream key, or nullopt.
  Result<std::optional<ApiKey>> ArchiveUpstream(const ApiKeyRecord& key);
  // In `tx`: the archived record, its secret erased, its holder unassigned. Returns the holder.
  Result<std::optional<User>> ArchiveLocally(Tx& tx, const ApiKeyRecord& stored, const std::optional<ApiKey>& upstream,
                                             std::int64_t now);
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  AnthropicConnection& connection_;
  SyncService& sync_;
  const Vault& vault_;
  const Clock& clock_;
};

}  // namespace portal::domain
