#pragma once
// Usage and cost per customer organization, portal user, API key, workspace and model (R-X1).
//
// The collector pulls Anthropic's daily usage and cost grouped by API key, workspace and model —
// the beta analytics endpoints where the organization has them, else the usage and cost
// reports (which price per workspace and model only: their cost rows carry no key) — and stores
// it in usage_daily, so that reading never waits on Anthropic. The first run back-fills 90 days,
// later runs fetch again from two days before the latest stored day (Anthropic revises recent
// days). Everything is fetched first, then the days are replaced in ONE transaction: a failure
// halfway leaves the stored data as it was, and running it again changes nothing. One run at a
// time in this process, on a background thread, with its progress in memory.
//
// Reading attributes a row to the user who held its key and the organization its workspace
// belonged to at the end of that day (key_holder_history, workspace_link_history). A SuperAdmin
// sees everything, an Admin their organization only, a User their own usage.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/decimal.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

enum class UsageGroupBy { kOrganization, kUser, kApiKey, kWorkspace, kModel };
std::optional<UsageGroupBy> ParseUsageGroupBy(std::string_view text);
std::string_view ToString(UsageGroupBy group_by);

struct UsageQuery {
  std::string from_day;  // YYYY-MM-DD, inclusive; empty: the first day of this month (UTC)
  std::string to_day;    // inclusive, at most 366 days after from_day; empty: today (UTC)
  UsageGroupBy group_by = UsageGroupBy::kOrganization;
  std::optional<std::string> organization_id;
  std::optional<std::string> user_id;
  std::optional<std::string> api_key_id;
  std::optional<std::string> workspace_id;
  std::optional<std::string> model;
};

struct UsageTotals {
  std::int64_t uncached_input_tokens = 0;
  std::int64_t cache_read_input_tokens = 0;
  std::int64_t cache_creation_input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t requests = 0;
  Decimal cost_cents;
  void Add(const UsageRow& row, const Decimal& cost);
};

struct UsageGroup {
  std::optional<std::string> key;  // nullopt: no organization / nobody / no key
  std::string label;               // a name for people ("" when there is none)
  UsageTotals totals;
  std::map<std::string, UsageTotals> days;  // by YYYY-MM-DD, only days with usage
};

struct UsageReport {
  std::string from_day;
  std::string to_day;
  UsageGroupBy group_by = UsageGroupBy::kOrganization;
  std::vector<UsageGroup> groups;  // by cost, then tokens, descending
  UsageTotals totals;
  std::optional<UsageRun> latest_run;
};

class UsageService {
 public:
  UsageService(Store& store, AnthropicConnection& connection, const Clock& clock)
      : store_(store), connection_(connection), clock_(clock) {}
  ~UsageService();

  Result<UsageReport> Query(const Actor& actor, UsageQuery query);
  // Starts a collection (SuperAdmin, Admin); the id of the run (an already running one's).
  Result<std::string> Start(const Actor& actor);
  Result<std::string> StartAs(const std::string& trigger);
  // The running run with its progress, else the latest recorded one (SuperAdmin, Admin).
  Result<std::optional<UsageRun>> Latest(const Actor& actor);
  // Marks runs a crash left "running" as failed (at start-up).
  Status RecoverInterrupted();
  void WaitIdle();
  void Stop();

 private:
  void Execute(UsageRun run);
  Status Collect(UsageRun& run);
  std::optional<UsageRun> Progress();
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  AnthropicConnection& connection_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::optional<UsageRun> running_;  // guarded by mutex_
  std::thread worker_;               // guarded by mutex_
  bool stopping_ = false;            // guarded by mutex_
};

}  // namespace portal::domain
