#pragma once
// Storage interfaces owned by the domain; storage/ implements them on SQLite and PostgreSQL.
//
// All work happens inside Store::Write (one transaction, committed only when the callback
// returns success; any error or exception rolls everything back) or Store::Read (one pooled
// connection, no writes expected). Repositories obtained from a Tx are valid only inside the
// callback and only on the calling thread.
//
// Conventions for every method:
// - Find*/Get* of something absent → Error kNotFound.
// - Insert of a duplicate unique value → Error kConflict (message names the field).
// - Driver failures → Error kInternal (detail has the driver text, message is generic) or
//   kUnavailable when the database cannot be reached.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/login_throttle.hpp"  // ThrottleEntry
#include "domain/prompt.hpp"          // PromptRepository

namespace portal::domain {

class OrganizationRepository {
 public:
  virtual ~OrganizationRepository() = default;
  virtual Status Insert(const Organization& org) = 0;  // kConflict: name taken (case-insensitive)
  virtual Result<Organization> FindById(std::string_view id) = 0;
  // Those of `ids` that exist (not deleted), in no order: one query for a page's worth.
  virtual Result<std::vector<Organization>> FindByIds(std::span<const std::string> ids) = 0;
  // The counts of each of `ids` (absent ids: none), in one query.
  virtual Result<std::map<std::string, OrganizationCounts>> CountsFor(std::span<const std::string> ids) = 0;
  virtual Result<Organization> FindByName(std::string_view name) = 0;           // case-insensitive
  virtual Result<Page<Organization>> List(const OrganizationQuery& query) = 0;  // by name, then id
  virtual Status Update(const Organization& org) = 0;                           // name, description, updated_at
  virtual Status Delete(std::string_view id) = 0;
  // Soft delete: the organization disappears from Find*/List and its name is free
  // again, while the rows that still point at it (disabled users, audit events) stay valid.
  // kNotFound when absent or already deleted. Find*/List never return deleted organizations.
  virtual Status MarkDeleted(std::string_view id, std::int64_t now) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Status Insert(const User& user) = 0;  // kConflict: email taken
  virtual Result<User> FindById(std::string_view id) = 0;
  virtual Result<std::vector<User>> FindByIds(std::span<const std::string> ids) = 0;  // those that exist
  // The session, its user, their organization and key (kNotFound without session or user).
  virtual Result<SessionUser> FindBySession(std::string_view session_id) = 0;
  virtual Result<User> FindByEmail(std::string_view normalized_email) = 0;
  // The one user holding an API key; kNotFound when nobody does.
  virtual Result<User> FindByApiKeyId(std::string_view api_key_id) = 0;
  // Every user holding a key of that workspace, by id.
  virtual Result<std::vector<User>> ListHoldersInWorkspace(std::string_view workspace_id) = 0;
  virtual Result<Page<ListedUser>> List(const UserQuery& query) = 0;  // newest first
  virtual Status Update(const User& user) = 0;                        // every column but id and created_at
  virtual Status Delete(std::string_view id) = 0;
  virtual Result<std::int64_t> Count() = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<Session> FindSession(std::string_view id) = 0;
  virtual Status ExtendSession(std::string_view id, std::int64_t expires_at) = 0;
  // Revokes one session (no-op when already revoked).
  virtual Status RevokeSession(std::string_view id, std::string_view reason, std::int64_t now) = 0;
  // Revokes every live session of a user but `except_session_id` (empty: none spared); returns
  // how many were revoked.
  virtual Result<std::int64_t> RevokeUserSessions(std::string_view user_id, std::string_view reason, std::int64_t now,
                                                  std::string_view except_session_id = {}) = 0;
  virtual Status InsertRefreshToken(const RefreshToken& token) = 0;
  virtual Result<RefreshToken> FindRefreshToken(std::string_view token_hash) = 0;
  // Marks a token rotated if, and only if, it was not rotated yet: true for the one caller that
  // won, false for everyone else (atomic even under concurrent calls on several instances).
  virtual Result<bool> MarkRotated(std::string_view token_hash, std::int64_t now) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Status Append(const AuditEvent& event) = 0;
  virtual Result<Page<AuditEvent>> List(const AuditQuery& query) = 0;  // newest first
};

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view key) = 0;
  virtual Status Put(std::string_view key, std::string_view value, std::int64_t now) = 0;  // upsert
  // Inserts only when the key is absent; false when it already existed (atomic).
  virtual Result<bool> InsertIfAbsent(std::string_view key, std::string_view value, std::int64_t now) = 0;
};

class WorkspaceRepository {
 public:
  virtual ~WorkspaceRepository() = default;
  // Inserts or updates Anthropic's fields (name, display_color, created_at, archived_at, synced_at);
  // never touches organization_id of an existing row.
  virtual Status Upsert(const WorkspaceRecord& workspace) = 0;
  virtual Result<WorkspaceRecord> FindById(std::string_view id) = 0;
  // A workspace that is not archived with this name (ASCII case-insensitive), if any.
  virtual Result<std::optional<WorkspaceRecord>> FindActiveByName(std::string_view name) = 0;
  virtual Result<Page<WorkspaceRecord>> List(const WorkspaceQuery& query) = 0;  // by name, then id
  virtual Status SetOrganization(std::string_view id, const std::optional<std::string>& organization_id) = 0;
  // Unlinks every workspace of an organization; returns their ids.
  virtual Result<std::vector<std::string>> UnlinkOrganization(std::string_view organization_id) = 0;
  // The organization's workspaces as the list shows them (not archived).
  virtual Result<std::int64_t> CountByOrganization(std::string_view organization_id) = 0;
};

class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;
  // Inserts or updates Anthropic's fields (name, status, hint, workspace_id, created_at,
  // created_by, synced_at) and clears vanished_at; never touches the secret columns.
  virtual Status Upsert(const ApiKeyRecord& key) = 0;
  // Upsert for many keys, a few hundred per statement (what a sync writes).
  virtual Status UpsertMany(std::span<const ApiKeyRecord> keys) = 0;
  // Calls `fn` with every key's Anthropic fields and vanished_at (not the secret), in no order:
  // what a sync compares with what it fetched.
  virtual Status ForEachSynced(const std::function<void(const ApiKeyRecord&)>& fn) = 0;
  virtual Result<ApiKeyRecord> FindById(std::string_view id) = 0;
  virtual Result<std::vector<ApiKeyRecord>> FindByIds(std::span<const std::string> ids) = 0;  // those that exist
  virtual Result<std::vector<ApiKeyRecord>> FindByHint(std::string_view partial_key_hint) = 0;
  // Newest created first, each with its organization and holder (one query, however long the page).
  virtual Result<Page<ApiKeyView>> List(const ApiKeyQuery& query) = 0;
  virtual Result<std::int64_t> Count() = 0;  // every key, exactly
  virtual Status SetSecret(std::string_view id, const std::optional<std::string>& sealed,
                           std::optional<std::int64_t> registered_at) = 0;
  // Marks these keys (gone upstream) vanished at `now` unless they are already; returns how many
  // were newly marked.
  virtual Result<std::int64_t> MarkVanished(std::span<const std::string> ids, std::int64_t now) = 0;
  // Every key with a sealed secret (for `portal vault rotate`).
  virtual Result<std::vector<ApiKeyRecord>> ListWithSecrets() = 0;
  // Keys of every status in the organization's workspaces / in one workspace (kept as a count on
  // the workspace: no scan of the keys).
  virtual Result<std::int64_t> CountByOrganization(std::string_view organization_id) = 0;
  virtual Result<std::int64_t> CountByWorkspace(std::string_view workspace_id) = 0;
  // Sets status "archived" on every key of the workspace (an archived workspace's keys are) and
  // erases their registered secrets (an archived key can never be used again); returns how many
  // keys were newly archived.
  virtual Result<std::int64_t> ArchiveInWorkspace(std::string_view workspace_id) = 0;
  // The id of the user holding the key (users.api_key_id), if any.
  virtual Result<std::optional<std::string>> FindHolder(std::string_view key_id) = 0;
  // (user id, key) for every user whose key is not active or has vanished upstream (R-X3),
  // optionally only users of one organization; by user id.
  virtual Result<std::vector<std::pair<std::string, ApiKeyRecord>>> ListDrifted(
      const std::optional<std::string>& organization_id) = 0;
};

class SyncRunRepository {
 public:
  virtual ~SyncRunRepository() = default;
  virtual Status Insert(const SyncRun& run) = 0;
  virtual Status Update(const SyncRun& run) = 0;  // status, finished_at, counts, error
  virtual Result<SyncRun> FindById(std::string_view id) = 0;
  virtual Result<std::optional<SyncRun>> Latest() = 0;
  // Marks every run still "running" as failed with `error` at `now` (runs a crash cut off; call
  // only while holding the sync's cluster lock); returns how many.
  virtual Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) = 0;
};

// What the import from the old portal brought over: (collection, legacy id) → the id of the
// portal object it became, so that importing the same export again changes nothing.
class LegacyIdRepository {
 public:
  virtual ~LegacyIdRepository() = default;
  // nullopt when that legacy document was never imported.
  virtual Result<std::optional<std::string>> Find(std::string_view collection, std::string_view legacy_id) = 0;
  // kConflict when the pair is already recorded.
  virtual Status Insert(std::string_view collection, std::string_view legacy_id, std::string_view object_id,
                        std::int64_t now) = 0;
};

// The login throttle's counters (login_throttle.hpp), for instances sharing one database.
class LoginThrottleRepository {
 public:
  virtual ~LoginThrottleRepository() = default;
  virtual Result<std::optional<ThrottleEntry>> Find(std::string_view key) = 0;
  // The entry (a zero one when absent, then created), locked until the transaction ends so that
  // another instance updating the same key waits.
  virtual Result<ThrottleEntry> Lock(std::string_view key, std::int64_t now) = 0;
  virtual Status Put(std::string_view key, const ThrottleEntry& entry, std::int64_t now) = 0;
  virtual Status Delete(std::string_view key) = 0;
  virtual Status DeleteIdle(std::int64_t now, std::int64_t idle_before) = 0;
};

// The limits the portal last set per workspace (limits_service.hpp).
class LimitSettingRepository {
 public:
  virtual ~LimitSettingRepository() = default;
  virtual Status Put(const LimitSetting& setting) = 0;  // insert or replace (workspace, scope, type)
  virtual Result<std::vector<LimitSetting>> ListForWorkspace(std::string_view workspace_id) = 0;
  virtual Result<std::vector<std::string>> WorkspaceIds() = 0;  // the workspaces with any setting
};

// Collected usage (usage_service.hpp) and the collector's runs.
class UsageRepository {
 public:
  virtual ~UsageRepository() = default;
  // Replaces every row of the days [from_day, to_day] with `rows` (a day fetched again is stored
  // once; a revised one replaced).
  virtual Status ReplaceDays(std::string_view from_day, std::string_view to_day, const std::vector<UsageRow>& rows) = 0;
  // Rows of the filter's days, each attributed by the key and workspace history.
  virtual Result<std::vector<AttributedUsage>> List(const UsageRowFilter& filter) = 0;
  // The latest day with stored usage, if any.
  virtual Result<std::optional<std::string>> LatestDay() = 0;
  virtual Status InsertRun(const UsageRun& run) = 0;
  virtual Status UpdateRun(const UsageRun& run) = 0;
  virtual Result<std::optional<UsageRun>> LatestRun() = 0;
  // Marks runs left "running" by a crash as failed; returns how many.
  virtual Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) = 0;
  // Key holders and workspace links that have no earlier range start at 0: they predate the
  // portal's history (demo data, an import from the old portal).
  virtual Status BackdateFirstLinks() = 0;
};

// The repositories bound to one connection (and, in Write, one transaction).
class Tx {
 public:
  virtual ~Tx() = default;
  virtual OrganizationRepository& Organizations() = 0;
  virtual UserRepository& Users() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual AuditRepository& Audit() = 0;
  virtual SettingsRepository& Settings() = 0;
  virtual WorkspaceRepository& Workspaces() = 0;
  virtual ApiKeyRepository& ApiKeys() = 0;
  virtual SyncRunRepository& SyncRuns() = 0;
  virtual PromptRepository& Prompts() = 0;
  virtual LegacyIdRepository& LegacyIds() = 0;
  virtual LoginThrottleRepository& LoginThrottle() = 0;
  virtual LimitSettingRepository& LimitSettings() = 0;
  virtual UsageRepository& Usage() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one transaction; commits iff fn returns success. Thread-safe (pooled connections).
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  // Runs fn on a pooled connection without an explicit transaction.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Cheap round trip to the database (for /readyz).
  virtual Status Ping() = 0;
  virtual std::string_view Backend() const = 0;  // "sqlite" | "postgresql"
  // Count of driver errors since start (for /metrics).
  virtual std::int64_t ErrorCount() const = 0;
};

}  // namespace portal::domain
