#pragma once
// Synthetic usage and cost reports (docs §6.7, §6.8). The numbers are a pure function of the
// seed, the API keys and the bucket start, so a report never changes between calls and the
// cost report is consistent with the usage report (same token counts, priced per model).
// Buckets that start after `now` come back with empty results. Paging: `limit` buckets per
// page, `next_page` = "page_" + base64(start of the next bucket), as in the docs' example.

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "emulator/emulator_params.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {

// GET /v1/organizations/usage_report/messages
Result<boost::json::object> UsageReport(const Snapshot& state, const QueryParams& query, Micros now);
// GET /v1/organizations/cost_report
Result<boost::json::object> CostReport(const Snapshot& state, const QueryParams& query, Micros now);

// The current beta analytics endpoints (`anthropic-beta: analytics-usage-cost-2026-08-24`):
// rows grouped by up to five dimensions, over the whole range or per `time_bucket_width`,
// ordered by a metric and paged by row. The same synthetic traffic as the reports above, so a
// day's totals agree with the usage and cost reports; the Default Workspace has its real id.
// Every key's use of one model on one UTC day (`day_start`), as the analytics endpoints report it
// grouped by api_key_id, workspace_id and model with daily buckets: for tests that compute
// expected totals without the portal. Cost is cents as the endpoints print it.
struct EmulatedUsage {
  std::string api_key_id;
  std::string workspace_id;  // the Default Workspace's real id included
  std::string model;
  std::int64_t uncached_input_tokens = 0;
  std::int64_t cache_read_input_tokens = 0;
  std::int64_t cache_creation_input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t requests = 0;
  std::string cost_cents;
};
std::vector<EmulatedUsage> EmulatedDailyUsage(const Snapshot& state, Micros day_start, Micros now);

// Every row of one analytics query, rendered: one entry per counted row (a cost row with its
// cost_type/token_type fan-out). A client pages through one query: the rows are computed once
// and kept (the caller's key names the query without its page, the state and the minute).
using AnalyticsRows = std::vector<boost::json::array>;
class AnalyticsCache {
 public:
  std::shared_ptr<const AnalyticsRows> Find(std::string_view key);
  void Put(std::string key, std::shared_ptr<const AnalyticsRows> rows);

 private:
  static constexpr std::size_t kEntries = 8;
  std::mutex mutex_;
  std::deque<std::pair<std::string, std::shared_ptr<const AnalyticsRows>>> entries_;
};

// GET /v1/organizations/analytics/usage (`cache` may be null)
Result<boost::json::object> AnalyticsUsage(const Snapshot& state, const QueryParams& query, Micros now,
                                           AnalyticsCache* cache = nullptr, std::string_view cache_key = {});
// GET /v1/organizations/analytics/cost
Result<boost::json::object> AnalyticsCost(const Snapshot& state, const QueryParams& query, Micros now,
                                          AnalyticsCache* cache = nullptr, std::string_view cache_key = {});

}  // namespace portal::emulator
