#include "app/backup.hpp"

#include <filesystem>

#include "app/vault_setup.hpp"
#include "storage/store.hpp"

namespace portal::app {
namespace {

namespace fs = std::filesystem;

Result<std::string> SqlitePath(const Config& config, const char* command) {
  auto path = storage::SqliteFilePath(config.database_url);
  if (!path) {
    return Fail(Error::InvalidArgument(std::string(command) +
                                       " works on SQLite databases; for PostgreSQL use pg_dump and pg_restore "
                                       "(docs/deploy.md \"Back up and restore\")"));
  }
  return *path;
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// Opens a database file just long enough to check it: integrity, schema and master key.
Result<int> Verify(const Config& config, const std::string& path, const std::string& label) {
  auto store = storage::OpenStore({.url = "sqlite:" + path, .pool_size = 1});
  if (!store) return Fail(store.error());
  auto integrity = storage::IntegrityCheck(**store);
  if (!integrity) return Fail(integrity.error());
  if (*integrity != "ok") {
    return Fail(Error::InvalidArgument(label + " is damaged (PRAGMA integrity_check): " + *integrity));
  }
  if (auto newer = storage::CheckSchemaNotNewer(**store); !newer) return Fail(newer.error());
  auto version = storage::CurrentSchemaVersion(**store);
  if (!version) return Fail(version.error());
  if (*version == 0) return Fail(Error::InvalidArgument(label + " is not a portal database"));
  if (auto key = CheckMasterKey(config, **store); !key) return Fail(key.error());
  return *version;
}

}  // namespace

Result<BackupReport> BackupDatabase(const Config& config, const std::string& to) {
  auto database = SqlitePath(config, "portal backup");
  if (!database) return Fail(database.error());
  std::error_code ec;
  if (!fs::exists(*database, ec)) return Fail(Error::InvalidArgument("no database at " + *database));
  if (fs::exists(to, ec)) return Fail(Error::InvalidArgument(to + " exists already: name a new file"));
  {
    auto store = storage::OpenStore({.url = config.database_url, .pool_size = 1});
    if (!store) return Fail(store.error());
    if (auto key = CheckMasterKey(config, **store); !key) return Fail(key.error());
    const std::string partial = to + ".partial";
    RemoveDatabaseFiles(partial);
    if (auto copied = storage::BackupInto(**store, partial); !copied) {
      RemoveDatabaseFiles(partial);
      return Fail(copied.error());
    }
  }
  const std::string partial = to + ".partial";
  auto version = Verify(config, partial, "the copy");
  if (!version) {
    RemoveDatabaseFiles(partial);
    return Fail(version.error());
  }
  fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write, ec);
  fs::rename(partial, to, ec);
  if (ec) {
    RemoveDatabaseFiles(partial);
    return Fail(Error::InvalidArgument("cannot write " + to + ": " + ec.message()));
  }
  RemoveDatabaseFiles(partial);  // the -wal/-shm a check may have left
  BackupReport report{to, fs::file_size(to, ec), *version};
  return report;
}

Result<RestoreReport> RestoreDatabase(const Config& config, const std::string& from) {
  auto database = SqlitePath(config, "portal restore");
  if (!database) return Fail(database.error());
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) return Fail(Error::InvalidArgument("no backup file at " + from));
  if (fs::exists(*database, ec)) {
    return Fail(Error::InvalidArgument("there is a database at " + *database +
                                       " already: restore into an empty data directory (move the old one away "
                                       "first)"));
  }
  fs::create_directories(config.data_dir, ec);
  fs::permissions(config.data_dir, fs::perms::owner_all, ec);
  const std::string partial = *database + ".restoring";
  RemoveDatabaseFiles(partial);
  fs::copy_file(from, partial, ec);
  if (ec) return Fail(Error::InvalidArgument("cannot copy " + from + " to " + partial + ": " + ec.message()));
  fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write, ec);
  auto version = Verify(config, partial, "the backup");
  if (!version) {
    RemoveDatabaseFiles(partial);
    return Fail(version.error());
  }
  fs::rename(partial, *database, ec);
  if (ec) {
    RemoveDatabaseFiles(partial);
    return Fail(Error::InvalidArgument("cannot install " + *database + ": " + ec.message()));
  }
  RemoveDatabaseFiles(partial);
  RestoreReport report{*database, *version, storage::LatestSchemaVersion() - *version};
  return report;
}

}  // namespace portal::app
