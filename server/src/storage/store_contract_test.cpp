// The repository contract suite (STYLE.md habit 5): every test runs against SQLite and, when
// PORTAL_TEST_DATABASE_URL is set, PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/login_throttle.hpp"
#include "domain/repositories.hpp"
#include "storage/migrations.hpp"
#include "storage/sql_store.hpp"
#include "storage/store.hpp"
#include "storage/testing.hpp"

namespace portal::storage {
namespace {

using domain::Organization;
using domain::Role;
using domain::Tx;
using domain::User;
using domain::UserStatus;

constexpr std::int64_t kNow = 1'742'800'000'000;       // 2025-03-24
constexpr std::int64_t kYear2100 = 4'102'444'800'000;  // beyond 32 bits, as every ms timestamp

// Deterministic ids that sort like the real, time-ordered ones: "usr_0000000007".
std::string IdAt(std::string_view prefix, int n) {
  const std::string digits = std::to_string(n);
  std::string id(prefix);
  id.append(1, '_').append(10 - digits.size(), '0').append(digits);
  return id;
}

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !TemporaryDatabase::PostgresAvailable()) {
      GTEST_SKIP() << "PostgreSQL run skipped: set PORTAL_TEST_DATABASE_URL "
                      "(scripts/test-postgres.sh start prints one)";
    }
    auto db = TemporaryDatabase::Create(GetParam());
    ASSERT_TRUE(db) << db.error().message << ": " << db.error().detail;
    db_.emplace(std::move(*db));
    auto store = OpenStore({.url = db_->Url()});
    ASSERT_TRUE(store) << store.error().message << ": " << store.error().detail;
    store_ = std::move(*store);
    auto applied = Migrate(*store_);
    ASSERT_TRUE(applied) << applied.error().detail;
    ASSERT_EQ(*applied, LatestSchemaVersion());
  }

  domain::Store& store() { return *store_; }

  // Runs fn in a transaction and expects it to commit.
  void Write(const std::function<void(Tx&)>& fn) {
    auto status = store_->Write([&](Tx& tx) -> Status {
      fn(tx);
      return {};
    });
    ASSERT_TRUE(status) << status.error().message << ": " << status.error().detail;
  }
  void Read(const std::function<void(Tx&)>& fn) {
    auto status = store_->Read([&](Tx& tx) -> Status {
      fn(tx);
      return {};
    });
    ASSERT_TRUE(status) << status.error().message << ": " << status.error().detail;
  }

  static Organization MakeOrganization(std::string name, int n = 0) {
    return {IdAt("org", n), std::move(name), "description", kNow, kNow};
  }
  static User MakeUser(const std::string& email, std::optional<std::string> organization_id, int n = 0) {
    User user;
    user.id = IdAt("usr", n);
    user.email = domain::NormalizeEmail(email);
    user.name = "User " + std::to_string(n);
    user.password_hash = "$argon2id$v=19$hash";
    user.role = organization_id ? Role::kUser : Role::kSuperAdmin;
    user.organization_id = std::move(organization_id);
    user.created_at = kNow + n;
    user.updated_at = kNow + n;
    return user;
  }
  static domain::Session MakeSession(std::string user_id, int n, std::int64_t expires_at) {
    return {IdAt("ses", n), std::move(user_id), "web", kNow, expires_at, std::nullopt, ""};
  }

  std::optional<TemporaryDatabase> db_;  // outlives store_ (members die in reverse order)
  std::unique_ptr<domain::Store> store_;
};

// --- Migrations and the store itself ------------------------------------------------------------

// A migration that fails halfway changes nothing: not its first statements, not the version;
// fixed, it applies. And `portal migrate --dry-run` (PendingMigrations) lists what is left.
TEST_P(StoreContractTest, AMigrationThatFailsHalfwayChangesNothing) {
  Write([](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Kept", 1))); });
  std::vector<Migration> migrations(EmbeddedMigrations().begin(), EmbeddedMigrations().end());
  const int next = LatestSchemaVersion() + 1;
  const std::string broken =
      "CREATE TABLE canary (x BIGINT);\nINSERT INTO canary (x) VALUES (1);\n"
      "UPDATE organizations SET description = 'changed';\nSELECT no_such_column FROM canary;\n";
  migrations.push_back({next, "canary", broken});
  const SystemClock clock;
  auto failed = MigrateWith(store(), clock, migrations, next);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().detail.find("canary"), std::string::npos) << failed.error().detail;
  EXPECT_EQ(CurrentSchemaVersion(store()).value(), LatestSchemaVersion());
  auto sql_store = SqlStoreOf(store());
  ASSERT_TRUE(sql_store);
  long long canaries = -1;
  ASSERT_TRUE((*sql_store)->WithConnection([&](Conn& conn) -> Status {
    std::string table = "canary";
    conn.sql() << std::string(conn.dialect().count_tables_named), soci::use(table, "name"), soci::into(canaries);
    return {};
  }));
  EXPECT_EQ(canaries, 0) << "the migration's first statements were rolled back";
  Read([](Tx& tx) { EXPECT_EQ(tx.Organizations().FindById(IdAt("org", 1)).value().description, "description"); });

  const std::string fixed = "CREATE TABLE canary (x BIGINT);\nINSERT INTO canary (x) VALUES (1);\n";
  migrations.back().sql = fixed;
  auto applied = MigrateWith(store(), clock, migrations, next);
  ASSERT_TRUE(applied) << applied.error().detail;
  EXPECT_EQ(*applied, 1);
  EXPECT_EQ(CurrentSchemaVersion(store()).value(), next);
}

TEST_P(StoreContractTest, ReadSnapshotReadsOneSnapshotOnSqlite) {
  Write([](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("First", 1))); });
  auto sql_store = SqlStoreOf(store());
  ASSERT_TRUE(sql_store);
  long long before = -1, during = -1, after = -1;
  ASSERT_TRUE((*sql_store)->WithConnection([&](Conn& conn) -> Status {
    {
      ReadSnapshot snapshot(conn);
      conn.sql() << "SELECT count(*) FROM organizations", soci::into(before);
      // Committed on another pooled connection while the snapshot lives.
      Write([](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Second", 2))); });
      conn.sql() << "SELECT count(*) FROM organizations", soci::into(during);
    }
    conn.sql() << "SELECT count(*) FROM organizations", soci::into(after);
    return {};
  }));
  EXPECT_EQ(before, 1);
  EXPECT_EQ(during, GetParam() == Backend::kSqlite ? 1 : 2) << "SQLite: one snapshot; PostgreSQL: one per statement";
  EXPECT_EQ(after, 2) << "the snapshot ended with its scope";
  Write([](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Third", 3))); });
  Read([](Tx& tx) { EXPECT_EQ(tx.Organizations().List({}).value().items.size(), 3u); });
}

TEST_P(StoreContractTest, PendingMigrationsListsWhatAnOlderDatabaseLacks) {
  auto db = TemporaryDatabase::Create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  auto older = OpenStore({.url = db->Url()});
  ASSERT_TRUE(older);
  auto none = PendingMigrations(**older);
  ASSERT_TRUE(none) << none.error().detail;
  EXPECT_EQ(none->size(), static_cast<std::size_t>(LatestSchemaVersion())) << "an empty database lacks them all";
  const SystemClock clock;
  ASSERT_TRUE(MigrateTo(**older, clock, 3));
  auto pending = PendingMigrations(**older);
  ASSERT_TRUE(pending) << pending.error().detail;
  ASSERT_EQ(pending->size(), static_cast<std::size_t>(LatestSchemaVersion() - 3));
  EXPECT_TRUE(pending->front().starts_with("0004_")) << pending->front();
  EXPECT_EQ(CurrentSchemaVersion(**older).value(), 3) << "listing applies nothing";
  EXPECT_TRUE(PendingMigrations(store()).value().empty());
}

TEST_P(StoreContractTest, MigrationsAreIdempotent) {
  auto again = Migrate(store());
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(*again, 0);
  auto version = CurrentSchemaVersion(store());
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, LatestSchemaVersion());
  EXPECT_EQ(store().Backend(), GetParam() == Backend::kSqlite ? "sqlite" : "postgresql");
}

TEST_P(StoreContractTest, EmptyDatabaseHasSchemaVersionZeroAndMigratesFromSeveralThreads) {
  auto db = TemporaryDatabase::Create(GetParam());
  ASSERT_TRUE(db);
  auto fresh = OpenStore({.url = db->Url()});
  ASSERT_TRUE(fresh);
  auto version = CurrentSchemaVersion(**fresh);
  ASSERT_TRUE(version) << version.error().detail;
  EXPECT_EQ(*version, 0);

  std::atomic<int> applied{0}, failures{0};
  std::vector<std::jthread> threads;
  threads.reserve(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto store = OpenStore({.url = db->Url()});
      if (!store) return void(++failures);
      auto n = Migrate(**store);
      if (n)
        applied += *n;
      else
        ++failures;
    });
  }
  threads.clear();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied.load(), LatestSchemaVersion());
}

TEST_P(StoreContractTest, PingSucceedsAndCountsNoErrors) {
  EXPECT_TRUE(store().Ping());
  EXPECT_EQ(store().ErrorCount(), 0);
}

// --- Transactions -------------------------------------------------------------------------------

TEST_P(StoreContractTest, WriteRollsBackWhenTheCallbackFails) {
  auto status = store().Write([](Tx& tx) -> Status {
    if (auto s = tx.Organizations().Insert(MakeOrganization("Acme")); !s) return s;
    return Fail(Error::InvalidArgument("changed my mind"));
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "changed my mind");
  Read([](Tx& tx) { EXPECT_EQ(tx.Organizations().FindByName("Acme").error().code, ErrorCode::kNotFound); });
}

TEST_P(StoreContractTest, WriteRollsBackWhenTheCallbackThrows) {
  // Were Write to return instead of throwing, it would have to report the failure.
  EXPECT_THROW(EXPECT_FALSE(store().Write([](Tx& tx) -> Status {
                 EXPECT_TRUE(tx.Organizations().Insert(MakeOrganization("Acme")));
                 throw std::logic_error("broken invariant");
               })),
               std::logic_error);
  Read([](Tx& tx) { EXPECT_EQ(tx.Organizations().FindByName("Acme").error().code, ErrorCode::kNotFound); });
  // The connection went back to the pool in a clean state.
  Write([](Tx& tx) { EXPECT_TRUE(tx.Organizations().Insert(MakeOrganization("Acme"))); });
}

TEST_P(StoreContractTest, ConflictInsideWriteLeavesTheTransactionUsable) {
  Write([](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Acme", 1))); });
  Write([](Tx& tx) {
    auto duplicate = tx.Organizations().Insert(MakeOrganization("ACME", 2));
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    EXPECT_TRUE(tx.Organizations().Insert(MakeOrganization("Globex", 3)));
  });
  Read([](Tx& tx) { EXPECT_TRUE(tx.Organizations().FindByName("globex")); });
}

TEST_P(StoreContractTest, ReadSeesCommittedWrites) {
  Write([](Tx& tx) { ASSERT_TRUE(tx.Settings().Put("k", "v", kNow)); });
  Read([](Tx& tx) { EXPECT_EQ(tx.Settings().Get("k").value(), "v"); });
}

// --- Organizations ------------------------------------------------------------------------------

TEST_P(StoreContractTest, OrganizationsInsertFindUpdateDelete) {
  Organization acme = MakeOrganization("Acme Corp", 1);
  Write([&](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert(acme)); });
  Read([&](Tx& tx) {
    auto found = tx.Organizations().FindById(acme.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Acme Corp");
    EXPECT_EQ(found->description, "description");
    EXPECT_EQ(found->created_at, kNow);
    EXPECT_EQ(tx.Organizations().FindByName("aCME cORP")->id, acme.id);
    EXPECT_EQ(tx.Organizations().FindById("org_missing").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Organizations().FindByName("Nope").error().code, ErrorCode::kNotFound);
  });

  acme.name = "ACME Holdings";
  acme.description = "renamed";
  acme.updated_at = kNow + 5;
  Write([&](Tx& tx) { ASSERT_TRUE(tx.Organizations().Update(acme)); });
  Read([&](Tx& tx) {
    auto found = tx.Organizations().FindByName("acme holdings");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->description, "renamed");
    EXPECT_EQ(found->updated_at, kNow + 5);
    EXPECT_EQ(found->created_at, kNow);
    EXPECT_EQ(tx.Organizations().FindByName("Acme Corp").error().code, ErrorCode::kNotFound);
  });

  Organization ghost = MakeOrganization("Ghost", 9);
  Write([&](Tx& tx) {
    EXPECT_EQ(tx.Organizations().Update(ghost).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Organizations().Delete(ghost.id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(tx.Organizations().Delete(acme.id));
  });
  Read([&](Tx& tx) { EXPECT_EQ(tx.Organizations().FindById(acme.id).error().code, ErrorCode::kNotFound); });
}

TEST_P(StoreContractTest, OrganizationNamesAreUniqueCaseInsensitively) {
  Write([](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Acme", 1)));
    ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization("Globex", 2)));
  });
  auto status = store().Write([](Tx& tx) { return tx.Organizations().Insert(MakeOrganization("aCmE", 3)); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "organization name already in use");

  Organization globex = MakeOrganization("ACME", 2);  // rename Globex onto Acme
  status = store().Write([&](Tx& tx) { return tx.Organizations().Update(globex); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "organization name already in use");
  EXPECT_EQ(store().ErrorCount(), 0) << "conflicts are expected outcomes, not driver errors";
}

TEST_P(StoreContractTest, OrganizationWithUsersCannotBeDeletedAndCountsItsMembers) {
  Organization acme = MakeOrganization("Acme", 1);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Users().Insert(MakeUser("a@acme.test", acme.id, 1)));
    ASSERT_TRUE(tx.Users().Insert(MakeUser("b@acme.test", acme.id, 2)));
    ASSERT_TRUE(tx.Users().Insert(MakeUser("root@portal.test", std::nullopt, 3)));
  });
  Read([&](Tx& tx) {
    auto counts = tx.Organizations().CountsFor(std::vector<std::string>{acme.id, "org_missing"});
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->size(), 1u);  // an organization that does not exist has no counts
    EXPECT_EQ(counts->at(acme.id).members, 2);
  });
  auto status = store().Write([&](Tx& tx) { return tx.Organizations().Delete(acme.id); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "organization still has users");
}

TEST_P(StoreContractTest, OrganizationsListByNameThenIdWithCursors) {
  // Inserted out of order; "beta" and "Beta 2" differ only after the shared prefix.
  const std::vector<std::string> names = {"delta", "Alpha", "charlie", "Beta", "echo", "beta 2", "Foxtrot"};
  Write([&](Tx& tx) {
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      ASSERT_TRUE(tx.Organizations().Insert(MakeOrganization(names[static_cast<std::size_t>(i)], i)));
    }
  });
  std::vector<std::string> seen;
  domain::OrganizationQuery params{.page = {.limit = 3}};
  for (int pages = 0; pages < 10; ++pages) {
    domain::Page<Organization> page;
    Read([&](Tx& tx) {
      auto result = tx.Organizations().List(params);
      ASSERT_TRUE(result) << result.error().detail;
      page = *result;
    });
    EXPECT_EQ(page.total, 7);
    for (const auto& org : page.items) seen.push_back(org.name);
    if (!page.next_cursor) break;
    params.page.cursor = page.next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Alpha", "Beta", "beta 2", "charlie", "delta", "echo", "Foxtrot"}));

  Read([](Tx& tx) {
    auto bad = tx.Organizations().List({.page = {.limit = 3, .cursor = "not a cursor"}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(tx.Organizations().List({.page = {.limit = 0}}).value().items.size(), 1u) << "limit clamps to 1";
    // Search: a substring of the name, case-insensitive, or of the id; paging stays in the match.
    auto beta = tx.Organizations().List({.page = {.limit = 1}, .q = "BETA"});
    ASSERT_TRUE(beta);
    EXPECT_EQ(beta->total, 2);
    ASSERT_EQ(beta->items.size(), 1u);
    EXPECT_EQ(beta->items[0].name, "Beta");
    auto next = tx.Organizations().List({.page = {.limit = 1, .cursor = beta->next_cursor}, .q = "BETA"});
    ASSERT_TRUE(next);
    ASSERT_EQ(next->items.size(), 1u);
    EXPECT_EQ(next->items[0].name, "beta 2");
    EXPECT_FALSE(next->next_cursor);
    auto by_id = tx.Organizations().List({.q = beta->items[0].id});
    ASSERT_TRUE(by_id);
    ASSERT_EQ(by_id->items.size(), 1u);
    EXPECT_EQ(by_id->items[0].name, "Beta");
    EXPECT_TRUE(tx.Organizations().List({.q = "100%_"}).value().items.empty()) << "LIKE wildcards are literal";
  });
}

// --- Users --------------------------------------------------------------------------------------

TEST_P(StoreContractTest, UsersRoundTripEveryColumn) {
  Organization acme = MakeOrganization("Acme", 1);
  User alice = MakeUser("Alice@Example.com", acme.id, 1);
  alice.role = Role::kAdmin;
  alice.api_key_id = "apikey_01AASJmfbvGc4fE4YPbpf3Kt";
  alice.status = UserStatus::kDisabled;
  alice.last_login_at = kYear2100;
  User root = MakeUser("root@portal.test", std::nullopt, 2);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Users().Insert(alice));
    ASSERT_TRUE(tx.Users().Insert(root));
  });
  Read([&](Tx& tx) {
    auto found = tx.Users().FindByEmail("alice@example.com");
    ASSERT_TRUE(found) << found.error().detail;
    EXPECT_EQ(found->id, alice.id);
    EXPECT_EQ(found->email, "alice@example.com");
    EXPECT_EQ(found->name, alice.name);
    EXPECT_EQ(found->password_hash, alice.password_hash);
    EXPECT_EQ(found->role, Role::kAdmin);
    EXPECT_EQ(found->organization_id, acme.id);
    EXPECT_EQ(found->api_key_id, alice.api_key_id);
    EXPECT_EQ(found->status, UserStatus::kDisabled);
    EXPECT_EQ(found->last_login_at, kYear2100);
    EXPECT_EQ(found->created_at, alice.created_at);

    auto super = tx.Users().FindById(root.id);
    ASSERT_TRUE(super);
    EXPECT_EQ(super->role, Role::kSuperAdmin);
    EXPECT_FALSE(super->organization_id);
    EXPECT_FALSE(super->api_key_id);
    EXPECT_FALSE(super->last_login_at);
    EXPECT_EQ(tx.Users().Count().value(), 2);
    EXPECT_EQ(tx.Users().FindById("usr_missing").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Users().FindByEmail("nobody@example.com").error().code, ErrorCode::kNotFound);
  });
}

TEST_P(StoreContractTest, UsersUpdateEveryColumnButIdAndCreatedAt) {
  Organization acme = MakeOrganization("Acme", 1);
  User user = MakeUser("u@acme.test", acme.id, 1);
  user.api_key_id = "apikey_1";
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Users().Insert(user));
  });
  User changed = user;
  changed.email = "new@acme.test";
  changed.name = "New Name";
  changed.password_hash = "$argon2id$new";
  changed.role = Role::kAdmin;
  changed.api_key_id = std::nullopt;
  changed.status = UserStatus::kDisabled;
  changed.last_login_at = kNow + 100;
  changed.created_at = 1;  // ignored
  changed.updated_at = kNow + 100;
  Write([&](Tx& tx) { ASSERT_TRUE(tx.Users().Update(changed)); });
  Read([&](Tx& tx) {
    auto found = tx.Users().FindById(user.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->email, "new@acme.test");
    EXPECT_EQ(found->name, "New Name");
    EXPECT_EQ(found->password_hash, "$argon2id$new");
    EXPECT_EQ(found->role, Role::kAdmin);
    EXPECT_FALSE(found->api_key_id);
    EXPECT_EQ(found->status, UserStatus::kDisabled);
    EXPECT_EQ(found->last_login_at, kNow + 100);
    EXPECT_EQ(found->created_at, user.created_at);
    EXPECT_EQ(found->updated_at, kNow + 100);
  });
  User ghost = MakeUser("ghost@acme.test", acme.id, 9);
  Write([&](Tx& tx) {
    EXPECT_EQ(tx.Users().Update(ghost).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Users().Delete(ghost.id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(tx.Users().Delete(user.id));
    EXPECT_EQ(tx.Users().Count().value(), 0);
  });
}

TEST_P(StoreContractTest, UserConflictsNameTheField) {
  Organization acme = MakeOrganization("Acme", 1);
  User alice = MakeUser("alice@example.com", acme.id, 1);
  alice.api_key_id = "apikey_1";
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Users().Insert(alice));
  });
  auto insert = [&](User user) { return store().Write([&](Tx& tx) { return tx.Users().Insert(user); }); };

  auto same_email = insert(MakeUser("  ALICE@Example.COM ", acme.id, 2));
  ASSERT_FALSE(same_email);
  EXPECT_EQ(same_email.error().code, ErrorCode::kConflict);
  EXPECT_EQ(same_email.error().message, "email already in use");

  User same_key = MakeUser("bob@example.com", acme.id, 3);
  same_key.api_key_id = "apikey_1";
  auto key = insert(same_key);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::kConflict);
  EXPECT_EQ(key.error().message, "API key already assigned to another user");

  auto no_org = insert(MakeUser("carol@example.com", "org_missing", 4));
  ASSERT_FALSE(no_org);
  EXPECT_EQ(no_org.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_org.error().message, "organization does not exist");

  // Two users may both have no key.
  EXPECT_TRUE(insert(MakeUser("dave@example.com", acme.id, 5)));
  EXPECT_TRUE(insert(MakeUser("erin@example.com", acme.id, 6)));
  EXPECT_EQ(store().ErrorCount(), 0);
}

TEST_P(StoreContractTest, UsersListNewestFirstWithCursorsTotalsAndFilters) {
  Organization acme = MakeOrganization("Acme", 1), globex = MakeOrganization("Globex", 2);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Organizations().Insert(globex));
    for (int i = 1; i <= 7; ++i) {
      User user = MakeUser("user" + std::to_string(i) + "@acme.test", i <= 5 ? acme.id : globex.id, i);
      if (i == 2) user.name = "Alice Liddell";
      if (i == 4) user.email = "malice@acme.test";
      if (i == 6) user.name = "100% Real";
      if (i % 3 == 0) user.role = Role::kAdmin;
      if (i == 5) user.status = UserStatus::kDisabled;
      ASSERT_TRUE(tx.Users().Insert(user));
    }
  });
  auto list = [&](domain::UserQuery query) {
    domain::Page<domain::ListedUser> page;
    Read([&](Tx& tx) {
      auto result = tx.Users().List(query);
      ASSERT_TRUE(result) << result.error().detail;
      page = *result;
    });
    return page;
  };

  // Paging: 3 + 3 + 1, newest first, total always 7.
  std::vector<std::string> ids;
  domain::UserQuery query{.page = {.limit = 3}};
  for (int expected : {3, 3, 1}) {
    auto page = list(query);
    EXPECT_EQ(page.total, 7);
    ASSERT_EQ(page.items.size(), static_cast<std::size_t>(expected));
    for (const auto& listed : page.items) ids.push_back(listed.user.id);
    query.page.cursor = page.next_cursor;
  }
  EXPECT_FALSE(query.page.cursor);
  ASSERT_EQ(ids.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(ids[static_cast<std::size_t>(i)], IdAt("usr", 7 - i));

  // q: substring of name or email, case-insensitive; % is a literal.
  auto alice = list({.q = "ALICE"});
  EXPECT_EQ(alice.total, 2);  // "Alice Liddell" by name, "malice@…" by email
  ASSERT_EQ(alice.items.size(), 2u);
  EXPECT_EQ(alice.items[0].user.email, "malice@acme.test");
  EXPECT_EQ(alice.items[1].user.name, "Alice Liddell");
  EXPECT_EQ(list({.q = "100%"}).total, 1);
  EXPECT_EQ(list({.q = "0%"}).total, 1);
  EXPECT_EQ(list({.q = "_"}).total, 0);
  EXPECT_EQ(list({.q = "USER7@ACME"}).total, 1);

  EXPECT_EQ(list({.organization_id = globex.id}).total, 2);
  EXPECT_EQ(list({.role = Role::kAdmin}).total, 2);
  EXPECT_EQ(list({.status = UserStatus::kDisabled}).total, 1);
  auto combined =
      list({.page = {.limit = 1}, .organization_id = acme.id, .role = Role::kUser, .status = UserStatus::kActive});
  EXPECT_EQ(combined.total, 3);  // users 1, 2, 4
  ASSERT_EQ(combined.items.size(), 1u);
  EXPECT_EQ(combined.items[0].user.email, "malice@acme.test");
  EXPECT_TRUE(combined.next_cursor);
}

TEST_P(StoreContractTest, UsersListReadsEachUsersOrganizationNameAndKey) {
  Organization acme = MakeOrganization("Acme", 1), gone = MakeOrganization("Gone", 2);
  domain::ApiKeyRecord key;
  key.id = "apikey_held";
  key.name = "alice's key";
  key.status = "active";
  key.partial_key_hint = "sk-ant-api03-R2D...igAA";
  key.created_at = "2025-01-01T00:00:00Z";
  User alice = MakeUser("alice@acme.test", acme.id, 1), bob = MakeUser("bob@gone.test", gone.id, 2),
       root = MakeUser("root@portal.test", std::nullopt, 3);
  alice.api_key_id = key.id;
  bob.api_key_id = "apikey_unknown";
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Organizations().Insert(acme));
    ASSERT_TRUE(tx.Organizations().Insert(gone));
    ASSERT_TRUE(tx.ApiKeys().Upsert(key));
    ASSERT_TRUE(tx.Users().Insert(alice));
    ASSERT_TRUE(tx.Users().Insert(bob));
    ASSERT_TRUE(tx.Users().Insert(root));
    ASSERT_TRUE(tx.Organizations().MarkDeleted(gone.id, kNow));
    const std::vector<std::string> vanished = {key.id};
    ASSERT_EQ(*tx.ApiKeys().MarkVanished(vanished, kNow + 1), 1);
  });
  Read([&](Tx& tx) {
    auto page = tx.Users().List({});
    ASSERT_TRUE(page) << page.error().detail;
    ASSERT_EQ(page->items.size(), 3u);
    const auto& r = page->items[0];
    const auto& b = page->items[1];
    const auto& a = page->items[2];
    EXPECT_EQ(r.user.id, root.id);
    EXPECT_FALSE(r.organization_name);
    EXPECT_FALSE(r.api_key);
    EXPECT_EQ(b.user.id, bob.id);
    EXPECT_FALSE(b.organization_name);  // its organization is deleted
    EXPECT_EQ(b.user.api_key_id, "apikey_unknown");
    EXPECT_FALSE(b.api_key);  // a key the portal does not know
    EXPECT_EQ(a.user.id, alice.id);
    EXPECT_EQ(a.organization_name, "Acme");
    ASSERT_TRUE(a.api_key);
    EXPECT_EQ(a.api_key->id, key.id);
    EXPECT_EQ(a.api_key->name, key.name);
    EXPECT_EQ(a.api_key->partial_key_hint, key.partial_key_hint);
    EXPECT_EQ(a.api_key->status, "active");
    EXPECT_EQ(a.api_key->vanished_at, kNow + 1);
    EXPECT_FALSE(a.api_key->secret_sealed);
  });
}

// --- Sessions and refresh tokens ----------------------------------------------------------------

TEST_P(StoreContractTest, SessionsInsertFindExtendRevoke) {
  User root = MakeUser("root@portal.test", std::nullopt, 1);
  domain::Session session = MakeSession(root.id, 1, kYear2100);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Insert(root));
    ASSERT_TRUE(tx.Sessions().InsertSession(session));
  });
  Write([&](Tx& tx) {
    auto found = tx.Sessions().FindSession(session.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, root.id);
    EXPECT_EQ(found->client, "web");
    EXPECT_EQ(found->expires_at, kYear2100);
    EXPECT_FALSE(found->revoked_at);
    EXPECT_TRUE(tx.Sessions().ExtendSession(session.id, kYear2100 + 1));
    EXPECT_TRUE(tx.Sessions().RevokeSession(session.id, "logout", kNow + 1));
    EXPECT_TRUE(tx.Sessions().RevokeSession(session.id, "reuse", kNow + 2));  // no-op
    EXPECT_EQ(tx.Sessions().RevokeSession("ses_missing", "logout", kNow).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Sessions().ExtendSession("ses_missing", kNow).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Sessions().FindSession("ses_missing").error().code, ErrorCode::kNotFound);
  });
  Read([&](Tx& tx) {
    auto found = tx.Sessions().FindSession(session.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->expires_at, kYear2100 + 1);
    EXPECT_EQ(found->revoked_at, kNow + 1);
    EXPECT_EQ(found->revoked_reason, "logout");
  });
  auto orphan = store().Write([&](Tx& tx) { return tx.Sessions().InsertSession(MakeSession("usr_missing", 2, kNow)); });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, RevokeUserSessionsCountsOnlyLiveSessions) {
  User a = MakeUser("a@portal.test", std::nullopt, 1), b = MakeUser("b@portal.test", std::nullopt, 2);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Insert(a));
    ASSERT_TRUE(tx.Users().Insert(b));
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(tx.Sessions().InsertSession(MakeSession(a.id, i, kNow + 1000)));
    ASSERT_TRUE(tx.Sessions().InsertSession(MakeSession(a.id, 4, kNow - 1)));  // expired
    domain::Session revoked = MakeSession(a.id, 5, kNow + 1000);
    revoked.revoked_at = kNow - 10;
    revoked.revoked_reason = "logout";
    ASSERT_TRUE(tx.Sessions().InsertSession(revoked));
    ASSERT_TRUE(tx.Sessions().InsertSession(MakeSession(b.id, 6, kNow + 1000)));
  });
  Write([&](Tx& tx) {
    EXPECT_EQ(tx.Sessions().RevokeUserSessions(a.id, "user_disabled", kNow).value(), 3);
    EXPECT_EQ(tx.Sessions().RevokeUserSessions(a.id, "user_disabled", kNow).value(), 0);
    EXPECT_EQ(tx.Sessions().RevokeUserSessions("usr_missing", "user_disabled", kNow).value(), 0);
  });
  Read([&](Tx& tx) {
    EXPECT_EQ(tx.Sessions().FindSession(IdAt("ses", 1))->revoked_reason, "user_disabled");
    EXPECT_EQ(tx.Sessions().FindSession(IdAt("ses", 5))->revoked_reason, "logout");
    EXPECT_FALSE(tx.Sessions().FindSession(IdAt("ses", 6))->revoked_at);
  });
  // Deleting a user takes its sessions and their tokens along.
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Sessions().InsertRefreshToken({"hash-a", IdAt("ses", 1), kNow, kNow + 1000, std::nullopt}));
    ASSERT_TRUE(tx.Users().Delete(a.id));
    EXPECT_EQ(tx.Sessions().FindSession(IdAt("ses", 1)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Sessions().FindRefreshToken("hash-a").error().code, ErrorCode::kNotFound);
  });
}

TEST_P(StoreContractTest, RefreshTokensInsertFindAndRotateOnce) {
  User root = MakeUser("root@portal.test", std::nullopt, 1);
  domain::Session session = MakeSession(root.id, 1, kYear2100);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Insert(root));
    ASSERT_TRUE(tx.Sessions().InsertSession(session));
    ASSERT_TRUE(tx.Sessions().InsertRefreshToken({"hash-1", session.id, kNow, kYear2100, std::nullopt}));
    auto duplicate = tx.Sessions().InsertRefreshToken({"hash-1", session.id, kNow, kYear2100, std::nullopt});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    auto orphan = tx.Sessions().InsertRefreshToken({"hash-2", "ses_missing", kNow, kYear2100, std::nullopt});
    ASSERT_FALSE(orphan);
    EXPECT_EQ(orphan.error().code, ErrorCode::kInvalidArgument);
  });
  Write([&](Tx& tx) {
    auto token = tx.Sessions().FindRefreshToken("hash-1");
    ASSERT_TRUE(token);
    EXPECT_EQ(token->session_id, session.id);
    EXPECT_EQ(token->expires_at, kYear2100);
    EXPECT_FALSE(token->rotated_at);
    EXPECT_EQ(tx.Sessions().MarkRotated("hash-1", kNow + 1).value(), true);
    EXPECT_EQ(tx.Sessions().MarkRotated("hash-1", kNow + 2).value(), false);
    EXPECT_EQ(tx.Sessions().MarkRotated("hash-missing", kNow).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Sessions().FindRefreshToken("hash-missing").error().code, ErrorCode::kNotFound);
  });
  Read([&](Tx& tx) { EXPECT_EQ(tx.Sessions().FindRefreshToken("hash-1")->rotated_at, kNow + 1); });
}

TEST_P(StoreContractTest, MarkRotatedHasExactlyOneWinnerAmongEightThreads) {
  User root = MakeUser("root@portal.test", std::nullopt, 1);
  domain::Session session = MakeSession(root.id, 1, kYear2100);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Insert(root));
    ASSERT_TRUE(tx.Sessions().InsertSession(session));
    ASSERT_TRUE(tx.Sessions().InsertRefreshToken({"contested", session.id, kNow, kYear2100, std::nullopt}));
  });
  constexpr int kThreads = 8;
  std::atomic<int> winners{0}, losers{0}, failures{0};
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    threads.reserve(kThreads);
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        bool won = false;
        auto status = store().Write([&](Tx& tx) -> Status {
          auto result = tx.Sessions().MarkRotated("contested", kNow + i);
          if (!result) return Fail(std::move(result.error()));
          won = *result;
          return {};
        });
        if (!status)
          ++failures;
        else if (won)
          ++winners;
        else
          ++losers;
      });
    }
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(winners.load(), 1);
  EXPECT_EQ(losers.load(), kThreads - 1);
}

// --- Login throttle (several instances on one database) ----------------------------------------

TEST_P(StoreContractTest, TwoInstancesShareTheLoginThrottle) {
  const domain::ThrottleRule rule{5, std::chrono::minutes(15), std::chrono::seconds(30), std::chrono::minutes(15)};
  const domain::ThrottleRule ceiling{1000, std::chrono::minutes(15), std::chrono::seconds(60),
                                     std::chrono::minutes(15)};
  domain::LoginThrottle first(rule, ceiling, domain::MakeStoreThrottleCounters(store()));
  domain::LoginThrottle second(rule, ceiling, domain::MakeStoreThrottleCounters(store()));
  const auto t = FromUnixMillis(kNow);
  // Failures alternate between the instances; the sixth attempt waits on either.
  for (int i = 0; i < 5; ++i) {
    auto& instance = i % 2 == 0 ? first : second;
    EXPECT_FALSE(instance.RetryAfter("a@portal.test", "203.0.113.7", t)) << i;
    instance.RecordFailure("a@portal.test", "203.0.113.7", t);
  }
  EXPECT_EQ(first.RetryAfter("a@portal.test", "203.0.113.7", t).value_or(0), 31);
  EXPECT_EQ(second.RetryAfter("a@portal.test", "203.0.113.7", t).value_or(0), 31);
  EXPECT_FALSE(second.RetryAfter("a@portal.test", "203.0.113.8", t));
  // A success on one clears the pair for both; idle entries are pruned.
  second.RecordSuccess("a@portal.test", "203.0.113.7");
  EXPECT_FALSE(first.RetryAfter("a@portal.test", "203.0.113.7", t));
  Write([&](Tx& tx) {
    EXPECT_TRUE(tx.LoginThrottle().DeleteIdle(kNow + 3'600'000, kNow + 1));
    EXPECT_EQ(tx.LoginThrottle().Find("address\n203.0.113.7").value(), std::nullopt);
  });
}

TEST_P(StoreContractTest, ConcurrentFailuresFromTwoInstancesAreAllCounted) {
  const domain::ThrottleRule lenient{1000, std::chrono::minutes(15), std::chrono::seconds(30),
                                     std::chrono::minutes(15)};
  constexpr int kPerThread = 40;
  std::latch start(2);
  {
    std::vector<std::jthread> threads;
    threads.reserve(2);
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&] {
        domain::LoginThrottle instance(lenient, lenient, domain::MakeStoreThrottleCounters(store()));
        start.arrive_and_wait();
        for (int n = 0; n < kPerThread; ++n)
          instance.RecordFailure("a@portal.test", "198.51.100.1", FromUnixMillis(kNow));
      });
    }
  }
  Read([&](Tx& tx) {
    auto entry = tx.LoginThrottle().Find("address\n198.51.100.1");
    ASSERT_TRUE(entry && *entry);
    EXPECT_EQ((*entry)->failures, 2 * kPerThread);
  });
}

// --- Settings -----------------------------------------------------------------------------------

TEST_P(StoreContractTest, SettingsGetPutInsertIfAbsent) {
  Write([](Tx& tx) {
    EXPECT_EQ(tx.Settings().Get("missing").value(), std::nullopt);
    EXPECT_TRUE(tx.Settings().Put("theme", "dark", kNow));
    EXPECT_TRUE(tx.Settings().Put("theme", "light", kNow + 1));
    EXPECT_EQ(tx.Settings().InsertIfAbsent("theme", "blue", kNow + 2).value(), false);
    EXPECT_EQ(tx.Settings().InsertIfAbsent("empty", "", kNow).value(), true);
  });
  Read([](Tx& tx) {
    EXPECT_EQ(tx.Settings().Get("theme").value(), "light");
    EXPECT_EQ(tx.Settings().Get("empty").value(), "");
  });
}

TEST_P(StoreContractTest, InsertIfAbsentSucceedsOnceUnderConcurrency) {
  constexpr int kThreads = 8;
  std::atomic<int> inserted{0}, failures{0};
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    threads.reserve(kThreads);
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        bool won = false;
        auto status = store().Write([&](Tx& tx) -> Status {
          auto result = tx.Settings().InsertIfAbsent("install_id", "value-" + std::to_string(i), kNow);
          if (!result) return Fail(std::move(result.error()));
          won = *result;
          return {};
        });
        if (!status)
          ++failures;
        else if (won)
          ++inserted;
      });
    }
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(inserted.load(), 1);
  Read([](Tx& tx) { EXPECT_TRUE(tx.Settings().Get("install_id").value().value().starts_with("value-")); });
}

// --- Audit --------------------------------------------------------------------------------------

TEST_P(StoreContractTest, AuditListNewestFirstWithFiltersAndCursors) {
  Write([](Tx& tx) {
    for (int i = 1; i <= 6; ++i) {
      domain::AuditEvent event;
      event.id = IdAt("aud", i);
      event.actor_id = i == 6 ? std::nullopt : std::optional<std::string>(i % 2 ? "usr_a" : "usr_b");
      event.action = i <= 3 ? "user.create" : "auth.login";
      event.target_type = "user";
      event.target_id = "usr_" + std::to_string(i);
      event.organization_id = i <= 4 ? std::optional<std::string>("org_1") : std::nullopt;
      event.request_id = "req_" + std::to_string(i);
      event.details_json = R"({"n":)" + std::to_string(i) + "}";
      event.created_at = kYear2100 + i;
      ASSERT_TRUE(tx.Audit().Append(event));
    }
  });
  auto list = [&](domain::AuditQuery query) {
    domain::Page<domain::AuditEvent> page;
    Read([&](Tx& tx) {
      auto result = tx.Audit().List(query);
      ASSERT_TRUE(result) << result.error().detail;
      page = *result;
    });
    return page;
  };
  auto first = list({.page = {.limit = 4}});
  EXPECT_EQ(first.total, 6);
  ASSERT_EQ(first.items.size(), 4u);
  EXPECT_EQ(first.items[0].id, IdAt("aud", 6));
  EXPECT_FALSE(first.items[0].actor_id);
  EXPECT_FALSE(first.items[0].organization_id);
  EXPECT_EQ(first.items[0].created_at, kYear2100 + 6);
  EXPECT_EQ(first.items[0].details_json, R"({"n":6})");
  EXPECT_EQ(first.items[3].id, IdAt("aud", 3));
  EXPECT_EQ(first.items[3].actor_id, "usr_a");
  EXPECT_EQ(first.items[3].organization_id, "org_1");
  EXPECT_EQ(first.items[3].request_id, "req_3");
  ASSERT_TRUE(first.next_cursor);
  auto second = list({.page = {.limit = 4, .cursor = first.next_cursor}});
  EXPECT_EQ(second.total, 6);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_EQ(second.items[1].id, IdAt("aud", 1));
  EXPECT_FALSE(second.next_cursor);

  EXPECT_EQ(list({.organization_id = "org_1"}).total, 4);
  EXPECT_EQ(list({.actor_id = "usr_a"}).total, 3);
  EXPECT_EQ(list({.action = "auth.login"}).total, 3);
  auto combined = list({.organization_id = "org_1", .actor_id = "usr_b", .action = "auth.login"});
  ASSERT_EQ(combined.total, 1);
  EXPECT_EQ(combined.items[0].id, IdAt("aud", 4));

  auto duplicate =
      store().Write([](Tx& tx) { return tx.Audit().Append({.id = IdAt("aud", 1), .action = "user.create"}); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
}

// --- Integers -----------------------------------------------------------------------------------

TEST_P(StoreContractTest, LargeMillisecondTimestampsRoundTrip) {
  constexpr std::int64_t kBeyondDouble = 9'007'199'254'740'993;  // 2^53 + 1: no double in between
  User root = MakeUser("root@portal.test", std::nullopt, 1);
  root.created_at = kYear2100;
  root.updated_at = kBeyondDouble;
  root.last_login_at = kYear2100 + 1;
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Insert(root));
    ASSERT_TRUE(tx.Sessions().InsertSession(MakeSession(root.id, 1, kBeyondDouble)));
    ASSERT_TRUE(tx.Settings().Put("k", "v", kYear2100));
  });
  Read([&](Tx& tx) {
    auto user = tx.Users().FindById(root.id);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->created_at, kYear2100);
    EXPECT_EQ(user->updated_at, kBeyondDouble);
    EXPECT_EQ(user->last_login_at, kYear2100 + 1);
    EXPECT_EQ(tx.Sessions().FindSession(IdAt("ses", 1))->expires_at, kBeyondDouble);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param) {
                           return param.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

// --- Opening ------------------------------------------------------------------------------------

TEST(OpenStoreTest, RejectsMalformedUrls) {
  for (const char* url : {"", "mysql://localhost/db", "sqlite:", "sqlite://", "/tmp/x.db"}) {
    auto store = OpenStore({.url = url});
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument) << url;
    EXPECT_EQ(store.error().message.find('\n'), std::string::npos);
  }
  auto no_pool = OpenStore({.url = "sqlite::memory:", .pool_size = 0});
  ASSERT_FALSE(no_pool);
  EXPECT_EQ(no_pool.error().code, ErrorCode::kInvalidArgument);
}

TEST(OpenStoreTest, UnreachableDatabasesAreUnavailable) {
  for (const char* url : {"sqlite:/nonexistent-dir/portal/x.db", "postgresql://postgres@127.0.0.1:1/portal"}) {
    auto store = OpenStore({.url = url});
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kUnavailable) << url;
  }
}

TEST(OpenStoreTest, InMemorySqliteWorksWithOneConnection) {
  auto store = OpenStore({.url = "sqlite::memory:"});
  ASSERT_TRUE(store) << store.error().detail;
  ASSERT_TRUE(Migrate(**store));
  EXPECT_TRUE((*store)->Write([](Tx& tx) { return tx.Settings().Put("k", "v", kNow); }));
  EXPECT_TRUE((*store)->Read([](Tx& tx) -> Status {
    EXPECT_EQ(tx.Settings().Get("k").value(), "v");
    return {};
  }));
}

TEST(OpenStoreTest, MigrateRefusesAForeignStore) {
  struct Fake final : domain::Store {
    Status Write(const std::function<Status(Tx&)>&) override { return {}; }
    Status Read(const std::function<Status(Tx&)>&) override { return {}; }
    Status Ping() override { return {}; }
    std::string_view Backend() const override { return "fake"; }
    std::int64_t ErrorCount() const override { return 0; }
  } fake;
  EXPECT_EQ(Migrate(fake).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace portal::storage
