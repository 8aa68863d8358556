#pragma once
// The migrations compiled into the library (generated from migrations/*.sql at build time by
// embed_migrations.cmake, so the binary needs no .sql files at run time).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace portal::storage {

struct Migration {
  int version;            // from the file name: 0001_initial.sql → 1
  std::string_view name;  // "initial"
  std::string_view sql;   // the whole file
};

// Ordered by version, no gaps checked here (the runner does).
std::span<const Migration> EmbeddedMigrations();

// Splits a migration file into statements on ';' outside quotes and comments; drops empty ones.
// Keeps CREATE TRIGGER … BEGIN …; END in one piece.
std::vector<std::string> SplitSqlStatements(std::string_view sql);
// The statements of a migration file for one backend ("sqlite" | "postgresql"): a line
// "-- dialect: sqlite", "-- dialect: postgresql" or "-- dialect: all" starts a section that
// runs on that backend only (or on both); the file starts in "all".
std::vector<std::string> MigrationStatements(std::string_view sql, std::string_view dialect);

}  // namespace portal::storage
