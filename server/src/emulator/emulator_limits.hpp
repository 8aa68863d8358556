#pragma once
// Rate limits and spend limits of the emulated organization (the Admin API's current
// `rate_limits` and beta `spend_limits` endpoints; docs/anthropic.md "Emulator choices").
//
// The organization's own rate limits are a fixed catalogue (groups for three model families,
// batch, token counting, files, skills, web search); entry ids are derived from the
// organization id, group ids are the same everywhere, as Anthropic describes. Workspace
// overrides live in the Snapshot. Lists page with `limit`/`page` (no `limit`: everything in one
// page; `next_page` = "page_" + base64 of the next offset).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "emulator/emulator_params.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {

struct OrgRateLimit {
  std::string id;                   // the organization's entry id: pass as rate_limit_id
  std::string group_id;             // rlg_...
  std::string group_type;           // model_group, batch, token_count, files, skills, web_search
  std::string display_name;         // model groups only
  std::vector<std::string> models;  // model groups only
  std::vector<std::pair<std::string, std::int64_t>> limits;  // limiter type -> value
};

std::vector<OrgRateLimit> OrganizationRateLimits(const Organization& organization);
const OrgRateLimit* FindRateLimit(const std::vector<OrgRateLimit>& all, std::string_view id);
// The limiter types a workspace may override.
bool IsWorkspaceLimiterType(std::string_view type);

// `current` = anthropic-version 2026-10-21 (older versions also get the deprecated group_type).
// GET /v1/organizations/rate_limits
Result<boost::json::object> OrganizationRateLimitsJson(const Snapshot& state, const QueryParams& query, bool current);
// GET /v1/organizations/workspaces/{id}/rate_limits (the workspace must exist).
Result<boost::json::object> WorkspaceRateLimitsJson(const Snapshot& state, const std::string& workspace_id,
                                                    const QueryParams& query, bool current);
// One group's entry for a workspace: its overrides, or with `inherited` also the organization's.
boost::json::object WorkspaceRateLimitJson(const Snapshot& state, const OrgRateLimit& group,
                                           const std::string& workspace_id, bool inherited, bool current);

boost::json::object SpendLimitJson(const SpendLimitRecord& limit);
// A cursor page over already-built items ("limit" optional 1..1000, "page" token).
Result<boost::json::object> CursorPage(boost::json::array items, const QueryParams& query);

}  // namespace portal::emulator
