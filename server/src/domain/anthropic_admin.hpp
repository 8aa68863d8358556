#pragma once
// What the portal needs from Anthropic's Admin API (shared/anthropic-admin-api.md), owned by the
// domain and implemented by anthropic/ (AnthropicAdminClient) — or by a fake in tests.
//
// Conventions
// - Timestamps are kept exactly as Anthropic sends them: RFC 3339 UTC strings
//   ("2024-10-30T23:58:27.427722Z"; report buckets "2025-08-01T00:00:00Z"). They sort
//   lexicographically; convert at the edge where a Unix-ms value is stored.
// - IDs are opaque strings. Enumerations that Anthropic says "will grow" (roles, invite status)
//   stay strings; the API key status is an enum with kUnknown for values newer than this code.
// - Optional fields of the current API generation are std::optional / empty containers when an
//   older server (or the emulator) leaves them out. Unknown fields are ignored.
// - Errors are values. Error::message is written for an admin; Error::detail (for the log) holds
//   HTTP status, Anthropic's error.type, its message and the request-id. The admin key never
//   appears in either. Codes: 400 → kInvalidArgument, 401 (admin key rejected) → kUpstream with
//   api_code "anthropic_auth_failed" (not kUnauthenticated: the portal user is fine), 403 →
//   kForbidden, 404 → kNotFound, 409 → kConflict, 429 → kRateLimited, 529/timeouts/connection
//   failures/open circuit → kUnavailable, other 5xx and unreadable responses → kUpstream.
//   api_code is always set to a specific "anthropic_…" value.
// - List methods stream: `on_page` is called once per upstream page (≤ 1000 items) and the span
//   is only valid during the call. Returning an error from `on_page` stops the listing and that
//   error is returned. Nothing is accumulated by the implementation.
// - Implementations are thread-safe.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace portal::domain {

// GET /v1/organizations/me
struct OrganizationInfo {
  std::string id;  // a UUID
  std::string name;
};

struct DataResidency {
  // Either "unrestricted" (allowed_inference_geos empty) or a list such as {"global", "us"}.
  bool unrestricted = false;
  std::vector<std::string> allowed_inference_geos;
  std::string default_inference_geo;  // "global" | "us"
  std::string workspace_geo;          // "us"
};

struct Workspace {
  std::string id;  // "wrkspc_…"
  std::string name;
  std::string display_color;  // "#6C5BB9"
  std::string created_at;
  std::optional<std::string> archived_at;  // nullopt = not archived
  // Current-generation fields (absent from classic responses).
  std::map<std::string, std::string> tags;
  std::optional<DataResidency> data_residency;
  std::optional<std::string> compartment_id;
  std::optional<std::string> external_key_id;
};

struct WorkspaceFilter {
  bool include_archived = false;
};

struct WorkspaceCreate {
  std::string name;                          // 1–40 characters
  std::optional<std::string> display_color;  // "#RRGGBB"; Anthropic may pick one when omitted
};

// Only the fields that are set are sent.
struct WorkspaceUpdate {
  std::optional<std::string> name;
  std::optional<std::string> display_color;
};

struct WorkspaceMember {
  std::string user_id;
  std::string workspace_id;
  std::string workspace_role;  // workspace_user | workspace_developer | workspace_admin | …
};

enum class ApiKeyStatus { kActive, kInactive, kArchived, kExpired, kUnknown };
inline std::string_view ToString(ApiKeyStatus status) {
  switch (status) {
    case ApiKeyStatus::kActive: return "active";
    case ApiKeyStatus::kInactive: return "inactive";
    case ApiKeyStatus::kArchived: return "archived";
    case ApiKeyStatus::kExpired: return "expired";
    case ApiKeyStatus::kUnknown: break;
  }
  return "unknown";
}
inline ApiKeyStatus ParseApiKeyStatus(std::string_view text) {
  if (text == "active") return ApiKeyStatus::kActive;
  if (text == "inactive") return ApiKeyStatus::kInactive;
  if (text == "archived") return ApiKeyStatus::kArchived;
  if (text == "expired") return ApiKeyStatus::kExpired;
  return ApiKeyStatus::kUnknown;
}

struct UpstreamActor {
  std::string id;
  std::string type;  // "user" | "service_account"
};

struct ApiKeyScope {
  std::string type;                         // "workspace" | "organization"
  std::optional<std::string> workspace_id;  // the real ID, even for the Default Workspace
};

struct ApiKeyPrincipal {
  std::string type;  // "user_actor" | "service_account_actor"
  std::string id;    // user_id or service_account_id
};

struct ApiKey {
  std::string id;  // "apikey_…"
  std::string name;
  ApiKeyStatus status = ApiKeyStatus::kUnknown;
  std::optional<std::string> partial_key_hint;  // "sk-ant-api03-R2D...igAA"
  std::optional<std::string> workspace_id;      // nullopt = Default Workspace (or org-scoped)
  std::string created_at;
  std::optional<UpstreamActor> created_by;  // null for legacy/system-created keys
  // Current-generation fields.
  std::optional<std::string> expires_at;
  std::optional<ApiKeyScope> scope;
  std::optional<ApiKeyPrincipal> principal;
};

struct ApiKeyFilter {
  std::optional<ApiKeyStatus> status;  // kUnknown is rejected with kInvalidArgument
  std::optional<std::string> workspace_id;
  std::optional<std::string> created_by_user_id;
};

struct ApiKeyUpdate {
  std::optional<std::string> name;     // 1–500 characters
  std::optional<ApiKeyStatus> status;  // active | inactive | archived
};

struct AdminUser {
  std::string id;  // "user_…"
  std::string email;
  std::string name;
  std::string role;  // user | developer | billing | admin | claude_code_user | owner | …
  std::string added_at;
};

struct UserFilter {
  std::optional<std::string> email;
};

struct Invite {
  std::string id;  // "invite_…"
  std::string email;
  std::string role;
  std::string status;  // pending | accepted | expired | deleted
  std::string invited_at;
  std::string expires_at;
  std::optional<std::string> accepted_at;
};

// GET /v1/organizations/usage_report/messages. Empty vectors are not sent.
struct UsageReportQuery {
  std::string starting_at;  // required, RFC 3339
  std::optional<std::string> ending_at;
  std::optional<std::string> bucket_width;  // "1d" | "1h" | "1m"
  std::optional<int> limit;                 // buckets per page
  std::vector<std::string> api_key_ids;
  std::vector<std::string> workspace_ids;
  std::vector<std::string> models;
  std::vector<std::string> service_tiers;
  std::vector<std::string> context_window;
  std::vector<std::string> group_by;  // api_key_id | workspace_id | model | service_tier | …
};

struct UsageResult {
  std::int64_t uncached_input_tokens = 0;
  std::int64_t cache_creation_1h_input_tokens = 0;
  std::int64_t cache_creation_5m_input_tokens = 0;
  std::int64_t cache_read_input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t web_search_requests = 0;
  // Dimensions: nullopt when not grouped by them (workspace_id also for the Default Workspace).
  std::optional<std::string> api_key_id;
  std::optional<std::string> workspace_id;
  std::optional<std::string> model;
  std::optional<std::string> service_tier;
  std::optional<std::string> context_window;
  std::optional<std::string> inference_geo;
};

struct UsageBucket {
  std::string starting_at;  // inclusive
  std::string ending_at;    // exclusive
  std::vector<UsageResult> results;
};

// GET /v1/organizations/cost_report
struct CostReportQuery {
  std::string starting_at;  // required, RFC 3339
  std::optional<std::string> ending_at;
  std::optional<int> limit;           // daily buckets per page (1–31)
  std::vector<std::string> group_by;  // workspace_id | description
};

struct CostResult {
  std::string currency;  // "USD"
  // Decimal string in the lowest currency unit (cents): "123.45" = $1.23. Kept as text so that
  // no precision is lost.
  std::string amount;
  std::optional<std::string> workspace_id;
  std::optional<std::string> description;
  std::optional<std::string> cost_type;
  std::optional<std::string> context_window;
  std::optional<std::string> model;
  std::optional<std::string> service_tier;
  std::optional<std::string> token_type;
  std::optional<std::string> inference_geo;
};

struct CostBucket {
  std::string starting_at;
  std::string ending_at;
  std::vector<CostResult> results;
};

// Rate limits (GET /v1/organizations/rate_limits and a workspace's). One limiter value: for an
// organization entry `source` is empty and `org_limit` unset; for a workspace, `source` is
// "workspace" (an override) or "organization" (inherited) and `org_limit` is the organization's
// value of that type (unset when it has none).
struct RateLimitValue {
  std::string type;  // requests_per_minute, input_tokens_per_minute, output_tokens_per_minute, …
  std::int64_t value = 0;
  std::optional<std::int64_t> org_limit;
  std::string source;
};

struct RateLimitGroup {
  std::string rate_limit_id;  // the organization's entry id (what a workspace override names)
  std::string group_type;     // model_group | batch | token_count | files | skills | web_search
  std::string display_name;   // model groups only
  std::vector<std::string> models;
  std::vector<RateLimitValue> limits;
};

// Sets (value) or clears (nullopt) one limiter type of a workspace override.
struct RateLimitChange {
  std::string type;
  std::optional<std::int64_t> value;
};

// Spend limits (beta; the Console's preview: monthly, per organization or workspace).
struct SpendLimit {
  std::string id;                     // "spl_…"
  std::optional<std::string> amount;  // minor units (cents), integer decimal string
  std::string currency;
  std::string period;                       // monthly | weekly | daily
  std::string scope_type;                   // organization | workspace | user | …
  std::optional<std::string> workspace_id;  // scope_type workspace
  std::string updated_at;
};

// The beta analytics (GET /v1/organizations/analytics/usage and /cost): rows per day
// (time_bucket_width 1d) and group (api_key_id, workspace_id, model).
struct AnalyticsQuery {
  std::string starting_at;  // RFC 3339, inclusive
  std::string ending_at;    // RFC 3339, exclusive; at most 31 days after starting_at
  std::vector<std::string> group_by;
};

struct AnalyticsUsageRow {
  std::string starting_at;
  std::optional<std::string> api_key_id;
  std::optional<std::string> workspace_id;
  std::optional<std::string> model;
  std::int64_t uncached_input_tokens = 0;
  std::int64_t cache_read_input_tokens = 0;
  std::int64_t cache_creation_input_tokens = 0;  // 5-minute and 1-hour writes together
  std::int64_t output_tokens = 0;
  std::int64_t requests = 0;
};

struct AnalyticsCostRow {
  std::string starting_at;
  std::optional<std::string> api_key_id;
  std::optional<std::string> workspace_id;
  std::optional<std::string> model;
  std::string amount;  // decimal string of cents
  std::string currency;
};

template <typename T>
using PageCallback = std::function<Status(std::span<const T>)>;

class AnthropicAdmin {
 public:
  virtual ~AnthropicAdmin() = default;

  virtual Result<OrganizationInfo> GetOrganization() = 0;

  // Workspaces. The Default Workspace is never listed.
  virtual Status ForEachWorkspace(const WorkspaceFilter& filter, const PageCallback<Workspace>& on_page) = 0;
  virtual Result<Workspace> GetWorkspace(std::string_view workspace_id) = 0;
  virtual Result<Workspace> CreateWorkspace(const WorkspaceCreate& request) = 0;
  virtual Result<Workspace> UpdateWorkspace(std::string_view workspace_id, const WorkspaceUpdate& update) = 0;
  // Permanent: archives the workspace's API keys too.
  virtual Result<Workspace> ArchiveWorkspace(std::string_view workspace_id) = 0;

  // Workspace members (org admins/billing are implicit members and are not listed).
  virtual Status ForEachWorkspaceMember(std::string_view workspace_id,
                                        const PageCallback<WorkspaceMember>& on_page) = 0;
  virtual Result<WorkspaceMember> GetWorkspaceMember(std::string_view workspace_id, std::string_view user_id) = 0;
  virtual Result<WorkspaceMember> AddWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                     std::string_view workspace_role) = 0;
  virtual Result<WorkspaceMember> UpdateWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                        std::string_view workspace_role) = 0;
  virtual Status RemoveWorkspaceMember(std::string_view workspace_id, std::string_view user_id) = 0;

  // API keys (the Admin API cannot create, delete or reveal keys).
  virtual Status ForEachApiKey(const ApiKeyFilter& filter, const PageCallback<ApiKey>& on_page) = 0;
  virtual Result<ApiKey> GetApiKey(std::string_view api_key_id) = 0;
  virtual Result<ApiKey> UpdateApiKey(std::string_view api_key_id, const ApiKeyUpdate& update) = 0;

  // Organization members.
  virtual Status ForEachUser(const UserFilter& filter, const PageCallback<AdminUser>& on_page) = 0;
  virtual Result<AdminUser> GetUser(std::string_view user_id) = 0;
  virtual Result<AdminUser> UpdateUser(std::string_view user_id, std::string_view role) = 0;
  virtual Status RemoveUser(std::string_view user_id) = 0;

  // Invites (expire after 21 days; sending one emails the invitee).
  virtual Result<Invite> CreateInvite(std::string_view email, std::string_view role) = 0;
  virtual Status ForEachInvite(const PageCallback<Invite>& on_page) = 0;
  virtual Result<Invite> GetInvite(std::string_view invite_id) = 0;
  virtual Status DeleteInvite(std::string_view invite_id) = 0;

  // Reports: pages follow next_page until has_more is false.
  virtual Status ForEachUsageBucket(const UsageReportQuery& query, const PageCallback<UsageBucket>& on_page) = 0;
  virtual Status ForEachCostBucket(const CostReportQuery& query, const PageCallback<CostBucket>& on_page) = 0;

  // Analytics (beta; sends anthropic-beta analytics-usage-cost-2026-08-24).
  virtual Status ForEachAnalyticsUsage(const AnalyticsQuery& query, const PageCallback<AnalyticsUsageRow>& on_page) = 0;
  virtual Status ForEachAnalyticsCost(const AnalyticsQuery& query, const PageCallback<AnalyticsCostRow>& on_page) = 0;

  // Rate limits. A workspace lists only its overrides unless `include_inherited`.
  virtual Status ForEachOrganizationRateLimit(const PageCallback<RateLimitGroup>& on_page) = 0;
  virtual Status ForEachWorkspaceRateLimit(std::string_view workspace_id, bool include_inherited,
                                           const PageCallback<RateLimitGroup>& on_page) = 0;
  // Types not named keep their value; returns the group's overrides after the change.
  virtual Result<RateLimitGroup> SetWorkspaceRateLimits(std::string_view workspace_id, std::string_view rate_limit_id,
                                                        const std::vector<RateLimitChange>& changes) = 0;

  // Spend limits (beta). An organization without the preview answers 403
  // `anthropic_spend_limits_admin_api_writes_not_enabled`.
  virtual Status ForEachSpendLimit(const PageCallback<SpendLimit>& on_page) = 0;
  // Monthly; `workspace_id` nullopt = the organization's own limit. Upsert on the scope.
  virtual Result<SpendLimit> SetSpendLimit(const std::optional<std::string>& workspace_id, std::string_view amount) = 0;
  virtual Status DeleteSpendLimit(std::string_view spend_limit_id) = 0;

  // Checks a pasted (non-admin) key with GET /v1/models using that key: true on 200, false on
  // 401; any other outcome is an error. The key is never logged or put into an error.
  virtual Result<bool> CheckApiKey(std::string_view key_value) = 0;
};

}  // namespace portal::domain
