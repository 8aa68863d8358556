#pragma once
// The dashboard (R-D2, R-D3, R-X3): the caller's header data, their organization cards, counts,
// the last sync and drift alerts, scoped like everything else (SuperAdmin: all organizations;
// Admin and User: their own; a User's alerts are only about themselves).
//
// Drift: an active user whose key is no longer usable — inactive, archived or expired in the
// Console, or gone from Anthropic altogether (vanished). Disabled users are not flagged. Limit
// drift: an organization whose limits were changed in the Console since the portal set them (as
// last checked: after each sync, and whenever its limits are read), for SuperAdmin and its Admin.
//
// Blocking (database); thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/key_brief.hpp"
#include "domain/organization_service.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct DriftAlert {
  std::string user_id;
  std::string user_name;
  std::string user_email;
  std::optional<std::string> organization_id;
  ApiKeyBrief api_key;
};

struct DashboardCounts {
  std::int64_t organizations = 0;
  std::int64_t users = 0;
  std::int64_t workspaces = 0;
  std::int64_t api_keys = 0;
};

struct LimitDriftAlert {
  std::string organization_id;
  std::string organization_name;
  std::int64_t changes = 0;
};

struct Dashboard {
  std::vector<OrganizationSummary> organizations;
  DashboardCounts counts;
  std::optional<SyncRun> last_sync;  // SuperAdmin and Admin only
  std::vector<DriftAlert> alerts;
  std::vector<LimitDriftAlert> limit_alerts;
};

class DashboardService {
 public:
  explicit DashboardService(Store& store) : store_(store) {}
  Result<Dashboard> Get(const Actor& actor);

 private:
  Store& store_;
};

}  // namespace portal::domain
