#include <gtest/gtest.h>

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

}  // namespace
}  // namespace portal::storage
