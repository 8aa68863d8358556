#include "anthropic/json_codec.hpp"

#include <cstdint>

#include <boost/json.hpp>

namespace portal::anthropic {
namespace json = boost::json;
namespace {

using domain::AdminUser;
using domain::AnalyticsCostRow;
using domain::AnalyticsUsageRow;
using domain::ApiKey;
using domain::CostBucket;
using domain::Invite;
using domain::OrganizationInfo;
using domain::RateLimitGroup;
using domain::SpendLimit;
using domain::UsageBucket;
using domain::Workspace;
using domain::WorkspaceMember;

Error BadResponse(std::string detail) {
  return Error{ErrorCode::kUpstream, "Anthropic returned a response the portal could not read",
               "anthropic response: " + std::move(detail), "anthropic_bad_response"};
}

// Read-only view of one JSON object with forgiving getters.
class Fields {
 public:
  explicit Fields(const json::object& object) : object_(object) {}

  std::optional<std::string> Opt(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    return std::string(v->get_string());
  }
  std::string Str(std::string_view key) const { return Opt(key).value_or(std::string()); }
  std::int64_t Int(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    if (v == nullptr) return 0;
    // A number that does not fit in 64 bits (or is not a number) is ignored like a wrong type.
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) {
      return v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX) ? static_cast<std::int64_t>(v->get_uint64()) : 0;
    }
    if (v->is_double()) {
      const double d = v->get_double();
      return d >= -9.2e18 && d <= 9.2e18 ? static_cast<std::int64_t>(d) : 0;
    }
    return 0;
  }
  bool Bool(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v != nullptr && v->is_bool() && v->get_bool();
  }
  const json::object* Object(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v == nullptr ? nullptr : v->if_object();
  }
  const json::array* Array(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v == nullptr ? nullptr : v->if_array();
  }

 private:
  const json::object& object_;
};

Result<json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) return Fail(BadResponse("not JSON (" + ec.message() + ")"));
  return value;
}

Result<std::string> RequiredId(const Fields& f, std::string_view what, std::string_view key = "id") {
  auto id = f.Opt(key);
  if (!id || id->empty()) return Fail(BadResponse(std::string(what) + " without " + std::string(key)));
  return *id;
}

// One converter per type, from a JSON object.
template <typename T>
Result<T> From(const json::object& o);

template <>
Result<OrganizationInfo> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "organization");
  if (!id) return Fail(id.error());
  return OrganizationInfo{*id, f.Str("name")};
}

template <>
Result<Workspace> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "workspace");
  if (!id) return Fail(id.error());
  Workspace w;
  w.id = *id;
  w.name = f.Str("name");
  w.display_color = f.Str("display_color");
  w.created_at = f.Str("created_at");
  w.archived_at = f.Opt("archived_at");
  w.compartment_id = f.Opt("compartment_id");
  w.external_key_id = f.Opt("external_key_id");
  if (const json::object* tags = f.Object("tags")) {
    for (const auto& [key, value] : *tags) {
      if (value.is_string()) w.tags.emplace(std::string(key), std::string(value.get_string()));
    }
  }
  if (const json::object* dr = f.Object("data_residency")) {
    Fields r(*dr);
    domain::DataResidency residency;
    residency.default_inference_geo = r.Str("default_inference_geo");
    residency.workspace_geo = r.Str("workspace_geo");
    if (const json::array* geos = r.Array("allowed_inference_geos")) {
      for (const json::value& geo : *geos) {
        if (geo.is_string()) residency.allowed_inference_geos.emplace_back(geo.get_string());
      }
    } else {
      residency.unrestricted = r.Str("allowed_inference_geos") == "unrestricted";
    }
    w.data_residency = std::move(residency);
  }
  return w;
}

template <>
Result<WorkspaceMember> From(const json::object& o) {
  Fields f(o);
  auto user_id = RequiredId(f, "workspace member", "user_id");
  if (!user_id) return Fail(user_id.error());
  return WorkspaceMember{*user_id, f.Str("workspace_id"), f.Str("workspace_role")};
}

template <>
Result<ApiKey> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "api key");
  if (!id) return Fail(id.error());
  ApiKey k;
  k.id = *id;
  k.name = f.Str("name");
  k.status = domain::ParseApiKeyStatus(f.Str("status"));
  k.partial_key_hint = f.Opt("partial_key_hint");
  k.workspace_id = f.Opt("workspace_id");
  const bool has_workspace_field = o.contains("workspace_id");
  k.created_at = f.Str("created_at");
  k.expires_at = f.Opt("expires_at");
  if (const json::object* by = f.Object("created_by")) {
    Fields b(*by);
    k.created_by = domain::UpstreamActor{b.Str("id"), b.Str("type")};
  }
  if (const json::object* scope = f.Object("scope")) {
    Fields s(*scope);
    k.scope = domain::ApiKeyScope{s.Str("type"), s.Opt("workspace_id")};
    // 2026-10-21 has no workspace_id: the workspace is the scope's (the Default Workspace's
    // real id included; the sync maps that one back to "no workspace").
    if (!has_workspace_field && k.scope->type == "workspace") k.workspace_id = k.scope->workspace_id;
  }
  if (const json::object* principal = f.Object("principal")) {
    Fields p(*principal);
    // Current shape {type, user_id | service_account_id}; an intermediate docs version used {id, type}.
    auto pid = p.Opt("user_id");
    if (!pid) pid = p.Opt("service_account_id");
    if (!pid) pid = p.Opt("id");
    k.principal = domain::ApiKeyPrincipal{p.Str("type"), pid.value_or(std::string())};
  }
  return k;
}

template <>
Result<AdminUser> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "user");
  if (!id) return Fail(id.error());
  return AdminUser{*id, f.Str("email"), f.Str("name"), f.Str("role"), f.Str("added_at")};
}

template <>
Result<Invite> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "invite");
  if (!id) return Fail(id.error());
  return Invite{*id,
                f.Str("email"),
                f.Str("role"),
                f.Str("status"),
                f.Str("invited_at"),
                f.Str("expires_at"),
                f.Opt("accepted_at")};
}

template <>
Result<DeletedObject> From(const json::object& o) {
  Fields f(o);
  auto id = f.Opt("id");
  if (!id) id = f.Opt("user_id");
  return DeletedObject{id.value_or(std::string()), f.Str("type")};
}

// The objects of a report bucket's "results" array, each parsed by `parse` (non-objects skipped).
template <typename Result, typename Parse>
std::vector<Result> BucketResults(const Fields& f, Parse parse) {
  std::vector<Result> out;
  if (const json::array* results = f.Array("results")) {
    out.reserve(results->size());
    for (const json::value& item : *results) {
      if (const json::object* ro = item.if_object()) out.push_back(parse(*ro));
    }
  }
  return out;
}

template <>
Result<UsageBucket> From(const json::object& o) {
  Fields f(o);
  UsageBucket bucket{f.Str("starting_at"), f.Str("ending_at"), {}};
  bucket.results = BucketResults<domain::UsageResult>(f, [](const json::object& ro) {
    Fields r(ro);
    domain::UsageResult u;
    u.uncached_input_tokens = r.Int("uncached_input_tokens");
    if (const json::object* cc = r.Object("cache_creation")) {
      Fields c(*cc);
      u.cache_creation_1h_input_tokens = c.Int("ephemeral_1h_input_tokens");
      u.cache_creation_5m_input_tokens = c.Int("ephemeral_5m_input_tokens");
    }
    u.cache_read_input_tokens = r.Int("cache_read_input_tokens");
    u.output_tokens = r.Int("output_tokens");
    if (const json::object* stu = r.Object("server_tool_use"))
      u.web_search_requests = Fields(*stu).Int("web_search_requests");
    u.api_key_id = r.Opt("api_key_id");
    u.workspace_id = r.Opt("workspace_id");
    u.model = r.Opt("model");
    u.service_tier = r.Opt("service_tier");
    u.context_window = r.Opt("context_window");
    u.inference_geo = r.Opt("inference_geo");
    return u;
  });
  return bucket;
}

template <>
Result<CostBucket> From(const json::object& o) {
  Fields f(o);
  CostBucket bucket{f.Str("starting_at"), f.Str("ending_at"), {}};
  bucket.results = BucketResults<domain::CostResult>(f, [](const json::object& ro) {
    Fields r(ro);
    domain::CostResult c;
    c.currency = r.Str("currency");
    // Documented as a decimal string; accept a JSON number too rather than lose the row.
    if (const json::value* amount = ro.if_contains("amount"); amount != nullptr && amount->is_number()) {
      c.amount = json::serialize(*amount);
    } else {
      c.amount = r.Str("amount");
    }
    c.workspace_id = r.Opt("workspace_id");
    c.description = r.Opt("description");
    c.cost_type = r.Opt("cost_type");
    c.context_window = r.Opt("context_window");
    c.model = r.Opt("model");
    c.service_tier = r.Opt("service_tier");
    c.token_type = r.Opt("token_type");
    c.inference_geo = r.Opt("inference_geo");
    return c;
  });
  return bucket;
}

template <>
Result<RateLimitGroup> From(const json::object& o) {
  Fields f(o);
  RateLimitGroup g;
  // An organization entry has `id`; a workspace's view names the entry as `rate_limit_id`.
  g.rate_limit_id = f.Opt("rate_limit_id").value_or(f.Str("id"));
  if (g.rate_limit_id.empty()) return Fail(BadResponse("rate limit without id"));
  if (const json::object* group = f.Object("group")) {
    Fields gf(*group);
    g.group_type = gf.Str("type");
    g.display_name = gf.Str("display_name");
  } else {
    g.group_type = f.Str("group_type");  // before 2026-10-21
  }
  if (const json::array* models = f.Array("models")) {
    for (const auto& m : *models) {
      if (m.is_string()) g.models.emplace_back(m.get_string());
    }
  }
  if (const json::array* limits = f.Array("limits")) {
    for (const auto& item : *limits) {
      const json::object* lo = item.if_object();
      if (lo == nullptr) continue;
      Fields l(*lo);
      domain::RateLimitValue v;
      v.type = l.Str("type");
      v.value = l.Int("value");
      if (const json::value* org = lo->if_contains("org_limit"); org && (org->is_int64() || org->is_uint64())) {
        v.org_limit = l.Int("org_limit");
      }
      if (const json::object* source = l.Object("source")) v.source = Fields(*source).Str("type");
      g.limits.push_back(std::move(v));
    }
  }
  return g;
}

// The dimensions of an analytics row's `group` (null unless grouped by them).
void ReadAnalyticsGroup(const Fields& f, std::optional<std::string>& api_key_id,
                        std::optional<std::string>& workspace_id, std::optional<std::string>& model) {
  if (const json::object* group = f.Object("group")) {
    Fields g(*group);
    api_key_id = g.Opt("api_key_id");
    workspace_id = g.Opt("workspace_id");
    model = g.Opt("model");
  }
}

template <>
Result<AnalyticsUsageRow> From(const json::object& o) {
  Fields f(o);
  AnalyticsUsageRow r;
  r.starting_at = f.Str("starting_at");
  if (r.starting_at.empty()) return Fail(BadResponse("analytics row without starting_at"));
  ReadAnalyticsGroup(f, r.api_key_id, r.workspace_id, r.model);
  const json::object* usage = f.Object("usage");
  if (usage == nullptr) return Fail(BadResponse("analytics usage row without usage"));
  Fields u(*usage);
  r.uncached_input_tokens = u.Int("uncached_input_tokens");
  r.cache_read_input_tokens = u.Int("cache_read_input_tokens");
  r.output_tokens = u.Int("output_tokens");
  r.requests = u.Int("requests");
  if (const json::object* creation = u.Object("cache_creation")) {
    Fields c(*creation);
    r.cache_creation_input_tokens = c.Int("ephemeral_1h_input_tokens") + c.Int("ephemeral_5m_input_tokens");
  }
  return r;
}

template <>
Result<AnalyticsCostRow> From(const json::object& o) {
  Fields f(o);
  AnalyticsCostRow r;
  r.starting_at = f.Str("starting_at");
  if (r.starting_at.empty()) return Fail(BadResponse("analytics row without starting_at"));
  ReadAnalyticsGroup(f, r.api_key_id, r.workspace_id, r.model);
  const json::object* cost = f.Object("cost");
  if (cost == nullptr) return Fail(BadResponse("analytics cost row without cost"));
  Fields c(*cost);
  r.amount = c.Str("amount");
  r.currency = c.Str("currency");
  if (r.amount.empty()) return Fail(BadResponse("analytics cost row without amount"));
  return r;
}

template <>
Result<SpendLimit> From(const json::object& o) {
  Fields f(o);
  auto id = RequiredId(f, "spend limit");
  if (!id) return Fail(id.error());
  SpendLimit l;
  l.id = *id;
  l.amount = f.Opt("amount");
  l.currency = f.Str("currency");
  l.period = f.Str("period");
  l.updated_at = f.Str("updated_at");
  if (const json::object* scope = f.Object("scope")) {
    Fields s(*scope);
    l.scope_type = s.Str("type");
    l.workspace_id = s.Opt("workspace_id");
  }
  return l;
}

Result<const json::object*> RootObject(const json::value& value) {
  const json::object* o = value.if_object();
  if (o == nullptr) return Fail(BadResponse("top level is not an object"));
  return o;
}

template <typename T>
Result<std::vector<T>> DataArray(const json::object& root) {
  const json::value* data = root.if_contains("data");
  if (data == nullptr || !data->is_array()) return Fail(BadResponse("list without data[]"));
  std::vector<T> items;
  items.reserve(data->get_array().size());
  for (const json::value& item : data->get_array()) {
    const json::object* o = item.if_object();
    if (o == nullptr) return Fail(BadResponse("data[] holds a non-object"));
    auto parsed = From<T>(*o);
    if (!parsed) return Fail(parsed.error());
    items.push_back(std::move(*parsed));
  }
  return items;
}

}  // namespace

template <typename T>
Result<T> ParseObject(std::string_view text) {
  auto value = ParseJson(text);
  if (!value) return Fail(value.error());
  auto root = RootObject(*value);
  if (!root) return Fail(root.error());
  return From<T>(**root);
}

template <typename T>
Result<CursorPage<T>> ParseCursorPage(std::string_view text) {
  auto value = ParseJson(text);
  if (!value) return Fail(value.error());
  auto root = RootObject(*value);
  if (!root) return Fail(root.error());
  auto items = DataArray<T>(**root);
  if (!items) return Fail(items.error());
  Fields f(**root);
  return CursorPage<T>{std::move(*items), f.Bool("has_more"), f.Opt("first_id"), f.Opt("last_id")};
}

template <typename T>
Result<ReportPage<T>> ParseReportPage(std::string_view text) {
  auto value = ParseJson(text);
  if (!value) return Fail(value.error());
  auto root = RootObject(*value);
  if (!root) return Fail(root.error());
  auto items = DataArray<T>(**root);
  if (!items) return Fail(items.error());
  Fields f(**root);
  return ReportPage<T>{std::move(*items), f.Bool("has_more"), f.Opt("next_page")};
}

template Result<OrganizationInfo> ParseObject(std::string_view);
template Result<Workspace> ParseObject(std::string_view);
template Result<WorkspaceMember> ParseObject(std::string_view);
template Result<ApiKey> ParseObject(std::string_view);
template Result<AdminUser> ParseObject(std::string_view);
template Result<Invite> ParseObject(std::string_view);
template Result<DeletedObject> ParseObject(std::string_view);
template Result<CursorPage<Workspace>> ParseCursorPage(std::string_view);
template Result<CursorPage<WorkspaceMember>> ParseCursorPage(std::string_view);
template Result<CursorPage<ApiKey>> ParseCursorPage(std::string_view);
template Result<CursorPage<AdminUser>> ParseCursorPage(std::string_view);
template Result<CursorPage<Invite>> ParseCursorPage(std::string_view);
template Result<ReportPage<UsageBucket>> ParseReportPage(std::string_view);
template Result<ReportPage<CostBucket>> ParseReportPage(std::string_view);
template Result<ReportPage<RateLimitGroup>> ParseReportPage(std::string_view);
template Result<ReportPage<AnalyticsUsageRow>> ParseReportPage(std::string_view);
template Result<ReportPage<AnalyticsCostRow>> ParseReportPage(std::string_view);
template Result<ReportPage<SpendLimit>> ParseReportPage(std::string_view);
template Result<RateLimitGroup> ParseObject(std::string_view);
template Result<SpendLimit> ParseObject(std::string_view);

std::optional<ErrorBody> ParseErrorBody(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  Fields root(value.get_object());
  const json::object* error = root.Object("error");
  if (error == nullptr) return std::nullopt;
  Fields e(*error);
  ErrorBody body{e.Str("type"), e.Str("message"), root.Opt("request_id"), std::nullopt, std::nullopt};
  if (const json::object* details = e.Object("details")) {
    Fields d(*details);
    body.error_code = d.Opt("error_code");
    body.workspace_id = d.Opt("workspace_id");
  }
  return body;
}

std::string EncodeRateLimitChanges(const std::vector<domain::RateLimitChange>& changes) {
  json::array limits;
  for (const auto& c : changes) {
    limits.push_back({{"type", c.type}, {"value", c.value ? json::value(*c.value) : json::value(nullptr)}});
  }
  return json::serialize(json::object{{"limits", std::move(limits)}});
}

std::string EncodeSpendLimit(const std::optional<std::string>& workspace_id, std::string_view amount) {
  json::object scope{{"type", workspace_id ? "workspace" : "organization"}};
  if (workspace_id) scope["workspace_id"] = *workspace_id;
  return json::serialize(json::object{{"amount", amount}, {"scope", std::move(scope)}, {"period", "monthly"}});
}

std::string EncodeWorkspaceCreate(const domain::WorkspaceCreate& request) {
  json::object o;
  o["name"] = request.name;
  if (request.display_color) o["display_color"] = *request.display_color;
  return json::serialize(o);
}

std::string EncodeWorkspaceUpdate(const domain::WorkspaceUpdate& update) {
  json::object o;
  if (update.name) o["name"] = *update.name;
  if (update.display_color) o["display_color"] = *update.display_color;
  return json::serialize(o);
}

std::string EncodeApiKeyUpdate(const domain::ApiKeyUpdate& update) {
  json::object o;
  if (update.name) o["name"] = *update.name;
  if (update.status) o["status"] = domain::ToString(*update.status);
  return json::serialize(o);
}

std::string EncodeObject(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  json::object o;
  for (const auto& [key, value] : fields) o[key] = value;
  return json::serialize(o);
}

}  // namespace portal::anthropic
