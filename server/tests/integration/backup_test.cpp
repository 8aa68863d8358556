// Back up, restore and upgrade (docs/deploy.md): `portal backup` during a stream of
// writes, `portal restore` into an empty data directory, and a portal that serves the result;
// a binary older than its database refuses to start; `portal migrate --dry-run`.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <atomic>
#include <mutex>

#include "storage/store.hpp"
#include "support/http_client.hpp"
#include "support/portal_process.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "correct horse battery";

class BackupRestore : public PortalProcess {
 protected:
  std::string Login(const HttpClient& client) {
    auto login = client.Post(
        "/api/v1/auth/login",
        json::serialize(json::object{{"email", "owner@example.com"}, {"password", kPassword}, {"client", "cli"}}));
    EXPECT_EQ(login.status, 200) << login.body;
    return login.status == 200 ? std::string(login.Json().at("accessToken").as_string()) : std::string();
  }
  void CreateOwner(const fs::path& data) {
    Process p;
    ASSERT_EQ(Run({"user", "create", "--data-dir", data.string(), "--email", "owner@example.com", "--name", "Owner",
                   "--role", "SuperAdmin", "--password", kPassword},
                  {}, p),
              0)
        << p.Stderr();
  }
};

// How many of `names` the database lacks; checks its integrity on the way.
int MissingOrganizations(const std::string& database, const std::vector<std::string>& names) {
  auto store = storage::OpenStore({.url = "sqlite:" + database, .pool_size = 1});
  EXPECT_TRUE(store);
  if (!store) return -1;
  int missing = 0;
  auto read = (*store)->Read([&](domain::Tx& tx) -> Status {
    for (const auto& name : names) {
      auto found = tx.Organizations().FindByName(name);
      if (!found && found.error().code != ErrorCode::kNotFound) return Fail(found.error());
      if (!found) ++missing;
    }
    return {};
  });
  EXPECT_TRUE(read);
  auto integrity = storage::IntegrityCheck(**store);
  EXPECT_TRUE(integrity);
  EXPECT_EQ(integrity.value_or("failed"), "ok");
  return missing;
}

void ExecSqlite(const fs::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_F(BackupRestore, ABackupTakenDuringWritesHoldsEveryAcknowledgedWriteAndRestores) {
  const fs::path live = dir / "live";
  CreateOwner(live);
  Process server = Spawn({"serve", "--data-dir", live.string(), "--listen", "127.0.0.1:0"});
  HttpClient client(WaitListening(server));
  const std::string token = Login(client);

  // Two writers create organizations without pause; each one acknowledged is remembered.
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  writers.reserve(2);
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop.load(); ++i) {
        std::string name = "組織 " + std::to_string(w) + "-" + std::to_string(i);
        auto created =
            client.Post("/api/v1/organizations", json::serialize(json::object{{"name", name}}), {Bearer(token)});
        if (created.status != 201) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mutex);
        acknowledged.push_back(name);
      }
    });
  }
  auto acknowledged_count = [&] {
    std::lock_guard lock(mutex);
    return acknowledged.size();
  };
  while (acknowledged_count() < 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  std::vector<std::string> before_backup;
  {
    std::lock_guard lock(mutex);
    before_backup = acknowledged;
  }
  Process backup;
  ASSERT_EQ(Run({"backup", "--data-dir", live.string(), "--to", (dir / "portal-backup.db").string()}, {}, backup), 0)
      << backup.Stderr();
  EXPECT_NE(backup.Stdout().find("integrity ok, master key ok"), std::string::npos) << backup.Stdout();
  // The writers went on during the backup.
  const auto during = acknowledged_count();
  while (acknowledged_count() < during + 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(fs::status(dir / "portal-backup.db").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  // Restore needs the installation's master key; without it nothing is left behind.
  const fs::path restored = dir / "restored";
  Process restore;
  EXPECT_EQ(
      Run({"restore", "--data-dir", restored.string(), "--from", (dir / "portal-backup.db").string()}, {}, restore), 1);
  EXPECT_NE(restore.Stderr().find("master key file"), std::string::npos) << restore.Stderr();
  EXPECT_FALSE(fs::exists(restored / "portal.db"));
  // Another installation's key is refused too.
  fs::create_directories(restored);
  std::ofstream(restored / "master.key") << "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
  fs::permissions(restored / "master.key", fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(
      Run({"restore", "--data-dir", restored.string(), "--from", (dir / "portal-backup.db").string()}, {}, restore), 1);
  EXPECT_NE(restore.Stderr().find("does not open this database's secrets"), std::string::npos) << restore.Stderr();
  EXPECT_FALSE(fs::exists(restored / "portal.db"));

  fs::copy_file(live / "master.key", restored / "master.key", fs::copy_options::overwrite_existing);
  ASSERT_EQ(
      Run({"restore", "--data-dir", restored.string(), "--from", (dir / "portal-backup.db").string()}, {}, restore), 0)
      << restore.Stderr();
  EXPECT_EQ(MissingOrganizations((restored / "portal.db").string(), before_backup), 0)
      << "of " << before_backup.size() << " writes acknowledged before the backup began";
  // Into a data directory that has a database already: refused, nothing changed.
  EXPECT_EQ(
      Run({"restore", "--data-dir", restored.string(), "--from", (dir / "portal-backup.db").string()}, {}, restore), 1);
  EXPECT_NE(restore.Stderr().find("restore into an empty data directory"), std::string::npos);

  // The restored installation serves: the same account logs in.
  Process second = Spawn({"serve", "--data-dir", restored.string(), "--listen", "127.0.0.1:0"});
  HttpClient restored_client(WaitListening(second));
  EXPECT_FALSE(Login(restored_client).empty());
  kill(second.pid, SIGTERM);
  EXPECT_EQ(Wait(second), 0);
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server), 0);
}

TEST_F(BackupRestore, BackupRefusesPostgresAnExistingFileAndAWrongKey) {
  const fs::path live = dir / "live";
  CreateOwner(live);
  Process p;
  EXPECT_EQ(
      Run({"backup", "--database-url", "postgresql://nobody@127.0.0.1:1/none", "--to", (dir / "x.db").string()}, {}, p),
      1);
  EXPECT_NE(p.Stderr().find("pg_dump"), std::string::npos) << p.Stderr();
  std::ofstream(dir / "taken.db") << "x";
  EXPECT_EQ(Run({"backup", "--data-dir", live.string(), "--to", (dir / "taken.db").string()}, {}, p), 1);
  EXPECT_NE(p.Stderr().find("exists already"), std::string::npos) << p.Stderr();
  fs::copy_file(live / "master.key", dir / "right.key");
  { std::ofstream(live / "master.key", std::ios::trunc) << "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"; }
  EXPECT_EQ(Run({"backup", "--data-dir", live.string(), "--to", (dir / "b.db").string()}, {}, p), 1);
  EXPECT_NE(p.Stderr().find("does not open this database's secrets"), std::string::npos) << p.Stderr();
  EXPECT_FALSE(fs::exists(dir / "b.db"));
  EXPECT_FALSE(fs::exists(dir / "b.db.partial"));
}

TEST_F(BackupRestore, AnOlderBinaryRefusesANewerDatabaseWithOneLineAndDryRunListsPending) {
  const fs::path data = dir / "data";
  Process p;
  ASSERT_EQ(Run({"migrate", "--data-dir", data.string(), "--dry-run"}, {}, p), 0);
  EXPECT_TRUE(p.Stdout().starts_with("would apply 0001_initial\n")) << p.Stdout();
  EXPECT_FALSE(fs::exists(data / "portal.db"));  // a dry run creates nothing
  ASSERT_EQ(Run({"migrate", "--data-dir", data.string()}, {}, p), 0);
  ASSERT_EQ(Run({"migrate", "--data-dir", data.string(), "--dry-run"}, {}, p), 0);
  EXPECT_EQ(p.Stdout(), "nothing to apply: the database is up to date\n");

  // A later release migrated this database: this binary must not touch it.
  const int newer = storage::LatestSchemaVersion() + 1;
  ExecSqlite(data / "portal.db", "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                                     std::to_string(newer) + ", 'from_the_future', 1)");
  for (const char* command : {"serve", "migrate"}) {
    EXPECT_EQ(Run({command, "--data-dir", data.string()}, {"PORTAL_LISTEN=127.0.0.1:0"}, p), 1) << command;
    auto err = p.Stderr();
    EXPECT_NE(err.find("the database is at schema version " + std::to_string(newer) + ", newer than this portal"),
              std::string::npos)
        << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  }
}

}  // namespace
}  // namespace portal::testing
