#pragma once
// Anthropic's JSON ↔ domain types. Tolerant reader: unknown fields are ignored, missing or null
// optional fields become nullopt/empty, a number where a string was expected is ignored. A body
// that is not JSON, or misses what identifies the object (id, data[]), is a kUpstream error
// ("anthropic_bad_response") whose detail names the problem but never quotes the body.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "domain/anthropic_admin.hpp"

namespace portal::anthropic {

// {data, has_more, first_id, last_id} — users, invites, workspaces, members, API keys.
template <typename T>
struct CursorPage {
  std::vector<T> data;
  bool has_more = false;
  std::optional<std::string> first_id;
  std::optional<std::string> last_id;
};

// {data, has_more, next_page} — usage and cost reports.
template <typename T>
struct ReportPage {
  std::vector<T> data;
  bool has_more = false;
  std::optional<std::string> next_page;
};

// {"type":"error","error":{"type","message"},"request_id"}
struct ErrorBody {
  std::string type;
  std::string message;
  std::optional<std::string> request_id;
  // error.details.error_code (2026-10-21: the machine code of a business error) and the
  // details' workspace_id (503 workspace_created_incomplete names the workspace it made).
  std::optional<std::string> error_code;
  std::optional<std::string> workspace_id;
};

// The "…_deleted" answers of DELETE endpoints.
struct DeletedObject {
  std::string id;    // user_id for workspace_member_deleted
  std::string type;  // "user_deleted" | "invite_deleted" | "workspace_member_deleted"
};

// T is one of OrganizationInfo, Workspace, WorkspaceMember, ApiKey, AdminUser, Invite,
// DeletedObject.
template <typename T>
Result<T> ParseObject(std::string_view json);
// T is one of Workspace, WorkspaceMember, ApiKey, AdminUser, Invite.
template <typename T>
Result<CursorPage<T>> ParseCursorPage(std::string_view json);
// T is UsageBucket or CostBucket.
template <typename T>
Result<ReportPage<T>> ParseReportPage(std::string_view json);

std::optional<ErrorBody> ParseErrorBody(std::string_view json);

// Request bodies (only set fields are written).
std::string EncodeWorkspaceCreate(const domain::WorkspaceCreate& request);
std::string EncodeWorkspaceUpdate(const domain::WorkspaceUpdate& update);
std::string EncodeApiKeyUpdate(const domain::ApiKeyUpdate& update);
std::string EncodeRateLimitChanges(const std::vector<domain::RateLimitChange>& changes);
std::string EncodeSpendLimit(const std::optional<std::string>& workspace_id, std::string_view amount);
std::string EncodeObject(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

}  // namespace portal::anthropic
