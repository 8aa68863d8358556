#include "anthropic/client.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <utility>

#include "anthropic/failure.hpp"
#include "anthropic/json_codec.hpp"
#include "core/log.hpp"

namespace portal::anthropic {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;
using std::chrono::milliseconds;

// The version the portal speaks (docs/anthropic.md "Version"): the current one, with machine
// error codes; the reader also takes the 2023-06-01 shapes.
constexpr std::string_view kAnthropicVersion = "2026-10-21";
constexpr std::string_view kChangeOutcomeUnknown = "change_outcome_unknown";
constexpr std::string_view kWorkspaceCreatedIncomplete = "workspace_created_incomplete";

bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (Unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// Array parameters go out as name[]=a&name[]=b, like the docs' curl examples and the SDK's
// arrayFormat "brackets"; the brackets stay literal, values are percent-encoded.
std::string Target(std::string_view path, const Query& query) {
  std::string out(path);
  char sep = '?';
  for (const auto& [name, value] : query) {
    out.push_back(sep);
    out += name;
    out.push_back('=');
    out += PercentEncode(value);
    sep = '&';
  }
  return out;
}

void AddArray(Query& query, std::string_view name, const std::vector<std::string>& values) {
  for (const auto& value : values) query.emplace_back(std::string(name) + "[]", value);
}

std::string_view PathOnly(std::string_view target) { return target.substr(0, target.find('?')); }

Error InvalidArgument(std::string message) {
  return AnthropicError(ErrorCode::kInvalidArgument, "invalid_request", std::move(message));
}

Status RequireId(std::string_view id, std::string_view what) {
  if (id.empty()) return Fail(InvalidArgument(std::string(what) + " is required"));
  return {};
}

std::optional<std::string> ErrorCodeOf(const Outcome& outcome) {
  if (!outcome || outcome->status < 400) return std::nullopt;
  auto body = ParseErrorBody(outcome->body);
  return body ? body->error_code : std::nullopt;
}

double DefaultJitter() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// Transport failures and server-side errors count against the breaker; every other HTTP answer
// shows Anthropic is reachable and working.
bool IsServiceFailure(const Outcome& outcome) {
  if (!outcome) {
    return outcome.error().kind == TransportFailure::kConnect || outcome.error().kind == TransportFailure::kTimeout ||
           outcome.error().kind == TransportFailure::kReset;
  }
  return outcome->status >= 500 || outcome->status == 408;
}

std::string_view FailureName(TransportFailure kind) {
  switch (kind) {
    case TransportFailure::kConnect: return "connect";
    case TransportFailure::kTimeout: return "timeout";
    case TransportFailure::kReset: return "reset";
    case TransportFailure::kTls: return "tls";
    case TransportFailure::kCancelled: return "cancelled";
    case TransportFailure::kOther: break;
  }
  return "other";
}

}  // namespace

struct AnthropicAdminClient::Call {
  std::string_view method;
  std::string target;  // path and query
  std::string body;    // JSON, or empty
  Replay replay = Replay::kIdempotent;
  // The key this call presents: the admin key, or the key CheckApiKey tests.
  std::string_view key;
  bool with_admin_key = true;
  std::string_view beta;  // anthropic-beta, for beta endpoints
};

struct AnthropicAdminClient::Final {
  Outcome outcome;
  int retries = 0;
  std::optional<milliseconds> refused_wait;  // the server wanted a longer wait than allowed
  std::optional<Error> read_error;           // a 2xx whose body could not be read
};

AnthropicAdminClient::AnthropicAdminClient(AnthropicAdminClientOptions options, AnthropicAdminClientDeps deps)
    : options_(std::move(options)),
      transport_(deps.transport ? std::move(deps.transport)
                                : std::shared_ptr<HttpTransport>(MakeCurlTransport(deps.cancellation))),
      owned_clock_(deps.clock ? nullptr : std::make_unique<SystemClock>()),
      owned_sleeper_(deps.sleeper ? nullptr : std::make_unique<RealSleeper>(deps.cancellation)),
      clock_(deps.clock ? deps.clock : owned_clock_.get()),
      sleeper_(deps.sleeper ? deps.sleeper : owned_sleeper_.get()),
      jitter_(deps.jitter ? std::move(deps.jitter) : std::function<double()>(&DefaultJitter)),
      breaker_(options_.breaker_failures, options_.breaker_open_for) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
  options_.page_size = std::clamp(options_.page_size, 1, 1000);
  options_.max_retries = std::max(0, options_.max_retries);
}

AnthropicAdminClient::~AnthropicAdminClient() = default;

std::string AnthropicAdminClient::Redact(std::string text, std::string_view extra_secret) const {
  return RedactSecrets(std::move(text), options_.admin_key, extra_secret);
}

Result<AnthropicAdminClient::Final> AnthropicAdminClient::Execute(const Call& call, const Reader& read) {
  const auto admission = breaker_.Admit(clock_->Now());
  if (!admission.allowed) {
    Error error = AnthropicError(ErrorCode::kUnavailable, "anthropic_circuit_open",
                                 "calls to Anthropic are paused after repeated failures; try again shortly");
    error.retry_after_seconds = static_cast<int>(std::ceil(static_cast<double>(admission.retry_in.count()) / 1000.0));
    error.detail =
        "anthropic " + std::string(call.method) + " " + std::string(PathOnly(call.target)) + ": circuit open, not sent";
    return Fail(std::move(error));
  }
  const int max_retries = admission.probe ? 0 : options_.max_retries;

  HttpRequest request;
  request.method = std::string(call.method);
  request.url = options_.base_url + call.target;
  request.connect_timeout = options_.connect_timeout;
  request.timeout = options_.timeout;
  request.headers = {{"x-api-key", std::string(call.key)},
                     {"anthropic-version", std::string(kAnthropicVersion)},
                     {"user-agent", options_.user_agent},
                     {"accept", "application/json"}};
  if (!call.beta.empty()) request.headers.emplace_back("anthropic-beta", std::string(call.beta));
  if (!call.body.empty()) {
    request.headers.emplace_back("content-type", "application/json");
    request.body = call.body;
  }
  const std::size_t base_headers = request.headers.size();

  Final final;
  bool outcome_unknown_retried = false;
  for (int attempt = 0;; ++attempt) {
    if (options_.decorate_request) {
      request.headers.resize(base_headers);
      options_.decorate_request(attempt, request.headers);
    }
    ++requests_sent_;
    Outcome outcome = transport_->Send(request);
    const bool success = outcome && outcome->status >= 200 && outcome->status < 300;
    std::optional<Error> read_error;
    if (success && read) {
      if (auto status = read(*outcome); !status) read_error = std::move(status.error());
    }
    // A 2xx body that does not read is most likely a transfer cut short: a read may run again.
    bool retry = success ? read_error && call.replay == Replay::kIdempotent : IsRetryable(outcome, call.replay);
    bool within_budget = attempt < max_retries;
    // 503 change_outcome_unknown: "send the same request again to finish it" — exactly once.
    if (!success && outcome && outcome->status == 503 && ErrorCodeOf(outcome) == kChangeOutcomeUnknown) {
      retry = !outcome_unknown_retried;
      within_budget = true;
      outcome_unknown_retried = true;
    }
    if ((success && !read_error) || !within_budget || !retry) {
      final.outcome = std::move(outcome);
      final.retries = attempt;
      final.read_error = std::move(read_error);
      break;
    }
    std::optional<milliseconds> wait;
    if (outcome && !success) wait = ServerRequestedWait(*outcome, clock_->Now());
    if (!wait) wait = Backoff(attempt, jitter_());
    if (*wait > options_.max_retry_wait) {
      final.outcome = std::move(outcome);
      final.retries = attempt;
      final.refused_wait = wait;
      break;
    }
    log::Warn("anthropic_retry",
              {{"method", call.method},
               {"path", PathOnly(call.target)},
               {"attempt", attempt + 1},
               {"status", outcome ? outcome->status : 0},
               {"failure", !outcome  ? FailureName(outcome.error().kind)
                           : success ? "unreadable_body"
                                     : "http"},
               {"request_id", outcome ? outcome->Header("request-id").value_or("") : std::string_view()},
               {"wait_ms", static_cast<std::int64_t>(wait->count())}});
    sleeper_->SleepFor(*wait);
  }

  if (IsServiceFailure(final.outcome)) {
    breaker_.OnFailure(clock_->Now());
  } else if (final.outcome) {
    breaker_.OnSuccess();
  } else {
    breaker_.Abandon(admission.probe);  // a local problem (TLS setup, bad URL) says nothing about Anthropic
  }
  return final;
}

Error AnthropicAdminClient::MapFailure(const Call& call, const Final& final) const {
  return MapCallFailure({.method = call.method,
                         .path = PathOnly(call.target),
                         .with_admin_key = call.with_admin_key,
                         .admin_key = options_.admin_key,
                         .checked_key = call.with_admin_key ? std::string_view() : call.key,
                         .outcome = final.outcome,
                         .retries = final.retries,
                         .refused_wait = final.refused_wait,
                         .now = clock_->Now()});
}

Status AnthropicAdminClient::Request(const Call& call, const Reader& read) {
  auto final = Execute(call, read);
  if (!final) return Fail(std::move(final.error()));
  if (final->read_error) {
    Error error = std::move(*final->read_error);
    error.detail = Redact("anthropic " + std::string(call.method) + " " + std::string(PathOnly(call.target)) + ": " +
                          error.detail + " after " + std::to_string(final->retries) + " retries");
    return Fail(std::move(error));
  }
  if (final->outcome && final->outcome->status >= 200 && final->outcome->status < 300) return {};
  return Fail(MapFailure(call, *final));
}

template <typename T>
Result<T> AnthropicAdminClient::Object(const Call& call) {
  std::optional<T> value;
  auto status = Request(call, [&value](const HttpResponse& response) -> Status {
    auto parsed = ParseObject<T>(response.body);
    if (!parsed) return Fail(std::move(parsed.error()));
    value = std::move(*parsed);
    return {};
  });
  if (!status) return Fail(std::move(status.error()));
  return std::move(*value);
}

// DELETE is idempotent: when an earlier attempt failed ambiguously and a retry finds the object
// gone (404), the earlier attempt did the work.
Status AnthropicAdminClient::Delete(std::string target) {
  Call call{"DELETE", std::move(target), {}, Replay::kIdempotent, options_.admin_key};
  auto final = Execute(call);
  if (!final) return Fail(std::move(final.error()));
  if (final->outcome && final->outcome->status >= 200 && final->outcome->status < 300) return {};
  if (final->outcome && final->outcome->status == 404 && final->retries > 0) return {};
  return Fail(MapFailure(call, *final));
}

template <typename T>
Status AnthropicAdminClient::ForEachCursor(const std::string& path, Query query,
                                           const domain::PageCallback<T>& on_page) {
  query.emplace_back("limit", std::to_string(options_.page_size));
  std::optional<std::string> after_id;
  for (;;) {
    Query page_query = query;
    if (after_id) page_query.emplace_back("after_id", *after_id);
    std::optional<CursorPage<T>> page;
    auto status = Request({"GET", Target(path, page_query), {}, Replay::kIdempotent, options_.admin_key},
                          [&page](const HttpResponse& response) -> Status {
                            auto parsed = ParseCursorPage<T>(response.body);
                            if (!parsed) return Fail(std::move(parsed.error()));
                            page = std::move(*parsed);
                            return {};
                          });
    if (!status) return status;
    if (!page->data.empty()) {
      if (auto handled = on_page(std::span<const T>(page->data)); !handled) return handled;
    }
    if (!page->has_more || !page->last_id) return {};
    if (page->last_id == after_id) {
      return Fail(Error{ErrorCode::kUpstream, "Anthropic returned a response the portal could not read",
                        "GET " + path + ": pagination did not advance past " + *after_id, "anthropic_bad_response"});
    }
    after_id = std::move(page->last_id);
  }
}

template <typename T>
Status AnthropicAdminClient::ForEachReport(const std::string& path, const Query& query,
                                           const domain::PageCallback<T>& on_page, bool cursor_only,
                                           std::string_view beta) {
  std::optional<std::string> page_token;
  for (;;) {
    Query page_query = query;
    if (page_token) page_query.emplace_back("page", *page_token);
    std::optional<ReportPage<T>> page;
    Call call{"GET", Target(path, page_query), {}, Replay::kIdempotent, options_.admin_key};
    call.beta = beta;
    auto status = Request(call, [&page](const HttpResponse& response) -> Status {
      auto parsed = ParseReportPage<T>(response.body);
      if (!parsed) return Fail(std::move(parsed.error()));
      page = std::move(*parsed);
      return {};
    });
    if (!status) return status;
    if (!page->data.empty()) {
      if (auto handled = on_page(std::span<const T>(page->data)); !handled) return handled;
    }
    if ((!cursor_only && !page->has_more) || !page->next_page) return {};
    if (page->next_page == page_token) {
      return Fail(Error{ErrorCode::kUpstream, "Anthropic returned a response the portal could not read",
                        "GET " + path + ": report paging did not advance", "anthropic_bad_response"});
    }
    page_token = std::move(page->next_page);
  }
}

// ---- Organization ----

Result<domain::OrganizationInfo> AnthropicAdminClient::GetOrganization() {
  return Object<domain::OrganizationInfo>({"GET", "/v1/organizations/me", {}, Replay::kIdempotent, options_.admin_key});
}

// ---- Workspaces ----

Status AnthropicAdminClient::ForEachWorkspace(const domain::WorkspaceFilter& filter,
                                              const domain::PageCallback<domain::Workspace>& on_page) {
  Query query;
  if (filter.include_archived) query.emplace_back("include_archived", "true");
  return ForEachCursor<domain::Workspace>("/v1/organizations/workspaces", std::move(query), on_page);
}

Result<domain::Workspace> AnthropicAdminClient::GetWorkspace(std::string_view workspace_id) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  return Object<domain::Workspace>({"GET",
                                    "/v1/organizations/workspaces/" + PercentEncode(workspace_id),
                                    {},
                                    Replay::kIdempotent,
                                    options_.admin_key});
}

// 503 workspace_created_incomplete means the workspace exists (its id is in the error's
// details): it is never created again; the portal adopts it by id.
Result<domain::Workspace> AnthropicAdminClient::CreateWorkspace(const domain::WorkspaceCreate& request) {
  if (request.name.empty()) return Fail(InvalidArgument("a workspace name is required"));
  Call call{"POST", "/v1/organizations/workspaces", EncodeWorkspaceCreate(request), Replay::kCreate,
            options_.admin_key};
  std::optional<domain::Workspace> created;
  auto final = Execute(call, [&created](const HttpResponse& response) -> Status {
    auto parsed = ParseObject<domain::Workspace>(response.body);
    if (!parsed) return Fail(std::move(parsed.error()));
    created = std::move(*parsed);
    return {};
  });
  if (!final) return Fail(std::move(final.error()));
  if (created && !final->read_error) return std::move(*created);
  if (final->outcome && final->outcome->status == 503) {
    auto body = ParseErrorBody(final->outcome->body);
    if (body && body->error_code == kWorkspaceCreatedIncomplete && body->workspace_id && !body->workspace_id->empty()) {
      log::Warn("anthropic_workspace_adopted",
                {{"workspace_id", *body->workspace_id}, {"reason", kWorkspaceCreatedIncomplete}});
      return GetWorkspace(*body->workspace_id);
    }
  }
  if (final->read_error) {
    Error error = std::move(*final->read_error);
    error.detail = Redact("anthropic POST /v1/organizations/workspaces: " + error.detail);
    return Fail(std::move(error));
  }
  return Fail(MapFailure(call, *final));
}

Result<domain::Workspace> AnthropicAdminClient::UpdateWorkspace(std::string_view workspace_id,
                                                                const domain::WorkspaceUpdate& update) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  return Object<domain::Workspace>({"POST", "/v1/organizations/workspaces/" + PercentEncode(workspace_id),
                                    EncodeWorkspaceUpdate(update), Replay::kIdempotent, options_.admin_key});
}

Result<domain::Workspace> AnthropicAdminClient::ArchiveWorkspace(std::string_view workspace_id) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  // Not replayed blindly: a second archive of an archived workspace may be refused.
  return Object<domain::Workspace>({"POST",
                                    "/v1/organizations/workspaces/" + PercentEncode(workspace_id) + "/archive",
                                    {},
                                    Replay::kCreate,
                                    options_.admin_key});
}

// ---- Workspace members ----

namespace {
std::string MembersPath(std::string_view workspace_id) {
  return "/v1/organizations/workspaces/" + PercentEncode(workspace_id) + "/members";
}
}  // namespace

Status AnthropicAdminClient::ForEachWorkspaceMember(std::string_view workspace_id,
                                                    const domain::PageCallback<domain::WorkspaceMember>& on_page) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return ok;
  return ForEachCursor<domain::WorkspaceMember>(MembersPath(workspace_id), {}, on_page);
}

Result<domain::WorkspaceMember> AnthropicAdminClient::GetWorkspaceMember(std::string_view workspace_id,
                                                                         std::string_view user_id) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  if (auto ok = RequireId(user_id, "user id"); !ok) return Fail(ok.error());
  return Object<domain::WorkspaceMember>(
      {"GET", MembersPath(workspace_id) + "/" + PercentEncode(user_id), {}, Replay::kIdempotent, options_.admin_key});
}

Result<domain::WorkspaceMember> AnthropicAdminClient::AddWorkspaceMember(std::string_view workspace_id,
                                                                         std::string_view user_id,
                                                                         std::string_view workspace_role) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  if (auto ok = RequireId(user_id, "user id"); !ok) return Fail(ok.error());
  return Object<domain::WorkspaceMember>({"POST", MembersPath(workspace_id),
                                          EncodeObject({{"user_id", user_id}, {"workspace_role", workspace_role}}),
                                          Replay::kCreate, options_.admin_key});
}

Result<domain::WorkspaceMember> AnthropicAdminClient::UpdateWorkspaceMember(std::string_view workspace_id,
                                                                            std::string_view user_id,
                                                                            std::string_view workspace_role) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  if (auto ok = RequireId(user_id, "user id"); !ok) return Fail(ok.error());
  return Object<domain::WorkspaceMember>({"POST", MembersPath(workspace_id) + "/" + PercentEncode(user_id),
                                          EncodeObject({{"workspace_role", workspace_role}}), Replay::kIdempotent,
                                          options_.admin_key});
}

Status AnthropicAdminClient::RemoveWorkspaceMember(std::string_view workspace_id, std::string_view user_id) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return ok;
  if (auto ok = RequireId(user_id, "user id"); !ok) return ok;
  return Delete(MembersPath(workspace_id) + "/" + PercentEncode(user_id));
}

// ---- API keys ----

Status AnthropicAdminClient::ForEachApiKey(const domain::ApiKeyFilter& filter,
                                           const domain::PageCallback<domain::ApiKey>& on_page) {
  Query query;
  if (filter.status) {
    if (*filter.status == domain::ApiKeyStatus::kUnknown) return Fail(InvalidArgument("unknown API key status filter"));
    query.emplace_back("status", std::string(domain::ToString(*filter.status)));
  }
  if (filter.workspace_id) query.emplace_back("workspace_id", *filter.workspace_id);
  if (filter.created_by_user_id) query.emplace_back("created_by_user_id", *filter.created_by_user_id);
  return ForEachCursor<domain::ApiKey>("/v1/organizations/api_keys", std::move(query), on_page);
}

Result<domain::ApiKey> AnthropicAdminClient::GetApiKey(std::string_view api_key_id) {
  if (auto ok = RequireId(api_key_id, "API key id"); !ok) return Fail(ok.error());
  return Object<domain::ApiKey>(
      {"GET", "/v1/organizations/api_keys/" + PercentEncode(api_key_id), {}, Replay::kIdempotent, options_.admin_key});
}

Result<domain::ApiKey> AnthropicAdminClient::UpdateApiKey(std::string_view api_key_id,
                                                          const domain::ApiKeyUpdate& update) {
  if (auto ok = RequireId(api_key_id, "API key id"); !ok) return Fail(ok.error());
  if (update.status == domain::ApiKeyStatus::kUnknown || update.status == domain::ApiKeyStatus::kExpired) {
    return Fail(InvalidArgument("an API key's status can only be set to active, inactive or archived"));
  }
  return Object<domain::ApiKey>({"POST", "/v1/organizations/api_keys/" + PercentEncode(api_key_id),
                                 EncodeApiKeyUpdate(update), Replay::kIdempotent, options_.admin_key});
}

// ---- Users ----

Status AnthropicAdminClient::ForEachUser(const domain::UserFilter& filter,
                                         const domain::PageCallback<domain::AdminUser>& on_page) {
  Query query;
  if (filter.email) query.emplace_back("email", *filter.email);
  return ForEachCursor<domain::AdminUser>("/v1/organizations/users", std::move(query), on_page);
}

Result<domain::AdminUser> AnthropicAdminClient::GetUser(std::string_view user_id) {
  if (auto ok = RequireId(user_id, "user id"); !ok) return Fail(ok.error());
  return Object<domain::AdminUser>(
      {"GET", "/v1/organizations/users/" + PercentEncode(user_id), {}, Replay::kIdempotent, options_.admin_key});
}

Result<domain::AdminUser> AnthropicAdminClient::UpdateUser(std::string_view user_id, std::string_view role) {
  if (auto ok = RequireId(user_id, "user id"); !ok) return Fail(ok.error());
  return Object<domain::AdminUser>({"POST", "/v1/organizations/users/" + PercentEncode(user_id),
                                    EncodeObject({{"role", role}}), Replay::kIdempotent, options_.admin_key});
}

Status AnthropicAdminClient::RemoveUser(std::string_view user_id) {
  if (auto ok = RequireId(user_id, "user id"); !ok) return ok;
  return Delete("/v1/organizations/users/" + PercentEncode(user_id));
}

// ---- Invites ----

Result<domain::Invite> AnthropicAdminClient::CreateInvite(std::string_view email, std::string_view role) {
  if (email.empty()) return Fail(InvalidArgument("an email address is required"));
  return Object<domain::Invite>({"POST", "/v1/organizations/invites", EncodeObject({{"email", email}, {"role", role}}),
                                 Replay::kCreate, options_.admin_key});
}

Status AnthropicAdminClient::ForEachInvite(const domain::PageCallback<domain::Invite>& on_page) {
  return ForEachCursor<domain::Invite>("/v1/organizations/invites", {}, on_page);
}

Result<domain::Invite> AnthropicAdminClient::GetInvite(std::string_view invite_id) {
  if (auto ok = RequireId(invite_id, "invite id"); !ok) return Fail(ok.error());
  return Object<domain::Invite>(
      {"GET", "/v1/organizations/invites/" + PercentEncode(invite_id), {}, Replay::kIdempotent, options_.admin_key});
}

Status AnthropicAdminClient::DeleteInvite(std::string_view invite_id) {
  if (auto ok = RequireId(invite_id, "invite id"); !ok) return ok;
  return Delete("/v1/organizations/invites/" + PercentEncode(invite_id));
}

// ---- Reports ----

Status AnthropicAdminClient::ForEachUsageBucket(const domain::UsageReportQuery& q,
                                                const domain::PageCallback<domain::UsageBucket>& on_page) {
  if (q.starting_at.empty()) return Fail(InvalidArgument("starting_at is required"));
  Query query{{"starting_at", q.starting_at}};
  if (q.ending_at) query.emplace_back("ending_at", *q.ending_at);
  if (q.bucket_width) query.emplace_back("bucket_width", *q.bucket_width);
  if (q.limit) query.emplace_back("limit", std::to_string(*q.limit));
  AddArray(query, "api_key_ids", q.api_key_ids);
  AddArray(query, "workspace_ids", q.workspace_ids);
  AddArray(query, "models", q.models);
  AddArray(query, "service_tiers", q.service_tiers);
  AddArray(query, "context_window", q.context_window);
  AddArray(query, "group_by", q.group_by);
  return ForEachReport<domain::UsageBucket>("/v1/organizations/usage_report/messages", query, on_page);
}

Status AnthropicAdminClient::ForEachCostBucket(const domain::CostReportQuery& q,
                                               const domain::PageCallback<domain::CostBucket>& on_page) {
  if (q.starting_at.empty()) return Fail(InvalidArgument("starting_at is required"));
  Query query{{"starting_at", q.starting_at}};
  if (q.ending_at) query.emplace_back("ending_at", *q.ending_at);
  if (q.limit) query.emplace_back("limit", std::to_string(*q.limit));
  AddArray(query, "group_by", q.group_by);
  return ForEachReport<domain::CostBucket>("/v1/organizations/cost_report", query, on_page);
}

// ---- Analytics (beta) ----

namespace {
constexpr std::string_view kAnalyticsBeta = "analytics-usage-cost-2026-08-24";
}  // namespace

Status AnthropicAdminClient::ForEachAnalyticsUsage(const domain::AnalyticsQuery& q,
                                                   const domain::PageCallback<domain::AnalyticsUsageRow>& on_page) {
  if (q.starting_at.empty() || q.ending_at.empty())
    return Fail(InvalidArgument("starting_at and ending_at are required"));
  Query query{
      {"starting_at", q.starting_at}, {"ending_at", q.ending_at}, {"time_bucket_width", "1d"}, {"limit", "1000"}};
  AddArray(query, "group_by", q.group_by);
  return ForEachReport<domain::AnalyticsUsageRow>("/v1/organizations/analytics/usage", query, on_page, false,
                                                  kAnalyticsBeta);
}

Status AnthropicAdminClient::ForEachAnalyticsCost(const domain::AnalyticsQuery& q,
                                                  const domain::PageCallback<domain::AnalyticsCostRow>& on_page) {
  if (q.starting_at.empty() || q.ending_at.empty())
    return Fail(InvalidArgument("starting_at and ending_at are required"));
  Query query{
      {"starting_at", q.starting_at}, {"ending_at", q.ending_at}, {"time_bucket_width", "1d"}, {"limit", "1000"}};
  AddArray(query, "group_by", q.group_by);
  return ForEachReport<domain::AnalyticsCostRow>("/v1/organizations/analytics/cost", query, on_page, false,
                                                 kAnalyticsBeta);
}

// ---- Rate limits and spend limits ----

namespace {
std::string WorkspaceRateLimitsPath(std::string_view workspace_id) {
  return "/v1/organizations/workspaces/" + PercentEncode(workspace_id) + "/rate_limits";
}
constexpr std::string_view kSpendLimitReads = "spend-limit-reads-2026-09-26";
}  // namespace

Status AnthropicAdminClient::ForEachOrganizationRateLimit(const domain::PageCallback<domain::RateLimitGroup>& on_page) {
  return ForEachReport<domain::RateLimitGroup>("/v1/organizations/rate_limits",
                                               {{"limit", std::to_string(options_.page_size)}}, on_page, true);
}

Status AnthropicAdminClient::ForEachWorkspaceRateLimit(std::string_view workspace_id, bool include_inherited,
                                                       const domain::PageCallback<domain::RateLimitGroup>& on_page) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return ok;
  Query query{{"limit", std::to_string(options_.page_size)}};
  if (include_inherited) query.emplace_back("include_inherited", "true");
  return ForEachReport<domain::RateLimitGroup>(WorkspaceRateLimitsPath(workspace_id), query, on_page, true);
}

Result<domain::RateLimitGroup> AnthropicAdminClient::SetWorkspaceRateLimits(
    std::string_view workspace_id, std::string_view rate_limit_id,
    const std::vector<domain::RateLimitChange>& changes) {
  if (auto ok = RequireId(workspace_id, "workspace id"); !ok) return Fail(ok.error());
  if (auto ok = RequireId(rate_limit_id, "rate limit id"); !ok) return Fail(ok.error());
  if (changes.empty()) return Fail(InvalidArgument("at least one limit is required"));
  // Absolute values: sending the same body again has the same effect.
  return Object<domain::RateLimitGroup>({"POST",
                                         WorkspaceRateLimitsPath(workspace_id) + "/" + PercentEncode(rate_limit_id),
                                         EncodeRateLimitChanges(changes), Replay::kIdempotent, options_.admin_key});
}

Status AnthropicAdminClient::ForEachSpendLimit(const domain::PageCallback<domain::SpendLimit>& on_page) {
  return ForEachReport<domain::SpendLimit>("/v1/organizations/spend_limits", {{"limit", "100"}}, on_page, true,
                                           kSpendLimitReads);
}

Result<domain::SpendLimit> AnthropicAdminClient::SetSpendLimit(const std::optional<std::string>& workspace_id,
                                                               std::string_view amount) {
  if (amount.empty() || amount.find_first_not_of("0123456789") != std::string_view::npos) {
    return Fail(InvalidArgument("a spend limit is a whole number of cents"));
  }
  return Object<domain::SpendLimit>({"POST", "/v1/organizations/spend_limits", EncodeSpendLimit(workspace_id, amount),
                                     Replay::kIdempotent, options_.admin_key});
}

Status AnthropicAdminClient::DeleteSpendLimit(std::string_view spend_limit_id) {
  if (auto ok = RequireId(spend_limit_id, "spend limit id"); !ok) return ok;
  return Delete("/v1/organizations/spend_limits/" + PercentEncode(spend_limit_id));
}

// ---- Key check ----

Result<bool> AnthropicAdminClient::CheckApiKey(std::string_view key_value) {
  if (key_value.empty()) return Fail(InvalidArgument("a key is required"));
  Call call{"GET", "/v1/models", {}, Replay::kIdempotent, key_value, false};
  auto final = Execute(call);
  if (!final) return Fail(std::move(final.error()));
  if (final->outcome && final->outcome->status == 200) return true;
  if (final->outcome && final->outcome->status == 401) return false;
  return Fail(MapFailure(call, *final));
}

}  // namespace portal::anthropic
