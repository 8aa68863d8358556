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

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/cluster_lock.hpp"
#include "domain/repositories.hpp"

namespace portal::storage {

enum class Backend { kSqlite, kPostgres };

struct StoreOptions {
  // "sqlite:/path/file.db" (also "sqlite:///path/file.db", "sqlite::memory:") or a libpq URI
  // "postgresql://user@host:port/db?…" ("postgres://" too).
  std::string url;
  int pool_size = 8;           // connections, opened lazily; forced to 1 for sqlite::memory:
  int busy_timeout_ms = 5000;  // SQLite busy_timeout; also how long Write/Read wait for a free
                               // connection (at least 1 s) before kUnavailable
};

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
// The highest applied migration version; 0 for an empty database.
Result<int> CurrentSchemaVersion(domain::Store& store);
// The highest migration version this binary knows.
int LatestSchemaVersion();

// Locks that exclude other instances on the same database (domain/cluster_lock.hpp): a
// PostgreSQL session advisory lock on a dedicated connection; always granted on SQLite.
// `store` must come from OpenStore (kInvalidArgument otherwise).
Result<std::unique_ptr<domain::ClusterLocks>> MakeClusterLocks(domain::Store& store);

}  // namespace portal::storage
