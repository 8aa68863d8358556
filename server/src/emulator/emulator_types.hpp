#pragma once
// The emulator's data model: plain records for the Admin API objects, the whole state as a
// Snapshot (what the state file holds), and the cursor-page types shared by every list.
// Times are microseconds since the Unix epoch (Anthropic prints microseconds).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace portal::emulator {

using Micros = std::int64_t;

struct Organization {
  std::string id;  // a UUID
  std::string name;
};

struct UserRecord {
  std::string id;
  std::string email;
  std::string name;
  std::string role;  // user, developer, billing, admin, claude_code_user, ...
  Micros added_at = 0;
  std::uint64_t seq = 0;
};

struct DataResidency {
  bool unrestricted = true;                         // allowed_inference_geos == "unrestricted"
  std::vector<std::string> allowed_inference_geos;  // when not unrestricted
  std::string default_inference_geo = "global";
  std::string workspace_geo = "us";
};

struct WorkspaceRecord {
  std::string id;
  std::string name;
  std::string display_color;
  Micros created_at = 0;
  std::optional<Micros> archived_at;
  std::map<std::string, std::string> tags;
  DataResidency data_residency;
  std::string compartment_id;
  std::optional<std::string> user_profile_id;  // write-once
  std::uint64_t seq = 0;
};

struct MemberRecord {
  std::string workspace_id;
  std::string user_id;
  std::string workspace_role;
  std::uint64_t seq = 0;
};

struct ApiKeyRecord {
  std::string id;
  std::string name;
  std::string value;                        // the full secret; never in Admin API responses
  std::optional<std::string> workspace_id;  // nullopt = the Default Workspace
  std::string status;                       // active, inactive, archived
  std::string created_by;                   // a user id
  Micros created_at = 0;
  std::uint64_t seq = 0;
};

struct InviteRecord {
  std::string id;
  std::string email;
  std::string role;
  Micros invited_at = 0;
  Micros expires_at = 0;
  std::string status;  // stored: pending, accepted, deleted ("expired" is derived from the clock)
  std::optional<Micros> accepted_at;
  std::uint64_t seq = 0;
};

// A monthly spend limit of the organization or of one workspace (the Console's preview).
struct SpendLimitRecord {
  std::string id;                           // spl_...
  std::optional<std::string> workspace_id;  // nullopt = the organization's own limit
  std::string period = "monthly";
  std::string amount;  // minor units (cents) as a non-negative integer decimal string
  Micros created_at = 0;
  Micros updated_at = 0;
  std::uint64_t seq = 0;
};

// Switches for what the emulated organization has (POST /_emulator/settings, the state file).
struct EmulatorSettings {
  bool spend_limits_enabled = true;   // false: 403 spend_limits_admin_api_writes_not_enabled
  bool analytics_enabled = true;      // false: the analytics endpoints answer 404 (an older organization)
  int org_active_api_keys_limit = 0;  // 0 = no limit; checked when a key is re-activated
  int workspace_active_api_keys_limit = 0;
  // Not 0: Anthropic has revised the usage (and cost) of the last two days; each value gives other
  // numbers for those days, as a late correction of recent buckets would.
  int usage_revision = 0;
  // Not 0: the analytics endpoints answer at most this many rows per page, whatever `limit` asks.
  int analytics_page_limit = 0;
};

// Workspace rate-limit overrides: rate_limit_id -> limiter type -> value.
using RateLimitOverrides = std::map<std::string, std::map<std::string, std::int64_t>>;

// Everything the emulator knows; vectors are in creation order (ascending seq).
struct Snapshot {
  Organization organization;
  std::string default_workspace_id;
  std::vector<UserRecord> users;
  std::vector<WorkspaceRecord> workspaces;
  std::vector<MemberRecord> members;
  std::vector<ApiKeyRecord> api_keys;
  std::vector<InviteRecord> invites;
  // Cursor positions of deleted objects ("users/<id>", "invites/<id>", "members/<ws>/<user>"),
  // so that a page walk survives a delete of the object it stands on.
  std::map<std::string, std::uint64_t> tombstones;
  std::map<std::string, RateLimitOverrides> rate_limit_overrides;  // by workspace id
  std::vector<SpendLimitRecord> spend_limits;
  EmulatorSettings settings;
  std::uint64_t next_seq = 1;
  // Seeds the ids and values minted after start-up (deterministic runs).
  std::uint64_t seed = 1;
};

// ---- Cursor pages (§3.1): newest first, before_id / after_id / limit 1..1000 (default 20) ----

struct PageRequest {
  std::optional<std::string> before_id;
  std::optional<std::string> after_id;
  int limit = 20;
};

template <typename T>
struct Page {
  std::vector<T> data;
  bool has_more = false;
  std::optional<std::string> first_id;
  std::optional<std::string> last_id;
};

// ---- Time ----

// "2024-10-30T23:58:27.427722Z"
std::string FormatMicros(Micros t);
// "2025-08-01T00:00:00Z"
std::string FormatSeconds(Micros t);
// RFC 3339 with optional fraction and a Z or ±HH:MM offset; nullopt when malformed.
std::optional<Micros> ParseRfc3339(std::string_view text);
// A well-formed calendar date "YYYY-MM-DD" (what anthropic-version must be).
bool IsIsoDate(std::string_view text);

constexpr Micros kMicrosPerSecond = 1'000'000;
constexpr Micros kMicrosPerDay = 86'400 * kMicrosPerSecond;

}  // namespace portal::emulator
