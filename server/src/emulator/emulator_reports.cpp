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

constexpr std::size_t kMaxReportedKeys = 20;

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
  std::size_t keys = std::min(state.api_keys.size(), kMaxReportedKeys);
  for (std::size_t i = 0; i < keys; ++i) {
    const auto& key = state.api_keys[i];
    if (key.created_at >= bucket_start + width) continue;
    std::uint64_t key_hash = Mix(state.seed, HashText(key.id));
    std::uint64_t h = Mix(key_hash, static_cast<std::uint64_t>(bucket_start / kMicrosPerSecond));
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

}  // namespace

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

}  // namespace portal::emulator
