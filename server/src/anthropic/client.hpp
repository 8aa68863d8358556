#pragma once
// AnthropicAdminClient: domain::AnthropicAdmin over Anthropic's Admin API (or the emulator).
//
// - Sends x-api-key (the admin key), anthropic-version: 2023-06-01, a User-Agent, and
//   content-type: application/json on bodies. Lists page with limit=page_size and
//   after_id=last_id; reports follow next_page.
// - Retries (max_retries, default 2) on 408, 409, 429, ≥ 500 and connection failures/timeouts,
//   obeying x-should-retry; waits retry-after-ms, else retry-after (seconds or HTTP date), else
//   min(0.5 s·2^n, 8 s) minus up to 25 % jitter. A requested wait above max_retry_wait is not
//   slept: the call fails with that wait in Error::retry_after_seconds. Creates are retried only
//   when the failure proves nothing happened (see Replay in retry_policy.hpp).
// - A circuit breaker (breaker_failures consecutive failed calls → open for breaker_open_for →
//   one probe) answers kUnavailable ("anthropic_circuit_open") without a request while open.
// - Error messages are for admins; details carry status, Anthropic's error.type, its message and
//   the request-id. The admin key (and a key being checked) is scrubbed from everything that
//   leaves this class, including log lines; upstream bodies are never passed on.
// Thread-safe; the easy-handle pool lets concurrent calls run in parallel.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "anthropic/retry_policy.hpp"
#include "anthropic/transport.hpp"
#include "core/clock.hpp"
#include "domain/anthropic_admin.hpp"

namespace portal::anthropic {

struct AnthropicAdminClientOptions {
  std::string base_url = "https://api.anthropic.com";  // or the emulator, "http://127.0.0.1:PORT"
  std::string admin_key;                               // sk-ant-admin…; never logged
  std::string user_agent = "AppGeniusPortal/0.1.0";
  int max_retries = 2;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};         // one attempt, connect to last byte
  std::chrono::milliseconds max_retry_wait{60'000};  // longer requested waits fail instead
  int breaker_failures = 5;
  std::chrono::milliseconds breaker_open_for{30'000};
  int page_size = 1000;  // 1–1000
  // Test hook: called before every attempt (0 = the first) to add request headers, e.g. the
  // emulator's "X-Emulator-Fault: 429" on attempt 0 only.
  std::function<void(int attempt, Headers& headers)> decorate_request;
};

// Side effects, injectable for tests. Null members get the real implementation (libcurl,
// system clock, thread sleep, a thread-local PRNG). Clock and sleeper must outlive the client;
// jitter must be thread-safe when the client is shared between threads.
struct AnthropicAdminClientDeps {
  std::shared_ptr<HttpTransport> transport;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  std::function<double()> jitter;  // uniform in [0, 1)
  // Shared by the portal's clients: Cancel() when it stops ends their calls (real transport and
  // sleeper only; a test's own transport or sleeper is used as given).
  std::shared_ptr<Cancellation> cancellation;
};

class AnthropicAdminClient final : public domain::AnthropicAdmin {
 public:
  explicit AnthropicAdminClient(AnthropicAdminClientOptions options, AnthropicAdminClientDeps deps = {});
  ~AnthropicAdminClient() override;
  AnthropicAdminClient(const AnthropicAdminClient&) = delete;
  AnthropicAdminClient& operator=(const AnthropicAdminClient&) = delete;

  Result<domain::OrganizationInfo> GetOrganization() override;

  Status ForEachWorkspace(const domain::WorkspaceFilter& filter,
                          const domain::PageCallback<domain::Workspace>& on_page) override;
  Result<domain::Workspace> GetWorkspace(std::string_view workspace_id) override;
  Result<domain::Workspace> CreateWorkspace(const domain::WorkspaceCreate& request) override;
  Result<domain::Workspace> UpdateWorkspace(std::string_view workspace_id,
                                            const domain::WorkspaceUpdate& update) override;
  Result<domain::Workspace> ArchiveWorkspace(std::string_view workspace_id) override;

  Status ForEachWorkspaceMember(std::string_view workspace_id,
                                const domain::PageCallback<domain::WorkspaceMember>& on_page) override;
  Result<domain::WorkspaceMember> GetWorkspaceMember(std::string_view workspace_id, std::string_view user_id) override;
  Result<domain::WorkspaceMember> AddWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                     std::string_view workspace_role) override;
  Result<domain::WorkspaceMember> UpdateWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                        std::string_view workspace_role) override;
  Status RemoveWorkspaceMember(std::string_view workspace_id, std::string_view user_id) override;

  Status ForEachApiKey(const domain::ApiKeyFilter& filter,
                       const domain::PageCallback<domain::ApiKey>& on_page) override;
  Result<domain::ApiKey> GetApiKey(std::string_view api_key_id) override;
  Result<domain::ApiKey> UpdateApiKey(std::string_view api_key_id, const domain::ApiKeyUpdate& update) override;

  Status ForEachUser(const domain::UserFilter& filter, const domain::PageCallback<domain::AdminUser>& on_page) override;
  Result<domain::AdminUser> GetUser(std::string_view user_id) override;
  Result<domain::AdminUser> UpdateUser(std::string_view user_id, std::string_view role) override;
  Status RemoveUser(std::string_view user_id) override;

  Result<domain::Invite> CreateInvite(std::string_view email, std::string_view role) override;
  Status ForEachInvite(const domain::PageCallback<domain::Invite>& on_page) override;
  Result<domain::Invite> GetInvite(std::string_view invite_id) override;
  Status DeleteInvite(std::string_view invite_id) override;

  Status ForEachUsageBucket(const domain::UsageReportQuery& query,
                            const domain::PageCallback<domain::UsageBucket>& on_page) override;
  Status ForEachCostBucket(const domain::CostReportQuery& query,
                           const domain::PageCallback<domain::CostBucket>& on_page) override;

  Result<bool> CheckApiKey(std::string_view key_value) override;

  Status ForEachAnalyticsUsage(const domain::AnalyticsQuery& query,
                               const domain::PageCallback<domain::AnalyticsUsageRow>& on_page) override;
  Status ForEachAnalyticsCost(const domain::AnalyticsQuery& query,
                              const domain::PageCallback<domain::AnalyticsCostRow>& on_page) override;
  Status ForEachOrganizationRateLimit(const domain::PageCallback<domain::RateLimitGroup>& on_page) override;
  Status ForEachWorkspaceRateLimit(std::string_view workspace_id, bool include_inherited,
                                   const domain::PageCallback<domain::RateLimitGroup>& on_page) override;
  Result<domain::RateLimitGroup> SetWorkspaceRateLimits(std::string_view workspace_id, std::string_view rate_limit_id,
                                                        const std::vector<domain::RateLimitChange>& changes) override;
  Status ForEachSpendLimit(const domain::PageCallback<domain::SpendLimit>& on_page) override;
  Result<domain::SpendLimit> SetSpendLimit(const std::optional<std::string>& workspace_id,
                                           std::string_view amount) override;
  Status DeleteSpendLimit(std::string_view spend_limit_id) override;

  // HTTP requests sent so far, retries included (for tests and the benchmark).
  std::uint64_t RequestsSent() const { return requests_sent_.load(); }

 private:
  struct Call;
  struct Final;
  // Reads a 2xx body; an error means the body was unreadable.
  using Reader = std::function<Status(const HttpResponse&)>;
  Result<Final> Execute(const Call& call, const Reader& read = {});
  Status Request(const Call& call, const Reader& read);
  template <typename T>
  Result<T> Object(const Call& call);
  Status Delete(std::string target);
  template <typename T>
  Status ForEachCursor(const std::string& path, std::vector<std::pair<std::string, std::string>> query,
                       const domain::PageCallback<T>& on_page);
  // Report pages (`has_more` + `next_page`) or, with `cursor_only`, the PageCursor of the current
  // endpoints (`next_page` alone); `beta` is sent as `anthropic-beta` when set.
  template <typename T>
  Status ForEachReport(const std::string& path, const std::vector<std::pair<std::string, std::string>>& query,
                       const domain::PageCallback<T>& on_page, bool cursor_only = false, std::string_view beta = {});
  Error MapFailure(const Call& call, const Final& final) const;
  std::string Redact(std::string text, std::string_view extra_secret = {}) const;

  AnthropicAdminClientOptions options_;
  std::shared_ptr<HttpTransport> transport_;
  std::unique_ptr<Clock> owned_clock_;
  std::unique_ptr<Sleeper> owned_sleeper_;
  const Clock* clock_;
  Sleeper* sleeper_;
  std::function<double()> jitter_;
  CircuitBreaker breaker_;
  std::atomic<std::uint64_t> requests_sent_{0};
};

}  // namespace portal::anthropic
