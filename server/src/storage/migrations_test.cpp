#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace portal::storage {
namespace {

TEST(SplitSqlStatementsTest, SplitsOnSemicolonsOutsideQuotesAndComments) {
  const auto statements = SplitSqlStatements(
      "-- a comment; with a semicolon\n"
      "CREATE TABLE a (x TEXT DEFAULT 'a;b''c');\n"
      "CREATE TABLE \"b;c\" (y BIGINT); -- trailing; comment\n"
      "  ;\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], "CREATE TABLE a (x TEXT DEFAULT 'a;b''c')");
  EXPECT_EQ(statements[1], "CREATE TABLE \"b;c\" (y BIGINT)");
}

TEST(SplitSqlStatementsTest, KeepsATriggerBodyInOnePiece) {
  const auto statements = SplitSqlStatements(
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
      "  INSERT INTO b VALUES (new.x);\n"
      "  INSERT INTO c VALUES (new.x);\n"
      "END;\n"
      "CREATE INDEX backend_idx ON a (x);\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0],
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO b VALUES (new.x);\n  INSERT INTO c VALUES "
            "(new.x);\nEND");
  EXPECT_EQ(statements[1], "CREATE INDEX backend_idx ON a (x)");
}

TEST(SplitSqlStatementsTest, KeepsADollarQuotedFunctionBodyAndEndsBodilessTriggers) {
  const auto statements = SplitSqlStatements(
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
      "BEGIN\n  UPDATE b SET y = 1; -- not a comment inside\n  RETURN NULL;\nEND;\n$$;\n"
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;\n"
      "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW WHEN (NEW.x IS NOT NULL) EXECUTE FUNCTION f();\n"
      "CREATE TRIGGER u AFTER DELETE ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
      "SELECT $1;\n");
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_EQ(statements[0],
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE b SET y = 1; -- not a "
            "comment inside\n  RETURN NULL;\nEND;\n$$");
  EXPECT_EQ(statements[1], "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$");
  EXPECT_EQ(statements[2],
            "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW WHEN (NEW.x IS NOT NULL) EXECUTE FUNCTION f()");
  EXPECT_EQ(statements[3], "CREATE TRIGGER u AFTER DELETE ON a FOR EACH ROW EXECUTE FUNCTION f()");
  EXPECT_EQ(statements[4], "SELECT $1");
}

TEST(MigrationStatementsTest, RunsADialectSectionOnItsBackendOnly) {
  constexpr std::string_view kSql =
      "CREATE TABLE a (x TEXT);\n"
      "-- dialect: sqlite\n"
      "CREATE VIRTUAL TABLE a_fts USING fts5(x);\n"
      "-- dialect: postgresql\n"
      "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
      "-- dialect: all\n"
      "CREATE INDEX a_x ON a (x);\n";
  EXPECT_EQ(MigrationStatements(kSql, "sqlite"),
            (std::vector<std::string>{"CREATE TABLE a (x TEXT)", "CREATE VIRTUAL TABLE a_fts USING fts5(x)",
                                      "CREATE INDEX a_x ON a (x)"}));
  EXPECT_EQ(MigrationStatements(kSql, "postgresql"),
            (std::vector<std::string>{"CREATE TABLE a (x TEXT)", "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                                      "CREATE INDEX a_x ON a (x)"}));
}

TEST(EmbeddedMigrationsTest, AreNumberedFromOneWithoutGaps) {
  const auto migrations = EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
    EXPECT_FALSE(SplitSqlStatements(migrations[i].sql).empty()) << migrations[i].name;
  }
  EXPECT_EQ(migrations.front().name, "initial");
  EXPECT_EQ(LatestSchemaVersion(), migrations.back().version);
}

std::uint64_t Fingerprint(std::string_view text) {  // FNV-1a, 64 bits
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Migrations are forward-only: once released, a migration file never changes (a database that
// ran the old text would differ from one that runs the new). Change the schema with a new file.
TEST(EmbeddedMigrationsTest, ReleasedMigrationsNeverChange) {
  struct Released {
    int version;
    std::uint64_t fingerprint;
  };
  static constexpr Released kReleased[] = {
      {1, 0x17d45c71854e0806ULL}, {2, 0xc6a39ccfae79cdd5ULL},  {3, 0x227daa2523616e83ULL}, {4, 0xfc5a40bdad4ee4f9ULL},
      {5, 0x16ef75c556c87b44ULL}, {6, 0xf218a211847d8369ULL},  {7, 0x40f2f606534b273cULL}, {8, 0x0de2ab14cf740842ULL},
      {9, 0xfecc1b66b417524cULL}, {10, 0x2b535e501ea75c26ULL},
  };
  const auto migrations = EmbeddedMigrations();
  for (const auto& released : kReleased) {
    ASSERT_GE(migrations.size(), static_cast<std::size_t>(released.version));
    const auto& migration = migrations[released.version - 1];
    EXPECT_EQ(Fingerprint(migration.sql), released.fingerprint)
        << "migration " << released.version << "_" << migration.name << " was released and must not change";
  }
}

}  // namespace
}  // namespace portal::storage
