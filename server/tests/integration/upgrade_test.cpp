// Upgrades (docs/deploy.md "Upgrade"): the database release 0.1.0 left behind
// (fixtures/schema-6, schema 6) is loaded as it was, then this binary opens it — applying every
// later migration — and everything in it still works through the API, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/store.hpp"
#include "support/portal_fixture.hpp"
#include "support/portal_process.hpp"

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

// Moving an installation from SQLite to PostgreSQL (docs/deploy.md): `portal copy-database`.
class MoveToPostgres : public PortalProcess {};

TEST_F(MoveToPostgres, CopyDatabaseCarriesEverythingAndRefusesATargetInUse) {
  if (!storage::TemporaryDatabase::PostgresAvailable()) GTEST_SKIP() << "PORTAL_TEST_DATABASE_URL is not set";
  const fs::path data = dir / "data";
  fs::create_directories(data);
  const std::string sqlite_url = "sqlite:" + (data / "portal.db").string();
  {
    auto store = storage::OpenStore({.url = sqlite_url, .pool_size = 1});
    ASSERT_TRUE(store);
    SystemClock clock;
    ASSERT_TRUE(storage::MigrateTo(**store, clock, kReleaseSchema));
  }
  LoadRows(sqlite_url, storage::Backend::kSqlite, ReadFile(kFixture / "data.sql"));
  fs::copy_file(kFixture / "master.key", data / "master.key");
  fs::permissions(data / "master.key", fs::perms::owner_read | fs::perms::owner_write);
  auto postgres = storage::TemporaryDatabase::Create(storage::Backend::kPostgres);
  ASSERT_TRUE(postgres) << postgres.error().message;

  Process copy;
  ASSERT_EQ(Run({"copy-database", "--data-dir", data.string(), "--to", postgres->Url()}, {}, copy), 0) << copy.Stderr();
  EXPECT_NE(copy.Stdout().find("copied api_keys: 12 row(s)\n"), std::string::npos) << copy.Stdout();
  EXPECT_NE(copy.Stdout().find("copied users: 7 row(s)\n"), std::string::npos) << copy.Stdout();
  // A second copy would mix two installations: refused, nothing written.
  EXPECT_EQ(Run({"copy-database", "--data-dir", data.string(), "--to", postgres->Url()}, {}, copy), 1);
  EXPECT_NE(copy.Stderr().find("the target database is not empty"), std::string::npos) << copy.Stderr();

  // The portal on PostgreSQL is the same installation: accounts, keys and sealed secrets.
  Process server =
      Spawn({"serve", "--data-dir", data.string(), "--database-url", postgres->Url(), "--listen", "127.0.0.1:0"},
            {"PORTAL_SYNC_INTERVAL_MINUTES=0"});
  HttpClient client(WaitListening(server));
  EXPECT_EQ(client.Get("/readyz").Json().at("database"), "postgresql");
  auto login = [&](const std::string& email, const std::string& password) {
    auto answer =
        client.Post("/api/v1/auth/login",
                    json::serialize(json::object{{"email", email}, {"password", password}, {"client", "cli"}}));
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.status == 200 ? std::string(answer.Json().at("accessToken").as_string()) : std::string();
  };
  auto keys = client.Get("/api/v1/api-keys", {Bearer(login("super@appgenius.example", "SyE5o3YSaQbCqxnZ"))});
  EXPECT_EQ(keys.Json().at("total").as_int64(), 12);
  auto revealed = client.Get("/api/v1/me/api-key", {Bearer(login("tanaka@sample.example", "MfUd5CJtLs62cyU9"))});
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_TRUE(std::string(revealed.Json().at("value").as_string()).starts_with("sk-ant-"));
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server), 0);
}

// Every table the migrations make is copied (a new table must be added to the copy's list).
TEST(CopyDatabase, CopiesEveryTableOfTheSchema) {
  std::vector<std::string> copied;
  for (const char* table : storage::CopiedTables()) copied.emplace_back(table);
  std::sort(copied.begin(), copied.end());
  std::vector<std::string> schema;
  const fs::path file = fs::temp_directory_path() / ("schema-" + std::to_string(::getpid()) + ".db");
  {
    auto on_disk = storage::OpenStore({.url = "sqlite:" + file.string(), .pool_size = 1});
    ASSERT_TRUE(on_disk);
    ASSERT_TRUE(storage::Migrate(**on_disk));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                     "AND name <> 'schema_migrations' AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name",
                     -1, &statement, nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    schema.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  fs::remove(file);
  EXPECT_EQ(copied, schema);
}

}  // namespace
}  // namespace portal::testing
