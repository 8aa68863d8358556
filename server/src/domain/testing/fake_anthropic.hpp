#pragma once
// Test support (portal_domain_testing): a scriptable AnthropicAdmin, and a connection that hands
// it to the services.
//
// FakeAnthropic holds what the Admin API would: workspaces, API keys, workspace members,
// organization members, invites, reports, rate and spend limits. Tests fill the public fields
// (under no lock: before the services run), then read Calls() to assert what the portal asked
// for and in which order ("UpdateApiKey apikey_1 status=inactive"). FailNext(error) makes the
// next call fail with `error` (FailNext(method, error): the next call of that method); a failed
// call is recorded and changes nothing. Lists stream in pages of `page_size`. CheckApiKey
// accepts exactly the values in `valid_key_values`.
//
// Thread-safe (a sync runs on its own thread).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "domain/anthropic_admin.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/repositories.hpp"
#include "domain/testing/fakes.hpp"
#include "domain/vault.hpp"

namespace portal::domain::testing {

class FakeAnthropic final : public AnthropicAdmin {
 public:
  // What the fake holds; fill before the services run.
  OrganizationInfo organization{"org-uuid-test", "Test Organization"};
  std::vector<Workspace> workspaces;
  std::vector<ApiKey> keys;
  std::vector<WorkspaceMember> members;
  std::vector<AdminUser> users;
  std::vector<Invite> invites;
  std::vector<UsageBucket> usage_buckets;
  std::vector<CostBucket> cost_buckets;
  std::vector<AnalyticsUsageRow> analytics_usage;
  std::vector<AnalyticsCostRow> analytics_cost;
  std::vector<RateLimitGroup> organization_rate_limits;
  std::map<std::string, std::vector<RateLimitGroup>> workspace_rate_limits;  // the overrides
  std::vector<SpendLimit> spend_limits;
  std::set<std::string> valid_key_values;
  std::size_t page_size = 2;
  std::string now = "2025-03-24T09:30:00Z";  // created_at / updated_at of what the fake creates
  // Called with every call's text before the fake answers it: a test can look at the store then
  // ("Anthropic was called before anything changed locally"). Must not call back into the fake.
  std::function<void(const std::string& call)> on_call;

  // The next call (of any method / of `method`) fails with `error`.
  void FailNext(Error error);
  void FailNext(std::string method, Error error);
  std::vector<std::string> Calls() const;
  // Calls whose text starts with `prefix` ("UpdateApiKey", "UpdateApiKey apikey_1").
  std::size_t CallCount(std::string_view prefix) const;
  void ClearCalls();
  // A key of the fake by id (a copy), for assertions.
  std::optional<ApiKey> Key(std::string_view id) const;
  std::optional<Workspace> FindWorkspace(std::string_view id) const;

  Result<OrganizationInfo> GetOrganization() override;
  Status ForEachWorkspace(const WorkspaceFilter& filter, const PageCallback<Workspace>& on_page) override;
  Result<Workspace> GetWorkspace(std::string_view workspace_id) override;
  Result<Workspace> CreateWorkspace(const WorkspaceCreate& request) override;
  Result<Workspace> UpdateWorkspace(std::string_view workspace_id, const WorkspaceUpdate& update) override;
  Result<Workspace> ArchiveWorkspace(std::string_view workspace_id) override;
  Status ForEachWorkspaceMember(std::string_view workspace_id, const PageCallback<WorkspaceMember>& on_page) override;
  Result<WorkspaceMember> GetWorkspaceMember(std::string_view workspace_id, std::string_view user_id) override;
  Result<WorkspaceMember> AddWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                             std::string_view workspace_role) override;
  Result<WorkspaceMember> UpdateWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                std::string_view workspace_role) override;
  Status RemoveWorkspaceMember(std::string_view workspace_id, std::string_view user_id) override;
  Status ForEachApiKey(const ApiKeyFilter& filter, const PageCallback<ApiKey>& on_page) override;
  Result<ApiKey> GetApiKey(std::string_view api_key_id) override;
  Result<ApiKey> UpdateApiKey(std::string_view api_key_id, const ApiKeyUpdate& update) override;
  Status ForEachUser(const UserFilter& filter, const PageCallback<AdminUser>& on_page) override;
  Result<AdminUser> GetUser(std::string_view user_id) override;
  Result<AdminUser> UpdateUser(std::string_view user_id, std::string_view role) override;
  Status RemoveUser(std::string_view user_id) override;
  Result<Invite> CreateInvite(std::string_view email, std::string_view role) override;
  Status ForEachInvite(const PageCallback<Invite>& on_page) override;
  Result<Invite> GetInvite(std::string_view invite_id) override;
  Status DeleteInvite(std::string_view invite_id) override;
  Status ForEachUsageBucket(const UsageReportQuery& query, const PageCallback<UsageBucket>& on_page) override;
  Status ForEachCostBucket(const CostReportQuery& query, const PageCallback<CostBucket>& on_page) override;
  Status ForEachAnalyticsUsage(const AnalyticsQuery& query, const PageCallback<AnalyticsUsageRow>& on_page) override;
  Status ForEachAnalyticsCost(const AnalyticsQuery& query, const PageCallback<AnalyticsCostRow>& on_page) override;
  Status ForEachOrganizationRateLimit(const PageCallback<RateLimitGroup>& on_page) override;
  Status ForEachWorkspaceRateLimit(std::string_view workspace_id, bool include_inherited,
                                   const PageCallback<RateLimitGroup>& on_page) override;
  Result<RateLimitGroup> SetWorkspaceRateLimits(std::string_view workspace_id, std::string_view rate_limit_id,
                                                const std::vector<RateLimitChange>& changes) override;
  Status ForEachSpendLimit(const PageCallback<SpendLimit>& on_page) override;
  Result<SpendLimit> SetSpendLimit(const std::optional<std::string>& workspace_id, std::string_view amount) override;
  Status DeleteSpendLimit(std::string_view spend_limit_id) override;
  Result<bool> CheckApiKey(std::string_view key_value) override;

 private:
  // Records the call; the injected error, if any.
  std::optional<Error> Enter(std::string_view method, std::string call);
  template <typename T>
  Status Stream(const std::vector<T>& items, const PageCallback<T>& on_page);

  mutable std::mutex mutex_;
  std::vector<std::string> calls_;
  std::optional<Error> fail_any_;
  std::map<std::string, Error, std::less<>> fail_method_;
  int next_id_ = 1;
};

// The admin key the test connection stores (sealed with FakeVault).
inline constexpr std::string_view kTestAdminKey = "sk-ant-admin01-test-admin-key-0000000000";

// An AnthropicConnection whose client is `fake`, with an admin key stored (sealed by `vault`) in
// `store`'s settings, so that Client() answers at once.
std::unique_ptr<AnthropicConnection> ConnectFake(Store& store, const Vault& vault, const Clock& clock,
                                                 std::shared_ptr<FakeAnthropic> fake);

}  // namespace portal::domain::testing
