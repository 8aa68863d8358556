#pragma once
// `portal backup` and `portal restore` for SQLite installations (docs/deploy.md "Back up and
// restore"). PostgreSQL installations use pg_dump / pg_restore.

#include <cstdint>
#include <string>

#include "app/config.hpp"
#include "core/error.hpp"

namespace portal::app {

struct BackupReport {
  std::string path;
  std::uintmax_t bytes = 0;
  int schema_version = 0;
};

// A consistent copy of the live database (other processes may go on writing) into `to`, which
// must not exist. Refuses when the master key does not open the database's secrets (the copy
// would be useless), checks the copy's integrity and key, and only then gives it its name
// (mode 0600: it holds sealed secrets and password hashes).
Result<BackupReport> BackupDatabase(const Config& config, const std::string& to);

struct RestoreReport {
  std::string database;
  int schema_version = 0;
  int pending_migrations = 0;  // applied by the next `portal serve` or `portal migrate`
};

// Puts a backup in place as the database of an empty data directory: checks its integrity, that
// its schema is not newer than this binary, and that the configured master key file opens its
// secrets; on any failure nothing is left behind.
Result<RestoreReport> RestoreDatabase(const Config& config, const std::string& from);

}  // namespace portal::app
