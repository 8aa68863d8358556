#include "legacy/mongo_export.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace portal::legacy {
namespace {

namespace json = boost::json;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::filesystem::path kExport = std::filesystem::path(PORTAL_FIXTURES_DIR) / "legacy-mongo";

domain::LegacyExport ReadOrFail(const std::map<std::string, std::string>& files) {
  auto data = ReadExport(files);
  EXPECT_TRUE(data) << (data ? "" : data.error().message);
  return data ? *data : domain::LegacyExport{};
}

TEST(MongoExport, ReadsTheSharedFixture) {
  auto data = ReadExportDirectory(kExport);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(data->organizations.size(), 3u);
  EXPECT_EQ(data->users.size(), 6u);
  EXPECT_EQ(data->api_keys.size(), 9u);
  EXPECT_EQ(data->prompts.size(), 3u);
  EXPECT_TRUE(data->read_problems.empty());
  EXPECT_TRUE(data->missing_files.empty());
  const auto& user = data->users.front();
  EXPECT_EQ(user.legacy_id, "2c376631129f34369aad80b8");
  EXPECT_EQ(user.email, "tatsuya@example.jp");
  EXPECT_EQ(user.role, "SuperAdmin");
  EXPECT_EQ(user.organization_legacy_id, "a4c123b1612dd272d1371c17");
  EXPECT_EQ(user.api_key_id, "apikey_01SM9wCZ7Uw9xfogoEmvnEN5");
  EXPECT_TRUE(user.password_hash.starts_with("$2a$10$"));
  EXPECT_EQ(user.updated_at, 1742894047212);  // 2025-03-25T09:14:07.212Z
  EXPECT_EQ(user.line, 1);
  EXPECT_EQ(data->organizations[1].workspace_id, "wrkspc_01j7FAc9QeWJKY40uvSwMFLZ");
  EXPECT_FALSE(data->api_keys.front().value->empty());
  EXPECT_EQ(data->prompts[0].visibility, "public");
  EXPECT_EQ(data->prompts[1].visibility, "private");
  EXPECT_EQ(data->prompts[1].use_count, 3);
  EXPECT_EQ(data->prompts[0].tags, std::vector<std::string>{"lp"});
}

TEST(MongoExport, AJsonArrayPrettyOrNotReadsLikeOneDocumentPerLine) {
  const std::string lines = ReadFile(kExport / "simpleusers.json");
  json::array docs;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) docs.push_back(json::parse(line));
  }
  std::string pretty = "[\n";
  for (std::size_t i = 0; i < docs.size(); ++i) {
    pretty += "  " + json::serialize(docs[i]) + (i + 1 < docs.size() ? ",\n" : "\n");
  }
  pretty += "]\n";
  auto a = ReadOrFail({{"simpleusers.json", lines}});
  auto b = ReadOrFail({{"simpleusers.json", json::serialize(docs)}});
  auto c = ReadOrFail({{"simpleusers.json", pretty}});
  ASSERT_EQ(a.users.size(), 6u);
  ASSERT_EQ(b.users.size(), 6u);
  ASSERT_EQ(c.users.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(a.users[i].email, b.users[i].email);
    EXPECT_EQ(a.users[i].email, c.users[i].email);
    EXPECT_EQ(a.users[i].updated_at, c.users[i].updated_at);
    EXPECT_EQ(c.users[i].line, static_cast<int>(i) + 2);  // the array's documents start on line 2
  }
}

TEST(MongoExport, CanonicalExtendedJsonBomCrlfAndPrettyDocuments) {
  const std::string text =
      "\xEF\xBB\xBF{\"_id\": {\"$oid\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"}, \"email\": \"A@Example.com\",\r\n"
      "  \"updatedAt\": {\"$date\": {\"$numberLong\": \"1742894047212\"}}, \"__v\": {\"$numberInt\": \"3\"}}\r\n"
      "{\"_id\": {\"$oid\": \"bbbbbbbbbbbbbbbbbbbbbbbb\"}, \"email\": \"b@example.com\",\r\n"
      " \"updatedAt\": {\"$date\": \"2025-03-25T18:14:07.212+09:00\"}}\r\n";
  auto data = ReadOrFail({{"simpleusers.json", text}});
  ASSERT_EQ(data.users.size(), 2u);
  EXPECT_EQ(data.users[0].legacy_id, "aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(data.users[0].updated_at, 1742894047212);
  EXPECT_EQ(data.users[1].updated_at, 1742894047212);
  EXPECT_EQ(data.users[1].line, 3);
  auto prompts = ReadOrFail({{"prompts.json", R"({"_id": 7, "usageCount": {"$numberLong": "42"}, "tags": "a,b"})"}});
  ASSERT_EQ(prompts.prompts.size(), 1u);
  EXPECT_EQ(prompts.prompts[0].legacy_id, "7");
  EXPECT_EQ(prompts.prompts[0].use_count, 42);
  EXPECT_EQ(prompts.prompts[0].tags, (std::vector<std::string>{"a", "b"}));
}

TEST(MongoExport, AMissingFileIsAnEmptyCollection) {
  auto data = ReadOrFail({{"simpleusers.json", ""}});
  EXPECT_TRUE(data.users.empty());
  EXPECT_EQ(data.missing_files, (std::vector<std::string>{"simpleorganizations", "anthropicapikeys", "prompts"}));
  EXPECT_FALSE(ReadExportDirectory(kExport / "no-such-folder"));
}

TEST(MongoExport, ABrokenFileIsAnErrorNamingTheFileAndLine) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"{\"_id\": \"a\"}\n{\"_id\": \"b\", \"email\": }\n", "simpleusers.json line 2: not valid JSON"},
      {"{\"_id\": \"a\"}\n[1, 2]\n", "simpleusers.json line 2: expected a document"},
      {"{\"_id\": \"a\"}\n\n{\"_id\": \"b\"", "simpleusers.json line 3: the document is not complete"},
      {"[{\"_id\": \"a\"}\n{\"_id\": \"b\"}]", "simpleusers.json line 2: expected , or ]"},
      {"[{\"_id\": \"a\"}", "simpleusers.json line 1: the JSON array is not closed"},
      {"{\"_id\": \"a\", \"updatedAt\": {\"$date\": \"yesterday\"}}", "line 1: {\"$date\": …} is not a date"},
      {"{\"_id\": \"a\", \"name\": \"\xff\"}", "simpleusers.json line 1: not valid JSON"},
      // A whole line that is an Extended JSON wrapper (a case server/fuzz/legacy_export_fuzz.cpp
      // reaches) is refused, never thrown out of the reader.
      {"{\"_id\": \"a\"}\n{\"$oid\": \"5f1\"}\n", "simpleusers.json line 2: expected a document"},
      {"[{\"$date\": {\"$numberLong\": \"1\"}}]", "simpleusers.json line 1: expected a document"},
  };
  for (const auto& c : cases) {
    auto data = ReadExport({{"simpleusers.json", c.text}});
    ASSERT_FALSE(data) << c.text;
    EXPECT_NE(data.error().message.find(c.expected), std::string::npos) << data.error().message;
    EXPECT_EQ(data.error().api_code, "invalid_export");
  }
}

// A count beyond 64 bits is a field of the wrong type, never converted with undefined behaviour
// (as in the Anthropic codec).
TEST(MongoExport, ANumberTooLargeFor64BitsIsAWrongType) {
  auto data = ReadOrFail({{"prompts.json",
                           "{\"_id\": \"p\", \"title\": \"t\", \"content\": \"c\", "
                           "\"usageCount\": 1e30}\n{\"_id\": \"q\", \"usageCount\": "
                           "18446744073709551615}\n{\"_id\": \"r\", \"usageCount\": 7.0}\n"}});
  ASSERT_EQ(data.prompts.size(), 1u);
  EXPECT_EQ(data.prompts[0].use_count, 7);
  ASSERT_EQ(data.read_problems.size(), 2u);
  EXPECT_NE(data.read_problems[0].message.find("\"usageCount\" should be a number"), std::string::npos)
      << data.read_problems[0].message;
}

TEST(MongoExport, AFieldOfTheWrongTypeSkipsThatDocumentOnly) {
  auto data = ReadOrFail(
      {{"simpleusers.json", "{\"_id\": \"a\", \"email\": 42}\n{\"_id\": \"b\", \"email\": \"b@example.com\"}\n"}});
  ASSERT_EQ(data.users.size(), 1u);
  EXPECT_EQ(data.users[0].legacy_id, "b");
  ASSERT_EQ(data.read_problems.size(), 1u);
  EXPECT_EQ(data.read_problems[0].legacy_id, "a");
  EXPECT_EQ(data.read_problems[0].collection, "simpleusers");
  EXPECT_NE(data.read_problems[0].message.find("\"email\""), std::string::npos);
}

TEST(MongoExport, TheReportShowsControlCharactersAsEscapes) {
  domain::ImportReport report;
  report.counts["users"] = {1, 2, 3};
  report.problems.push_back(
      {"invalid_name", "simpleusers", "x\x1b]52;c;", "name \"\x1b[2J\xe2\x80\xae\xc2\x9b\" is odd"});
  const std::string text = ReportText(report);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_NE(text.find("\\x1B[2J\\u202E\\u009B"), std::string::npos) << text;
  EXPECT_NE(text.find("users                   1        2        3"), std::string::npos) << text;
  auto parsed = ReportJson(report);
  EXPECT_EQ(parsed.at("counts").at("users").at("skipped").as_int64(), 3);
  EXPECT_EQ(parsed.at("problems").as_array().size(), 1u);
  EXPECT_EQ(parsed.at("dryRun").as_bool(), true);
}

}  // namespace
}  // namespace portal::legacy
