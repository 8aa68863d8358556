#pragma once
// Limits per customer organization: the rate limits and the monthly spend limit of the
// Anthropic workspaces linked to a portal organization, so that one customer cannot use up the
// whole Anthropic organization's rate limit or budget.
//
// Reading: SuperAdmin any organization, an Admin their own (another → kNotFound), a User
// kForbidden. Changing: SuperAdmin only (an Admin gets kForbidden for their own organization).
// Every read asks Anthropic (limits change in the Console too); a change is made at Anthropic
// first, then recorded (what the portal set, for the drift check) and audited in one transaction.
// A rate limit may not exceed the Anthropic organization's own limit of that type
// (kInvalidArgument `limit_above_organization`). Spend limits need Anthropic's spend-limit
// preview; without it the read says so (spend_limits_available false) and a change fails with
// `anthropic_spend_limits_admin_api_writes_not_enabled`.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_admin.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct LimitValueView {
  std::string type;
  std::int64_t value = 0;                 // effective (override, else the organization's)
  std::optional<std::int64_t> org_limit;  // the Anthropic organization's ceiling
  bool overridden = false;                // set on the workspace
};

struct LimitGroupView {
  std::string rate_limit_id;
  std::string group_type;
  std::string display_name;
  std::vector<std::string> models;
  std::vector<LimitValueView> limits;
};

struct SpendLimitView {
  std::optional<std::string> id;
  std::optional<std::string> amount_cents;  // nullopt = no spend limit on the workspace
};

// A limit changed outside the portal (in the Console) since the portal last set it.
struct LimitDrift {
  std::string workspace_id;
  std::string scope;  // a rate_limit_id, or "spend"
  std::string limiter_type;
  std::optional<std::int64_t> expected;  // what the portal set (nullopt = cleared)
  std::optional<std::int64_t> actual;    // what Anthropic has now (nullopt = none)
  std::int64_t set_at = 0;
};

struct WorkspaceLimitsView {
  std::string workspace_id;
  std::string name;
  std::vector<LimitGroupView> groups;
  std::optional<SpendLimitView> spend;  // nullopt when spend limits are unavailable
};

struct OrganizationLimitsView {
  std::string organization_id;
  std::vector<LimitGroupView> organization_limits;  // the ceiling
  std::vector<WorkspaceLimitsView> workspaces;      // linked, not archived
  bool spend_limits_available = false;
  std::optional<std::string> spend_limits_unavailable_code;  // api code of the reason
  std::vector<LimitDrift> drift;
};

// Organizations whose limits differ from what the portal last set (Console changes), as last
// checked: organization id → number of differences. Kept in the settings ("limits.drift"), written
// by LimitsService, read by the dashboard.
Result<std::map<std::string, std::int64_t>> ReadLimitDrift(Tx& tx);

class LimitsService {
 public:
  LimitsService(Store& store, AnthropicConnection& connection, const Clock& clock)
      : store_(store), connection_(connection), clock_(clock) {}

  Result<OrganizationLimitsView> Get(const Actor& actor, const std::string& organization_id);
  // Sets (value) or clears (nullopt) limiter types of one rate-limit group on a workspace.
  Result<OrganizationLimitsView> SetRateLimits(const Actor& actor, const std::string& organization_id,
                                               const std::string& workspace_id, const std::string& rate_limit_id,
                                               const std::vector<RateLimitChange>& changes);
  // A monthly limit in cents (decimal digits), or nullopt to remove it.
  Result<OrganizationLimitsView> SetSpendLimit(const Actor& actor, const std::string& organization_id,
                                               const std::string& workspace_id,
                                               const std::optional<std::string>& amount_cents);
  // Compares every organization with limits the portal set against Anthropic now (after each
  // sync) and records the result for the dashboard. Reading one organization's limits (Get)
  // records its result too.
  Status CheckDrift();

 private:
  Result<std::vector<WorkspaceRecord>> LinkedWorkspaces(const std::string& organization_id);
  Status CheckManaged(const Actor& actor, const std::string& organization_id, const std::string& workspace_id);
  // Replaces the recorded drift of `organizations` (an organization without drift is dropped).
  Status RecordDrift(const std::map<std::string, std::int64_t>& organizations, bool replace_all);
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  AnthropicConnection& connection_;
  const Clock& clock_;
};

}  // namespace portal::domain
