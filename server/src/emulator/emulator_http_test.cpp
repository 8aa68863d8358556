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
  for (const auto& [k, v] : headers) request += k + ": " + v + "\r\n";
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
  EXPECT_EQ(Get("/v1/organizations/me", {{"x-api-key", kAdminKey}, {"anthropic-version", "2099-01-31"}}).status, 200);
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

}  // namespace
}  // namespace portal::emulator
