// AnthropicAdminClient against a scripted transport, a fake clock and a sleeper that only
// records: retry, backoff, breaker, mapping and redaction rules without a server or a sleep.

#include "anthropic/client.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/log.hpp"

namespace portal::anthropic {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kAdminKey[] = "sk-ant-admin01-SECRETSECRETSECRETSECRETSECRET0123456789abcdefAA";

class FakeClock final : public Clock {
 public:
  TimePoint Now() const override { return now; }
  TimePoint now = std::chrono::system_clock::from_time_t(1'750'000'000);
};

class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
  void SleepFor(milliseconds duration) override {
    waits.push_back(duration);
    clock_.now += duration;
  }
  std::vector<milliseconds> waits;

 private:
  FakeClock& clock_;
};

HttpResponse Json(int status, std::string body, Headers headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

HttpResponse ApiError(int status, std::string_view type, std::string_view message, Headers headers = {}) {
  return Json(status,
              R"({"type":"error","error":{"type":")" + std::string(type) + R"(","message":")" + std::string(message) +
                  R"("},"request_id":"req_test123"})",
              std::move(headers));
}

TransportError Failure(TransportFailure kind, bool sent, std::string detail = "curl says no") {
  return TransportError{kind, sent, std::move(detail)};
}

class FakeTransport final : public HttpTransport {
 public:
  Outcome Send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    if (script.empty()) return Json(200, R"({"id":"x"})");
    Outcome next = std::move(script.front());
    script.pop_front();
    return next;
  }
  void Push(Outcome outcome) { script.push_back(std::move(outcome)); }
  std::string_view HeaderOf(std::size_t i, std::string_view name) const {
    for (const auto& [n, v] : requests.at(i).headers) {
      if (n == name) return v;
    }
    return {};
  }

  std::deque<Outcome> script;
  std::vector<HttpRequest> requests;

 private:
  std::mutex mutex_;
};

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() { Rebuild(); }

  void Rebuild(AnthropicAdminClientOptions options = {}) {
    transport = std::make_shared<FakeTransport>();
    options.base_url = "http://anthropic.test/";
    options.admin_key = kAdminKey;
    client = std::make_unique<AnthropicAdminClient>(
        std::move(options), AnthropicAdminClientDeps{transport, &clock, &sleeper, [this] { return jitter; }});
  }

  FakeClock clock;
  FakeSleeper sleeper{clock};
  double jitter = 0.0;
  std::shared_ptr<FakeTransport> transport;
  std::unique_ptr<AnthropicAdminClient> client;
};

std::string KeysPage(int from, int count, bool has_more) {
  std::string data;
  for (int i = from; i < from + count; ++i) {
    if (!data.empty()) data += ",";
    data += R"({"id":"apikey_)" + std::to_string(i) +
            R"(","type":"api_key","name":"k","status":"active",)"
            R"("workspace_id":null,"created_at":"2024-10-30T23:58:27.427722Z","created_by":{"id":"u","type":"user"},)"
            R"("partial_key_hint":"sk-ant-api03-abc...xyAA"})";
  }
  return R"({"data":[)" + data + R"(],"has_more":)" + (has_more ? "true" : "false") + R"(,"first_id":"apikey_)" +
         std::to_string(from) + R"(","last_id":"apikey_)" + std::to_string(from + count - 1) + R"("})";
}

// ---- requests ----

TEST_F(ClientTest, SendsDocumentedHeaders) {
  transport->Push(Json(200, R"({"id":"org","type":"organization","name":"Acme"})"));
  auto org = client->GetOrganization();
  ASSERT_TRUE(org) << org.error().detail;
  EXPECT_EQ(org->name, "Acme");
  ASSERT_EQ(transport->requests.size(), 1u);
  EXPECT_EQ(transport->requests[0].url, "http://anthropic.test/v1/organizations/me");
  EXPECT_EQ(transport->requests[0].method, "GET");
  EXPECT_EQ(transport->HeaderOf(0, "x-api-key"), kAdminKey);
  EXPECT_EQ(transport->HeaderOf(0, "anthropic-version"), "2026-10-21");
  EXPECT_TRUE(transport->HeaderOf(0, "user-agent").starts_with("AppGeniusPortal/"));
  EXPECT_EQ(transport->HeaderOf(0, "content-type"), "");
  EXPECT_EQ(transport->requests[0].connect_timeout, seconds(10));
  EXPECT_EQ(transport->requests[0].timeout, seconds(60));
}

TEST_F(ClientTest, PostsJsonBodies) {
  transport->Push(Json(200, R"({"id":"apikey_1","status":"inactive","name":"New"})"));
  auto key = client->UpdateApiKey("apikey_1", {"New", domain::ApiKeyStatus::kInactive});
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, domain::ApiKeyStatus::kInactive);
  EXPECT_EQ(transport->requests[0].method, "POST");
  EXPECT_EQ(transport->requests[0].url, "http://anthropic.test/v1/organizations/api_keys/apikey_1");
  EXPECT_EQ(transport->requests[0].body, R"({"name":"New","status":"inactive"})");
  EXPECT_EQ(transport->HeaderOf(0, "content-type"), "application/json");
}

TEST_F(ClientTest, EveryEndpointHitsItsDocumentedPath) {
  ASSERT_TRUE(client->GetWorkspace("wrkspc_1"));
  ASSERT_TRUE(client->CreateWorkspace({"New", "#112233"}));
  ASSERT_TRUE(client->UpdateWorkspace("wrkspc_1", {"Renamed", std::nullopt}));
  ASSERT_TRUE(client->ArchiveWorkspace("wrkspc_1"));
  transport->Push(Json(200, R"({"user_id":"user_1","workspace_id":"wrkspc_1","workspace_role":"workspace_user"})"));
  ASSERT_TRUE(client->AddWorkspaceMember("wrkspc_1", "user_1", "workspace_user"));
  transport->Push(Json(200, R"({"user_id":"user_1"})"));
  ASSERT_TRUE(client->GetWorkspaceMember("wrkspc_1", "user_1"));
  transport->Push(Json(200, R"({"user_id":"user_1"})"));
  ASSERT_TRUE(client->UpdateWorkspaceMember("wrkspc_1", "user_1", "workspace_admin"));
  ASSERT_TRUE(client->RemoveWorkspaceMember("wrkspc_1", "user_1"));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  ASSERT_TRUE(client->GetUser("user_1"));
  ASSERT_TRUE(client->UpdateUser("user_1", "developer"));
  ASSERT_TRUE(client->RemoveUser("user_1"));
  ASSERT_TRUE(client->CreateInvite("a@b.c", "user"));
  ASSERT_TRUE(client->GetInvite("invite_1"));
  ASSERT_TRUE(client->DeleteInvite("invite_1"));

  std::vector<std::string> seen;
  for (const auto& r : transport->requests) seen.push_back(r.method + " " + r.url.substr(21) + " " + r.body);
  EXPECT_EQ(
      seen,
      (std::vector<std::string>{
          "GET /v1/organizations/workspaces/wrkspc_1 ",
          R"(POST /v1/organizations/workspaces {"name":"New","display_color":"#112233"})",
          R"(POST /v1/organizations/workspaces/wrkspc_1 {"name":"Renamed"})",
          "POST /v1/organizations/workspaces/wrkspc_1/archive ",
          R"(POST /v1/organizations/workspaces/wrkspc_1/members {"user_id":"user_1","workspace_role":"workspace_user"})",
          "GET /v1/organizations/workspaces/wrkspc_1/members/user_1 ",
          R"(POST /v1/organizations/workspaces/wrkspc_1/members/user_1 {"workspace_role":"workspace_admin"})",
          "DELETE /v1/organizations/workspaces/wrkspc_1/members/user_1 ",
          "GET /v1/organizations/api_keys/apikey_1 ",
          "GET /v1/organizations/users/user_1 ",
          R"(POST /v1/organizations/users/user_1 {"role":"developer"})",
          "DELETE /v1/organizations/users/user_1 ",
          R"(POST /v1/organizations/invites {"email":"a@b.c","role":"user"})",
          "GET /v1/organizations/invites/invite_1 ",
          "DELETE /v1/organizations/invites/invite_1 ",
      }));
}

TEST_F(ClientTest, EmptyIdsAreRejectedWithoutARequest) {
  EXPECT_EQ(client->GetWorkspace("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(client->GetApiKey("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(client->RemoveUser(""));
  EXPECT_TRUE(transport->requests.empty());
}

TEST_F(ClientTest, IdsArePercentEncodedInPaths) {
  ASSERT_TRUE(client->GetApiKey("../users/x?y"));
  EXPECT_EQ(transport->requests[0].url, "http://anthropic.test/v1/organizations/api_keys/..%2Fusers%2Fx%3Fy");
}

// ---- paging ----

TEST_F(ClientTest, ListsStreamPagesFollowingLastId) {
  transport->Push(Json(200, KeysPage(0, 1000, true)));
  transport->Push(Json(200, KeysPage(1000, 1000, true)));
  transport->Push(Json(200, KeysPage(2000, 500, false)));
  std::vector<std::size_t> sizes;
  std::string last;
  auto status = client->ForEachApiKey({domain::ApiKeyStatus::kActive, "wrkspc_1", std::nullopt},
                                      [&](std::span<const domain::ApiKey> page) -> Status {
                                        sizes.push_back(page.size());
                                        last = page.back().id;
                                        return {};
                                      });
  ASSERT_TRUE(status) << status.error().detail;
  EXPECT_EQ(sizes, (std::vector<std::size_t>{1000, 1000, 500}));
  EXPECT_EQ(last, "apikey_2499");
  ASSERT_EQ(transport->requests.size(), 3u);
  EXPECT_EQ(transport->requests[0].url,
            "http://anthropic.test/v1/organizations/api_keys?status=active&workspace_id=wrkspc_1&limit=1000");
  EXPECT_EQ(transport->requests[1].url,
            "http://anthropic.test/v1/organizations/api_keys?status=active&workspace_id=wrkspc_1&limit=1000"
            "&after_id=apikey_999");
  EXPECT_TRUE(transport->requests[2].url.ends_with("&after_id=apikey_1999"));
}

TEST_F(ClientTest, CallbackErrorStopsTheListing) {
  transport->Push(Json(200, KeysPage(0, 10, true)));
  auto status = client->ForEachApiKey(
      {}, [](std::span<const domain::ApiKey>) -> Status { return Fail(Error::Internal("disk full")); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().detail, "disk full");
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(ClientTest, PagingThatDoesNotAdvanceIsAnError) {
  transport->Push(Json(200, KeysPage(0, 10, true)));
  transport->Push(Json(200, KeysPage(0, 10, true)));
  auto status = client->ForEachApiKey({}, [](std::span<const domain::ApiKey>) -> Status { return {}; });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().api_code, "anthropic_bad_response");
}

TEST_F(ClientTest, WorkspaceListOptions) {
  transport->Push(Json(200, R"({"data":[],"has_more":false,"first_id":null,"last_id":null})"));
  ASSERT_TRUE(client->ForEachWorkspace({true}, [](auto) -> Status { return {}; }));
  EXPECT_EQ(transport->requests[0].url,
            "http://anthropic.test/v1/organizations/workspaces?include_archived=true&limit=1000");
}

TEST_F(ClientTest, ReportsFollowNextPage) {
  transport->Push(
      Json(200, R"({"data":[{"starting_at":"a","ending_at":"b","results":[]}],"has_more":true,"next_page":"page_2"})"));
  transport->Push(
      Json(200, R"({"data":[{"starting_at":"b","ending_at":"c","results":[]}],"has_more":false,"next_page":null})"));
  domain::UsageReportQuery query;
  query.starting_at = "2025-08-01T00:00:00Z";
  query.bucket_width = "1d";
  query.group_by = {"model", "workspace_id"};
  int buckets = 0;
  ASSERT_TRUE(client->ForEachUsageBucket(query, [&](std::span<const domain::UsageBucket> page) -> Status {
    buckets += static_cast<int>(page.size());
    return {};
  }));
  EXPECT_EQ(buckets, 2);
  ASSERT_EQ(transport->requests.size(), 2u);
  EXPECT_EQ(transport->requests[0].url,
            "http://anthropic.test/v1/organizations/usage_report/messages?starting_at=2025-08-01T00%3A00%3A00Z"
            "&bucket_width=1d&group_by[]=model&group_by[]=workspace_id");
  EXPECT_TRUE(transport->requests[1].url.ends_with("&page=page_2"));

  transport->Push(Json(200, R"({"data":[],"has_more":false,"next_page":null})"));
  ASSERT_TRUE(client->ForEachCostBucket({"2025-08-01T00:00:00Z", std::nullopt, 31, {"description"}},
                                        [](auto) -> Status { return {}; }));
  EXPECT_EQ(transport->requests[2].url,
            "http://anthropic.test/v1/organizations/cost_report?starting_at=2025-08-01T00%3A00%3A00Z&limit=31"
            "&group_by[]=description");
}

// ---- retries ----

TEST_F(ClientTest, RetriesRateLimitHonouringRetryAfterSeconds) {
  transport->Push(ApiError(429, "rate_limit_error", "slow down", {{"retry-after", "3"}}));
  transport->Push(Json(200, R"({"id":"apikey_1"})"));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 2u);
  EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(3000)}));
}

TEST_F(ClientTest, RetryAfterMsWinsOverRetryAfter) {
  transport->Push(ApiError(429, "rate_limit_error", "x", {{"retry-after", "3"}, {"retry-after-ms", "1250"}}));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(1250)}));
}

TEST_F(ClientTest, RetryAfterAsHttpDate) {
  // clock.now is 2025-06-15T15:06:40Z; ask for 15:06:50.
  transport->Push(ApiError(503, "api_error", "x", {{"retry-after", "Sun, 15 Jun 2025 15:06:50 GMT"}}));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(10'000)}));
}

TEST_F(ClientTest, ExponentialBackoffWithJitter) {
  EXPECT_EQ(Backoff(0, 0.0), milliseconds(500));
  EXPECT_EQ(Backoff(1, 0.0), milliseconds(1000));
  EXPECT_EQ(Backoff(4, 0.0), milliseconds(8000));
  EXPECT_EQ(Backoff(10, 0.0), milliseconds(8000));
  EXPECT_EQ(Backoff(0, 0.999), milliseconds(375));
  EXPECT_EQ(Backoff(3, 0.5), milliseconds(3500));
}

TEST_F(ClientTest, OverloadedExhaustsRetriesAndSaysSo) {
  for (int i = 0; i < 3; ++i) transport->Push(ApiError(529, "overloaded_error", "Overloaded"));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message, "Anthropic is overloaded (retried 2 times)");
  EXPECT_EQ(transport->requests.size(), 3u);
  EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(500), milliseconds(1000)}));
  EXPECT_NE(result.error().detail.find("overloaded_error"), std::string::npos);
  EXPECT_NE(result.error().detail.find("req_test123"), std::string::npos);
}

TEST_F(ClientTest, MaxRetriesIsConfigurable) {
  AnthropicAdminClientOptions options;
  options.max_retries = 0;
  Rebuild(options);
  transport->Push(ApiError(500, "api_error", "boom"));
  EXPECT_FALSE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 1u);

  options.max_retries = 4;
  Rebuild(options);
  for (int i = 0; i < 5; ++i) transport->Push(ApiError(500, "api_error", "boom"));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(transport->requests.size(), 5u);
  EXPECT_EQ(result.error().message, "Anthropic had an internal error (HTTP 500) (retried 4 times)");
}

TEST_F(ClientTest, RetriesEveryRetryableStatusOnGet) {
  for (int status : {408, 409, 429, 500, 502, 503, 504, 529}) {
    Rebuild();
    transport->Push(Json(status, "{}"));
    EXPECT_TRUE(client->GetApiKey("apikey_1")) << status;
    EXPECT_EQ(transport->requests.size(), 2u) << status;
  }
}

TEST_F(ClientTest, NoRetryOnClientErrors) {
  for (int status : {400, 401, 403, 404, 413, 422}) {
    Rebuild();
    transport->Push(ApiError(status, "invalid_request_error", "no"));
    EXPECT_FALSE(client->GetApiKey("apikey_1")) << status;
    EXPECT_EQ(transport->requests.size(), 1u) << status;
    EXPECT_TRUE(sleeper.waits.empty());
  }
}

TEST_F(ClientTest, ShouldRetryHeaderWins) {
  transport->Push(ApiError(500, "api_error", "x", {{"x-should-retry", "false"}}));
  EXPECT_FALSE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 1u);

  Rebuild();
  transport->Push(ApiError(400, "invalid_request_error", "x", {{"x-should-retry", "true"}}));
  EXPECT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 2u);
}

TEST_F(ClientTest, ConnectionErrorsAndTimeoutsAreRetriedOnGet) {
  transport->Push(std::unexpected(Failure(TransportFailure::kConnect, false)));
  transport->Push(std::unexpected(Failure(TransportFailure::kTimeout, true)));
  transport->Push(Json(200, R"({"id":"apikey_1"})"));
  EXPECT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 3u);

  Rebuild();
  for (int i = 0; i < 3; ++i) transport->Push(std::unexpected(Failure(TransportFailure::kTimeout, true)));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().api_code, "anthropic_timeout");
  EXPECT_EQ(result.error().message, "Anthropic did not answer in time (retried 2 times)");
}

TEST_F(ClientTest, TlsFailuresAreNotRetried) {
  transport->Push(std::unexpected(Failure(TransportFailure::kTls, false)));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().api_code, "anthropic_tls");
  EXPECT_EQ(transport->requests.size(), 1u);
}

// Creates are replayed only when the failure proves nothing happened.
TEST_F(ClientTest, CreatesAreRetriedOnlyWhenNotProcessed) {
  struct Case {
    Outcome outcome;
    bool retried;
  };
  std::vector<Case> cases;
  cases.push_back({Json(429, "{}"), true});
  cases.push_back({Json(529, "{}"), true});
  cases.push_back({std::unexpected(Failure(TransportFailure::kConnect, false)), true});
  cases.push_back({Json(500, "{}", {{"x-should-retry", "true"}}), true});
  cases.push_back({Json(500, "{}"), false});
  cases.push_back({Json(502, "{}"), false});
  cases.push_back({Json(503, "{}"), false});
  cases.push_back({Json(408, "{}"), false});
  cases.push_back({Json(409, "{}"), false});
  cases.push_back({std::unexpected(Failure(TransportFailure::kTimeout, true)), false});
  cases.push_back({std::unexpected(Failure(TransportFailure::kReset, true)), false});
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (int which = 0; which < 3; ++which) {
      Rebuild();
      transport->Push(cases[i].outcome);
      transport->Push(Json(200, R"({"id":"wrkspc_1","user_id":"user_1"})"));
      // A replayed create reaches the 200 behind the failure; one that is not replayed fails.
      bool created = false;
      if (which == 0) created = client->CreateWorkspace({"W", std::nullopt}).has_value();
      if (which == 1) created = client->CreateInvite("a@b.c", "user").has_value();
      if (which == 2) created = client->AddWorkspaceMember("wrkspc_1", "user_1", "workspace_user").has_value();
      EXPECT_EQ(created, cases[i].retried) << "case " << i << " call " << which;
      EXPECT_EQ(transport->requests.size(), cases[i].retried ? 2u : 1u) << "case " << i << " call " << which;
    }
  }
}

TEST_F(ClientTest, UpdatesAreIdempotentAndRetried) {
  transport->Push(std::unexpected(Failure(TransportFailure::kReset, true)));
  EXPECT_TRUE(client->UpdateApiKey("apikey_1", {std::nullopt, domain::ApiKeyStatus::kArchived}));
  EXPECT_EQ(transport->requests.size(), 2u);
}

TEST_F(ClientTest, DeleteRetriedAfterAmbiguousFailureAcceptsNotFound) {
  transport->Push(std::unexpected(Failure(TransportFailure::kReset, true)));
  transport->Push(ApiError(404, "not_found_error", "gone"));
  EXPECT_TRUE(client->DeleteInvite("invite_1"));
  Rebuild();
  transport->Push(ApiError(404, "not_found_error", "gone"));
  EXPECT_EQ(client->DeleteInvite("invite_1").error().code, ErrorCode::kNotFound);
}

TEST_F(ClientTest, WaitLongerThanAMinuteIsNotSlept) {
  transport->Push(ApiError(429, "rate_limit_error", "x", {{"retry-after", "120"}}));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_TRUE(sleeper.waits.empty());
  EXPECT_EQ(transport->requests.size(), 1u);
  EXPECT_EQ(result.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(result.error().retry_after_seconds, 120);
  EXPECT_EQ(result.error().message, "Anthropic rate-limited the portal; Anthropic asked to wait 120 s before retrying");
}

TEST_F(ClientTest, DecorateHookAddsHeadersPerAttempt) {
  AnthropicAdminClientOptions options;
  options.decorate_request = [](int attempt, Headers& headers) {
    if (attempt == 0) headers.emplace_back("X-Emulator-Fault", "429");
  };
  Rebuild(options);
  transport->Push(Json(429, "{}"));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->HeaderOf(0, "X-Emulator-Fault"), "429");
  EXPECT_EQ(transport->HeaderOf(1, "X-Emulator-Fault"), "");
}

// ---- circuit breaker ----

TEST_F(ClientTest, BreakerOpensAfterFiveFailedCallsAndProbesAfterThirtySeconds) {
  AnthropicAdminClientOptions options;
  options.max_retries = 0;
  Rebuild(options);
  for (int i = 0; i < 5; ++i) {
    transport->Push(ApiError(500, "api_error", "x"));
    EXPECT_EQ(client->GetApiKey("apikey_1").error().api_code, "anthropic_server_error");
  }
  auto rejected = client->GetApiKey("apikey_1");
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(rejected.error().api_code, "anthropic_circuit_open");
  EXPECT_EQ(rejected.error().retry_after_seconds, 30);
  EXPECT_EQ(transport->requests.size(), 5u);

  clock.now += seconds(29);
  EXPECT_FALSE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 5u);

  clock.now += seconds(1);  // half-open: one probe; it fails → open again
  transport->Push(ApiError(503, "api_error", "x"));
  EXPECT_EQ(client->GetApiKey("apikey_1").error().api_code, "anthropic_server_error");
  EXPECT_EQ(transport->requests.size(), 6u);
  EXPECT_EQ(client->GetApiKey("apikey_1").error().api_code, "anthropic_circuit_open");

  clock.now += seconds(30);  // probe succeeds → closed
  EXPECT_TRUE(client->GetApiKey("apikey_1"));
  transport->Push(ApiError(500, "api_error", "x"));
  EXPECT_EQ(client->GetApiKey("apikey_1").error().api_code, "anthropic_server_error");
  EXPECT_TRUE(client->GetApiKey("apikey_1"));
}

TEST_F(ClientTest, BreakerProbeIsNotRetried) {
  AnthropicAdminClientOptions options;
  options.breaker_failures = 1;
  Rebuild(options);
  for (int i = 0; i < 3; ++i) transport->Push(std::unexpected(Failure(TransportFailure::kConnect, false)));
  EXPECT_FALSE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(transport->requests.size(), 3u);
  clock.now += seconds(30);
  transport->Push(std::unexpected(Failure(TransportFailure::kConnect, false)));
  EXPECT_EQ(client->GetApiKey("apikey_1").error().api_code, "anthropic_unreachable");
  EXPECT_EQ(transport->requests.size(), 4u);
}

TEST_F(ClientTest, ClientErrorsDoNotTripTheBreaker) {
  AnthropicAdminClientOptions options;
  options.breaker_failures = 2;
  Rebuild(options);
  for (int i = 0; i < 5; ++i) {
    transport->Push(ApiError(404, "not_found_error", "x"));
    EXPECT_EQ(client->GetApiKey("apikey_1").error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(transport->requests.size(), 5u);
}

// ---- error mapping ----

TEST_F(ClientTest, MapsStatusesToAdminReadableErrors) {
  struct Case {
    int status;
    std::string type;
    ErrorCode code;
    std::string api_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {400, "invalid_request_error", ErrorCode::kInvalidArgument, "anthropic_invalid_request",
       "Anthropic rejected the request: upstream says"},
      {401, "authentication_error", ErrorCode::kUpstream, "anthropic_auth_failed",
       "the admin key was rejected by Anthropic"},
      {403, "permission_error", ErrorCode::kForbidden, "anthropic_permission_denied",
       "the admin key is not allowed to do this at Anthropic: upstream says"},
      {404, "not_found_error", ErrorCode::kNotFound, "anthropic_not_found", "not found at Anthropic: upstream says"},
  };
  for (const auto& c : cases) {
    Rebuild();
    transport->Push(ApiError(c.status, c.type, "upstream says", {{"request-id", "req_hdr"}}));
    auto result = client->GetApiKey("apikey_1");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, c.code) << c.status;
    EXPECT_EQ(result.error().api_code, c.api_code);
    EXPECT_EQ(result.error().message, c.message);
    EXPECT_NE(result.error().detail.find("HTTP " + std::to_string(c.status) + " " + c.type), std::string::npos);
    EXPECT_NE(result.error().detail.find("request-id=req_test123"), std::string::npos) << result.error().detail;
  }
}

TEST_F(ClientTest, NonJsonErrorBodyIsNotForwarded) {
  AnthropicAdminClientOptions options;
  options.max_retries = 0;
  Rebuild(options);
  transport->Push(Json(502, "<html>upstream secret internals</html>", {{"request-id", "req_hdr"}}));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "Anthropic had an internal error (HTTP 502)");
  EXPECT_EQ(result.error().detail.find("internals"), std::string::npos);
  EXPECT_NE(result.error().detail.find("request-id=req_hdr"), std::string::npos);
}

// A 2xx body that does not read is most likely a cut-short transfer: reads retry, creates do not.
TEST_F(ClientTest, MalformedSuccessBody) {
  for (int i = 0; i < 3; ++i) transport->Push(Json(200, "{not json"));
  auto result = client->GetApiKey("apikey_1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kUpstream);
  EXPECT_EQ(result.error().api_code, "anthropic_bad_response");
  EXPECT_EQ(result.error().message, "Anthropic returned a response the portal could not read");
  EXPECT_NE(result.error().detail.find("after 2 retries"), std::string::npos) << result.error().detail;
  EXPECT_EQ(transport->requests.size(), 3u);

  Rebuild();
  transport->Push(Json(200, R"({"data":[{"id":"apikey_1"},)"));
  transport->Push(Json(200, KeysPage(0, 2, false)));
  ASSERT_TRUE(client->ForEachApiKey({}, [](auto) -> Status { return {}; }));
  EXPECT_EQ(transport->requests.size(), 2u);

  Rebuild();
  transport->Push(Json(200, R"({"id":"wrks)"));
  EXPECT_EQ(client->CreateWorkspace({"W", std::nullopt}).error().api_code, "anthropic_bad_response");
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(ClientTest, ConnectionFailureMessage) {
  for (int i = 0; i < 3; ++i) transport->Push(std::unexpected(Failure(TransportFailure::kConnect, false)));
  auto result = client->GetOrganization();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message, "could not connect to Anthropic (retried 2 times)");
  EXPECT_NE(result.error().detail.find("curl says no"), std::string::npos);
}

// ---- the admin key never leaks ----

TEST_F(ClientTest, AdminKeyNeverAppearsInErrorsOrLogs) {
  const auto log_path = std::filesystem::temp_directory_path() / "anthropic_client_test_redaction.log";
  std::filesystem::remove(log_path);
  log::SetFile(log_path.string());

  const std::string echo = std::string("your key ") + kAdminKey + " is bad";
  std::vector<Outcome> outcomes = {
      ApiError(400, "invalid_request_error", echo),
      ApiError(401, "authentication_error", echo),
      ApiError(403, "permission_error", echo),
      ApiError(404, "not_found_error", echo),
      ApiError(409, "conflict_error", echo),
      ApiError(429, "rate_limit_error", echo, {{"retry-after", "1"}}),
      ApiError(500, "api_error", echo),
      ApiError(529, "overloaded_error", echo),
      Json(500, echo),
      Json(200, echo),
      std::unexpected(Failure(TransportFailure::kConnect, false, echo)),
      std::unexpected(Failure(TransportFailure::kTimeout, true, echo)),
      std::unexpected(Failure(TransportFailure::kReset, true, echo)),
      std::unexpected(Failure(TransportFailure::kTls, false, echo)),
      std::unexpected(Failure(TransportFailure::kOther, false, echo)),
  };
  int errors = 0;
  for (const auto& outcome : outcomes) {
    Rebuild();
    for (int i = 0; i < 3; ++i) transport->Push(outcome);
    std::vector<Error> seen;
    if (auto r = client->GetApiKey("apikey_1"); !r) seen.push_back(r.error());
    for (int i = 0; i < 3; ++i) transport->Push(outcome);
    if (auto r = client->CreateInvite("a@b.c", "user"); !r) seen.push_back(r.error());
    for (int i = 0; i < 3; ++i) transport->Push(outcome);
    if (auto r = client->ForEachApiKey({}, [](auto) -> Status { return {}; }); !r) seen.push_back(r.error());
    for (int i = 0; i < 3; ++i) transport->Push(outcome);
    if (auto r = client->CheckApiKey("sk-ant-api03-PASTEDPASTEDPASTEDPASTEDPASTED0123456789AA"); !r) {
      seen.push_back(r.error());
    }
    for (const auto& e : seen) {
      ++errors;
      for (const std::string* text : {&e.message, &e.detail, &e.api_code}) {
        EXPECT_EQ(text->find("SECRETSECRET"), std::string::npos) << *text;
        EXPECT_EQ(text->find("PASTEDPASTED"), std::string::npos) << *text;
      }
    }
  }
  EXPECT_GE(errors, 50);

  std::ifstream in(log_path);
  std::stringstream logged;
  logged << in.rdbuf();
  EXPECT_NE(logged.str().find("anthropic_retry"), std::string::npos);
  EXPECT_EQ(logged.str().find("SECRETSECRET"), std::string::npos);
  EXPECT_EQ(logged.str().find("PASTEDPASTED"), std::string::npos);
}

// ---- pasted-key check ----

TEST_F(ClientTest, CheckApiKeyUsesThePastedKey) {
  const std::string pasted = "sk-ant-api03-PASTEDPASTEDPASTEDPASTEDPASTED0123456789AA";
  transport->Push(Json(200, R"({"data":[]})"));
  EXPECT_EQ(client->CheckApiKey(pasted), true);
  EXPECT_EQ(transport->requests[0].url, "http://anthropic.test/v1/models");
  EXPECT_EQ(transport->HeaderOf(0, "x-api-key"), pasted);
  EXPECT_EQ(transport->HeaderOf(0, "anthropic-version"), "2026-10-21");

  transport->Push(ApiError(401, "authentication_error", "invalid x-api-key"));
  EXPECT_EQ(client->CheckApiKey(pasted), false);

  for (int i = 0; i < 3; ++i) transport->Push(ApiError(500, "api_error", "x"));
  auto failed = client->CheckApiKey(pasted);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().api_code, "anthropic_server_error");
}

// ---- 2026-10-21: business error codes and their outcomes ----

HttpResponse CodedError(int status, std::string_view type, std::string_view code, std::string_view extra = "",
                        Headers headers = {}) {
  return Json(status,
              R"({"type":"error","error":{"type":")" + std::string(type) +
                  R"(","message":"m","details":{"error_code":")" + std::string(code) + "\"" + std::string(extra) +
                  R"(}},"request_id":"req_1"})",
              std::move(headers));
}

TEST_F(ClientTest, BusinessErrorCodesBecomeNamedErrors) {
  transport->Push(CodedError(409, "conflict_error", "concurrent_membership_change", "", {{"x-should-retry", "false"}}));
  auto removed = client->RemoveUser("user_1");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, ErrorCode::kConflict);
  EXPECT_EQ(removed.error().api_code, "anthropic_concurrent_membership_change");
  EXPECT_NE(removed.error().detail.find("error_code=concurrent_membership_change"), std::string::npos);
  EXPECT_EQ(transport->requests.size(), 1u);

  transport->Push(CodedError(400, "invalid_request_error", "workspace_api_key_limit_exceeded"));
  auto reactivated = client->UpdateApiKey("apikey_1", {std::nullopt, domain::ApiKeyStatus::kActive});
  ASSERT_FALSE(reactivated);
  EXPECT_EQ(reactivated.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(reactivated.error().api_code, "anthropic_workspace_api_key_limit_exceeded");

  // A code the portal does not know keeps the status's generic error.
  transport->Push(CodedError(400, "invalid_request_error", "something_new"));
  auto other = client->GetApiKey("apikey_1");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().api_code, "anthropic_invalid_request");
}

TEST_F(ClientTest, ChangeOutcomeUnknownIsSentAgainExactlyOnce) {
  Rebuild({.max_retries = 0});
  transport->Push(CodedError(503, "api_error", "change_outcome_unknown"));
  transport->Push(Json(200, R"({"id":"wrkspc_1","name":"New"})"));
  auto updated = client->UpdateWorkspace("wrkspc_1", {.name = "New"});
  ASSERT_TRUE(updated) << updated.error().detail;
  ASSERT_EQ(transport->requests.size(), 2u);
  EXPECT_EQ(transport->requests[0].body, transport->requests[1].body);

  transport->requests.clear();
  transport->Push(CodedError(503, "api_error", "change_outcome_unknown"));
  transport->Push(CodedError(503, "api_error", "change_outcome_unknown"));
  auto failed = client->UpdateWorkspace("wrkspc_1", {.name = "New"});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().api_code, "anthropic_change_outcome_unknown");
  EXPECT_EQ(transport->requests.size(), 2u);
}

TEST_F(ClientTest, AWorkspaceCreatedIncompleteIsAdoptedNotCreatedAgain) {
  transport->Push(CodedError(503, "api_error", "workspace_created_incomplete", R"(,"workspace_id":"wrkspc_made")",
                             {{"x-should-retry", "false"}}));
  transport->Push(Json(200, R"({"id":"wrkspc_made","type":"workspace","name":"Acme"})"));
  auto created = client->CreateWorkspace({.name = "Acme"});
  ASSERT_TRUE(created) << created.error().detail;
  EXPECT_EQ(created->id, "wrkspc_made");
  ASSERT_EQ(transport->requests.size(), 2u);
  EXPECT_EQ(transport->requests[0].method, "POST");
  EXPECT_EQ(transport->requests[1].method, "GET");
  EXPECT_EQ(transport->requests[1].url, "http://anthropic.test/v1/organizations/workspaces/wrkspc_made");
  EXPECT_TRUE(sleeper.waits.empty());
}

TEST_F(ClientTest, ZeroNegativeOrPastRetryAfterFallsBackToTheBackoff) {
  for (Headers headers : {Headers{{"retry-after", "0"}}, Headers{{"retry-after", "-3"}},
                          Headers{{"retry-after", "Sun, 15 Jun 2025 15:00:00 GMT"}}, Headers{{"retry-after-ms", "-5"}},
                          Headers{{"retry-after", "soon"}}}) {
    sleeper.waits.clear();
    transport->Push(ApiError(429, "rate_limit_error", "x", headers));
    ASSERT_TRUE(client->GetApiKey("apikey_1"));
    EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(500)})) << headers[0].first << headers[0].second;
  }
  // retry-after-ms 0 falls through to retry-after.
  sleeper.waits.clear();
  transport->Push(ApiError(429, "rate_limit_error", "x", {{"retry-after-ms", "0"}, {"retry-after", "2"}}));
  ASSERT_TRUE(client->GetApiKey("apikey_1"));
  EXPECT_EQ(sleeper.waits, (std::vector<milliseconds>{milliseconds(2000)}));
}

TEST_F(ClientTest, ReadsTheKeysWorkspaceFromEitherShape) {
  transport->Push(Json(200, R"({"data":[
    {"id":"apikey_new","name":"a","status":"active","created_at":"2026-11-01T00:00:00Z",
     "scope":{"type":"workspace","workspace_id":"wrkspc_x"}},
    {"id":"apikey_org","name":"b","status":"active","created_at":"2026-11-01T00:00:00Z","scope":{"type":"organization"}},
    {"id":"apikey_old","name":"c","status":"active","created_at":"2024-01-01T00:00:00Z","workspace_id":null,
     "scope":{"type":"workspace","workspace_id":"wrkspc_default"}}],"has_more":false})"));
  std::vector<domain::ApiKey> keys;
  ASSERT_TRUE(client->ForEachApiKey({}, [&](std::span<const domain::ApiKey> page) -> Status {
    keys.assign(page.begin(), page.end());
    return {};
  }));
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].workspace_id, "wrkspc_x");
  EXPECT_EQ(keys[1].workspace_id, std::nullopt);
  EXPECT_EQ(keys[2].workspace_id, std::nullopt);  // 2023-06-01: null = the Default Workspace
}

}  // namespace
}  // namespace portal::anthropic
