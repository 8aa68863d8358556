#include "emulator/emulator.hpp"

#include <array>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "emulator/emulator_faults.hpp"
#include "emulator/emulator_json.hpp"
#include "emulator/emulator_limits.hpp"
#include "emulator/emulator_params.hpp"
#include "emulator/emulator_reports.hpp"
#include "emulator/emulator_seed.hpp"
#include "emulator/emulator_state.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace portal::emulator {
namespace json = boost::json;

namespace {

constexpr std::string_view kFaultHeader = "x-emulator-fault";

// ---------------------------------------------------------------- errors (docs §4)

struct ErrorKind {
  int status;
  std::string_view type;
};

ErrorKind KindOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return {400, "invalid_request_error"};
    case ErrorCode::kUnauthenticated: return {401, "authentication_error"};
    case ErrorCode::kForbidden: return {403, "permission_error"};
    case ErrorCode::kNotFound: return {404, "not_found_error"};
    case ErrorCode::kConflict: return {409, "conflict_error"};
    case ErrorCode::kPayloadTooLarge: return {413, "request_too_large"};
    case ErrorCode::kRateLimited: return {429, "rate_limit_error"};
    case ErrorCode::kUnavailable: return {529, "overloaded_error"};
    case ErrorCode::kUpstream:
    case ErrorCode::kInternal: return {500, "api_error"};
  }
  return {500, "api_error"};
}

// The one place that renders Anthropic's error JSON:
// {"type":"error","error":{"type":…,"message":…[,"details":{"error_code":…}]},"request_id":…}
// `details` carries Error::api_code (the current SDK maps `error.details.error_code` to its
// specific error classes, e.g. 400 invite_already_exists); the server's own errors omit it.
http::Response ErrorResponse(const Error& error, std::string_view request_id, bool with_details) {
  auto kind = KindOf(error.code);
  json::object inner{{"type", kind.type}, {"message", error.message.empty() ? std::string(kind.type) : error.message}};
  if (with_details && !error.api_code.empty()) inner["details"] = {{"error_code", error.api_code}};
  json::object body{{"type", "error"}, {"error", std::move(inner)}, {"request_id", request_id}};
  auto response = http::Response::Json(kind.status, json::serialize(body));
  if (error.retry_after_seconds > 0) response.SetHeader("retry-after", std::to_string(error.retry_after_seconds));
  return response;
}

std::string_view ErrorTypeForStatus(int status) {
  switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 402: return "billing_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 409: return "conflict_error";
    case 429: return "rate_limit_error";
    case 529: return "overloaded_error";
    default: return "api_error";
  }
}

std::string_view BusinessErrorMessage(std::string_view code) {
  if (code == "concurrent_membership_change") return "Another change to this member is in progress. Try again.";
  if (code == "sandbox_egress_restricted") return "Admin API requests from this environment are restricted.";
  if (code == "change_outcome_unknown")
    return "The change may not have finished. Send the same request again to finish it.";
  if (code == "workspace_created_incomplete") {
    return "The workspace was created but its setup did not finish. Don't send the create again.";
  }
  return "The request could not be completed.";
}

// A business error chosen by a fault (`STATUS:error_code`), with extra details (workspace_id).
http::Response BusinessErrorResponse(const Fault& fault, std::string_view request_id, json::object details) {
  details["error_code"] = fault.error_code;
  json::object inner{{"type", ErrorTypeForStatus(fault.status)},
                     {"message", BusinessErrorMessage(fault.error_code)},
                     {"details", std::move(details)}};
  json::object body{{"type", "error"}, {"error", std::move(inner)}, {"request_id", request_id}};
  auto response = http::Response::Json(fault.status, json::serialize(body));
  // A create that happened must not be sent again; a change of unknown outcome should be.
  if (fault.error_code == "change_outcome_unknown") {
    response.SetHeader("x-should-retry", "true");
  } else {
    response.SetHeader("x-should-retry", "false");
  }
  return response;
}

constexpr std::array<std::string_view, 3> kVersions = {"2023-01-01", "2023-06-01", "2026-10-21"};
constexpr std::string_view kCurrentVersion = "2026-10-21";

// The request's anthropic-version is the current one (shapes differ; docs/anthropic.md).
bool IsCurrentVersion(const http::Request& request) { return request.Header("anthropic-version") == kCurrentVersion; }

// Beta endpoints that require their `anthropic-beta` value (comma-separated list).
Status RequireBeta(const http::Request& request, std::string_view beta) {
  std::string_view header = request.Header("anthropic-beta");
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == beta) return {};
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return Fail(Error::InvalidArgument("This endpoint is in beta: send `anthropic-beta: " + std::string(beta) + "`"));
}

Error MakeError(ErrorCode code, std::string message, int retry_after = 0) {
  Error e{code, std::move(message)};
  e.retry_after_seconds = retry_after;
  return e;
}

// ---------------------------------------------------------------- request bodies

Result<json::object> BodyObject(const http::Request& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  boost::system::error_code ec;
  auto value = json::parse(request.body, ec);
  if (ec) return Fail(Error::InvalidArgument("The request body is not valid JSON: " + ec.message()));
  if (!value.is_object()) return Fail(Error::InvalidArgument("The request body must be a JSON object"));
  return std::move(value.as_object());
}

// additionalProperties: false (CreateInviteParams, UpdateUserParams; docs §2.3).
Status OnlyFields(const json::object& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Fail(Error::InvalidArgument(std::string(key) + ": Extra inputs are not permitted"));
    }
  }
  return {};
}

Result<std::optional<std::string>> OptionalString(const json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string())
    return Fail(Error::InvalidArgument(std::string(key) + ": Input should be a valid string"));
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::string> RequiredString(const json::object& body, std::string_view key) {
  auto value = OptionalString(body, key);
  if (!value) return Fail(value.error());
  if (!*value) return Fail(Error::InvalidArgument(std::string(key) + ": Field required"));
  return **value;
}

#define EMU_TRY(var, expr)                              \
  auto var##_result = (expr);                           \
  if (!var##_result) return Fail(var##_result.error()); \
  auto var = std::move(*var##_result)  // NOLINT(bugprone-macro-parentheses): var is the declared name

#define EMU_CHECK(expr) \
  if (auto check_result = (expr); !check_result) return Fail(check_result.error())

using Body = Result<json::value>;

std::string KeyFromHeaders(const http::Request& request) {
  auto api_key = request.Header("x-api-key");
  if (!api_key.empty()) return std::string(api_key);
  auto authorization = request.Header("authorization");
  constexpr std::string_view kBearer = "bearer ";
  if (authorization.size() > kBearer.size()) {
    std::string prefix(authorization.substr(0, kBearer.size()));
    for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix == kBearer) return std::string(authorization.substr(kBearer.size()));
  }
  return {};
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

// ---------------------------------------------------------------- the emulator

struct Emulator::Impl {
  EmulatorOptions options;
  SystemClock clock;
  std::unique_ptr<EmulatorState> state;
  std::unique_ptr<FaultInjector> faults;
  AnalyticsCache analytics_cache;

  // The cache key of an analytics request: its path and query without `page`, the state's
  // version and the minute (today's bucket grows with the clock).
  std::string AnalyticsCacheKey(const http::Request& r) const {
    std::string key(r.target.substr(0, r.target.find('?')));
    std::string_view query = r.query;
    while (!query.empty()) {
      auto amp = query.find('&');
      auto part = query.substr(0, amp);
      if (!part.starts_with("page=")) {
        key += '&';
        key += part;
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
    key += "#" + std::to_string(state->Version()) + "@" + std::to_string(state->Now() / (60 * kMicrosPerSecond));
    return key;
  }
  std::unique_ptr<http::Server> server;
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopping = false;

  // Sleeps unless Stop() comes first; false when stopping.
  bool SleepFor(std::chrono::milliseconds duration) {
    std::unique_lock lock(stop_mutex);
    return !stop_cv.wait_for(lock, duration, [&] { return stopping; });
  }

  Result<Snapshot> InitialSnapshot() const {
    namespace fs = std::filesystem;
    auto read = [](const std::string& path) -> Result<std::string> {
      std::ifstream in(path, std::ios::binary);
      if (!in) return Fail(Error::InvalidArgument("cannot read " + path));
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    };
    std::string from;
    if (!options.state_file.empty() && fs::exists(options.state_file)) {
      from = options.state_file;
    } else if (!options.seed_file.empty()) {
      from = options.seed_file;
    }
    if (from.empty()) {
      Micros now = std::chrono::duration_cast<std::chrono::microseconds>(clock.Now().time_since_epoch()).count();
      return GenerateSnapshot({options.workspaces, options.api_keys, options.users, options.seed, now});
    }
    EMU_TRY(text, read(from));
    auto snapshot = SnapshotFromJsonText(text, options.seed);
    if (!snapshot) return Fail(Error::InvalidArgument(from + ": " + snapshot.error().message));
    return snapshot;
  }

  // ---- the request pipeline: auth, version, latency, faults, handler

  enum class Auth { kAdmin, kAdminNoVersion, kApiKey };

  http::Handler Wrap(Auth auth, std::function<Body(http::Request&)> handler) {
    return [this, auth, handler = std::move(handler)](http::Request& request) -> http::Response {
      auto rendered = [&](const Error& e) { return ErrorResponse(e, request.request_id, true); };
      std::string key = KeyFromHeaders(request);
      if (key.empty()) return rendered(MakeError(ErrorCode::kUnauthenticated, "x-api-key header is required"));
      if (auth == Auth::kApiKey) {
        auto found = state->FindApiKeyByValue(key);
        if (!found || found->status != "active") {
          return rendered(MakeError(ErrorCode::kUnauthenticated, "invalid x-api-key"));
        }
      } else if (!ConstantTimeEquals(key, options.admin_key)) {
        return rendered(MakeError(ErrorCode::kUnauthenticated, "invalid x-api-key"));
      }
      if (auth != Auth::kAdminNoVersion) {
        auto version = request.Header("anthropic-version");
        if (version.empty()) {
          return rendered(Error::InvalidArgument("anthropic-version: header is required"));
        }
        if (std::find(kVersions.begin(), kVersions.end(), version) == kVersions.end()) {
          return rendered(Error::InvalidArgument("anthropic-version: \"" + std::string(version) +
                                                 "\" is not a valid version (use 2023-01-01, 2023-06-01 or "
                                                 "2026-10-21)"));
        }
      }
      if (auto latency = faults->Latency(); latency.count() > 0 && !SleepFor(latency)) {
        return rendered(MakeError(ErrorCode::kUnavailable, "Overloaded"));
      }
      std::optional<Fault> fault;
      if (auth != Auth::kAdminNoVersion) {
        auto picked = faults->Pick(request.Header(kFaultHeader));
        if (!picked) return rendered(picked.error());
        fault = *picked;
      }
      if (fault) {
        switch (fault->kind) {
          case FaultKind::kRateLimited:
            return rendered(MakeError(ErrorCode::kRateLimited, "Rate limited", fault->retry_after_seconds))
                .SetHeader("x-should-retry", "true");
          case FaultKind::kInternal: return rendered(MakeError(ErrorCode::kInternal, "Internal server error"));
          case FaultKind::kOverloaded: return rendered(MakeError(ErrorCode::kUnavailable, "Overloaded"));
          case FaultKind::kTimeout:
            if (!SleepFor(std::chrono::seconds(options.timeout_fault_seconds)))
              return rendered(MakeError(ErrorCode::kUnavailable, "Overloaded"));
            break;
          case FaultKind::kBusinessError:
            if (fault->error_code != "change_outcome_unknown" && fault->error_code != "workspace_created_incomplete") {
              return BusinessErrorResponse(*fault, request.request_id, {})
                  .SetHeader("anthropic-organization-id", state->Me().id);
            }
            break;
          case FaultKind::kReset:  // handled after the handler ran: the change happens, the answer is lost
          case FaultKind::kTruncated:
          case FaultKind::kNone: break;
        }
      }
      auto body = handler(request);
      if (fault && fault->kind == FaultKind::kBusinessError && body) {
        json::object details;
        if (fault->error_code == "workspace_created_incomplete" && body->is_object()) {
          if (const auto* id = body->as_object().if_contains("id")) details["workspace_id"] = *id;
        }
        return BusinessErrorResponse(*fault, request.request_id, std::move(details))
            .SetHeader("anthropic-organization-id", state->Me().id);
      }
      http::Response response = body ? http::Response::Json(200, json::serialize(*body)) : rendered(body.error());
      if (auth != Auth::kApiKey) response.SetHeader("anthropic-organization-id", state->Me().id);
      if (fault && fault->kind == FaultKind::kTruncated) response.body.resize(response.body.size() / 2);
      if (fault && fault->kind == FaultKind::kReset) response.abort_connection = true;
      return response;
    };
  }

  http::Router Routes();
  using RouteAdder = std::function<void(http::Method, const std::string&, Auth, std::function<Body(http::Request&)>)>;
  void AddOrganizationRoutes(const RouteAdder& add);
  void AddWorkspaceRoutes(const RouteAdder& add);
  void AddApiKeyRoutes(const RouteAdder& add);
  void AddReportRoutes(const RouteAdder& add);
  void AddLimitRoutes(const RouteAdder& add);
  void AddControlRoutes(const RouteAdder& add);
  Status AnalyticsEnabled() const {
    if (state->Settings().analytics_enabled) return {};
    return Fail(Error::NotFound("Not found"));
  }
};

http::Router Emulator::Impl::Routes() {
  http::Router router;
  const RouteAdder add = [&](http::Method method, const std::string& pattern, Auth auth,
                             std::function<Body(http::Request&)> handler) {
    router.Add(method, pattern, Wrap(auth, std::move(handler)), http::Dispatch::kBlocking);
  };
  AddOrganizationRoutes(add);
  AddWorkspaceRoutes(add);
  AddApiKeyRoutes(add);
  AddReportRoutes(add);
  AddLimitRoutes(add);
  AddControlRoutes(add);
  return router;
}

// The organization, its users and invites.
void Emulator::Impl::AddOrganizationRoutes(const RouteAdder& add) {
  using http::Method;
  const std::string org = "/v1/organizations";
  auto query = [](const http::Request& r) { return QueryParams::Parse(r.query); };
  auto param = [](const http::Request& r, std::string_view name) { return std::string(r.PathParam(name)); };

  add(Method::kGet, org + "/me", Auth::kAdmin,
      [this](http::Request&) -> Body { return OrganizationJson(state->Me()); });

  // Users
  add(Method::kGet, org + "/users", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    auto q = query(r);
    EMU_TRY(page, ParsePageRequest(q));
    UserFilter filter;
    filter.email = q.Get("email");
    filter.roles = q.GetAll("roles");
    EMU_TRY(users, state->ListUsers(page, filter));
    return PageJson(users, UserJson);
  });
  add(Method::kGet, org + "/users/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(user, state->GetUser(param(r, "user_id")));
    return UserJson(user);
  });
  add(Method::kPost, org + "/users/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_CHECK(OnlyFields(body, {"role"}));
    EMU_TRY(role, RequiredString(body, "role"));
    EMU_TRY(user, state->UpdateUser(param(r, "user_id"), role));
    return UserJson(user);
  });
  add(Method::kDelete, org + "/users/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    auto id = param(r, "user_id");
    EMU_CHECK(state->DeleteUser(id));
    return json::object{{"id", id}, {"type", "user_deleted"}};
  });

  // Invites
  add(Method::kPost, org + "/invites", Auth::kAdmin, [this](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_CHECK(OnlyFields(body, {"email", "role", "rbac_group_ids"}));
    EMU_TRY(email, RequiredString(body, "email"));
    EMU_TRY(role, RequiredString(body, "role"));
    if (auto it = body.find("rbac_group_ids");
        it != body.end() && !(it->value().is_null() || (it->value().is_array() && it->value().as_array().empty()))) {
      return Fail(
          Error::InvalidArgument("rbac_group_ids: RBAC groups are only available to Claude Enterprise organizations"));
    }
    EMU_TRY(invite, state->CreateInvite(email, role));
    return InviteJson(invite);
  });
  add(Method::kGet, org + "/invites", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_TRY(page, ParsePageRequest(query(r)));
    EMU_TRY(invites, state->ListInvites(page));
    return PageJson(invites, InviteJson);
  });
  add(Method::kGet, org + "/invites/{invite_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(invite, state->GetInvite(param(r, "invite_id")));
    return InviteJson(invite);
  });
  add(Method::kDelete, org + "/invites/{invite_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    auto id = param(r, "invite_id");
    EMU_CHECK(state->DeleteInvite(id));
    return json::object{{"id", id}, {"type", "invite_deleted"}};
  });
}

// Workspaces and their members.
void Emulator::Impl::AddWorkspaceRoutes(const RouteAdder& add) {
  using http::Method;
  const std::string org = "/v1/organizations";
  auto query = [](const http::Request& r) { return QueryParams::Parse(r.query); };
  auto param = [](const http::Request& r, std::string_view name) { return std::string(r.PathParam(name)); };

  // Workspaces
  auto read_tags = [](const json::object& body,
                      bool allow_null_values) -> Result<std::map<std::string, std::optional<std::string>>> {
    std::map<std::string, std::optional<std::string>> tags;
    auto it = body.find("tags");
    if (it == body.end() || it->value().is_null()) return tags;
    if (!it->value().is_object()) return Fail(Error::InvalidArgument("tags: Input should be an object"));
    for (const auto& [k, v] : it->value().as_object()) {
      if (v.is_string()) {
        tags[std::string(k)] = std::string(v.as_string());
      } else if (v.is_null() && allow_null_values) {
        tags[std::string(k)] = std::nullopt;
      } else {
        return Fail(Error::InvalidArgument("tags." + std::string(k) + ": Input should be a valid string"));
      }
    }
    return tags;
  };
  auto no_external_key = [](const json::object& body) -> Status {
    if (auto it = body.find("external_key_id"); it != body.end() && !it->value().is_null()) {
      return Fail(
          Error::InvalidArgument("external_key_id: customer-managed keys are not enabled for this organization"));
    }
    return {};
  };
  add(Method::kPost, org + "/workspaces", Auth::kAdmin, [this, read_tags, no_external_key](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    WorkspaceCreate input;
    EMU_TRY(name, RequiredString(body, "name"));
    EMU_TRY(color, OptionalString(body, "display_color"));
    EMU_TRY(tags, read_tags(body, false));
    EMU_CHECK(no_external_key(body));
    EMU_TRY(profile, OptionalString(body, "user_profile_id"));
    input.name = name;
    input.display_color = color;
    input.user_profile_id = profile;
    for (auto& [k, v] : tags) input.tags[k] = *v;
    if (auto it = body.find("data_residency"); it != body.end() && !it->value().is_null()) {
      EMU_TRY(residency, DataResidencyFromJson(it->value(), "data_residency"));
      input.data_residency = residency;
    }
    EMU_TRY(workspace, state->CreateWorkspace(input));
    return WorkspaceJson(workspace);
  });
  add(Method::kGet, org + "/workspaces", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    auto q = query(r);
    EMU_TRY(page, ParsePageRequest(q));
    EMU_TRY(include_archived, ParseBool(q, "include_archived"));
    EMU_TRY(include_default, ParseBool(q, "include_default"));
    WorkspaceListOptions list_options;
    list_options.include_archived = include_archived.value_or(false);
    list_options.include_default = include_default.value_or(false);
    list_options.ids = q.GetAll("ids");
    EMU_TRY(workspaces, state->ListWorkspaces(page, list_options));
    return PageJson(workspaces, WorkspaceJson);
  });
  add(Method::kGet, org + "/workspaces/{workspace_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(workspace, state->GetWorkspace(param(r, "workspace_id")));
    return WorkspaceJson(workspace);
  });
  add(Method::kPost, org + "/workspaces/{workspace_id}", Auth::kAdmin,
      [this, param, read_tags, no_external_key](http::Request& r) -> Body {
        EMU_TRY(body, BodyObject(r));
        WorkspaceUpdate input;
        EMU_TRY(name, OptionalString(body, "name"));
        EMU_TRY(color, OptionalString(body, "display_color"));
        EMU_TRY(tags, read_tags(body, true));
        EMU_CHECK(no_external_key(body));
        EMU_TRY(profile, OptionalString(body, "user_profile_id"));
        input.name = name;
        input.display_color = color;
        input.tags = tags;
        input.user_profile_id = profile;
        if (auto it = body.find("data_residency"); it != body.end() && !it->value().is_null()) {
          if (!it->value().is_object())
            return Fail(Error::InvalidArgument("data_residency: Input should be an object"));
          const auto& dr = it->value().as_object();
          if (dr.contains("workspace_geo")) {
            return Fail(Error::InvalidArgument("data_residency.workspace_geo: cannot be changed after creation"));
          }
          EMU_TRY(parsed, DataResidencyFromJson(it->value(), "data_residency"));
          if (auto a = dr.find("allowed_inference_geos"); a != dr.end() && !a->value().is_null()) {
            input.allowed_inference_geos = parsed;
          }
          if (auto d = dr.find("default_inference_geo"); d != dr.end() && !d->value().is_null()) {
            input.default_inference_geo = parsed.default_inference_geo;
          }
        }
        EMU_TRY(workspace, state->UpdateWorkspace(param(r, "workspace_id"), input));
        return WorkspaceJson(workspace);
      });
  add(Method::kPost, org + "/workspaces/{workspace_id}/archive", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(workspace, state->ArchiveWorkspace(param(r, "workspace_id")));
    return WorkspaceJson(workspace);
  });

  // Workspace members
  const std::string members = org + "/workspaces/{workspace_id}/members";
  add(Method::kPost, members, Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_TRY(user_id, RequiredString(body, "user_id"));
    EMU_TRY(role, RequiredString(body, "workspace_role"));
    EMU_TRY(member, state->AddMember(param(r, "workspace_id"), user_id, role));
    return MemberJson(member);
  });
  add(Method::kGet, members, Auth::kAdmin, [this, param, query](http::Request& r) -> Body {
    EMU_TRY(page, ParsePageRequest(query(r)));
    EMU_TRY(list, state->ListMembers(param(r, "workspace_id"), page));
    return PageJson(list, MemberJson);
  });
  add(Method::kGet, members + "/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(member, state->GetMember(param(r, "workspace_id"), param(r, "user_id")));
    return MemberJson(member);
  });
  add(Method::kPost, members + "/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_TRY(role, RequiredString(body, "workspace_role"));
    EMU_TRY(member, state->UpdateMember(param(r, "workspace_id"), param(r, "user_id"), role));
    return MemberJson(member);
  });
  add(Method::kDelete, members + "/{user_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    auto workspace_id = param(r, "workspace_id");
    auto user_id = param(r, "user_id");
    EMU_CHECK(state->RemoveMember(workspace_id, user_id));
    return json::object{{"type", "workspace_member_deleted"}, {"user_id", user_id}, {"workspace_id", workspace_id}};
  });
}

// API keys, shaped by the request's anthropic-version.
void Emulator::Impl::AddApiKeyRoutes(const RouteAdder& add) {
  using http::Method;
  const std::string org = "/v1/organizations";
  auto query = [](const http::Request& r) { return QueryParams::Parse(r.query); };
  auto param = [](const http::Request& r, std::string_view name) { return std::string(r.PathParam(name)); };
  const std::string default_ws = state->Copy().default_workspace_id;
  auto key_json = [default_ws](const http::Request& r) {
    return [&default_ws, current = IsCurrentVersion(r)](const ApiKeyRecord& k) {
      return ApiKeyJson(k, default_ws, current);
    };
  };

  // API keys
  add(Method::kGet, org + "/api_keys", Auth::kAdmin, [this, query, key_json](http::Request& r) -> Body {
    auto q = query(r);
    EMU_TRY(page, ParsePageRequest(q));
    ApiKeyFilter filter;
    filter.status = q.Get("status");
    filter.workspace_id = q.Get("workspace_id");
    filter.created_by_user_id = q.Get("created_by_user_id");
    EMU_TRY(keys, state->ListApiKeys(page, filter));
    return PageJson(keys, key_json(r));
  });
  add(Method::kGet, org + "/api_keys/{api_key_id}", Auth::kAdmin, [this, param, key_json](http::Request& r) -> Body {
    EMU_TRY(key, state->GetApiKey(param(r, "api_key_id")));
    return key_json(r)(key);
  });
  add(Method::kPost, org + "/api_keys/{api_key_id}", Auth::kAdmin, [this, param, key_json](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    ApiKeyUpdate input;
    EMU_TRY(name, OptionalString(body, "name"));
    EMU_TRY(status, OptionalString(body, "status"));
    input.name = name;
    input.status = status;
    EMU_TRY(key, state->UpdateApiKey(param(r, "api_key_id"), input));
    return key_json(r)(key);
  });
}

// The usage and cost reports, and the analytics endpoints (beta).
void Emulator::Impl::AddReportRoutes(const RouteAdder& add) {
  using http::Method;
  const std::string org = "/v1/organizations";
  auto query = [](const http::Request& r) { return QueryParams::Parse(r.query); };

  // Reports
  add(Method::kGet, org + "/usage_report/messages", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_TRY(report, UsageReport(state->Copy(), query(r), state->Now()));
    return report;
  });
  add(Method::kGet, org + "/cost_report", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_TRY(report, CostReport(state->Copy(), query(r), state->Now()));
    return report;
  });

  // Analytics (beta)
  add(Method::kGet, org + "/analytics/usage", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_CHECK(AnalyticsEnabled());
    EMU_CHECK(RequireBeta(r, "analytics-usage-cost-2026-08-24"));
    EMU_TRY(report, AnalyticsUsage(state->Copy(), query(r), state->Now(), &analytics_cache, AnalyticsCacheKey(r)));
    return report;
  });
  add(Method::kGet, org + "/analytics/cost", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_CHECK(AnalyticsEnabled());
    EMU_CHECK(RequireBeta(r, "analytics-usage-cost-2026-08-24"));
    EMU_TRY(report, AnalyticsCost(state->Copy(), query(r), state->Now(), &analytics_cache, AnalyticsCacheKey(r)));
    return report;
  });
}

// Rate limits and spend limits (beta).
void Emulator::Impl::AddLimitRoutes(const RouteAdder& add) {
  using http::Method;
  const std::string org = "/v1/organizations";
  auto query = [](const http::Request& r) { return QueryParams::Parse(r.query); };
  auto param = [](const http::Request& r, std::string_view name) { return std::string(r.PathParam(name)); };

  // Rate limits
  add(Method::kGet, org + "/rate_limits", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_TRY(list, OrganizationRateLimitsJson(state->Copy(), query(r), IsCurrentVersion(r)));
    return list;
  });
  add(Method::kGet, org + "/workspaces/{workspace_id}/rate_limits", Auth::kAdmin,
      [this, query, param](http::Request& r) -> Body {
        auto workspace_id = param(r, "workspace_id");
        EMU_CHECK(state->GetWorkspace(workspace_id));
        EMU_TRY(list, WorkspaceRateLimitsJson(state->Copy(), workspace_id, query(r), IsCurrentVersion(r)));
        return list;
      });
  add(Method::kPost, org + "/workspaces/{workspace_id}/rate_limits/{rate_limit_id}", Auth::kAdmin,
      [this, param](http::Request& r) -> Body {
        EMU_TRY(body, BodyObject(r));
        EMU_CHECK(OnlyFields(body, {"limits"}));
        auto it = body.find("limits");
        if (it == body.end() || !it->value().is_array()) {
          return Fail(Error::InvalidArgument("limits: Field required (an array)").WithField("limits"));
        }
        std::vector<RateLimitChange> changes;
        for (const auto& item : it->value().as_array()) {
          if (!item.is_object()) return Fail(Error::InvalidArgument("limits: expected objects").WithField("limits"));
          const auto& o = item.as_object();
          const auto* type = o.if_contains("type");
          const auto* value = o.if_contains("value");
          if (!type || !type->is_string()) return Fail(Error::InvalidArgument("limits.type: Field required"));
          if (!value || !(value->is_null() || value->is_int64() || value->is_uint64())) {
            return Fail(Error::InvalidArgument("limits.value: an integer or null"));
          }
          changes.emplace_back(std::string(type->as_string()),
                               value->is_null() ? std::nullopt : std::optional(value->to_number<std::int64_t>()));
        }
        auto workspace_id = param(r, "workspace_id");
        auto rate_limit_id = param(r, "rate_limit_id");
        EMU_CHECK(state->SetWorkspaceRateLimits(workspace_id, rate_limit_id, changes));
        auto snapshot = state->Copy();
        auto catalogue = OrganizationRateLimits(snapshot.organization);
        return WorkspaceRateLimitJson(snapshot, *FindRateLimit(catalogue, rate_limit_id), workspace_id, false,
                                      IsCurrentVersion(r));
      });

  // Spend limits (beta)
  add(Method::kGet, org + "/spend_limits", Auth::kAdmin, [this, query](http::Request& r) -> Body {
    EMU_CHECK(RequireBeta(r, "spend-limit-reads-2026-09-26"));
    auto q = query(r);
    SpendLimitFilter filter;
    filter.scope_types = q.GetAll("scope_type");
    for (const auto& t : filter.scope_types) {
      static constexpr std::array<std::string_view, 7> kScopes = {
          "organization", "organization_service", "rbac_group", "seat_tier", "usage_tier", "user", "workspace"};
      if (std::find(kScopes.begin(), kScopes.end(), t) == kScopes.end()) {
        return Fail(Error::InvalidArgument("scope_type: unsupported value \"" + t + "\""));
      }
    }
    filter.workspace_id = q.Get("workspace_id");
    EMU_TRY(limits, state->ListSpendLimits(filter));
    json::array items;
    for (const auto& l : limits) items.push_back(SpendLimitJson(l));
    EMU_TRY(page, CursorPage(std::move(items), q));
    return page;
  });
  add(Method::kGet, org + "/spend_limits/{spend_limit_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    EMU_TRY(limit, state->GetSpendLimit(param(r, "spend_limit_id")));
    return SpendLimitJson(limit);
  });
  add(Method::kPost, org + "/spend_limits", Auth::kAdmin, [this](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_CHECK(OnlyFields(body, {"amount", "scope", "period"}));
    auto amount_it = body.find("amount");
    if (amount_it == body.end()) return Fail(Error::InvalidArgument("amount: Field required").WithField("amount"));
    std::optional<std::string> amount;
    if (amount_it->value().is_string()) {
      amount = std::string(amount_it->value().as_string());
    } else if (!amount_it->value().is_null()) {
      return Fail(Error::InvalidArgument("amount: Input should be a string or null").WithField("amount"));
    }
    EMU_TRY(period, OptionalString(body, "period"));
    auto scope_it = body.find("scope");
    if (scope_it == body.end() || !scope_it->value().is_object()) {
      return Fail(Error::InvalidArgument("scope: Field required (an object)").WithField("scope"));
    }
    const auto& scope = scope_it->value().as_object();
    EMU_TRY(scope_type, RequiredString(scope, "type"));
    std::optional<std::string> workspace_id;
    if (scope_type == "workspace") {
      EMU_TRY(id, RequiredString(scope, "workspace_id"));
      workspace_id = id;
    } else if (scope_type != "organization") {
      return Fail(Error::InvalidArgument("scope.type: \"" + scope_type + "\" limits do not apply to this organization")
                      .WithField("scope"));
    }
    EMU_TRY(limit, state->SetSpendLimit(workspace_id, period.value_or("monthly"), amount));
    return SpendLimitJson(limit);
  });
  add(Method::kDelete, org + "/spend_limits/{spend_limit_id}", Auth::kAdmin, [this, param](http::Request& r) -> Body {
    auto id = param(r, "spend_limit_id");
    EMU_CHECK(state->DeleteSpendLimit(id));
    return json::object{{"id", id}, {"type", "spend_limit_deleted"}};
  });
}

// /v1/models for checking a key, and the emulator's own endpoints.
void Emulator::Impl::AddControlRoutes(const RouteAdder& add) {
  using http::Method;

  // The Messages API's model list, for checking a (non-admin) key.
  add(Method::kGet, "/v1/models", Auth::kApiKey, [](http::Request&) -> Body {
    json::array models;
    for (auto [id, name, created] :
         {std::tuple{"claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z"},
          std::tuple{"claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-22T00:00:00Z"},
          std::tuple{"claude-3-5-haiku-20241022", "Claude Haiku 3.5", "2024-10-22T00:00:00Z"}}) {
      models.push_back({{"type", "model"}, {"id", id}, {"display_name", name}, {"created_at", created}});
    }
    return json::object{{"data", models},
                        {"has_more", false},
                        {"first_id", models.front().at("id")},
                        {"last_id", models.back().at("id")}};
  });

  // Emulator-only endpoints (admin key; no anthropic-version, no faults).
  add(Method::kGet, "/_emulator/keys", Auth::kAdminNoVersion, [this](http::Request&) -> Body {
    json::array out;
    for (const auto& k : state->ApiKeys()) {
      out.push_back({{"id", k.id},
                     {"value", k.value},
                     {"workspace_id", k.workspace_id ? json::value(*k.workspace_id) : json::value(nullptr)},
                     {"status", k.status},
                     {"name", k.name}});
    }
    return out;
  });
  add(Method::kGet, "/_emulator/faults", Auth::kAdminNoVersion, [this](http::Request&) -> Body {
    return json::object{{"queued", faults->QueuedCount()}};
  });
  auto settings_json = [](const EmulatorSettings& s) {
    return json::object{{"spend_limits_enabled", s.spend_limits_enabled},
                        {"analytics_enabled", s.analytics_enabled},
                        {"org_active_api_keys_limit", s.org_active_api_keys_limit},
                        {"workspace_active_api_keys_limit", s.workspace_active_api_keys_limit},
                        {"usage_revision", s.usage_revision},
                        {"analytics_page_limit", s.analytics_page_limit}};
  };
  add(Method::kGet, "/_emulator/settings", Auth::kAdminNoVersion,
      [this, settings_json](http::Request&) -> Body { return settings_json(state->Settings()); });
  add(Method::kPost, "/_emulator/settings", Auth::kAdminNoVersion, [this, settings_json](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_CHECK(OnlyFields(body, {"spend_limits_enabled", "analytics_enabled", "org_active_api_keys_limit",
                                "workspace_active_api_keys_limit", "usage_revision", "analytics_page_limit"}));
    auto settings = state->Settings();
    for (auto [name, slot] : {std::pair{"spend_limits_enabled", &settings.spend_limits_enabled},
                              std::pair{"analytics_enabled", &settings.analytics_enabled}}) {
      if (const auto* v = body.if_contains(name)) {
        if (!v->is_bool()) return Fail(Error::InvalidArgument(std::string(name) + ": expected a boolean"));
        *slot = v->as_bool();
      }
    }
    for (auto [name, slot] : {std::pair{"org_active_api_keys_limit", &settings.org_active_api_keys_limit},
                              std::pair{"workspace_active_api_keys_limit", &settings.workspace_active_api_keys_limit},
                              std::pair{"usage_revision", &settings.usage_revision},
                              std::pair{"analytics_page_limit", &settings.analytics_page_limit}}) {
      if (const auto* v = body.if_contains(name)) {
        if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 1'000'000) {
          return Fail(Error::InvalidArgument(std::string(name) + ": expected an integer 0..1000000 (0 = no limit)"));
        }
        *slot = static_cast<int>(v->as_int64());
      }
    }
    state->UpdateSettings(settings);
    return settings_json(settings);
  });
  add(Method::kPost, "/_emulator/faults", Auth::kAdminNoVersion, [this](http::Request& r) -> Body {
    EMU_TRY(body, BodyObject(r));
    EMU_CHECK(OnlyFields(body, {"faults", "rate", "kinds"}));
    auto strings = [&](std::string_view name) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      const auto* list = body.if_contains(name);
      if (list == nullptr) return out;
      if (!list->is_array()) return Fail(Error::InvalidArgument(std::string(name) + ": expected an array"));
      for (const auto& v : list->as_array()) {
        if (!v.is_string()) return Fail(Error::InvalidArgument(std::string(name) + ": expected strings"));
        out.emplace_back(v.as_string());
      }
      return out;
    };
    const auto* rate = body.if_contains("rate");
    if (!body.contains("faults") && rate == nullptr) {
      return Fail(Error::InvalidArgument("faults (an array to queue) or rate (0..1) is required"));
    }
    if (rate != nullptr && (!rate->is_number() || rate->to_number<double>() < 0.0 || rate->to_number<double>() > 1.0)) {
      return Fail(Error::InvalidArgument("rate: expected a number from 0 to 1"));
    }
    EMU_TRY(queue_specs, strings("faults"));
    EMU_TRY(queue, ParseFaultList(queue_specs));
    EMU_TRY(kind_specs, strings("kinds"));
    EMU_TRY(kinds, kind_specs.empty() ? Result<std::vector<Fault>>() : ParseFaultList(kind_specs));
    faults->Queue(queue);
    if (rate != nullptr) faults->SetRandom(std::move(kinds), rate->to_number<double>());
    return json::object{{"queued", queue.size()}, {"rate", faults->Rate()}};
  });
}

Emulator::Emulator(EmulatorOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }

Emulator::~Emulator() { Stop(); }

Status Emulator::Start() {
  auto& o = impl_->options;
  if (impl_->server) return Fail(Error::InvalidArgument("the emulator is already running"));
  if (o.admin_key.empty()) return Fail(Error::InvalidArgument("an admin key is required"));
  if (o.fault_rate < 0.0 || o.fault_rate > 1.0) return Fail(Error::InvalidArgument("fault rate must be within 0..1"));
  if (o.latency_min_ms < 0 || o.latency_max_ms < o.latency_min_ms) {
    return Fail(Error::InvalidArgument("latency must be MIN..MAX milliseconds with 0 <= MIN <= MAX"));
  }
  auto kinds = ParseFaultList(o.faults);
  if (!kinds) return Fail(kinds.error());
  auto snapshot = impl_->InitialSnapshot();
  if (!snapshot) return Fail(snapshot.error());
  impl_->state = std::make_unique<EmulatorState>(std::move(*snapshot), impl_->clock, o.state_file);
  if (auto saved = impl_->state->Save(); !saved) return Fail(saved.error());
  impl_->faults = std::make_unique<FaultInjector>(*kinds, o.fault_rate, o.latency_min_ms, o.latency_max_ms, o.seed);
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = false;
  }

  http::ServerOptions server_options;
  server_options.address = o.address;
  server_options.port = o.port;
  server_options.io_threads = 2;
  server_options.request_id_header = "request-id";
  server_options.security_headers = false;
  server_options.access_log = o.access_log;
  server_options.render_error = [](const http::Request& request, const Error& error) {
    return ErrorResponse(error, request.request_id, false);
  };
  impl_->server = std::make_unique<http::Server>(std::move(server_options), impl_->Routes());
  if (auto started = impl_->server->Start(); !started) {
    impl_->server.reset();
    return Fail(started.error());
  }
  log::Info("emulator_started", {{"url", BaseUrl()}, {"api_keys", static_cast<int>(impl_->state->ApiKeys().size())}});
  return {};
}

void Emulator::Stop() {
  if (!impl_ || !impl_->server) return;
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  impl_->server->Stop(std::chrono::milliseconds(2000));
  impl_->server.reset();
}

std::uint16_t Emulator::Port() const { return impl_->server ? impl_->server->Port() : 0; }

std::string Emulator::BaseUrl() const {
  std::string host = impl_->options.address;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(Port());
}

std::vector<EmulatedUsage> Emulator::DailyUsage(std::int64_t day_start_seconds) const {
  if (!impl_->state) return {};
  return EmulatedDailyUsage(impl_->state->Copy(), day_start_seconds * kMicrosPerSecond, impl_->state->Now());
}

std::vector<EmulatedKey> Emulator::Keys() const {
  std::vector<EmulatedKey> out;
  if (!impl_->state) return out;
  for (const auto& k : impl_->state->ApiKeys()) out.push_back({k.id, k.value, k.workspace_id, k.status, k.name});
  return out;
}

Status Emulator::QueueFaults(const std::vector<std::string>& faults) {
  if (!impl_->faults) return Fail(Error::InvalidArgument("the emulator is not running"));
  auto parsed = ParseFaultList(faults);
  if (!parsed) return Fail(parsed.error());
  impl_->faults->Queue(*parsed);
  return {};
}

void Emulator::RunUntilSignalled() {
  if (!impl_->server) return;
  http::RunUntilSignalled(*impl_->server);
  Stop();
}

std::string Emulator::AdminKey() const { return impl_->options.admin_key; }

#undef EMU_CHECK
#undef EMU_TRY

}  // namespace portal::emulator
