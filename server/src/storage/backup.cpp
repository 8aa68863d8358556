// Online backup and integrity check (store.hpp BackupInto, IntegrityCheck; docs/deploy.md).
#include <filesystem>
#include <string>
#include <vector>

#include "storage/sql_store.hpp"

namespace portal::storage {
Status BackupInto(domain::Store& store, const std::string& path) {
  auto found = SqlStoreOf(store);
  if (!found) return Fail(found.error());
  SqlStore* sql_store = *found;
  if (sql_store->dialect().backend != Backend::kSqlite) {
    return Fail(Error::InvalidArgument(
        "portal backup copies SQLite databases; for PostgreSQL use pg_dump (docs/deploy.md \"Back up\")"));
  }
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Fail(Error::InvalidArgument(path + " exists already: name a new file"));
  }
  return sql_store->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("backup", [&]() -> Status {
      std::string target = path;
      conn.sql() << "VACUUM INTO :path", soci::use(target, "path");
      return {};
    });
  });
}

Result<std::string> IntegrityCheck(domain::Store& store) {
  auto found = SqlStoreOf(store);
  if (!found) return Fail(found.error());
  SqlStore* sql_store = *found;
  std::string report;
  auto status = sql_store->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("integrity_check", [&]() -> Status {
      if (conn.dialect().backend != Backend::kSqlite) {
        int one = 0;
        conn.sql() << "SELECT 1", soci::into(one);
        report = one == 1 ? "ok" : "the database did not answer";
        return {};
      }
      std::vector<std::string> problems;
      soci::rowset<std::string> rows = conn.sql().prepare << "PRAGMA integrity_check";
      for (const auto& row : rows) {
        if (row != "ok") problems.push_back(row);
      }
      int violations = 0;
      soci::rowset<soci::row> foreign_keys = conn.sql().prepare << "PRAGMA foreign_key_check";
      for (auto it = foreign_keys.begin(); it != foreign_keys.end(); ++it) ++violations;
      if (violations > 0) {
        problems.push_back(std::to_string(violations) + " foreign key violation(s) (PRAGMA foreign_key_check)");
      }
      report = problems.empty() ? "ok" : "";
      for (const auto& problem : problems) report += (report.empty() ? "" : "\n") + problem;
      return {};
    });
  });
  if (!status) return Fail(std::move(status.error()));
  return report;
}

}  // namespace portal::storage
