#include <cctype>
#include <cstdio>
#include <string>

#include "core/log.hpp"
#include "storage/migrations.hpp"
#include "storage/sql_store.hpp"

namespace portal::storage {
namespace {

// Created by the runner, not by a migration: it must exist before the first one is checked.
constexpr char kCreateSchemaMigrations[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL,"
    " CONSTRAINT schema_migrations_pkey PRIMARY KEY (version))";
constexpr char kCountMigration[] = "SELECT count(*) FROM schema_migrations WHERE version = :version";
constexpr char kInsertMigration[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :applied_at)";
constexpr char kSelectSchemaVersion[] = "SELECT max(version) FROM schema_migrations";
// Session-level lock held while migrating, so instances starting together take turns.
constexpr char kLockMigrations[] = "SELECT pg_advisory_lock(7020250324)";
constexpr char kUnlockMigrations[] = "SELECT pg_advisory_unlock(7020250324)";

// Applies one migration in its own transaction unless it is there already.
Result<bool> ApplyOne(Conn& conn, const Migration& migration, const Clock& clock) {
  soci::session& sql = conn.sql();
  const std::string label = std::to_string(migration.version) + "_" + std::string(migration.name);
  try {
    sql << std::string(conn.dialect().begin_write);
  } catch (const soci::soci_error& e) {
    return Fail(conn.Translate(e, "migration " + label + ": begin", {}));
  }
  try {
    long long version = migration.version, applied_at = ToUnixMillis(clock.Now()), count = 0;
    std::string name(migration.name);
    sql << kCountMigration, soci::use(version, "version"), soci::into(count);
    if (count > 0) {
      sql << "COMMIT";
      return false;
    }
    for (const std::string& statement : MigrationStatements(migration.sql, conn.dialect().name)) sql << statement;
    sql << kInsertMigration, soci::use(version, "version"), soci::use(name, "name"),
        soci::use(applied_at, "applied_at");
    sql << "COMMIT";
    log::Info("storage_migration_applied", {{"backend", conn.dialect().name}, {"migration", label}});
    return true;
  } catch (const soci::soci_error& e) {
    auto error = conn.Translate(e, "migration " + label, {});
    try {
      sql << "ROLLBACK";
    } catch (const soci::soci_error& rollback_error) {
      // The migration's own error is the one returned; a connection in an unknown transaction
      // state must not be reused.
      conn.MarkBroken();
      log::Warn("storage_rollback_failed", {{"backend", conn.dialect().name}, {"error", rollback_error.what()}});
    }
    return Fail(std::move(error));
  }
}

// Whether `statement` (so far) is a CREATE TRIGGER whose body has not reached its END yet.
// True inside the body of a SQLite trigger (CREATE TRIGGER … BEGIN …; …; END), whose semicolons
// do not end the statement. A PostgreSQL trigger has no body of its own (it names a function).
bool InsideTrigger(const std::string& statement) {
  std::string upper;
  for (char c : statement) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const auto first = upper.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || upper.compare(first, 14, "CREATE TRIGGER") != 0) return false;
  bool has_body = false;
  for (auto at = upper.find("BEGIN"); at != std::string::npos && !has_body; at = upper.find("BEGIN", at + 1)) {
    const bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(upper[at - 1]));
    const bool word_end = at + 5 >= upper.size() || !std::isalnum(static_cast<unsigned char>(upper[at + 5]));
    has_body = word_start && word_end;
  }
  if (!has_body) return false;
  const auto last = upper.find_last_not_of(" \t\r\n");
  return !(last >= 2 && upper.compare(last - 2, 3, "END") == 0 &&
           (last < 3 || !std::isalnum(static_cast<unsigned char>(upper[last - 3]))));
}

// The length of a PostgreSQL dollar-quote tag ($$ or $name$) starting at sql[at], or 0.
std::size_t DollarTagAt(std::string_view sql, std::size_t at) {
  std::size_t i = at + 1;
  while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
  if (i >= sql.size() || sql[i] != '$') return 0;
  if (i > at + 1 && std::isdigit(static_cast<unsigned char>(sql[at + 1]))) return 0;  // $1 is a parameter
  return i - at + 1;
}

}  // namespace

std::vector<std::string> MigrationStatements(std::string_view sql, std::string_view dialect) {
  std::string kept;
  bool keep = true;
  std::size_t start = 0;
  while (start < sql.size()) {
    auto end = sql.find('\n', start);
    if (end == std::string_view::npos) end = sql.size();
    const std::string_view line = sql.substr(start, end - start);
    constexpr std::string_view kMarker = "-- dialect: ";
    if (line.starts_with(kMarker)) {
      std::string_view name = line.substr(kMarker.size());
      while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.remove_suffix(1);
      keep = name == "all" || name == dialect;
    } else if (keep) {
      kept.append(line);
    }
    kept.push_back('\n');
    start = end + 1;
  }
  return SplitSqlStatements(kept);
}

std::vector<std::string> SplitSqlStatements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const auto first = current.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) out.push_back(current.substr(first));
    current.clear();
  };
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // comment to end of line
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
    } else if (c == '\'' || c == '"') {  // literal or quoted identifier, '' and "" escape
      current += c;
      for (++i; i < sql.size(); ++i) {
        current += sql[i];
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            current += sql[++i];
          } else {
            break;
          }
        }
      }
    } else if (c == '$' && DollarTagAt(sql, i) > 0) {  // PostgreSQL $tag$ … $tag$ (a function body)
      const std::size_t tag_size = DollarTagAt(sql, i);
      const std::string_view tag = sql.substr(i, tag_size);
      const auto close = sql.find(tag, i + tag_size);
      const std::size_t end = close == std::string_view::npos ? sql.size() : close + tag_size;
      current.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == ';' && InsideTrigger(current)) {  // CREATE TRIGGER … BEGIN …; …; END
      current += c;
    } else if (c == ';') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

int LatestSchemaVersion() {
  const auto migrations = EmbeddedMigrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<int> Migrate(domain::Store& store, const Clock& clock) { return MigrateTo(store, clock, LatestSchemaVersion()); }

Result<int> MigrateTo(domain::Store& store, const Clock& clock, int target_version) {
  return MigrateWith(store, clock, EmbeddedMigrations(), target_version);
}

Result<int> MigrateWith(domain::Store& store, const Clock& clock, std::span<const Migration> migrations,
                        int target_version) {
  auto sql_store = SqlStoreOf(store);
  if (!sql_store) return Fail(sql_store.error());
  if (auto newer = CheckSchemaNotNewer(store); !newer) return Fail(newer.error());
  int applied = 0;
  auto status = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
    const bool postgres = conn.dialect().backend == Backend::kPostgres;
    if (postgres) {
      try {
        conn.sql() << kLockMigrations;
      } catch (const soci::soci_error& e) {
        return Fail(conn.Translate(e, "migrations: lock", {}));
      }
    }
    Status result = [&]() -> Status {
      try {
        conn.sql() << kCreateSchemaMigrations;
      } catch (const soci::soci_error& e) {
        return Fail(conn.Translate(e, "migrations: create schema_migrations", {}));
      }
      int expected_version = 1;
      for (const Migration& migration : migrations) {
        if (migration.version != expected_version++) {
          return Fail(Error::Internal("migrations are not numbered 1, 2, 3, …"));
        }
        if (migration.version > target_version) break;
        auto done = ApplyOne(conn, migration, clock);
        if (!done) return Fail(std::move(done.error()));
        if (*done) ++applied;
      }
      return {};
    }();
    if (postgres) {
      try {
        conn.sql() << kUnlockMigrations;
      } catch (const soci::soci_error& e) {
        auto error = conn.Translate(e, "migrations: unlock", {});
        if (result) result = Fail(std::move(error));
      }
    }
    return result;
  });
  if (!status) return Fail(std::move(status.error()));
  return applied;
}

Result<int> Migrate(domain::Store& store) {
  static const SystemClock kClock;
  return Migrate(store, kClock);
}

Result<int> CurrentSchemaVersion(domain::Store& store) {
  auto sql_store = SqlStoreOf(store);
  if (!sql_store) return Fail(sql_store.error());
  int version = 0;
  auto status = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("schema_version", [&]() -> Status {
      std::string table = "schema_migrations";
      long long tables = 0;
      conn.sql() << std::string(conn.dialect().count_tables_named), soci::use(table, "name"), soci::into(tables);
      if (tables == 0) return {};
      long long max_version = 0;
      soci::indicator ind = soci::i_null;
      conn.sql() << kSelectSchemaVersion, soci::into(max_version, ind);
      if (ind == soci::i_ok) version = static_cast<int>(max_version);
      return {};
    });
  });
  if (!status) return Fail(std::move(status.error()));
  return version;
}

Result<std::vector<std::string>> PendingMigrations(domain::Store& store) {
  if (auto newer = CheckSchemaNotNewer(store); !newer) return Fail(newer.error());
  auto sql_store = SqlStoreOf(store);
  if (!sql_store) return Fail(sql_store.error());
  std::vector<std::string> pending;
  auto status = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("pending_migrations", [&]() -> Status {
      std::string table = "schema_migrations";
      long long tables = 0;
      conn.sql() << std::string(conn.dialect().count_tables_named), soci::use(table, "name"), soci::into(tables);
      for (const Migration& migration : EmbeddedMigrations()) {
        long long count = 0;
        if (tables > 0) {
          long long version = migration.version;
          conn.sql() << kCountMigration, soci::use(version, "version"), soci::into(count);
        }
        if (count == 0) {
          char number[8];
          std::snprintf(number, sizeof number, "%04d", migration.version);
          pending.push_back(std::string(number) + "_" + std::string(migration.name));
        }
      }
      return {};
    });
  });
  if (!status) return Fail(std::move(status.error()));
  return pending;
}

Status CheckSchemaNotNewer(domain::Store& store) {
  auto current = CurrentSchemaVersion(store);
  if (!current) return Fail(current.error());
  const int latest = LatestSchemaVersion();
  if (*current > latest) {
    return Fail(Error::InvalidArgument(
        "the database is at schema version " + std::to_string(*current) + ", newer than this portal (schema " +
        std::to_string(latest) +
        "): run the release that upgraded it, or restore the backup taken before the upgrade (docs/deploy.md)"));
  }
  return {};
}

}  // namespace portal::storage
