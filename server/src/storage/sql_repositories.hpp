#pragma once
// The domain repositories on SOCI, one class per interface, shared by SQLite and PostgreSQL.
// Each binds to one Conn (one leased connection, maybe inside a transaction) and lives only
// as long as the Store::Write/Read call that created it.

#include "domain/repositories.hpp"
#include "storage/sql_support.hpp"

namespace portal::storage {

class SqlOrganizationRepository final : public domain::OrganizationRepository {
 public:
  explicit SqlOrganizationRepository(Conn& conn) : conn_(conn) {}
  Status Insert(const domain::Organization& org) override;
  Result<domain::Organization> FindById(std::string_view id) override;
  Result<std::vector<domain::Organization>> FindByIds(std::span<const std::string> ids) override;
  Result<std::map<std::string, domain::OrganizationCounts>> CountsFor(std::span<const std::string> ids) override;
  Result<domain::Organization> FindByName(std::string_view name) override;
  Result<domain::Page<domain::Organization>> List(const domain::OrganizationQuery& query) override;
  Status Update(const domain::Organization& org) override;
  Status Delete(std::string_view id) override;
  Status MarkDeleted(std::string_view id, std::int64_t now) override;

 private:
  Conn& conn_;
};

class SqlUserRepository final : public domain::UserRepository {
 public:
  explicit SqlUserRepository(Conn& conn) : conn_(conn) {}
  Status Insert(const domain::User& user) override;
  Result<domain::User> FindById(std::string_view id) override;
  Result<std::vector<domain::User>> FindByIds(std::span<const std::string> ids) override;
  Result<domain::SessionUser> FindBySession(std::string_view session_id) override;
  Result<domain::User> FindByEmail(std::string_view normalized_email) override;
  Result<domain::User> FindByApiKeyId(std::string_view api_key_id) override;
  Result<std::vector<domain::User>> ListHoldersInWorkspace(std::string_view workspace_id) override;
  Result<domain::Page<domain::ListedUser>> List(const domain::UserQuery& query) override;
  Status Update(const domain::User& user) override;
  Status Delete(std::string_view id) override;
  Result<std::int64_t> Count() override;

 private:
  Conn& conn_;
};

class SqlSessionRepository final : public domain::SessionRepository {
 public:
  explicit SqlSessionRepository(Conn& conn) : conn_(conn) {}
  Status InsertSession(const domain::Session& session) override;
  Result<domain::Session> FindSession(std::string_view id) override;
  Status ExtendSession(std::string_view id, std::int64_t expires_at) override;
  Status RevokeSession(std::string_view id, std::string_view reason, std::int64_t now) override;
  Result<std::int64_t> RevokeUserSessions(std::string_view user_id, std::string_view reason, std::int64_t now,
                                          std::string_view except_session_id = {}) override;
  Status InsertRefreshToken(const domain::RefreshToken& token) override;
  Result<domain::RefreshToken> FindRefreshToken(std::string_view token_hash) override;
  Result<bool> MarkRotated(std::string_view token_hash, std::int64_t now) override;

 private:
  Conn& conn_;
};

class SqlAuditRepository final : public domain::AuditRepository {
 public:
  explicit SqlAuditRepository(Conn& conn) : conn_(conn) {}
  Status Append(const domain::AuditEvent& event) override;
  Result<domain::Page<domain::AuditEvent>> List(const domain::AuditQuery& query) override;

 private:
  Conn& conn_;
};

class SqlSettingsRepository final : public domain::SettingsRepository {
 public:
  explicit SqlSettingsRepository(Conn& conn) : conn_(conn) {}
  Result<std::optional<std::string>> Get(std::string_view key) override;
  Status Put(std::string_view key, std::string_view value, std::int64_t now) override;
  Result<bool> InsertIfAbsent(std::string_view key, std::string_view value, std::int64_t now) override;

 private:
  Conn& conn_;
};

class SqlWorkspaceRepository final : public domain::WorkspaceRepository {
 public:
  explicit SqlWorkspaceRepository(Conn& conn) : conn_(conn) {}
  Status Upsert(const domain::WorkspaceRecord& workspace) override;
  Result<domain::WorkspaceRecord> FindById(std::string_view id) override;
  Result<std::optional<domain::WorkspaceRecord>> FindActiveByName(std::string_view name) override;
  Result<domain::Page<domain::WorkspaceRecord>> List(const domain::WorkspaceQuery& query) override;
  Status SetOrganization(std::string_view id, const std::optional<std::string>& organization_id) override;
  Result<std::vector<std::string>> UnlinkOrganization(std::string_view organization_id) override;
  Result<std::int64_t> CountByOrganization(std::string_view organization_id) override;

 private:
  Conn& conn_;
};

class SqlApiKeyRepository final : public domain::ApiKeyRepository {
 public:
  explicit SqlApiKeyRepository(Conn& conn) : conn_(conn) {}
  Status Upsert(const domain::ApiKeyRecord& key) override;
  Status UpsertMany(std::span<const domain::ApiKeyRecord> keys) override;
  Status ForEachSynced(const std::function<void(const domain::ApiKeyRecord&)>& fn) override;
  Result<domain::ApiKeyRecord> FindById(std::string_view id) override;
  Result<std::vector<domain::ApiKeyRecord>> FindByIds(std::span<const std::string> ids) override;
  Result<std::vector<domain::ApiKeyRecord>> FindByHint(std::string_view partial_key_hint) override;
  Result<domain::Page<domain::ApiKeyView>> List(const domain::ApiKeyQuery& query) override;
  Result<std::int64_t> Count() override;
  Status SetSecret(std::string_view id, const std::optional<std::string>& sealed,
                   std::optional<std::int64_t> registered_at) override;
  Result<std::int64_t> MarkVanished(std::span<const std::string> ids, std::int64_t now) override;
  Result<std::vector<domain::ApiKeyRecord>> ListWithSecrets() override;
  Result<std::int64_t> CountByOrganization(std::string_view organization_id) override;
  Result<std::int64_t> CountByWorkspace(std::string_view workspace_id) override;
  Result<std::int64_t> ArchiveInWorkspace(std::string_view workspace_id) override;
  Result<std::optional<std::string>> FindHolder(std::string_view key_id) override;
  Result<std::vector<std::pair<std::string, domain::ApiKeyRecord>>> ListDrifted(
      const std::optional<std::string>& organization_id) override;

 private:
  Conn& conn_;
};

class SqlSyncRunRepository final : public domain::SyncRunRepository {
 public:
  explicit SqlSyncRunRepository(Conn& conn) : conn_(conn) {}
  Status Insert(const domain::SyncRun& run) override;
  Status Update(const domain::SyncRun& run) override;
  Result<domain::SyncRun> FindById(std::string_view id) override;
  Result<std::optional<domain::SyncRun>> Latest() override;
  Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) override;

 private:
  Conn& conn_;
};

// Prompts and their versions (prompt_repository.cpp).
class SqlPromptRepository final : public domain::PromptRepository {
 public:
  explicit SqlPromptRepository(Conn& conn) : conn_(conn) {}
  Status Insert(const domain::Prompt& prompt, const domain::PromptVersion& first) override;
  Result<domain::Prompt> FindById(std::string_view id) override;
  Result<domain::Page<domain::Prompt>> List(const domain::PromptQuery& query) override;
  Status UpdateMetadata(const domain::Prompt& prompt) override;
  Status AppendVersion(const domain::PromptVersion& version, std::int64_t updated_at) override;
  Result<std::vector<domain::PromptVersion>> ListVersions(std::string_view prompt_id) override;
  Result<domain::PromptVersion> FindVersion(std::string_view prompt_id, int number) override;
  Status IncrementUseCount(std::string_view id) override;
  Status Delete(std::string_view id) override;

 private:
  Conn& conn_;
};

// The import's record of legacy ids (legacy_id_repository.cpp).
class SqlLegacyIdRepository final : public domain::LegacyIdRepository {
 public:
  explicit SqlLegacyIdRepository(Conn& conn) : conn_(conn) {}
  Result<std::optional<std::string>> Find(std::string_view collection, std::string_view legacy_id) override;
  Status Insert(std::string_view collection, std::string_view legacy_id, std::string_view object_id,
                std::int64_t now) override;

 private:
  Conn& conn_;
};

// The login throttle's counters (login_throttle_repository.cpp).
class SqlLoginThrottleRepository final : public domain::LoginThrottleRepository {
 public:
  explicit SqlLoginThrottleRepository(Conn& conn) : conn_(conn) {}
  Result<std::optional<domain::ThrottleEntry>> Find(std::string_view key) override;
  Result<domain::ThrottleEntry> Lock(std::string_view key, std::int64_t now) override;
  Status Put(std::string_view key, const domain::ThrottleEntry& entry, std::int64_t now) override;
  Status Delete(std::string_view key) override;
  Status DeleteIdle(std::int64_t now, std::int64_t idle_before) override;

 private:
  Conn& conn_;
};

// The limits the portal set per workspace (limit_setting_repository.cpp).
class SqlLimitSettingRepository final : public domain::LimitSettingRepository {
 public:
  explicit SqlLimitSettingRepository(Conn& conn) : conn_(conn) {}
  Status Put(const domain::LimitSetting& setting) override;
  Result<std::vector<domain::LimitSetting>> ListForWorkspace(std::string_view workspace_id) override;
  Result<std::vector<std::string>> WorkspaceIds() override;

 private:
  Conn& conn_;
};

// Collected usage and collector runs (usage_repository.cpp).
class SqlUsageRepository final : public domain::UsageRepository {
 public:
  explicit SqlUsageRepository(Conn& conn) : conn_(conn) {}
  Status ReplaceDays(std::string_view from_day, std::string_view to_day,
                     const std::vector<domain::UsageRow>& rows) override;
  Result<std::vector<domain::AttributedUsage>> List(const domain::UsageRowFilter& filter) override;
  Result<std::optional<std::string>> LatestDay() override;
  Status InsertRun(const domain::UsageRun& run) override;
  Status UpdateRun(const domain::UsageRun& run) override;
  Result<std::optional<domain::UsageRun>> LatestRun() override;
  Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) override;
  Status BackdateFirstLinks() override;

 private:
  Conn& conn_;
};

// Every repository over one Conn: what Store::Write/Read hand to their callback.
class SqlTx final : public domain::Tx {
 public:
  explicit SqlTx(Conn& conn)
      : organizations_(conn),
        users_(conn),
        sessions_(conn),
        audit_(conn),
        settings_(conn),
        workspaces_(conn),
        api_keys_(conn),
        sync_runs_(conn),
        prompts_(conn),
        legacy_ids_(conn),
        login_throttle_(conn),
        limit_settings_(conn),
        usage_(conn) {}
  domain::OrganizationRepository& Organizations() override { return organizations_; }
  domain::UserRepository& Users() override { return users_; }
  domain::SessionRepository& Sessions() override { return sessions_; }
  domain::AuditRepository& Audit() override { return audit_; }
  domain::SettingsRepository& Settings() override { return settings_; }
  domain::WorkspaceRepository& Workspaces() override { return workspaces_; }
  domain::ApiKeyRepository& ApiKeys() override { return api_keys_; }
  domain::SyncRunRepository& SyncRuns() override { return sync_runs_; }
  domain::PromptRepository& Prompts() override { return prompts_; }
  domain::LegacyIdRepository& LegacyIds() override { return legacy_ids_; }
  domain::LoginThrottleRepository& LoginThrottle() override { return login_throttle_; }
  domain::LimitSettingRepository& LimitSettings() override { return limit_settings_; }
  domain::UsageRepository& Usage() override { return usage_; }

 private:
  SqlOrganizationRepository organizations_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlAuditRepository audit_;
  SqlSettingsRepository settings_;
  SqlWorkspaceRepository workspaces_;
  SqlApiKeyRepository api_keys_;
  SqlSyncRunRepository sync_runs_;
  SqlPromptRepository prompts_;
  SqlLegacyIdRepository legacy_ids_;
  SqlLoginThrottleRepository login_throttle_;
  SqlLimitSettingRepository limit_settings_;
  SqlUsageRepository usage_;
};

}  // namespace portal::storage
