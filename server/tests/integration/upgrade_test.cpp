// Upgrades (issue 11; docs/deploy.md "Upgrade"): the database release 0.1.0 left behind
// (fixtures/schema-6, schema 6) is loaded as it was, then this binary opens it — applying every
// later migration — and everything in it still works through the API, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/store.hpp"
#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
const fs::path kFixture = fs::path(PORTAL_SOURCE_DIR) / "server/tests/fixtures/schema-6";
constexpr int kReleaseSchema = 6;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the fixture's INSERT statements on the raw database, as release 0.1.0 wrote them.
void LoadRows(const std::string& url, storage::Backend backend, std::string sql) {
  if (backend == storage::Backend::kSqlite) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(storage::SqliteFilePath(url).value().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    return;
  }
  // sqlite3's insert mode writes a newline inside a text as char(10); PostgreSQL spells it chr(10).
  for (auto at = sql.find("char(10)"); at != std::string::npos; at = sql.find("char(10)", at)) {
    sql.replace(at, 4, "chr");
  }
  PGconn* conn = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, ("BEGIN;" + sql + ";COMMIT").c_str());
  EXPECT_EQ(PQresultStatus(result), PGRES_COMMAND_OK) << PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
}

class UpgradeFromRelease01 : public PortalTest {
 protected:
  void Configure(app::Config& config) override {
    {
      auto store = storage::OpenStore({.url = config.database_url, .pool_size = 1});
      ASSERT_TRUE(store) << store.error().message;
      SystemClock clock;
      ASSERT_TRUE(storage::MigrateTo(**store, clock, kReleaseSchema));
      auto version = storage::CurrentSchemaVersion(**store);
      ASSERT_EQ(version.value_or(-1), kReleaseSchema);
    }
    LoadRows(config.database_url, GetParam(), ReadFile(kFixture / "data.sql"));
    fs::create_directories(data_dir);
    fs::copy_file(kFixture / "master.key", config.master_key_file);
    fs::permissions(config.master_key_file, fs::perms::owner_read | fs::perms::owner_write);
    config.sync_interval_minutes = 0;
  }

  std::string Login(const std::string& email, const std::string& password) {
    auto login =
        client->Post("/api/v1/auth/login",
                     json::serialize(json::object{{"email", email}, {"password", password}, {"client", "cli"}}));
    EXPECT_EQ(login.status, 200) << email << ": " << login.body;
    return login.status == 200 ? std::string(login.Json().at("accessToken").as_string()) : std::string();
  }
};
PORTAL_INSTANTIATE_BACKENDS(UpgradeFromRelease01);

TEST_P(UpgradeFromRelease01, EveryRowAndSecretWorksAfterTheUpgrade) {
  auto version = storage::CurrentSchemaVersion(portal->Store());
  EXPECT_EQ(version.value_or(-1), storage::LatestSchemaVersion());

  const auto super = Login("super@appgenius.example", "SyE5o3YSaQbCqxnZ");
  auto total = [&](const std::string& path) {
    auto listed = client->Get(path, {Bearer(super)});
    EXPECT_EQ(listed.status, 200) << path << ": " << listed.body;
    return listed.status == 200 ? listed.Json().at("total").as_int64() : -1;
  };
  EXPECT_EQ(total("/api/v1/organizations"), 2);
  EXPECT_EQ(total("/api/v1/users"), 7);
  EXPECT_EQ(total("/api/v1/api-keys"), 12);
  EXPECT_EQ(total("/api/v1/workspaces"), 3);
  auto prompts = client->Get("/api/v1/prompts", {Bearer(super)});
  ASSERT_EQ(prompts.status, 200);
  EXPECT_EQ(prompts.Json().at("items").as_array().size(), 5u);
  auto runs = client->Get("/api/v1/sync/runs/latest", {Bearer(super)});
  EXPECT_EQ(runs.Json().at("status"), "succeeded");
  // The sealed secrets open with the installation's key: the Anthropic connection and a user's key.
  auto anthropic = client->Get("/api/v1/settings/anthropic", {Bearer(super)});
  EXPECT_EQ(anthropic.status, 200) << anthropic.body;
  const auto tanaka = Login("tanaka@sample.example", "MfUd5CJtLs62cyU9");
  auto revealed = client->Get("/api/v1/me/api-key", {Bearer(tanaka)});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json().at("name"), "Production batch jobs key");
  EXPECT_TRUE(std::string(revealed.Json().at("value").as_string()).starts_with("sk-ant-"));
  // And the upgraded database takes new writes.
  auto created = client->Post("/api/v1/organizations",
                              json::serialize(json::object{{"name", "アップグレード後の組織"}}), {Bearer(super)});
  EXPECT_EQ(created.status, 201) << created.body;
}

}  // namespace
}  // namespace portal::testing
