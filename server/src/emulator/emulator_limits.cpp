#include "emulator/emulator_limits.hpp"

#include <algorithm>
#include <array>

#include "emulator/emulator_random.hpp"

namespace portal::emulator {
namespace json = boost::json;

namespace {

struct CatalogueEntry {
  std::string_view key;
  std::string_view group_type;
  std::string_view display_name;
  std::vector<std::string_view> models;
  std::vector<std::pair<std::string_view, std::int64_t>> limits;
};

const std::vector<CatalogueEntry>& Catalogue() {
  static const std::vector<CatalogueEntry> kCatalogue = {
      {"opus",
       "model_group",
       "Claude Opus",
       {"claude-opus-4-1-20250805", "claude-opus-4-20250514"},
       {{"requests_per_minute", 4000}, {"input_tokens_per_minute", 2'000'000}, {"output_tokens_per_minute", 400'000}}},
      {"sonnet",
       "model_group",
       "Claude Sonnet",
       {"claude-sonnet-4-20250514", "claude-sonnet-4-5-20250929"},
       {{"requests_per_minute", 4000}, {"input_tokens_per_minute", 2'000'000}, {"output_tokens_per_minute", 400'000}}},
      {"haiku",
       "model_group",
       "Claude Haiku",
       {"claude-3-5-haiku-20241022", "claude-haiku-4-5-20251001"},
       {{"requests_per_minute", 4000}, {"input_tokens_per_minute", 4'000'000}, {"output_tokens_per_minute", 800'000}}},
      {"batch", "batch", "", {}, {{"requests_per_minute", 4000}}},
      {"token_count", "token_count", "", {}, {{"requests_per_minute", 8000}}},
      {"files", "files", "", {}, {{"requests_per_minute", 1000}}},
      {"skills", "skills", "", {}, {{"requests_per_minute", 100}}},
      {"web_search", "web_search", "", {}, {{"tool_uses_per_second", 30}}},
  };
  return kCatalogue;
}

constexpr std::array<std::string_view, 6> kGroupTypes = {"batch",  "files",       "model_group",
                                                         "skills", "token_count", "web_search"};
constexpr std::array<std::string_view, 9> kWorkspaceLimiterTypes = {"fast_itpmca",
                                                                    "fast_otpm",
                                                                    "input_tokens_per_minute",
                                                                    "input_tokens_per_minute_cache_aware",
                                                                    "output_tokens_per_minute",
                                                                    "requests_per_minute",
                                                                    "tokens_per_day",
                                                                    "tokens_per_minute",
                                                                    "tool_uses_per_second"};

Result<std::optional<std::string>> GroupTypeFilter(const QueryParams& query) {
  auto value = query.Get("group_type");
  if (!value || value->empty()) return std::optional<std::string>();
  if (std::find(kGroupTypes.begin(), kGroupTypes.end(), *value) == kGroupTypes.end()) {
    return Fail(
        Error::InvalidArgument("group_type: must be one of batch, files, model_group, skills, token_count, "
                               "web_search"));
  }
  return value;
}

json::object GroupJson(const OrgRateLimit& group) {
  json::object out{{"id", group.group_id}, {"type", group.group_type}};
  if (group.group_type == "model_group") out["display_name"] = group.display_name;
  return out;
}

json::value ModelsJson(const OrgRateLimit& group) {
  if (group.group_type != "model_group") return nullptr;
  json::array models;
  for (const auto& m : group.models) models.emplace_back(m);
  return models;
}

}  // namespace

std::vector<OrgRateLimit> OrganizationRateLimits(const Organization& organization) {
  std::vector<OrgRateLimit> out;
  for (const auto& entry : Catalogue()) {
    OrgRateLimit limit;
    SplitMix64 group_rng(HashText(entry.key));
    limit.group_id = MintId("rlg", group_rng);
    SplitMix64 entry_rng(Mix(HashText(organization.id), HashText(entry.key)));
    limit.id = MintId("rl", entry_rng);
    limit.group_type = entry.group_type;
    limit.display_name = entry.display_name;
    for (auto m : entry.models) limit.models.emplace_back(m);
    for (auto [type, value] : entry.limits) limit.limits.emplace_back(std::string(type), value);
    out.push_back(std::move(limit));
  }
  return out;
}

const OrgRateLimit* FindRateLimit(const std::vector<OrgRateLimit>& all, std::string_view id) {
  auto it = std::find_if(all.begin(), all.end(), [&](const OrgRateLimit& l) { return l.id == id; });
  return it == all.end() ? nullptr : &*it;
}

bool IsWorkspaceLimiterType(std::string_view type) {
  return std::find(kWorkspaceLimiterTypes.begin(), kWorkspaceLimiterTypes.end(), type) != kWorkspaceLimiterTypes.end();
}

Result<json::object> CursorPage(json::array items, const QueryParams& query) {
  std::size_t offset = 0;
  if (auto page = query.Get("page"); page && !page->empty()) {
    std::optional<std::size_t> decoded;
    if (page->starts_with("page_")) {
      if (auto text = Base64Decode(page->substr(5));
          text && !text->empty() && std::all_of(text->begin(), text->end(), ::isdigit) && text->size() < 10) {
        decoded = static_cast<std::size_t>(std::stoul(*text));
      }
    }
    if (!decoded || *decoded > items.size()) return Fail(Error::InvalidArgument("page: invalid page token"));
    offset = *decoded;
  }
  std::size_t count = items.size() - offset;
  if (query.Get("limit")) {
    auto limit = ParseInt(query, "limit", 20, 1, 1000);
    if (!limit) return Fail(limit.error());
    count = std::min(count, static_cast<std::size_t>(*limit));
  }
  json::array data;
  for (std::size_t i = offset; i < offset + count; ++i) data.push_back(std::move(items[i]));
  json::object out;
  out["data"] = std::move(data);
  out["next_page"] = offset + count < items.size() ? json::value("page_" + Base64Encode(std::to_string(offset + count)))
                                                   : json::value(nullptr);
  return out;
}

Result<json::object> OrganizationRateLimitsJson(const Snapshot& state, const QueryParams& query, bool current) {
  auto group_type = GroupTypeFilter(query);
  if (!group_type) return Fail(group_type.error());
  auto model = query.Get("model");
  auto all = OrganizationRateLimits(state.organization);
  json::array items;
  bool model_found = false;
  for (const auto& limit : all) {
    if (*group_type && limit.group_type != **group_type) continue;
    if (model && !model->empty()) {
      if (std::find(limit.models.begin(), limit.models.end(), *model) == limit.models.end()) continue;
      model_found = true;
    }
    json::array limits;
    for (const auto& [type, value] : limit.limits) limits.push_back({{"type", type}, {"value", value}});
    json::object item{{"id", limit.id},
                      {"type", "rate_limit"},
                      {"group", GroupJson(limit)},
                      {"models", ModelsJson(limit)},
                      {"limits", std::move(limits)}};
    if (!current) item["group_type"] = limit.group_type;
    items.push_back(std::move(item));
  }
  if (model && !model->empty() && !model_found) {
    return Fail(Error::NotFound("model not found or without rate limits: " + *model));
  }
  return CursorPage(std::move(items), query);
}

json::object WorkspaceRateLimitJson(const Snapshot& state, const OrgRateLimit& group, const std::string& workspace_id,
                                    bool inherited, bool current) {
  static const std::map<std::string, std::int64_t> kNone;
  const auto* overrides = &kNone;
  if (auto ws = state.rate_limit_overrides.find(workspace_id); ws != state.rate_limit_overrides.end()) {
    if (auto g = ws->second.find(group.id); g != ws->second.end()) overrides = &g->second;
  }
  json::array limits;
  auto value_json = [](std::string_view type, std::int64_t value, std::optional<std::int64_t> org_limit,
                       bool from_workspace) {
    return json::object{{"type", type},
                        {"value", value},
                        {"org_limit", org_limit ? json::value(*org_limit) : json::value(nullptr)},
                        {"source", {{"type", from_workspace ? "workspace" : "organization"}}}};
  };
  for (const auto& [type, org_value] : group.limits) {
    if (auto it = overrides->find(type); it != overrides->end()) {
      limits.push_back(value_json(type, it->second, org_value, true));
    } else if (inherited) {
      limits.push_back(value_json(type, org_value, org_value, false));
    }
  }
  for (const auto& [type, value] : *overrides) {
    bool in_org = std::any_of(group.limits.begin(), group.limits.end(), [&](const auto& l) { return l.first == type; });
    if (!in_org) limits.push_back(value_json(type, value, std::nullopt, true));
  }
  json::object item{{"type", "workspace_rate_limit"}, {"workspace_id", workspace_id}, {"rate_limit_id", group.id},
                    {"group", GroupJson(group)},      {"models", ModelsJson(group)},  {"limits", std::move(limits)}};
  if (!current) item["group_type"] = group.group_type;
  return item;
}

Result<json::object> WorkspaceRateLimitsJson(const Snapshot& state, const std::string& workspace_id,
                                             const QueryParams& query, bool current) {
  auto group_type = GroupTypeFilter(query);
  if (!group_type) return Fail(group_type.error());
  auto inherited = ParseBool(query, "include_inherited");
  if (!inherited) return Fail(inherited.error());
  json::array items;
  for (const auto& group : OrganizationRateLimits(state.organization)) {
    if (*group_type && group.group_type != **group_type) continue;
    auto item = WorkspaceRateLimitJson(state, group, workspace_id, inherited->value_or(false), current);
    if (item["limits"].as_array().empty()) continue;
    items.push_back(std::move(item));
  }
  return CursorPage(std::move(items), query);
}

json::object SpendLimitJson(const SpendLimitRecord& limit) {
  json::object scope{{"type", limit.workspace_id ? "workspace" : "organization"}};
  if (limit.workspace_id) scope["workspace_id"] = *limit.workspace_id;
  return {{"id", limit.id},
          {"type", "spend_limit"},
          {"amount", limit.amount},
          {"currency", "USD"},
          {"is_enabled", true},
          {"period", limit.period},
          {"scope", std::move(scope)},
          {"created_at", FormatMicros(limit.created_at)},
          {"updated_at", FormatMicros(limit.updated_at)}};
}

}  // namespace portal::emulator
