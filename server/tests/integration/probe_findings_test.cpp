// Security hardening over real HTTP (SQLite and PostgreSQL): text
// with control or bidi characters refused, a log line that stays JSON whatever the path, Anthropic
// base URLs without credentials or link-local targets, sync totals scoped to the caller's
// organization, and a cursor the portal never handed out answering 400.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/log.hpp"
#include "integration/core_support.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;

class ProbeFindings : public CoreTest {
 protected:
  void Configure(app::Config& config) override {
    log_file = config.data_dir + "/portal.log";
    std::filesystem::create_directories(config.data_dir);
    log::SetFile(log_file);     // every line is flushed as it is written
    config.log_level = "info";  // the access log
  }
  std::int64_t Count(const std::string& path, const std::string& token) {
    auto list = Call("GET", path, token);
    EXPECT_EQ(list.status, 200) << list.body;
    return list.status == 200 ? list.Json().at("total").as_int64() : -1;
  }
  std::string log_file;
};

TEST_P(ProbeFindings, NamesTitlesAndDescriptionsRefuseControlAndBidiCharacters) {
  const auto super = MakeSuperAdmin();
  const auto tenant = MakeTenant("Acme", "acme");
  const auto organizations = Count("/api/v1/organizations", super);
  const std::string bad[] = {R"(Evil\u202Etxt.exe)", R"(nul\u0000byte)", R"(esc\u001b[2J)", R"(del\u007f)",
                             R"(c1\u0085)",          R"(line\nbreak)",   R"(iso\u2066late)"};
  for (const auto& name : bad) {
    auto org = Call("POST", "/api/v1/organizations", super, R"({"name":")" + name + R"("})");
    EXPECT_EQ(org.status, 400) << name << " " << org.body;
    EXPECT_EQ(Call("PATCH", "/api/v1/users/" + tenant.member, super, R"({"name":")" + name + R"("})").status, 400)
        << name;
    EXPECT_EQ(
        Call("POST", "/api/v1/prompts", super, R"({"title":")" + name + R"(","content":"c","visibility":"private"})")
            .status,
        400)
        << name;
    EXPECT_EQ(Call("PATCH", "/api/v1/workspaces/" + tenant.workspace, super, R"({"name":")" + name + R"("})").status,
              400)
        << name;
  }
  EXPECT_EQ(Call("POST", "/api/v1/organizations", super, R"({"name":"Ok","description":"a\u001bb"})").status, 400);
  EXPECT_EQ(
      Call("POST", "/api/v1/prompts", super, R"({"title":"t","content":"x\u001b[31m","visibility":"private"})").status,
      400);
  EXPECT_EQ(Call("POST", "/api/v1/prompts", super, R"({"title":"t","content":"c","tags":["a\u0007"]})").status, 400);
  EXPECT_EQ(Count("/api/v1/organizations", super), organizations);  // nothing was created
  // Newlines and tabs are fine where a field has several lines; Japanese and emoji everywhere.
  EXPECT_EQ(
      Call("POST", "/api/v1/organizations", super, R"({"name":"株式会社テスト 🚀","description":"一行目\n\t二行目"})")
          .status,
      201);
  EXPECT_EQ(Call("POST", "/api/v1/prompts", super,
                 R"({"title":"複数行","content":"a\n\tb","description":"x\ny","visibility":"private"})")
                .status,
            201);
}

TEST_P(ProbeFindings, TheAccessLogStaysJsonForAPathThatIsNotUtf8) {
  auto answer = client->Get("/api/v1/%FF%FEnot-utf8/%C0%AF?x=%FF");
  EXPECT_EQ(answer.status, 404);
  std::ifstream in(log_file);
  std::string line;
  int lines = 0;
  bool seen = false;
  while (std::getline(in, line)) {
    ++lines;
    boost::system::error_code ec;
    auto parsed = json::parse(line, ec);
    EXPECT_FALSE(ec) << "not JSON: " << line;
    if (!ec && line.find("not-utf8") != std::string::npos) seen = true;
  }
  EXPECT_GT(lines, 0);
  EXPECT_TRUE(seen) << "the request was not logged";
}

// Link-local and metadata targets are refused before any connection (domain unit test
// ValidateAnthropicBaseUrl); over HTTP only URLs that could reach nothing but 127.0.0.1 are sent.
TEST_P(ProbeFindings, AnthropicBaseUrlsWithCredentialsAreRefusedAndNeverEchoed) {
  const auto super = MakeSuperAdmin();
  for (const std::string url : {"http://user:secret-pass@127.0.0.1:9/", "http://secret-pass@127.0.0.1:9"}) {
    auto put =
        Call("PUT", "/api/v1/settings/anthropic", super,
             json::serialize(json::object{{"adminKey", "sk-ant-admin01-probe-0000000000000000"}, {"baseUrl", url}}));
    EXPECT_EQ(put.status, 400) << url << " " << put.body;
    EXPECT_EQ(put.body.find("secret-pass"), std::string::npos);
  }
  auto settings = Call("GET", "/api/v1/settings/anthropic", super);
  EXPECT_EQ(settings.Json().at("configured"), false);
  EXPECT_EQ(Call("GET", "/api/v1/audit?limit=500", super).body.find("secret-pass"), std::string::npos);
}

TEST_P(ProbeFindings, AnAdminSeesSyncTotalsOfTheirOwnOrganization) {
  const auto super = MakeSuperAdmin();
  const auto acme = MakeTenant("Acme", "acme");
  const auto beta = MakeTenant("Beta", "beta");
  AddWorkspace(beta.org);
  AddKey(beta.workspace, NewKeyValue());
  auto run = FinishedSyncRun();
  run.pages = 3;
  run.workspaces = 40;
  run.api_keys = 900;
  run.vanished = 7;
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) { return tx.SyncRuns().Insert(run); }));

  auto all = Call("GET", "/api/v1/sync/runs/latest", super).Json();
  EXPECT_EQ(all.at("workspaces"), 40);
  EXPECT_EQ(all.at("apiKeys"), 900);
  for (const std::string& path : {std::string("/api/v1/sync/runs/latest"), "/api/v1/sync/runs/" + run.id}) {
    auto own = Call("GET", path, acme.admin_token);
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(own.Json().at("workspaces"), 1) << path;
    EXPECT_EQ(own.Json().at("apiKeys"), 1) << path;
    EXPECT_EQ(own.Json().at("vanished"), 0) << path;
    EXPECT_EQ(own.Json().at("pages"), 0) << path;
    EXPECT_EQ(Call("GET", path, beta.admin_token).Json().at("workspaces"), 2) << path;
  }
  auto dashboard = Call("GET", "/api/v1/dashboard", acme.admin_token);
  EXPECT_EQ(dashboard.Json().at("lastSync").at("apiKeys"), 1) << dashboard.body;
}

TEST_P(ProbeFindings, ACursorThePortalNeverHandedOutIs400) {
  const auto super = MakeSuperAdmin();
  MakeTenant("Acme", "acme");
  for (const char* list : {"users", "audit", "prompts", "organizations", "workspaces", "api-keys"}) {
    for (const char* cursor : {"garbage", "usr_", "usr_01JD3K6M0Q8Z7Y5X4W3V2T1S0!", "zz.x", "%00"}) {
      auto page = Call("GET", std::string("/api/v1/") + list + "?cursor=" + cursor, super);
      EXPECT_EQ(page.status, 400) << list << " cursor=" << cursor << " " << page.body;
    }
  }
  // A cursor the portal did hand out still pages on.
  auto first = Call("GET", "/api/v1/users?limit=1", super);
  ASSERT_TRUE(first.Json().at("nextCursor").is_string());
  auto next =
      Call("GET", "/api/v1/users?limit=1&cursor=" + std::string(first.Json().at("nextCursor").as_string()), super);
  EXPECT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.Json().at("items").as_array().size(), 1u);
  auto audit = Call("GET", "/api/v1/audit?limit=1", super);
  ASSERT_TRUE(audit.Json().at("nextCursor").is_string());
  EXPECT_EQ(Call("GET", "/api/v1/audit?limit=1&cursor=" + std::string(audit.Json().at("nextCursor").as_string()), super)
                .status,
            200);
}

PORTAL_INSTANTIATE_BACKENDS(ProbeFindings);

}  // namespace
}  // namespace portal::testing
