#pragma once
// The emulator's business logic: the Admin API's rules (docs §7) over an in-memory Snapshot.
// HTTP handlers parse a request, call one method here and render the result; every rule is
// unit-tested against this class without a server.
//
// Errors are values: kNotFound (404 not_found_error) for unknown ids, kInvalidArgument (400
// invalid_request_error) for bad input and for every documented "not allowed" rule; the choices
// for the points Anthropic leaves open are listed in docs/anthropic.md ("Emulator choices").
// Thread-safe: one mutex guards the snapshot. When a state file is set, every change is saved
// (written to a temporary file, then renamed over the old one) before the call returns.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {

struct UserFilter {
  std::optional<std::string> email;  // case-insensitive exact match
  std::vector<std::string> roles;    // any of; empty = all
};

struct ApiKeyFilter {
  std::optional<std::string> status;
  std::optional<std::string> workspace_id;  // the Default Workspace's id matches keys with null
  std::optional<std::string> created_by_user_id;
};

struct WorkspaceCreate {
  std::string name;
  std::optional<std::string> display_color;
  std::optional<DataResidency> data_residency;
  std::map<std::string, std::string> tags;
  std::optional<std::string> user_profile_id;
};

struct WorkspaceListOptions {
  bool include_archived = false;
  bool include_default = false;  // the Default Workspace comes last (it is the oldest)
  std::vector<std::string> ids;  // at most 100; empty = all
};

struct SpendLimitFilter {
  std::vector<std::string> scope_types;  // organization, workspace (others match nothing); empty = all
  std::optional<std::string> workspace_id;
};

// One limiter type of a workspace override: a value sets it, nullopt clears it.
using RateLimitChange = std::pair<std::string, std::optional<std::int64_t>>;

struct WorkspaceUpdate {
  std::optional<std::string> name;
  std::optional<std::string> display_color;
  // data_residency parts, each applied only when present (workspace_geo is immutable):
  // `allowed_inference_geos` uses DataResidency::unrestricted / allowed_inference_geos.
  std::optional<DataResidency> allowed_inference_geos;
  std::optional<std::string> default_inference_geo;
  // Tag changes merge: a value sets the tag, nullopt removes it.
  std::map<std::string, std::optional<std::string>> tags;
  std::optional<std::string> user_profile_id;  // set once; never replaced
};

struct ApiKeyUpdate {
  std::optional<std::string> name;
  std::optional<std::string> status;
};

// An invite as the API shows it (status "expired" derived from the clock).
InviteRecord EffectiveInvite(const InviteRecord& invite, Micros now);

class EmulatorState {
 public:
  // `clock` must outlive the state. `state_file` empty = memory only.
  EmulatorState(Snapshot snapshot, const Clock& clock, std::string state_file = {});

  Organization Me() const;

  // Users (§6.2)
  Result<Page<UserRecord>> ListUsers(const PageRequest& page, const UserFilter& filter) const;
  Result<UserRecord> GetUser(const std::string& id) const;
  Result<UserRecord> UpdateUser(const std::string& id, const std::string& role);
  Status DeleteUser(const std::string& id);

  // Invites (§6.3)
  Result<InviteRecord> CreateInvite(const std::string& email, const std::string& role);
  Result<Page<InviteRecord>> ListInvites(const PageRequest& page) const;
  Result<InviteRecord> GetInvite(const std::string& id) const;
  Status DeleteInvite(const std::string& id);

  // Workspaces (§6.4)
  Result<WorkspaceRecord> CreateWorkspace(const WorkspaceCreate& input);
  Result<Page<WorkspaceRecord>> ListWorkspaces(const PageRequest& page, const WorkspaceListOptions& options) const;
  Result<WorkspaceRecord> GetWorkspace(const std::string& id) const;
  Result<WorkspaceRecord> UpdateWorkspace(const std::string& id, const WorkspaceUpdate& input);
  Result<WorkspaceRecord> ArchiveWorkspace(const std::string& id);

  // Workspace members (§6.5); the cursor of a member is its user_id.
  Result<MemberRecord> AddMember(const std::string& workspace_id, const std::string& user_id, const std::string& role);
  Result<Page<MemberRecord>> ListMembers(const std::string& workspace_id, const PageRequest& page) const;
  Result<MemberRecord> GetMember(const std::string& workspace_id, const std::string& user_id) const;
  Result<MemberRecord> UpdateMember(const std::string& workspace_id, const std::string& user_id,
                                    const std::string& role);
  Status RemoveMember(const std::string& workspace_id, const std::string& user_id);

  // API keys (§6.6): no create, no delete.
  Result<Page<ApiKeyRecord>> ListApiKeys(const PageRequest& page, const ApiKeyFilter& filter) const;
  Result<ApiKeyRecord> GetApiKey(const std::string& id) const;
  Result<ApiKeyRecord> UpdateApiKey(const std::string& id, const ApiKeyUpdate& input);
  // The key whose full value is `value` (for /v1/models); nullopt when none.
  std::optional<ApiKeyRecord> FindApiKeyByValue(const std::string& value) const;
  std::vector<ApiKeyRecord> ApiKeys() const;  // creation order

  // Rate limits: set or clear a workspace's overrides of one organization rate-limit entry.
  // Values above the organization's limit are stored (the organization's still applies).
  Status SetWorkspaceRateLimits(const std::string& workspace_id, const std::string& rate_limit_id,
                                const std::vector<RateLimitChange>& changes);

  // Spend limits (beta; Console organizations: monthly, organization or workspace scope, always an
  // amount). Every call fails with 403 spend_limits_admin_api_writes_not_enabled when the
  // organization does not have the preview (settings.spend_limits_enabled).
  Result<std::vector<SpendLimitRecord>> ListSpendLimits(const SpendLimitFilter& filter) const;  // newest first
  Result<SpendLimitRecord> GetSpendLimit(const std::string& id) const;
  // Upsert keyed on (scope, period).
  Result<SpendLimitRecord> SetSpendLimit(const std::optional<std::string>& workspace_id, const std::string& period,
                                         const std::optional<std::string>& amount);
  Status DeleteSpendLimit(const std::string& id);

  EmulatorSettings Settings() const;
  void UpdateSettings(const EmulatorSettings& settings);

  Snapshot Copy() const;
  // Counts changes (a cache of derived data is valid while it stays the same).
  std::uint64_t Version() const;
  Micros Now() const;
  // Writes the state file now (also done after every change); no-op without a state file.
  Status Save() const;

 private:
  Status SaveLocked() const;
  void Changed();  // called with the mutex held after a change
  std::string NewId(std::string_view prefix);
  const WorkspaceRecord* FindWorkspaceLocked(const std::string& id) const;
  WorkspaceRecord DefaultWorkspaceLocked() const;
  Status CheckActiveKeyLimitsLocked(const ApiKeyRecord& key) const;
  Status SpendLimitsEnabledLocked() const;

  mutable std::mutex mutex_;
  Snapshot data_;
  const Clock& clock_;
  std::string state_file_;
  std::uint64_t version_ = 0;
};

// Validators shared with the HTTP layer and the seed loader.
bool IsValidDisplayColor(std::string_view color);
bool LooksLikeEmail(std::string_view email);
std::size_t Utf8Length(std::string_view text);

}  // namespace portal::emulator
