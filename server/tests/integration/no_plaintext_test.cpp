// "No plaintext secrets" (PRODUCT.md §5, R-K3, R-C2): with known key values registered and in
// use, every endpoint is exercised by every role; then every response body, the log output and
// the database itself are searched for the values (and for their hidden middle part). The only
// place a value may appear is its owner's GET /api/v1/me/api-key.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/log.hpp"
#include "integration/core_support.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

class NoPlaintext : public CoreTest {
 protected:
  void Configure(app::Config& config) override {
    config.log_level = "debug";
    log_path_ = (std::filesystem::temp_directory_path() / (NewId("portal-log") + ".log")).string();
    log::SetFile(log_path_);
  }
  void TearDown() override {
    CoreTest::TearDown();
    std::error_code ec;
    std::filesystem::remove(log_path_, ec);
  }

  // Every row of every table, as text.
  std::string DatabaseText() {
    if (GetParam() == storage::Backend::kSqlite) {
      auto file = database->Url().substr(std::string("sqlite:").size());
      return ReadFile(file) + ReadFile(file + "-wal");
    }
    std::string text;
    PGconn* conn = PQconnectdb(database->Url().c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* tables =
        PQexec(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
    for (int i = 0; i < PQntuples(tables); ++i) {
      std::string table = PQgetvalue(tables, i, 0);
      PGresult* rows = PQexec(conn, ("SELECT t::text FROM \"" + table + "\" t").c_str());
      for (int r = 0; r < PQntuples(rows); ++r) text += std::string(PQgetvalue(rows, r, 0)) + "\n";
      PQclear(rows);
    }
    EXPECT_GT(PQntuples(tables), 5);
    PQclear(tables);
    PQfinish(conn);
    return text;
  }

  std::string log_path_;
};
PORTAL_INSTANTIATE_BACKENDS(NoPlaintext);

TEST_P(NoPlaintext, KeyValuesAppearNowhereButTheOwnersOwnKeyEndpoint) {
  auto super = MakeSuperAdmin();
  Tenant a = MakeTenant("Alpha", "alpha"), b = MakeTenant("Beta", "beta");
  auto spare_value = NewKeyValue();
  auto spare = AddKey(a.workspace, spare_value);
  std::vector<std::string> values = {a.key_value, b.key_value, spare_value};

  std::vector<std::pair<std::string, HttpResult>> responses;
  auto call = [&](const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    responses.emplace_back(method + " " + path, Call(method, path, token, body));
    return responses.back().second;
  };
  ASSERT_EQ(call("PATCH", "/api/v1/users/" + a.user, a.admin_token, json::serialize(json::object{{"apiKeyId", a.key}}))
                .status,
            200);
  ASSERT_EQ(call("PATCH", "/api/v1/users/" + a.user, super, json::serialize(json::object{{"apiKeyId", spare}})).status,
            200);
  ASSERT_EQ(
      call("PATCH", "/api/v1/users/" + b.member, b.admin_token, json::serialize(json::object{{"apiKeyId", b.key}}))
          .status,
      200);
  json::object create{{"name", "New"},
                      {"email", "new@alpha.example"},
                      {"role", "User"},
                      {"organizationId", a.org},
                      {"apiKeyId", a.key}};
  call("POST", "/api/v1/users", a.admin_token, json::serialize(create));

  // The owner's own fetch is the one allowed place (checked, then left out of the search).
  auto own = Call("GET", "/api/v1/me/api-key", a.user_token);
  if (own.status == 200) {
    EXPECT_NE(own.body.find(spare_value), std::string::npos);
  }

  for (const auto& token : {super, a.admin_token, a.user_token, b.admin_token, b.user_token}) {
    for (const std::string& path : std::vector<std::string>{
             "/api/v1/me", "/api/v1/organizations", "/api/v1/organizations/" + a.org, "/api/v1/users",
             "/api/v1/users/" + a.user, "/api/v1/users/" + b.member, "/api/v1/audit", "/api/v1/dashboard",
             "/api/v1/api-keys", "/api/v1/api-keys/" + a.key, "/api/v1/workspaces", "/api/v1/settings/anthropic"}) {
      call("GET", path, token);
    }
    call("GET", "/api/v1/me/api-key", token == a.user_token ? std::string() : token);
  }
  call("PATCH", "/api/v1/users/" + a.user, super, R"({"status":"disabled"})");
  call("POST", "/api/v1/users/" + b.user + "/reset-password", b.admin_token);
  call("DELETE", "/api/v1/organizations/" + b.org, super);
  call("GET", "/api/v1/audit?limit=500", super);

  int hits = 0;
  auto search = [&](const std::string& where, const std::string& text) {
    for (const auto& value : values) {
      const std::string hidden = value.substr(16, value.size() - 20);  // what the hint does not show
      if (text.find(value) != std::string::npos || text.find(hidden) != std::string::npos) {
        ++hits;
        ADD_FAILURE() << "a key value appears in " << where;
      }
    }
  };
  for (const auto& [what, result] : responses) search("the response to " + what, result.body);
  portal->Stop();
  search("the log", ReadFile(log_path_));
  search("the database", DatabaseText());
  EXPECT_GT(responses.size(), 60u);
  std::cout << "[no plaintext] " << responses.size() << " responses, the log and the database searched: " << hits
            << " hits\n";
}

}  // namespace
}  // namespace portal::testing
