#pragma once
// Opening the portal's database and migrating it.
//
// One implementation serves SQLite and PostgreSQL (SOCI makes the SQL identical; the few
// differences live in a small Dialect, see sql_support.hpp). OpenStore hands back the domain's
// Store interface; everything else in this folder is an implementation detail.
//
//   auto store = storage::OpenStore({.url = "sqlite:/var/lib/portal/portal.db"});
//   if (!store) return store.error();
//   if (auto applied = storage::Migrate(**store); !applied) return applied.error();

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/cluster_lock.hpp"
#include "domain/repositories.hpp"

namespace portal::storage {

struct Migration;  // storage/migrations.hpp

enum class Backend { kSqlite, kPostgres };

struct StoreOptions {
  // "sqlite:/path/file.db" (also "sqlite:///path/file.db", "sqlite::memory:") or a libpq URI
  // "postgresql://user@host:port/db?…" ("postgres://" too).
  std::string url;
  int pool_size = 8;           // connections, opened lazily; forced to 1 for sqlite::memory:
  int busy_timeout_ms = 5000;  // SQLite busy_timeout; also how long Write/Read wait for a free
                               // connection (at least 1 s) before kUnavailable
};

// The file of a "sqlite:PATH" URL; nullopt for PostgreSQL, sqlite::memory: and malformed URLs.
std::optional<std::string> SqliteFilePath(std::string_view url);

// Connects once to check that the database is there.
// Errors: kInvalidArgument for a malformed URL or options; kUnavailable when the database
// cannot be opened or reached.
Result<std::unique_ptr<domain::Store>> OpenStore(const StoreOptions& options);

// Applies the embedded migrations (migrations/NNNN_name.sql) that the database lacks, each in
// its own transaction, and returns how many were applied (0 when up to date). Safe to run from
// several instances at once (PostgreSQL: advisory lock; SQLite: BEGIN IMMEDIATE).
// `store` must come from OpenStore (kInvalidArgument otherwise).
Result<int> Migrate(domain::Store& store, const Clock& clock);
Result<int> Migrate(domain::Store& store);  // SystemClock
// Applies migrations up to and including `target_version` only (tests build the database an
// older release left behind this way).
Result<int> MigrateTo(domain::Store& store, const Clock& clock, int target_version);
// Applies `migrations` (numbered 1, 2, 3, …) the way Migrate applies the embedded ones (tests of
// the runner itself: a migration that fails halfway).
Result<int> MigrateWith(domain::Store& store, const Clock& clock, std::span<const Migration> migrations,
                        int target_version);
// The highest applied migration version; 0 for an empty database.
Result<int> CurrentSchemaVersion(domain::Store& store);
// The highest migration version this binary knows.
int LatestSchemaVersion();
// "NNNN_name" of each migration the database lacks, in order (`portal migrate --dry-run`).
Result<std::vector<std::string>> PendingMigrations(domain::Store& store);
// Migrate and the portal refuse a database whose schema is newer than this binary (an older
// release started after an upgrade): kInvalidArgument with one line saying what to do.
Status CheckSchemaNotNewer(domain::Store& store);

// SQLite only: a consistent copy of the live database into a new file (VACUUM INTO, a read
// transaction: writers go on). kInvalidArgument on PostgreSQL or when `path` exists.
Status BackupInto(domain::Store& store, const std::string& path);
// Copies every row of `from` into `to` (another backend allowed: SQLite → PostgreSQL) in one
// transaction on `to`. Both must be at this binary's schema; `to` must be empty. Nothing is
// written to `to` when anything fails.
struct CopyReport {
  long long rows = 0;
  std::vector<std::pair<std::string, long long>> tables;  // in copy order
};
Result<CopyReport> CopyDatabase(domain::Store& from, domain::Store& to,
                                const std::function<void(const std::string& table, long long rows)>& progress = {});
// The tables CopyDatabase copies, in order (tests compare it with the schema).
std::span<const char* const> CopiedTables();

// "ok" when the database is sound (SQLite: PRAGMA integrity_check; PostgreSQL: it answers);
// otherwise the problems the check found, one per line.
Result<std::string> IntegrityCheck(domain::Store& store);

// Locks that exclude other instances on the same database (domain/cluster_lock.hpp): a
// PostgreSQL session advisory lock on a dedicated connection; always granted on SQLite.
// `store` must come from OpenStore (kInvalidArgument otherwise).
Result<std::unique_ptr<domain::ClusterLocks>> MakeClusterLocks(domain::Store& store);

}  // namespace portal::storage
