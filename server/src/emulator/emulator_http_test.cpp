// The emulator over real HTTP on 127.0.0.1 (a tiny blocking client, no libraries).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>

#include "emulator/emulator.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {
namespace {

namespace json = boost::json;

constexpr const char* kAdminKey = "sk-ant-admin01-test-admin-key";
constexpr const char* kVersion = "2023-06-01";

struct HttpResult {
  int status = 0;  // 0 = no (complete) response
  std::map<std::string, std::string> headers;
  std::string body;
  json::value Json() const {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    return ec ? json::value() : v;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

HttpResult Send(std::uint16_t port, const std::string& method, const std::string& target, const Headers& headers,
                const std::string& body = {}, int timeout_ms = 10'000) {
  HttpResult result;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return result;
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) request.append(k).append(": ").append(v).append("\r\n");
  if (!body.empty()) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string raw;
  char buffer[8192];
  while (true) {
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  auto header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos || raw.size() < 12) return result;
  result.status = std::stoi(raw.substr(9, 3));
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < header_end) {
    auto eol = raw.find("\r\n", pos);
    auto line = raw.substr(pos, eol - pos);
    auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    result.headers[name] = value;
    pos = eol + 2;
  }
  result.body = raw.substr(header_end + 4);
  return result;
}

Headers Admin(const Headers& extra = {}) {
  Headers h = {{"x-api-key", kAdminKey}, {"anthropic-version", kVersion}};
  h.insert(h.end(), extra.begin(), extra.end());
  return h;
}

EmulatorOptions Options() {
  EmulatorOptions o;
  o.admin_key = kAdminKey;
  o.workspaces = 3;
  o.api_keys = 10;
  o.users = 6;
  o.seed = 11;
  o.access_log = false;
  return o;
}

class EmulatorHttpTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(emulator.Start().has_value()); }
  HttpResult Get(const std::string& target, const Headers& headers = Admin()) {
    return Send(emulator.Port(), "GET", target, headers);
  }
  HttpResult Post(const std::string& target, const std::string& body, const Headers& headers = Admin()) {
    return Send(emulator.Port(), "POST", target, headers, body);
  }
  const EmulatedKey& KeyWithStatus(const std::string& status) {
    keys = emulator.Keys();
    for (const auto& k : keys) {
      if (k.status == status) return k;
    }
    throw std::runtime_error("no key with status " + status);
  }
  static void ExpectError(const HttpResult& r, int status, const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    auto body = r.Json();
    ASSERT_TRUE(body.is_object()) << r.body;
    EXPECT_EQ(body.at("type").as_string(), "error");
    EXPECT_EQ(body.at("error").at("type").as_string(), type);
    EXPECT_TRUE(body.at("error").at("message").is_string());
    ASSERT_TRUE(r.headers.contains("request-id"));
    EXPECT_EQ(body.at("request_id").as_string(), r.headers.at("request-id"));
  }

  Emulator emulator{Options()};
  std::vector<EmulatedKey> keys;
};

TEST_F(EmulatorHttpTest, AcceptsTheAdminKeyAsXApiKeyOrBearer) {
  auto with_header = Get("/v1/organizations/me");
  EXPECT_EQ(with_header.status, 200);
  EXPECT_EQ(with_header.Json().at("type").as_string(), "organization");
  EXPECT_TRUE(with_header.headers.at("request-id").starts_with("req_"));
  EXPECT_EQ(with_header.headers.at("anthropic-organization-id"), with_header.Json().at("id").as_string());

  auto bearer = Get("/v1/organizations/me",
                    {{"authorization", std::string("Bearer ") + kAdminKey}, {"anthropic-version", "2026-10-21"}});
  EXPECT_EQ(bearer.status, 200);

  ExpectError(Get("/v1/organizations/me", {{"anthropic-version", kVersion}}), 401, "authentication_error");
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", "sk-ant-admin01-wrong"}, {"anthropic-version", kVersion}}),
              401, "authentication_error");
  ExpectError(Get("/v1/organizations/me", {{"authorization", "Bearer nope"}, {"anthropic-version", kVersion}}), 401,
              "authentication_error");
}

TEST_F(EmulatorHttpTest, RequiresAWellFormedAnthropicVersion) {
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}}), 400, "invalid_request_error");
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "latest"}}), 400,
              "invalid_request_error");
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "2023-13-01"}}), 400,
              "invalid_request_error");
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "2099-01-31"}}), 400,
              "invalid_request_error");
  for (const char* version : {"2023-01-01", "2023-06-01", "2026-10-21"}) {
    EXPECT_EQ(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", version}}).status, 200);
  }
}

TEST_F(EmulatorHttpTest, UnknownIdsAndPathsAreNotFoundErrors) {
  ExpectError(Get("/v1/organizations/api_keys/apikey_01nope"), 404, "not_found_error");
  ExpectError(Get("/v1/organizations/workspaces/wrkspc_01nope"), 404, "not_found_error");
  ExpectError(Get("/v1/organizations/nothing-here"), 404, "not_found_error");
}

TEST_F(EmulatorHttpTest, ListsApiKeysWithCursorPagingAndIgnoresBeta) {
  auto first = Get("/v1/organizations/api_keys?limit=4&beta=true");
  ASSERT_EQ(first.status, 200) << first.body;
  auto body = first.Json().as_object();
  EXPECT_EQ(body.at("data").as_array().size(), 4u);
  EXPECT_TRUE(body.at("has_more").as_bool());
  auto last_id = std::string(body.at("last_id").as_string());
  const auto& key = body.at("data").as_array()[0].as_object();
  for (const char* field :
       {"id", "type", "name", "created_at", "created_by", "partial_key_hint", "status", "workspace_id"}) {
    EXPECT_TRUE(key.contains(field)) << field;
  }
  EXPECT_EQ(key.at("type").as_string(), "api_key");
  EXPECT_EQ(key.at("partial_key_hint").as_string().size(), 23u);
  EXPECT_FALSE(key.contains("value"));

  auto all = Get("/v1/organizations/api_keys?limit=1000").Json();
  bool has_default = false;
  for (const auto& k : all.at("data").as_array()) has_default |= k.at("workspace_id").is_null();
  EXPECT_TRUE(has_default);
  EXPECT_EQ(all.at("data").as_array().size(), 10u);

  auto next = Get("/v1/organizations/api_keys?limit=4&after_id=" + last_id).Json();
  EXPECT_NE(next.at("first_id").as_string(), last_id);
  ExpectError(Get("/v1/organizations/api_keys?limit=0"), 400, "invalid_request_error");
  ExpectError(Get("/v1/organizations/api_keys?limit=1001"), 400, "invalid_request_error");
}

TEST_F(EmulatorHttpTest, UpdatesKeysAndArchivesWorkspaces) {
  const auto active = KeyWithStatus("active");
  auto renamed = Post("/v1/organizations/api_keys/" + active.id, R"({"name":"Renamed","status":"inactive"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("status").as_string(), "inactive");
  EXPECT_EQ(Post("/v1/organizations/api_keys/" + active.id, R"({"status":"active"})").Json().at("status").as_string(),
            "active");
  ExpectError(Post("/v1/organizations/api_keys/" + active.id, R"({"name":""})"), 400, "invalid_request_error");
  ExpectError(Post("/v1/organizations/api_keys/" + active.id, "{not json"), 400, "invalid_request_error");

  auto created = Post("/v1/organizations/workspaces", R"({"name":"From HTTP","display_color":"#00AA11"})");
  ASSERT_EQ(created.status, 200) << created.body;
  auto ws = created.Json().as_object();
  EXPECT_TRUE(ws.at("archived_at").is_null());
  EXPECT_EQ(ws.at("type").as_string(), "workspace");
  auto id = std::string(ws.at("id").as_string());
  ExpectError(Post("/v1/organizations/workspaces", R"({"name":"x","display_color":"red"})"), 400,
              "invalid_request_error");
  ExpectError(Post("/v1/organizations/workspaces", R"({"display_color":"#000000"})"), 400, "invalid_request_error");
  EXPECT_EQ(Post("/v1/organizations/workspaces/" + id, R"({"name":"Renamed WS"})").Json().at("name").as_string(),
            "Renamed WS");
  auto archived = Post("/v1/organizations/workspaces/" + id + "/archive", "");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_TRUE(archived.Json().at("archived_at").is_string());
  ExpectError(Post("/v1/organizations/workspaces/" + id, R"({"name":"again"})"), 400, "invalid_request_error");

  // Archiving an existing workspace archives its keys.
  auto list = Get("/v1/organizations/workspaces?limit=1").Json();
  auto victim = std::string(list.at("data").as_array()[0].at("id").as_string());
  ASSERT_EQ(Post("/v1/organizations/workspaces/" + victim + "/archive", "").status, 200);
  auto keys_in = Get("/v1/organizations/api_keys?limit=100&workspace_id=" + victim).Json();
  ASSERT_FALSE(keys_in.at("data").as_array().empty());
  for (const auto& k : keys_in.at("data").as_array()) EXPECT_EQ(k.at("status").as_string(), "archived");
  auto hidden = Get("/v1/organizations/workspaces?limit=100").Json();
  for (const auto& w : hidden.at("data").as_array()) EXPECT_NE(w.at("id").as_string(), victim);
  auto shown = Get("/v1/organizations/workspaces?limit=100&include_archived=true").Json();
  EXPECT_EQ(shown.at("data").as_array().size(), 4u);
}

TEST_F(EmulatorHttpTest, UsersInvitesAndMembers) {
  auto users = Get("/v1/organizations/users?limit=100").Json();
  ASSERT_EQ(users.at("data").as_array().size(), 6u);
  std::string developer_id, email;
  for (const auto& u : users.at("data").as_array()) {
    if (u.at("role").as_string() == "developer") {
      developer_id = std::string(u.at("id").as_string());
      email = std::string(u.at("email").as_string());
    }
  }
  ASSERT_FALSE(developer_id.empty());
  auto by_email = Get("/v1/organizations/users?email=" + email).Json();
  EXPECT_EQ(by_email.at("data").as_array().size(), 1u);
  ExpectError(Post("/v1/organizations/users/" + developer_id, R"({"role":"admin"})"), 400, "invalid_request_error");
  ExpectError(Post("/v1/organizations/users/" + developer_id, R"({"role":"user","extra":1})"), 400,
              "invalid_request_error");
  EXPECT_EQ(Post("/v1/organizations/users/" + developer_id, R"({"role":"user"})").Json().at("role").as_string(),
            "user");

  auto invite = Post("/v1/organizations/invites", R"({"email":"http@example.org","role":"developer"})");
  ASSERT_EQ(invite.status, 200) << invite.body;
  EXPECT_EQ(invite.Json().at("status").as_string(), "pending");
  auto duplicate = Post("/v1/organizations/invites", R"({"email":"http@example.org","role":"developer"})");
  ExpectError(duplicate, 400, "invalid_request_error");
  EXPECT_EQ(duplicate.Json().at("error").at("details").at("error_code").as_string(), "invite_already_exists");
  auto invite_id = std::string(invite.Json().at("id").as_string());
  auto deleted = Send(emulator.Port(), "DELETE", "/v1/organizations/invites/" + invite_id, Admin());
  EXPECT_EQ(deleted.Json(), json::parse(R"({"id":")" + invite_id + R"(","type":"invite_deleted"})"));

  auto ws =
      std::string(Get("/v1/organizations/workspaces?limit=1").Json().at("data").as_array()[0].at("id").as_string());
  Send(emulator.Port(), "DELETE", "/v1/organizations/workspaces/" + ws + "/members/" + developer_id, Admin());
  auto added = Post("/v1/organizations/workspaces/" + ws + "/members",
                    R"({"user_id":")" + developer_id + R"(","workspace_role":"workspace_developer"})");
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.Json().at("type").as_string(), "workspace_member");
  auto member_path = "/v1/organizations/workspaces/" + ws + "/members/" + developer_id;
  EXPECT_EQ(Get(member_path).Json().at("workspace_role").as_string(), "workspace_developer");
  EXPECT_EQ(Post(member_path, R"({"workspace_role":"workspace_admin"})").Json().at("workspace_role").as_string(),
            "workspace_admin");
  auto removed = Send(emulator.Port(), "DELETE", member_path, Admin()).Json();
  EXPECT_EQ(removed.at("type").as_string(), "workspace_member_deleted");
  ExpectError(Get(member_path), 404, "not_found_error");

  auto user_deleted = Send(emulator.Port(), "DELETE", "/v1/organizations/users/" + developer_id, Admin()).Json();
  EXPECT_EQ(user_deleted.at("type").as_string(), "user_deleted");
}

TEST_F(EmulatorHttpTest, ServesReports) {
  auto usage =
      Get("/v1/organizations/usage_report/messages?starting_at=2025-01-01T00:00:00Z&limit=3&"
          "group_by[]=model&bucket_width=1d");
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_EQ(usage.Json().at("data").as_array().size(), 3u);
  EXPECT_TRUE(usage.Json().at("has_more").as_bool());
  auto page = std::string(usage.Json().at("next_page").as_string());
  EXPECT_EQ(Get("/v1/organizations/usage_report/messages?starting_at=2025-01-01T00:00:00Z&limit=3&page=" + page)
                .Json()
                .at("data")
                .as_array()[0]
                .at("starting_at")
                .as_string(),
            "2025-01-04T00:00:00Z");
  auto cost = Get("/v1/organizations/cost_report?starting_at=2025-01-01T00:00:00Z&group_by[]=description");
  ASSERT_EQ(cost.status, 200) << cost.body;
  EXPECT_EQ(cost.Json().at("data").as_array().size(), 7u);
  ExpectError(Get("/v1/organizations/cost_report"), 400, "invalid_request_error");
}

TEST_F(EmulatorHttpTest, ModelsAcceptOnlyActiveGeneratedKeys) {
  const auto active = KeyWithStatus("active");
  auto ok = Get("/v1/models", {{"x-api-key", active.value}, {"anthropic-version", kVersion}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_FALSE(ok.Json().at("data").as_array().empty());
  EXPECT_EQ(Get("/v1/models", {{"authorization", "Bearer " + active.value}, {"anthropic-version", kVersion}}).status,
            200);
  ExpectError(Get("/v1/models", {{"x-api-key", KeyWithStatus("inactive").value}, {"anthropic-version", kVersion}}), 401,
              "authentication_error");
  ExpectError(Get("/v1/models", {{"x-api-key", KeyWithStatus("archived").value}, {"anthropic-version", kVersion}}), 401,
              "authentication_error");
  ExpectError(Get("/v1/models", {{"x-api-key", "sk-ant-api03-unknown"}, {"anthropic-version", kVersion}}), 401,
              "authentication_error");
  ExpectError(Get("/v1/models", Admin()), 401, "authentication_error");
}

TEST_F(EmulatorHttpTest, EmulatorKeysEndpointRevealsValuesToTheAdminOnly) {
  auto keys_response = Get("/_emulator/keys", {{"x-api-key", kAdminKey}});
  ASSERT_EQ(keys_response.status, 200) << keys_response.body;
  auto list = keys_response.Json().as_array();
  ASSERT_EQ(list.size(), 10u);
  const auto& k = list[0].as_object();
  EXPECT_TRUE(k.at("value").as_string().starts_with("sk-ant-api03-"));
  EXPECT_EQ(k.at("value").as_string().size(), 108u);
  EXPECT_TRUE(k.contains("workspace_id"));
  EXPECT_TRUE(k.contains("status"));
  EXPECT_EQ(emulator.Keys().size(), 10u);
  ExpectError(Get("/_emulator/keys", {}), 401, "authentication_error");
}

TEST_F(EmulatorHttpTest, InjectsFaultsFromTheHeader) {
  auto limited = Get("/v1/organizations/me", Admin({{"X-Emulator-Fault", "429;retry-after=2"}}));
  ExpectError(limited, 429, "rate_limit_error");
  EXPECT_EQ(limited.headers.at("retry-after"), "2");
  EXPECT_EQ(Get("/v1/organizations/me", Admin({{"X-Emulator-Fault", "429"}})).headers.at("retry-after"), "1");
  ExpectError(Get("/v1/organizations/me", Admin({{"X-Emulator-Fault", "529"}})), 529, "overloaded_error");
  ExpectError(Get("/v1/organizations/me", Admin({{"X-Emulator-Fault", "500"}})), 500, "api_error");
  ExpectError(Get("/v1/organizations/me", Admin({{"X-Emulator-Fault", "bogus"}})), 400, "invalid_request_error");
  // Only that request: the next one is fine.
  EXPECT_EQ(Get("/v1/organizations/me").status, 200);

  auto truncated = Get("/v1/organizations/api_keys", Admin({{"X-Emulator-Fault", "truncated"}}));
  EXPECT_EQ(truncated.status, 200);
  EXPECT_FALSE(truncated.body.empty());
  EXPECT_TRUE(truncated.Json().is_null());  // not parseable
  auto reset = Get("/v1/organizations/api_keys", Admin({{"X-Emulator-Fault", "reset"}}));
  EXPECT_EQ(reset.status, 0);  // the connection was dropped without an answer
}

TEST_F(EmulatorHttpTest, QueuedFaultsHitTheNextRequestsInOrder) {
  ASSERT_TRUE(emulator.QueueFaults({"500", "429"}).has_value());
  EXPECT_EQ(Get("/v1/organizations/me").status, 500);
  EXPECT_EQ(Get("/v1/organizations/me").status, 429);
  EXPECT_EQ(Get("/v1/organizations/me").status, 200);
  EXPECT_EQ(Post("/_emulator/faults", R"({"faults":["529"]})", {{"x-api-key", kAdminKey}}).status, 200);
  EXPECT_EQ(Get("/v1/organizations/me").status, 529);
  EXPECT_FALSE(emulator.QueueFaults({"nonsense"}).has_value());
}

TEST_F(EmulatorHttpTest, TimeoutFaultHoldsTheAnswerUntilTheClientGivesUpAndStopIsPrompt) {
  auto start = std::chrono::steady_clock::now();
  auto r = Send(emulator.Port(), "GET", "/v1/organizations/me", Admin({{"X-Emulator-Fault", "timeout"}}), {}, 500);
  EXPECT_EQ(r.status, 0);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(450));
  auto stop_start = std::chrono::steady_clock::now();
  emulator.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_start, std::chrono::seconds(5));
}

TEST(EmulatorHttpOptionsTest, LatencyAndRandomFaults) {
  auto o = Options();
  o.latency_min_ms = 120;
  o.latency_max_ms = 150;
  o.fault_rate = 1.0;
  o.faults = {"529"};
  Emulator emulator(o);
  ASSERT_TRUE(emulator.Start().has_value());
  auto start = std::chrono::steady_clock::now();
  auto r = Send(emulator.Port(), "GET", "/v1/organizations/me", Admin());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(120));
  EXPECT_EQ(r.status, 529);
  // Emulator-only endpoints are never faulted.
  EXPECT_EQ(Send(emulator.Port(), "GET", "/_emulator/keys", {{"x-api-key", kAdminKey}}).status, 200);

  auto bad = Options();
  bad.faults = {"418"};
  EXPECT_FALSE(Emulator(bad).Start().has_value());
  auto no_key = Options();
  no_key.admin_key.clear();
  EXPECT_FALSE(Emulator(no_key).Start().has_value());
}

TEST(EmulatorHttpOptionsTest, StateFileSurvivesARestart) {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / ("emulator_http_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto o = Options();
  o.state_file = (dir / "state.json").string();
  std::string key_id;
  {
    Emulator emulator(o);
    ASSERT_TRUE(emulator.Start().has_value());
    key_id = emulator.Keys()[0].id;
    auto r = Send(emulator.Port(), "POST", "/v1/organizations/api_keys/" + key_id, Admin(), R"({"name":"Kept"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  o.seed = 999;  // the file wins over generation
  Emulator again(o);
  ASSERT_TRUE(again.Start().has_value());
  auto r = Send(again.Port(), "GET", "/v1/organizations/api_keys/" + key_id, Admin());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("name").as_string(), "Kept");
  again.Stop();
  fs::remove_all(dir);
}

// ---------------------------------------------------------------- the current API (2026-10-21)

constexpr const char* kCurrent = "2026-10-21";

Headers Current(const Headers& extra = {}) {
  Headers h = {{"x-api-key", kAdminKey}, {"anthropic-version", kCurrent}};
  h.insert(h.end(), extra.begin(), extra.end());
  return h;
}

std::string DefaultWorkspaceId(const json::value& workspaces) {
  for (const auto& w : workspaces.at("data").as_array()) {
    if (w.at("name").as_string() == "Default") return std::string(w.at("id").as_string());
  }
  return {};
}

std::string Yesterday() {
  auto now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return FormatSeconds((now / kMicrosPerDay - 1) * kMicrosPerDay);
}

std::string Today() {
  auto now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return FormatSeconds(now / kMicrosPerDay * kMicrosPerDay);
}

std::string ErrorCodeOf(const HttpResult& r) {
  auto body = r.Json();
  if (!body.is_object()) return {};
  const auto* details = body.at("error").as_object().if_contains("details");
  return details ? std::string(details->at("error_code").as_string()) : std::string();
}

TEST_F(EmulatorHttpTest, ServesTheApiKeyShapeOfEachVersion) {
  EXPECT_EQ(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "2023-01-01"}}).status, 200);
  ExpectError(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "2025-01-01"}}), 400,
              "invalid_request_error");
  auto default_id = DefaultWorkspaceId(Get("/v1/organizations/workspaces?include_default=true&limit=100").Json());
  ASSERT_FALSE(default_id.empty());

  auto classic = Get("/v1/organizations/api_keys?limit=100").Json().at("data").as_array();
  auto current = Get("/v1/organizations/api_keys?limit=100", Current()).Json().at("data").as_array();
  ASSERT_EQ(classic.size(), current.size());
  int in_default = 0;
  for (std::size_t i = 0; i < classic.size(); ++i) {
    const auto& old_key = classic[i].as_object();
    const auto& new_key = current[i].as_object();
    ASSERT_TRUE(old_key.contains("workspace_id"));
    EXPECT_FALSE(new_key.contains("workspace_id")) << json::serialize(new_key);
    const auto& scope = new_key.at("scope").as_object();
    EXPECT_EQ(scope.at("type").as_string(), "workspace");
    if (old_key.at("workspace_id").is_null()) {
      ++in_default;
      EXPECT_EQ(scope.at("workspace_id").as_string(), default_id);
    } else {
      EXPECT_EQ(scope.at("workspace_id"), old_key.at("workspace_id"));
    }
  }
  EXPECT_GT(in_default, 0);
}

TEST_F(EmulatorHttpTest, WorkspaceListTakesIncludeDefaultAndIds) {
  auto plain = Get("/v1/organizations/workspaces?limit=100").Json().at("data").as_array();
  auto with_default = Get("/v1/organizations/workspaces?limit=100&include_default=true").Json().at("data").as_array();
  ASSERT_EQ(with_default.size(), plain.size() + 1);
  EXPECT_EQ(with_default.back().at("name").as_string(), "Default");
  EXPECT_TRUE(with_default.back().at("user_profile_id").is_null());

  std::string a(plain[0].at("id").as_string()), b(plain[2].at("id").as_string());
  auto picked = Get("/v1/organizations/workspaces?ids[]=" + a + "&ids[]=" + b + "&ids[]=wrkspc_01unknown")
                    .Json()
                    .at("data")
                    .as_array();
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].at("id").as_string(), a);
  EXPECT_EQ(picked[1].at("id").as_string(), b);
  // Paging past the Default Workspace's cursor works like any other.
  auto last = std::string(with_default.back().at("id").as_string());
  auto after = Get("/v1/organizations/workspaces?include_default=true&after_id=" + last).Json();
  EXPECT_TRUE(after.at("data").as_array().empty());

  std::string many = "/v1/organizations/workspaces?";
  for (int i = 0; i < 101; ++i) many += "ids[]=wrkspc_" + std::to_string(i) + "&";
  ExpectError(Get(many), 400, "invalid_request_error");

  auto created = Post("/v1/organizations/workspaces", R"({"name":"Profiled","user_profile_id":"uprof_0123"})");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.Json().at("user_profile_id").as_string(), "uprof_0123");
  auto id = std::string(created.Json().at("id").as_string());
  auto replaced = Post("/v1/organizations/workspaces/" + id, R"({"user_profile_id":"uprof_9999"})");
  ExpectError(replaced, 400, "invalid_request_error");
  auto unknown = Post("/v1/organizations/workspaces", R"({"name":"X","user_profile_id":"nope"})");
  ExpectError(unknown, 400, "invalid_request_error");
  EXPECT_EQ(ErrorCodeOf(unknown), "user_profile_not_found");
}

TEST_F(EmulatorHttpTest, RateLimitsReadAndWriteWithTheOrganizationAsCeiling) {
  auto org = Get("/v1/organizations/rate_limits", Current());
  ASSERT_EQ(org.status, 200) << org.body;
  auto entries = org.Json().at("data").as_array();
  ASSERT_EQ(entries.size(), 8u);
  EXPECT_TRUE(org.Json().at("next_page").is_null());
  const auto& sonnet = entries[1].as_object();
  EXPECT_EQ(sonnet.at("group").at("type").as_string(), "model_group");
  EXPECT_EQ(sonnet.at("group").at("display_name").as_string(), "Claude Sonnet");
  EXPECT_FALSE(sonnet.contains("group_type"));  // gone in 2026-10-21
  EXPECT_EQ(Get("/v1/organizations/rate_limits").Json().at("data").at(1).at("group_type").as_string(), "model_group");
  std::string rate_limit_id(sonnet.at("id").as_string());

  auto paged = Get("/v1/organizations/rate_limits?limit=3", Current()).Json();
  EXPECT_EQ(paged.at("data").as_array().size(), 3u);
  auto next = std::string(paged.at("next_page").as_string());
  EXPECT_EQ(Get("/v1/organizations/rate_limits?limit=3&page=" + next, Current()).Json().at("data").at(0).at("id"),
            entries[3].at("id"));
  EXPECT_EQ(Get("/v1/organizations/rate_limits?model=claude-sonnet-4-20250514", Current())
                .Json()
                .at("data")
                .as_array()
                .size(),
            1u);
  ExpectError(Get("/v1/organizations/rate_limits?model=claude-unknown", Current()), 404, "not_found_error");
  ExpectError(Get("/v1/organizations/rate_limits?group_type=nope", Current()), 400, "invalid_request_error");

  auto workspace = std::string(Get("/v1/organizations/workspaces").Json().at("data").at(0).at("id").as_string());
  const std::string base = "/v1/organizations/workspaces/" + workspace + "/rate_limits";
  EXPECT_TRUE(Get(base, Current()).Json().at("data").as_array().empty());

  auto set =
      Post(base + "/" + rate_limit_id,
           R"({"limits":[{"type":"requests_per_minute","value":100},{"type":"tokens_per_day","value":5000000}]})",
           Current());
  ASSERT_EQ(set.status, 200) << set.body;
  auto entry = set.Json().as_object();
  EXPECT_EQ(entry.at("type").as_string(), "workspace_rate_limit");
  EXPECT_EQ(entry.at("workspace_id").as_string(), workspace);
  EXPECT_EQ(entry.at("rate_limit_id").as_string(), rate_limit_id);
  auto limits = entry.at("limits").as_array();
  ASSERT_EQ(limits.size(), 2u);
  EXPECT_EQ(limits[0].at("type").as_string(), "requests_per_minute");
  EXPECT_EQ(limits[0].at("value").as_int64(), 100);
  EXPECT_EQ(limits[0].at("org_limit").as_int64(), 4000);
  EXPECT_EQ(limits[0].at("source").at("type").as_string(), "workspace");
  EXPECT_TRUE(limits[1].at("org_limit").is_null());  // the organization has no daily limit

  auto listed = Get(base, Current()).Json().at("data").as_array();
  ASSERT_EQ(listed.size(), 1u);
  auto inherited = Get(base + "?include_inherited=true", Current()).Json().at("data").as_array();
  EXPECT_EQ(inherited.size(), 8u);
  const auto& sonnet_limits = inherited[1].at("limits").as_array();
  ASSERT_EQ(sonnet_limits.size(), 4u);
  EXPECT_EQ(sonnet_limits[1].at("source").at("type").as_string(), "organization");
  EXPECT_EQ(sonnet_limits[1].at("value"), sonnet_limits[1].at("org_limit"));

  auto cleared = Post(
      base + "/" + rate_limit_id,
      R"({"limits":[{"type":"requests_per_minute","value":null},{"type":"tokens_per_day","value":null}]})", Current());
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.Json().at("limits").as_array().empty());
  EXPECT_TRUE(Get(base, Current()).Json().at("data").as_array().empty());

  ExpectError(Post(base + "/" + rate_limit_id, R"({"limits":[{"type":"bogus","value":1}]})", Current()), 400,
              "invalid_request_error");
  ExpectError(Post(base + "/rl_01unknown", R"({"limits":[]})", Current()), 404, "not_found_error");
  auto default_id = DefaultWorkspaceId(Get("/v1/organizations/workspaces?include_default=true&limit=100").Json());
  ExpectError(Post("/v1/organizations/workspaces/" + default_id + "/rate_limits/" + rate_limit_id,
                   R"({"limits":[{"type":"requests_per_minute","value":1}]})", Current()),
              400, "invalid_request_error");
}

TEST_F(EmulatorHttpTest, SpendLimitsUpsertListDeleteAndTheMissingPreview) {
  const Headers reads = Current({{"anthropic-beta", "spend-limit-reads-2026-09-26"}});
  ExpectError(Get("/v1/organizations/spend_limits", Current()), 400, "invalid_request_error");
  EXPECT_TRUE(Get("/v1/organizations/spend_limits", reads).Json().at("data").as_array().empty());

  auto org = Post("/v1/organizations/spend_limits", R"({"amount":"50000","scope":{"type":"organization"}})", Current());
  ASSERT_EQ(org.status, 200) << org.body;
  auto org_limit = org.Json().as_object();
  EXPECT_EQ(org_limit.at("type").as_string(), "spend_limit");
  EXPECT_EQ(org_limit.at("amount").as_string(), "50000");
  EXPECT_EQ(org_limit.at("currency").as_string(), "USD");
  EXPECT_EQ(org_limit.at("period").as_string(), "monthly");
  EXPECT_EQ(org_limit.at("scope").at("type").as_string(), "organization");
  auto again =
      Post("/v1/organizations/spend_limits", R"({"amount":"60000","scope":{"type":"organization"}})", Current());
  EXPECT_EQ(again.Json().at("id"), org_limit.at("id"));  // upsert on (scope, period)
  EXPECT_EQ(again.Json().at("amount").as_string(), "60000");

  auto workspace = std::string(Get("/v1/organizations/workspaces").Json().at("data").at(0).at("id").as_string());
  auto ws = Post("/v1/organizations/spend_limits",
                 R"({"amount":"1000","scope":{"type":"workspace","workspace_id":")" + workspace + R"("}})", Current());
  ASSERT_EQ(ws.status, 200) << ws.body;
  auto all = Get("/v1/organizations/spend_limits", reads).Json().at("data").as_array();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].at("id"), ws.Json().at("id"));  // newest first
  EXPECT_EQ(Get("/v1/organizations/spend_limits?scope_type[]=workspace", reads).Json().at("data").as_array().size(),
            1u);

  ExpectError(Post("/v1/organizations/spend_limits", R"({"amount":null,"scope":{"type":"organization"}})", Current()),
              400, "invalid_request_error");
  ExpectError(Post("/v1/organizations/spend_limits",
                   R"({"amount":"10","scope":{"type":"organization"},"period":"daily"})", Current()),
              400, "invalid_request_error");
  ExpectError(
      Post("/v1/organizations/spend_limits", R"({"amount":"10","scope":{"type":"user","user_id":"u"}})", Current()),
      400, "invalid_request_error");

  auto id = std::string(ws.Json().at("id").as_string());
  auto deleted = Send(emulator.Port(), "DELETE", "/v1/organizations/spend_limits/" + id, Current());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.Json().at("type").as_string(), "spend_limit_deleted");
  ExpectError(Get("/v1/organizations/spend_limits/" + id, Current()), 404, "not_found_error");

  auto off = Post("/_emulator/settings", R"({"spend_limits_enabled":false})", {{"x-api-key", kAdminKey}});
  ASSERT_EQ(off.status, 200) << off.body;
  for (const auto& r :
       {Get("/v1/organizations/spend_limits/" + std::string(org_limit.at("id").as_string()), Current()),
        Post("/v1/organizations/spend_limits", R"({"amount":"1","scope":{"type":"organization"}})", Current()),
        Get("/v1/organizations/spend_limits", reads)}) {
    ExpectError(r, 403, "permission_error");
    EXPECT_EQ(ErrorCodeOf(r), "spend_limits_admin_api_writes_not_enabled");
  }
}

TEST_F(EmulatorHttpTest, AnalyticsAgreeWithTheClassicReports) {
  const Headers beta = Current({{"anthropic-beta", "analytics-usage-cost-2026-08-24"}});
  const std::string range = "starting_at=" + Yesterday() + "&ending_at=" + Today();
  ExpectError(Get("/v1/organizations/analytics/usage?" + range, Current()), 400, "invalid_request_error");

  auto classic = Get("/v1/organizations/usage_report/messages?" + range).Json().at("data").at(0).at("results").at(0);
  auto usage = Get("/v1/organizations/analytics/usage?" + range + "&time_bucket_width=1d", beta);
  ASSERT_EQ(usage.status, 200) << usage.body;
  auto rows = usage.Json().at("data").as_array();
  ASSERT_EQ(rows.size(), 1u);
  const auto& metrics = rows[0].at("usage");
  EXPECT_EQ(metrics.at("output_tokens"), classic.at("output_tokens"));
  EXPECT_EQ(metrics.at("uncached_input_tokens"), classic.at("uncached_input_tokens"));
  EXPECT_EQ(metrics.at("cache_creation"), classic.at("cache_creation"));
  EXPECT_TRUE(rows[0].at("group").at("api_key_id").is_null());
  EXPECT_TRUE(usage.Json().at("data_refreshed_at").is_string());

  // Grouped and paged: the rows add up to the same total.
  std::int64_t output = 0;
  std::string page;
  int pages = 0;
  do {
    auto r = Get("/v1/organizations/analytics/usage?" + range + "&group_by[]=api_key_id&group_by[]=model&limit=4" +
                     (page.empty() ? "" : "&page=" + page),
                 beta);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.Json();
    for (const auto& row : body.at("data").as_array()) {
      EXPECT_TRUE(row.at("group").at("api_key_id").is_string());
      output += row.at("usage").at("output_tokens").as_int64();
    }
    page = body.at("has_more").as_bool() ? std::string(body.at("next_page").as_string()) : "";
    ++pages;
  } while (!page.empty() && pages < 50);
  EXPECT_GT(pages, 1);
  EXPECT_EQ(output, classic.at("output_tokens").as_int64());

  auto classic_cost = Get("/v1/organizations/cost_report?" + range).Json().at("data").at(0).at("results").at(0);
  auto cost = Get("/v1/organizations/analytics/cost?" + range + "&time_bucket_width=1d", beta);
  ASSERT_EQ(cost.status, 200) << cost.body;
  auto cost_row = cost.Json().at("data").at(0).at("cost");
  EXPECT_EQ(cost_row.at("amount"), classic_cost.at("amount"));
  EXPECT_EQ(cost_row.at("currency").as_string(), "USD");
  EXPECT_TRUE(cost_row.at("requests").is_int64());
  auto by_type = Get("/v1/organizations/analytics/cost?" + range + "&group_by[]=token_type", beta).Json();
  EXPECT_GT(by_type.at("data").as_array().size(), 1u);
  EXPECT_TRUE(by_type.at("data").at(0).at("cost").at("requests").is_null());

  ExpectError(Get("/v1/organizations/analytics/usage", beta), 400, "invalid_request_error");
  ExpectError(Get("/v1/organizations/analytics/usage?starting_at=2025-06-01T00:00:00Z", beta), 400,
              "invalid_request_error");
  ExpectError(Get("/v1/organizations/analytics/usage?starting_at=" + Yesterday() + "&time_bucket_width=1d", beta), 400,
              "invalid_request_error");
  ExpectError(Get("/v1/organizations/analytics/usage?" + range +
                      "&group_by[]=model&group_by[]=api_key_id&group_by[]=workspace_id&group_by[]=product"
                      "&group_by[]=speed&group_by[]=service_tier",
                  beta),
              400, "invalid_request_error");
}

TEST_F(EmulatorHttpTest, BusinessErrorsCarryTheirCodeAndOnlySomeTakeEffect) {
  auto users = Get("/v1/organizations/users?limit=100").Json().at("data").as_array();
  std::string developer;
  for (const auto& u : users) {
    if (u.at("role").as_string() == "developer") developer = std::string(u.at("id").as_string());
  }
  ASSERT_FALSE(developer.empty());
  auto refused = Send(emulator.Port(), "DELETE", "/v1/organizations/users/" + developer,
                      Admin({{"x-emulator-fault", "409:concurrent_membership_change"}}));
  ExpectError(refused, 409, "conflict_error");
  EXPECT_EQ(ErrorCodeOf(refused), "concurrent_membership_change");
  EXPECT_EQ(refused.headers["x-should-retry"], "false");
  EXPECT_EQ(Get("/v1/organizations/users/" + developer).status, 200);  // nothing happened

  auto incomplete = Post("/v1/organizations/workspaces", R"({"name":"Half made"})",
                         Admin({{"x-emulator-fault", "503:workspace_created_incomplete"}}));
  ExpectError(incomplete, 503, "api_error");
  EXPECT_EQ(incomplete.headers["x-should-retry"], "false");
  auto created_id = std::string(incomplete.Json().at("error").at("details").at("workspace_id").as_string());
  EXPECT_EQ(Get("/v1/organizations/workspaces/" + created_id).Json().at("name").as_string(), "Half made");

  auto unknown = Post("/v1/organizations/workspaces/" + created_id, R"({"name":"Renamed"})",
                      Admin({{"x-emulator-fault", "503:change_outcome_unknown"}}));
  ExpectError(unknown, 503, "api_error");
  EXPECT_EQ(ErrorCodeOf(unknown), "change_outcome_unknown");
  EXPECT_EQ(unknown.headers["x-should-retry"], "true");
  EXPECT_EQ(Get("/v1/organizations/workspaces/" + created_id).Json().at("name").as_string(), "Renamed");
  ExpectError(Get("/v1/organizations/me", Admin({{"x-emulator-fault", "503:Bad Code!"}})), 400,
              "invalid_request_error");
}

TEST_F(EmulatorHttpTest, ReactivatingAKeyRespectsTheActiveKeyLimits) {
  const auto& inactive = KeyWithStatus("inactive");
  auto limited = Post("/_emulator/settings", R"({"org_active_api_keys_limit":1})", {{"x-api-key", kAdminKey}});
  ASSERT_EQ(limited.status, 200) << limited.body;
  auto refused = Post("/v1/organizations/api_keys/" + inactive.id, R"({"status":"active"})");
  ExpectError(refused, 400, "invalid_request_error");
  EXPECT_EQ(ErrorCodeOf(refused), "org_api_key_limit_exceeded");
  EXPECT_EQ(Get("/v1/organizations/api_keys/" + inactive.id).Json().at("status").as_string(), "inactive");

  Post("/_emulator/settings", R"({"org_active_api_keys_limit":0,"workspace_active_api_keys_limit":1})",
       {{"x-api-key", kAdminKey}});
  // Only a workspace that already has an active key refuses; find one such key.
  bool saw_workspace_limit = false;
  for (const auto& k : emulator.Keys()) {
    if (k.status != "inactive") continue;
    auto r = Post("/v1/organizations/api_keys/" + k.id, R"({"status":"active"})");
    if (r.status == 400) {
      EXPECT_EQ(ErrorCodeOf(r), "workspace_api_key_limit_exceeded");
      saw_workspace_limit = true;
    }
  }
  EXPECT_TRUE(saw_workspace_limit);
  ExpectError(Post("/_emulator/settings", R"({"org_active_api_keys_limit":-1})", {{"x-api-key", kAdminKey}}), 400,
              "invalid_request_error");
}

}  // namespace
}  // namespace portal::emulator
