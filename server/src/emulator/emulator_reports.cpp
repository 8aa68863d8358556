#include "emulator/emulator_reports.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "emulator/emulator_random.hpp"

namespace portal::emulator {
namespace json = boost::json;

namespace {

struct ModelInfo {
  std::string_view id;
  std::string_view label;
  // USD per million tokens: input, output, cache read, cache write 5m, cache write 1h.
  double input, output, cache_read, write_5m, write_1h;
};

constexpr std::array<ModelInfo, 3> kModels = {{
    {"claude-sonnet-4-20250514", "Claude Sonnet 4", 3.0, 15.0, 0.30, 3.75, 6.0},
    {"claude-opus-4-1-20250805", "Claude Opus 4.1", 15.0, 75.0, 1.50, 18.75, 30.0},
    {"claude-3-5-haiku-20241022", "Claude Haiku 3.5", 0.80, 4.0, 0.08, 1.0, 1.6},
}};

// One key's use of one model in one bucket: the unit that reports group and sum.
struct Atom {
  std::string api_key_id;
  std::optional<std::string> workspace_id;
  const ModelInfo* model = nullptr;
  std::string service_tier;
  std::string context_window;
  std::int64_t uncached_input = 0, cache_1h = 0, cache_5m = 0, cache_read = 0, output = 0, web_search = 0;
};

struct BucketPlan {
  std::vector<Micros> starts;
  Micros width = kMicrosPerDay;
  std::optional<Micros> next_page;
};

Result<BucketPlan> PlanBuckets(const QueryParams& query, Micros now, bool daily_only, int default_limit_1d) {
  auto starting_text = query.Get("starting_at");
  if (!starting_text) return Fail(Error::InvalidArgument("starting_at: required"));
  auto starting_at = ParseRfc3339(*starting_text);
  if (!starting_at) return Fail(Error::InvalidArgument("starting_at: expected an RFC 3339 date-time"));
  std::optional<Micros> ending_at;
  if (auto text = query.Get("ending_at")) {
    ending_at = ParseRfc3339(*text);
    if (!ending_at) return Fail(Error::InvalidArgument("ending_at: expected an RFC 3339 date-time"));
    if (*ending_at <= *starting_at) return Fail(Error::InvalidArgument("ending_at: must be after starting_at"));
  }
  std::string width_name = query.Get("bucket_width").value_or("1d");
  BucketPlan plan;
  int default_limit = default_limit_1d, max_limit = 31;
  if (width_name == "1d") {
    plan.width = kMicrosPerDay;
  } else if (width_name == "1h" && !daily_only) {
    plan.width = 3600 * kMicrosPerSecond;
    default_limit = 24;
    max_limit = 168;
  } else if (width_name == "1m" && !daily_only) {
    plan.width = 60 * kMicrosPerSecond;
    default_limit = 60;
    max_limit = 1440;
  } else {
    return Fail(Error::InvalidArgument(daily_only ? "bucket_width: must be 1d" : "bucket_width: must be 1d, 1h or 1m"));
  }
  auto limit = ParseInt(query, "limit", default_limit, 1, max_limit);
  if (!limit) return Fail(limit.error());

  auto floor_to = [&](Micros t) { return (t >= 0 ? t / plan.width : (t - plan.width + 1) / plan.width) * plan.width; };
  Micros start = floor_to(*starting_at);
  if (auto page = query.Get("page")) {
    std::optional<Micros> cursor;
    if (page->starts_with("page_")) {
      if (auto decoded = Base64Decode(page->substr(5))) cursor = ParseRfc3339(*decoded);
    }
    if (!cursor || *cursor < start || floor_to(*cursor) != *cursor) {
      return Fail(Error::InvalidArgument("page: invalid page token"));
    }
    start = *cursor;
  }
  // Buckets that start before ending_at (or before now when it is absent).
  Micros bound = ending_at.value_or(now);
  Micros b = start;
  while (b < bound && static_cast<int>(plan.starts.size()) < *limit) {
    plan.starts.push_back(b);
    b += plan.width;
  }
  if (b < bound && !plan.starts.empty()) plan.next_page = b;
  return plan;
}

std::vector<Atom> AtomsFor(const Snapshot& state, Micros bucket_start, Micros width, Micros now) {
  std::vector<Atom> atoms;
  if (bucket_start >= now) return atoms;
  for (std::size_t i = 0; i < state.api_keys.size(); ++i) {
    const auto& key = state.api_keys[i];
    if (key.created_at >= bucket_start + width) continue;
    std::uint64_t key_hash = Mix(state.seed, HashText(key.id));
    std::uint64_t h = Mix(key_hash, static_cast<std::uint64_t>(bucket_start / kMicrosPerSecond));
    // A revision changes the buckets of the last two days (whole days, whatever the bucket width).
    const Micros day = bucket_start - bucket_start % kMicrosPerDay;
    if (state.settings.usage_revision != 0 && day >= now - now % kMicrosPerDay - kMicrosPerDay) {
      h = Mix(h, static_cast<std::uint64_t>(state.settings.usage_revision));
    }
    if (h % 10 >= 7) continue;  // idle in this bucket
    std::size_t models = (h >> 4) % 3 == 0 ? 2 : 1;
    for (std::size_t m = 0; m < models; ++m) {
      std::uint64_t hm = Mix(h, m + 1);
      Atom atom;
      atom.api_key_id = key.id;
      atom.workspace_id = key.workspace_id;
      atom.model = &kModels[(key_hash + m) % kModels.size()];
      atom.service_tier = (hm >> 8) % 5 == 0 ? "batch" : "standard";
      atom.context_window = (hm >> 12) % 10 == 0 ? "200k-1M" : "0-200k";
      // Daily volumes scaled down to the bucket width.
      auto scaled = [&](std::uint64_t per_day) {
        return static_cast<std::int64_t>(per_day * static_cast<std::uint64_t>(width) /
                                         static_cast<std::uint64_t>(kMicrosPerDay));
      };
      atom.uncached_input = scaled(20'000 + (hm >> 16) % 380'000);
      atom.output = scaled(5'000 + (hm >> 24) % 90'000);
      atom.cache_read = scaled((hm >> 32) % 150'000);
      atom.cache_5m = scaled((hm >> 40) % 40'000);
      atom.cache_1h = scaled((hm >> 48) % 10'000);
      atom.web_search = scaled((hm >> 56) % 40);
      atoms.push_back(std::move(atom));
    }
  }
  return atoms;
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

json::value Nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string Amount(double cents) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.5f", cents);
  std::string out = buffer;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

json::object ReportEnvelope(json::array data, const std::optional<Micros>& next_page) {
  json::object out;
  out["data"] = std::move(data);
  out["has_more"] = next_page.has_value();
  out["next_page"] = next_page ? json::value("page_" + Base64Encode(FormatSeconds(*next_page))) : json::value(nullptr);
  return out;
}

// ---- analytics (current beta endpoints)

// Every dimension of a row's `group`, in output order; cost adds cost_type and token_type.
constexpr std::array<std::string_view, 20> kAnalyticsDimensions = {"actor",
                                                                   "actor_type",
                                                                   "agent_id",
                                                                   "api_key_id",
                                                                   "claude_tag_category",
                                                                   "claude_tag_user_id",
                                                                   "context_window",
                                                                   "deployment_id",
                                                                   "environment_id",
                                                                   "inference_geo",
                                                                   "model",
                                                                   "organization_id",
                                                                   "product",
                                                                   "rbac_group_id",
                                                                   "service_tier",
                                                                   "session_id",
                                                                   "slack_channel_id",
                                                                   "speed",
                                                                   "user_profile_id",
                                                                   "workspace_id"};

struct AnalyticsPlan {
  // Row ranges: one per bucket, or one for the whole range without time_bucket_width.
  std::vector<std::pair<Micros, Micros>> rows;
  Micros unit = kMicrosPerDay;  // the width of the synthetic traffic summed into a row
  std::vector<std::string> group_by;
  std::map<std::string, std::vector<std::string>> filters;
  std::string order_by;
  bool ascending = false;
  std::size_t limit = 20;
  std::size_t offset = 0;
};

Result<AnalyticsPlan> PlanAnalytics(const QueryParams& query, Micros now, bool cost) {
  AnalyticsPlan plan;
  auto starting_text = query.Get("starting_at");
  if (!starting_text) return Fail(Error::InvalidArgument("starting_at: Field required").WithField("starting_at"));
  auto start = ParseRfc3339(*starting_text);
  if (!start) return Fail(Error::InvalidArgument("starting_at: expected an RFC 3339 date-time"));
  const Micros earliest = *ParseRfc3339("2026-01-01T00:00:00Z");
  if (*start < earliest || *start < now - 365 * kMicrosPerDay) {
    return Fail(Error::InvalidArgument(
        "starting_at: must be within the last 365 days and no earlier than 2026-01-01T00:00:00Z"));
  }
  std::optional<Micros> width;
  if (auto w = query.Get("time_bucket_width")) {
    if (*w == "1d") {
      width = kMicrosPerDay;
    } else if (*w == "1h") {
      width = 3600 * kMicrosPerSecond;
    } else if (*w == "1m") {
      width = 60 * kMicrosPerSecond;
    } else {
      return Fail(Error::InvalidArgument("time_bucket_width: must be 1d, 1h or 1m"));
    }
  }
  std::optional<Micros> end;
  if (auto text = query.Get("ending_at")) {
    end = ParseRfc3339(*text);
    if (!end) return Fail(Error::InvalidArgument("ending_at: expected an RFC 3339 date-time"));
  } else if (width) {
    return Fail(Error::InvalidArgument("ending_at: required when time_bucket_width is set"));
  } else {
    end = std::min(now, *start + 31 * kMicrosPerDay);
  }
  if (*end <= *start) return Fail(Error::InvalidArgument("ending_at: must be after starting_at"));
  if (*end - *start > 31 * kMicrosPerDay) return Fail(Error::InvalidArgument("the range may not exceed 31 days"));
  if (width && *width == 60 * kMicrosPerSecond && *end - *start > kMicrosPerDay) {
    return Fail(Error::InvalidArgument("the range may not exceed 24 hours with time_bucket_width=1m"));
  }
  auto floor_to = [](Micros t, Micros w) { return (t >= 0 ? t / w : (t - w + 1) / w) * w; };
  if (width) {
    plan.unit = *width;
    for (Micros b = floor_to(*start, *width); b < *end; b += *width) plan.rows.emplace_back(b, b + *width);
  } else {
    const Micros hour = 3600 * kMicrosPerSecond;
    Micros from = floor_to(*start, hour), to = floor_to(*end, hour);
    plan.unit = from % kMicrosPerDay == 0 && to % kMicrosPerDay == 0 ? kMicrosPerDay : hour;
    if (to > from) plan.rows.emplace_back(from, to);
  }

  std::size_t counted = 0;
  for (const auto& g : query.GetAll("group_by")) {
    bool known = std::find(kAnalyticsDimensions.begin(), kAnalyticsDimensions.end(), g) != kAnalyticsDimensions.end();
    bool fan_out = cost && (g == "cost_type" || g == "token_type");
    if (!known && !fan_out) return Fail(Error::InvalidArgument("group_by: unsupported value \"" + g + "\""));
    if (Contains(plan.group_by, g)) continue;
    plan.group_by.push_back(g);
    if (!fan_out) ++counted;
  }
  if (counted > 5) return Fail(Error::InvalidArgument("group_by: at most 5 dimensions"));

  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kFilters = {{
      {"actor_types", "actor_type"},
      {"api_key_ids", "api_key_id"},
      {"context_windows", "context_window"},
      {"inference_geos", "inference_geo"},
      {"models", "model"},
      {"organization_ids", "organization_id"},
      {"products", "product"},
      {"service_tiers", "service_tier"},
      {"speeds", "speed"},
      {"workspace_ids", "workspace_id"},
  }};
  static constexpr std::array<std::string_view, 10> kUnsupportedFilters = {
      "actor_ids",       "agent_ids",      "claude_tag_categories", "claude_tag_user_ids", "deployment_ids",
      "environment_ids", "rbac_group_ids", "session_ids",           "slack_channel_ids",   "user_profile_ids"};
  for (auto [param, dimension] : kFilters) {
    auto values = query.GetAll(param);
    if (!values.empty()) plan.filters[std::string(dimension)] = std::move(values);
  }
  for (auto param : kUnsupportedFilters) {
    if (!query.GetAll(param).empty()) {
      return Fail(Error::InvalidArgument(std::string(param) + ": the emulated organization has no such usage"));
    }
  }

  plan.order_by = query.Get("order_by").value_or(cost ? "amount" : "total_tokens");
  static constexpr std::array<std::string_view, 5> kUsageOrder = {"output_tokens", "requests", "time", "total_tokens",
                                                                  "uncached_input_tokens"};
  static constexpr std::array<std::string_view, 3> kCostOrder = {"amount", "list_amount", "time"};
  bool order_ok = cost ? std::find(kCostOrder.begin(), kCostOrder.end(), plan.order_by) != kCostOrder.end()
                       : std::find(kUsageOrder.begin(), kUsageOrder.end(), plan.order_by) != kUsageOrder.end();
  if (!order_ok) return Fail(Error::InvalidArgument("order_by: unsupported value \"" + plan.order_by + "\""));
  auto order = query.Get("order").value_or("desc");
  if (order != "asc" && order != "desc") return Fail(Error::InvalidArgument("order: must be asc or desc"));
  plan.ascending = order == "asc";
  auto limit = ParseInt(query, "limit", 20, 1, 1000);
  if (!limit) return Fail(limit.error());
  plan.limit = static_cast<std::size_t>(*limit);
  if (auto page = query.Get("page"); page && !page->empty()) {
    std::optional<std::size_t> decoded;
    if (page->starts_with("page_")) {
      if (auto text = Base64Decode(page->substr(5));
          text && !text->empty() && text->size() < 10 &&
          std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        decoded = static_cast<std::size_t>(std::stoul(*text));
      }
    }
    if (!decoded) return Fail(Error::InvalidArgument("page: invalid page token"));
    plan.offset = *decoded;
  }
  return plan;
}

// The value of one dimension for a unit of synthetic traffic (nullopt = the emulator has none).
std::optional<std::string> DimensionOf(const Snapshot& state, const Atom& atom, std::string_view dimension) {
  if (dimension == "actor" || dimension == "api_key_id") return atom.api_key_id;
  if (dimension == "actor_type") return std::string("api_actor");
  if (dimension == "context_window") return atom.context_window;
  if (dimension == "inference_geo") return std::string("global");
  if (dimension == "model") return std::string(atom.model->id);
  if (dimension == "organization_id") return state.organization.id;
  if (dimension == "product") return std::string(atom.service_tier == "batch" ? "message_batches_api" : "messages_api");
  if (dimension == "service_tier") return atom.service_tier;
  if (dimension == "speed") return std::string("standard");
  if (dimension == "workspace_id") return atom.workspace_id.value_or(state.default_workspace_id);
  return std::nullopt;
}

// The atoms of [from, to) in `unit` steps that pass the filters.
std::vector<Atom> AnalyticsAtoms(const Snapshot& state, const AnalyticsPlan& plan, Micros from, Micros to, Micros now) {
  std::vector<Atom> out;
  for (Micros b = from; b < to; b += plan.unit) {
    for (auto& atom : AtomsFor(state, b, plan.unit, now)) {
      bool keep = true;
      for (const auto& [dimension, values] : plan.filters) {
        auto value = DimensionOf(state, atom, dimension);
        if (!value || !Contains(values, *value)) keep = false;
      }
      if (keep) out.push_back(std::move(atom));
    }
  }
  return out;
}

using GroupKey = std::vector<std::optional<std::string>>;

GroupKey KeyOf(const Snapshot& state, const AnalyticsPlan& plan, const Atom& atom) {
  GroupKey key;
  for (auto dimension : kAnalyticsDimensions) {
    key.push_back(Contains(plan.group_by, dimension) ? DimensionOf(state, atom, dimension) : std::nullopt);
  }
  return key;
}

json::object GroupJson(const GroupKey& key, const std::optional<std::string>& cost_type,
                       const std::optional<std::string>& token_type, bool cost) {
  json::object group;
  for (std::size_t d = 0; d < kAnalyticsDimensions.size(); ++d) {
    if (kAnalyticsDimensions[d] == "actor" && key[d]) {
      group["actor"] = {{"type", "api_actor"}, {"api_key_id", *key[d]}};
    } else {
      group[kAnalyticsDimensions[d]] = Nullable(key[d]);
    }
  }
  if (cost) {
    group["cost_type"] = Nullable(cost_type);
    group["token_type"] = Nullable(token_type);
  }
  return group;
}

std::int64_t RequestsOf(const Atom& atom) { return 1 + (atom.uncached_input + atom.output) / 4000; }

json::object AnalyticsEnvelope(json::array data, bool has_more, std::size_t next_offset, Micros now) {
  json::object out;
  out["data"] = std::move(data);
  out["has_more"] = has_more;
  out["next_page"] = has_more ? json::value("page_" + Base64Encode(std::to_string(next_offset))) : json::value(nullptr);
  out["data_refreshed_at"] = FormatSeconds(now / (3600 * kMicrosPerSecond) * (3600 * kMicrosPerSecond));
  return out;
}

template <typename Row, typename Metric>
void SortRows(std::vector<Row>& rows, const AnalyticsPlan& plan, Metric metric) {
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (plan.order_by == "time") return plan.ascending ? a.from < b.from : a.from > b.from;
    double ma = metric(a), mb = metric(b);
    if (ma != mb) return plan.ascending ? ma < mb : ma > mb;
    return a.from < b.from;
  });
}

// One page of the rendered rows: `limit` counted rows from `offset` (a cost row's fan-out lines
// travel together).
json::object PageOf(const AnalyticsRows& all, const AnalyticsPlan& plan, Micros now) {
  json::array data;
  std::size_t end = std::min(all.size(), plan.offset + plan.limit);
  for (std::size_t i = std::min(plan.offset, all.size()); i < end; ++i) {
    for (const auto& row : all[i]) data.push_back(row);
  }
  return AnalyticsEnvelope(std::move(data), end < all.size(), end, now);
}

}  // namespace

std::shared_ptr<const AnalyticsRows> AnalyticsCache::Find(std::string_view key) {
  std::lock_guard lock(mutex_);
  for (const auto& [k, rows] : entries_) {
    if (k == key) return rows;
  }
  return nullptr;
}

void AnalyticsCache::Put(std::string key, std::shared_ptr<const AnalyticsRows> rows) {
  std::lock_guard lock(mutex_);
  entries_.emplace_back(std::move(key), std::move(rows));
  while (entries_.size() > kEntries) entries_.pop_front();
}

Result<json::object> UsageReport(const Snapshot& state, const QueryParams& query, Micros now) {
  auto plan = PlanBuckets(query, now, false, 7);
  if (!plan) return Fail(plan.error());
  static constexpr std::array<std::string_view, 5> kDimensions = {"api_key_id", "workspace_id", "model", "service_tier",
                                                                  "context_window"};
  auto group_by = query.GetAll("group_by");
  for (const auto& g : group_by) {
    if (std::find(kDimensions.begin(), kDimensions.end(), g) == kDimensions.end()) {
      return Fail(Error::InvalidArgument("group_by: unsupported value \"" + g + "\""));
    }
  }
  auto grouped = [&](std::string_view d) { return Contains(group_by, d); };
  auto key_ids = query.GetAll("api_key_ids");
  auto workspace_ids = query.GetAll("workspace_ids");
  auto models = query.GetAll("models");
  auto tiers = query.GetAll("service_tiers");
  auto windows = query.GetAll("context_window");

  json::array data;
  for (Micros start : plan->starts) {
    // Group key: the grouped dimensions (absent = null), in kDimensions order.
    std::map<std::vector<std::optional<std::string>>, Atom> groups;
    for (auto& atom : AtomsFor(state, start, plan->width, now)) {
      if (!key_ids.empty() && !Contains(key_ids, atom.api_key_id)) continue;
      if (!workspace_ids.empty()) {
        bool match = atom.workspace_id ? Contains(workspace_ids, *atom.workspace_id)
                                       : Contains(workspace_ids, state.default_workspace_id);
        if (!match) continue;
      }
      if (!models.empty() && !Contains(models, atom.model->id)) continue;
      if (!tiers.empty() && !Contains(tiers, atom.service_tier)) continue;
      if (!windows.empty() && !Contains(windows, atom.context_window)) continue;
      std::vector<std::optional<std::string>> key = {
          grouped("api_key_id") ? std::optional(atom.api_key_id) : std::nullopt,
          grouped("workspace_id") ? atom.workspace_id : std::nullopt,
          grouped("model") ? std::optional(std::string(atom.model->id)) : std::nullopt,
          grouped("service_tier") ? std::optional(atom.service_tier) : std::nullopt,
          grouped("context_window") ? std::optional(atom.context_window) : std::nullopt};
      auto& sum = groups[key];
      sum.uncached_input += atom.uncached_input;
      sum.cache_1h += atom.cache_1h;
      sum.cache_5m += atom.cache_5m;
      sum.cache_read += atom.cache_read;
      sum.output += atom.output;
      sum.web_search += atom.web_search;
    }
    // Without group_by a past bucket always has its one (possibly zero) total.
    if (groups.empty() && group_by.empty() && start < now)
      groups[{std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt}];
    json::array results;
    for (const auto& [key, sum] : groups) {
      json::object item;
      item["uncached_input_tokens"] = sum.uncached_input;
      item["cache_creation"] = {{"ephemeral_1h_input_tokens", sum.cache_1h},
                                {"ephemeral_5m_input_tokens", sum.cache_5m}};
      item["cache_read_input_tokens"] = sum.cache_read;
      item["output_tokens"] = sum.output;
      item["server_tool_use"] = {{"web_search_requests", sum.web_search}};
      for (std::size_t d = 0; d < kDimensions.size(); ++d) item[kDimensions[d]] = Nullable(key[d]);
      results.push_back(std::move(item));
    }
    data.push_back({{"starting_at", FormatSeconds(start)},
                    {"ending_at", FormatSeconds(start + plan->width)},
                    {"results", std::move(results)}});
  }
  return ReportEnvelope(std::move(data), plan->next_page);
}

Result<json::object> CostReport(const Snapshot& state, const QueryParams& query, Micros now) {
  auto plan = PlanBuckets(query, now, true, 7);
  if (!plan) return Fail(plan.error());
  auto group_by = query.GetAll("group_by");
  for (const auto& g : group_by) {
    if (g != "workspace_id" && g != "description") {
      return Fail(Error::InvalidArgument("group_by: unsupported value \"" + g + "\""));
    }
  }
  bool by_workspace = Contains(group_by, "workspace_id");
  bool by_description = Contains(group_by, "description");

  struct Line {
    std::optional<std::string> workspace_id, description, cost_type, context_window, model, service_tier, token_type;
    auto Key() const {
      return std::vector<std::optional<std::string>>{workspace_id, description,  cost_type, context_window,
                                                     model,        service_tier, token_type};
    }
  };
  json::array data;
  for (Micros start : plan->starts) {
    std::map<std::vector<std::optional<std::string>>, std::pair<Line, double>> groups;
    auto add = [&](Line line, double cents) {
      if (!by_workspace) line.workspace_id.reset();
      if (!by_description) {
        line.description.reset();
        line.cost_type.reset();
        line.context_window.reset();
        line.model.reset();
        line.service_tier.reset();
        line.token_type.reset();
      }
      auto& slot = groups[line.Key()];
      slot.first = line;
      slot.second += cents;
    };
    for (const auto& atom : AtomsFor(state, start, plan->width, now)) {
      double discount = atom.service_tier == "batch" ? 0.5 : 1.0;
      struct Part {
        std::string_view token_type, label;
        std::int64_t tokens;
        double price;
      };
      const auto& m = *atom.model;
      const std::array<Part, 5> parts = {{
          {"uncached_input_tokens", "Input Tokens", atom.uncached_input, m.input},
          {"output_tokens", "Output Tokens", atom.output, m.output},
          {"cache_read_input_tokens", "Cache Read", atom.cache_read, m.cache_read},
          {"cache_creation.ephemeral_5m_input_tokens", "Cache Write (5m)", atom.cache_5m, m.write_5m},
          {"cache_creation.ephemeral_1h_input_tokens", "Cache Write (1h)", atom.cache_1h, m.write_1h},
      }};
      for (const auto& part : parts) {
        if (part.tokens == 0) continue;
        Line line;
        line.workspace_id = atom.workspace_id;
        line.description = std::string(m.label) + " Usage - " + std::string(part.label);
        line.cost_type = "tokens";
        line.context_window = atom.context_window;
        line.model = std::string(m.id);
        line.service_tier = atom.service_tier;
        line.token_type = std::string(part.token_type);
        // Price per million tokens in USD -> cents.
        add(line, static_cast<double>(part.tokens) * part.price * discount / 1e6 * 100.0);
      }
      if (atom.web_search > 0) {
        Line line;
        line.workspace_id = atom.workspace_id;
        line.description = "Web Search Usage";
        line.cost_type = "web_search";
        add(line, static_cast<double>(atom.web_search));  // $10 per 1,000 searches = 1 cent each
      }
    }
    json::array results;
    for (const auto& [key, entry] : groups) {
      const auto& [line, cents] = entry;
      results.push_back({{"currency", "USD"},
                         {"amount", Amount(cents)},
                         {"workspace_id", Nullable(line.workspace_id)},
                         {"description", Nullable(line.description)},
                         {"cost_type", Nullable(line.cost_type)},
                         {"context_window", Nullable(line.context_window)},
                         {"model", Nullable(line.model)},
                         {"service_tier", Nullable(line.service_tier)},
                         {"token_type", Nullable(line.token_type)}});
    }
    data.push_back({{"starting_at", FormatSeconds(start)},
                    {"ending_at", FormatSeconds(start + plan->width)},
                    {"results", std::move(results)}});
  }
  return ReportEnvelope(std::move(data), plan->next_page);
}

std::vector<EmulatedUsage> EmulatedDailyUsage(const Snapshot& state, Micros day_start, Micros now) {
  std::vector<EmulatedUsage> out;
  for (const auto& atom : AtomsFor(state, day_start, kMicrosPerDay, now)) {
    EmulatedUsage u;
    u.api_key_id = atom.api_key_id;
    u.workspace_id = atom.workspace_id.value_or(state.default_workspace_id);
    u.model = std::string(atom.model->id);
    u.uncached_input_tokens = atom.uncached_input;
    u.cache_read_input_tokens = atom.cache_read;
    u.cache_creation_input_tokens = atom.cache_5m + atom.cache_1h;
    u.output_tokens = atom.output;
    u.requests = RequestsOf(atom);
    double discount = atom.service_tier == "batch" ? 0.5 : 1.0;
    const auto& m = *atom.model;
    double cents = 0;
    for (auto [tokens, price] : {std::pair{atom.uncached_input, m.input}, std::pair{atom.output, m.output},
                                 std::pair{atom.cache_read, m.cache_read}, std::pair{atom.cache_5m, m.write_5m},
                                 std::pair{atom.cache_1h, m.write_1h}}) {
      if (tokens == 0) continue;
      cents += static_cast<double>(tokens) * price * discount / 1e6 * 100.0;
    }
    if (atom.web_search > 0) cents += static_cast<double>(atom.web_search);
    u.cost_cents = Amount(cents);
    out.push_back(std::move(u));
  }
  return out;
}

Result<json::object> AnalyticsUsage(const Snapshot& state, const QueryParams& query, Micros now, AnalyticsCache* cache,
                                    std::string_view cache_key) {
  auto plan = PlanAnalytics(query, now, false);
  if (!plan) return Fail(plan.error());
  if (state.settings.analytics_page_limit > 0) {
    plan->limit = std::min(plan->limit, static_cast<std::size_t>(state.settings.analytics_page_limit));
  }
  if (cache) {
    if (auto rows = cache->Find(cache_key)) return PageOf(*rows, *plan, now);
  }
  struct Row {
    Micros from, to;
    GroupKey key;
    Atom sum;
    std::int64_t requests = 0;
    std::int64_t Total() const {
      return sum.uncached_input + sum.cache_read + sum.cache_5m + sum.cache_1h + sum.output;
    }
  };
  std::vector<Row> rows;
  for (auto [from, to] : plan->rows) {
    std::map<GroupKey, Row> groups;
    for (const auto& atom : AnalyticsAtoms(state, *plan, from, to, now)) {
      auto key = KeyOf(state, *plan, atom);
      auto& row = groups.try_emplace(key, Row{from, to, key, {}, 0}).first->second;
      row.sum.uncached_input += atom.uncached_input;
      row.sum.cache_1h += atom.cache_1h;
      row.sum.cache_5m += atom.cache_5m;
      row.sum.cache_read += atom.cache_read;
      row.sum.output += atom.output;
      row.sum.web_search += atom.web_search;
      row.requests += RequestsOf(atom);
    }
    for (auto& [key, row] : groups) rows.push_back(std::move(row));
  }
  SortRows(rows, *plan, [&](const Row& r) -> double {
    if (plan->order_by == "output_tokens") return static_cast<double>(r.sum.output);
    if (plan->order_by == "requests") return static_cast<double>(r.requests);
    if (plan->order_by == "uncached_input_tokens") return static_cast<double>(r.sum.uncached_input);
    return static_cast<double>(r.Total());
  });
  auto all = std::make_shared<AnalyticsRows>();
  all->reserve(rows.size());
  for (const auto& r : rows) {
    json::array one;
    one.push_back({{"starting_at", FormatSeconds(r.from)},
                   {"ending_at", FormatSeconds(r.to)},
                   {"group", GroupJson(r.key, std::nullopt, std::nullopt, false)},
                   {"usage",
                    {{"uncached_input_tokens", r.sum.uncached_input},
                     {"cache_creation",
                      {{"ephemeral_1h_input_tokens", r.sum.cache_1h}, {"ephemeral_5m_input_tokens", r.sum.cache_5m}}},
                     {"cache_read_input_tokens", r.sum.cache_read},
                     {"output_tokens", r.sum.output},
                     {"requests", r.requests},
                     {"server_tool_use", {{"web_search_requests", r.sum.web_search}}},
                     {"total_tokens", r.Total()}}}});
    all->push_back(std::move(one));
  }
  if (cache) cache->Put(std::string(cache_key), all);
  return PageOf(*all, *plan, now);
}

Result<json::object> AnalyticsCost(const Snapshot& state, const QueryParams& query, Micros now, AnalyticsCache* cache,
                                   std::string_view cache_key) {
  auto plan = PlanAnalytics(query, now, true);
  if (!plan) return Fail(plan.error());
  if (state.settings.analytics_page_limit > 0) {
    plan->limit = std::min(plan->limit, static_cast<std::size_t>(state.settings.analytics_page_limit));
  }
  if (cache) {
    if (auto rows = cache->Find(cache_key)) return PageOf(*rows, *plan, now);
  }
  bool by_cost_type = Contains(plan->group_by, "cost_type");
  bool by_token_type = Contains(plan->group_by, "token_type");
  struct Line {
    std::optional<std::string> cost_type, token_type;
    double amount = 0, list_amount = 0;
  };
  struct Row {
    Micros from, to;
    GroupKey key;
    std::map<std::pair<std::optional<std::string>, std::optional<std::string>>, Line> lines;  // fan-out
    double amount = 0, list_amount = 0;
    std::int64_t requests = 0;
  };
  std::vector<Row> rows;
  for (auto [from, to] : plan->rows) {
    std::map<GroupKey, Row> groups;
    for (const auto& atom : AnalyticsAtoms(state, *plan, from, to, now)) {
      auto key = KeyOf(state, *plan, atom);
      auto& row = groups.try_emplace(key, Row{from, to, key, {}, 0, 0, 0}).first->second;
      row.requests += RequestsOf(atom);
      double discount = atom.service_tier == "batch" ? 0.5 : 1.0;
      const auto& m = *atom.model;
      const std::array<std::tuple<std::string_view, std::int64_t, double>, 5> parts = {{
          {"uncached_input_tokens", atom.uncached_input, m.input},
          {"output_tokens", atom.output, m.output},
          {"cache_read_input_tokens", atom.cache_read, m.cache_read},
          {"cache_creation.ephemeral_5m_input_tokens", atom.cache_5m, m.write_5m},
          {"cache_creation.ephemeral_1h_input_tokens", atom.cache_1h, m.write_1h},
      }};
      auto add = [&](std::string_view cost_type, const std::optional<std::string>& token_type, double list_cents,
                     double cents) {
        std::pair<std::optional<std::string>, std::optional<std::string>> fan{
            by_cost_type ? std::optional<std::string>(std::string(cost_type)) : std::nullopt,
            by_token_type ? token_type : std::nullopt};
        auto& line = row.lines[fan];
        line.cost_type = fan.first;
        line.token_type = fan.second;
        line.amount += cents;
        line.list_amount += list_cents;
        row.amount += cents;
        row.list_amount += list_cents;
      };
      for (const auto& [token_type, tokens, price] : parts) {
        if (tokens == 0) continue;
        // The same arithmetic as CostReport, so that the amounts agree to the last digit.
        double list_cents = static_cast<double>(tokens) * price * 1.0 / 1e6 * 100.0;
        double cents = static_cast<double>(tokens) * price * discount / 1e6 * 100.0;
        add("tokens", std::string(token_type), list_cents, cents);
      }
      if (atom.web_search > 0) {
        add("web_search", std::nullopt, static_cast<double>(atom.web_search), static_cast<double>(atom.web_search));
      }
    }
    for (auto& [key, row] : groups) rows.push_back(std::move(row));
  }
  SortRows(rows, *plan, [&](const Row& r) { return plan->order_by == "list_amount" ? r.list_amount : r.amount; });
  auto all = std::make_shared<AnalyticsRows>();
  all->reserve(rows.size());
  bool fanned = by_cost_type || by_token_type;
  for (const auto& r : rows) {
    std::vector<const Line*> lines;
    lines.reserve(r.lines.size());
    for (const auto& [fan, line] : r.lines) lines.push_back(&line);
    std::stable_sort(lines.begin(), lines.end(), [](const Line* a, const Line* b) { return a->amount > b->amount; });
    json::array one;
    for (const auto* line : lines) {
      one.push_back({{"starting_at", FormatSeconds(r.from)},
                     {"ending_at", FormatSeconds(r.to)},
                     {"group", GroupJson(r.key, line->cost_type, line->token_type, true)},
                     {"cost",
                      {{"amount", Amount(fanned ? line->amount : r.amount)},
                       {"list_amount", Amount(fanned ? line->list_amount : r.list_amount)},
                       {"currency", "USD"},
                       {"requests", fanned ? json::value(nullptr) : json::value(r.requests)}}}});
    }
    all->push_back(std::move(one));
  }
  if (cache) cache->Put(std::string(cache_key), all);
  return PageOf(*all, *plan, now);
}

}  // namespace portal::emulator
