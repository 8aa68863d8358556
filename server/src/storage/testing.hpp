#pragma once
// Fresh, throw-away databases for tests (library portal_storage_testing).
//
//   auto db = storage::TemporaryDatabase::Create(storage::Backend::kSqlite);
//   ASSERT_TRUE(db) << db.error().detail;
//   auto store = storage::OpenStore({.url = db->Url()});
//
// SQLite: a new file in the temp directory, deleted (with its -wal/-shm) by the destructor.
// PostgreSQL: a new schema in the database named by PORTAL_TEST_DATABASE_URL
// (scripts/test-postgres.sh start prints one); Url() points connections at it through
// search_path, and the destructor drops it. Move-only; not thread-safe.

#include <string>

#include "core/error.hpp"
#include "storage/store.hpp"

namespace portal::storage {

class TemporaryDatabase {
 public:
  // kUnavailable for kPostgres when PORTAL_TEST_DATABASE_URL is unset or unreachable.
  static Result<TemporaryDatabase> Create(Backend backend);
  // True when PORTAL_TEST_DATABASE_URL is set (tests GTEST_SKIP the PostgreSQL runs otherwise).
  static bool PostgresAvailable();
  static constexpr const char* kPostgresUrlVariable = "PORTAL_TEST_DATABASE_URL";

  TemporaryDatabase(TemporaryDatabase&& other) noexcept;
  TemporaryDatabase& operator=(TemporaryDatabase&& other) noexcept;
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  ~TemporaryDatabase();

  std::string Url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  TemporaryDatabase() = default;
  void Remove() noexcept;

  Backend backend_ = Backend::kSqlite;
  std::string url_;        // what OpenStore gets
  std::string file_;       // SQLite: the file to delete
  std::string admin_url_;  // PostgreSQL: the base database
  std::string schema_;     // PostgreSQL: the schema to drop
};

}  // namespace portal::storage
