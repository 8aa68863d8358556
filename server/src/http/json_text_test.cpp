#include "http/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace {

namespace json = boost::json;

TEST(JsonObjectText, WritesMembersInOrderThatParseBackToTheirValues) {
  const std::string tricky[] = {"plain",
                                "quote \" and backslash \\",
                                "tab\tnewline\ncarriage\r",
                                "\x01\x1f control",
                                "DEL \x7f",
                                "日本語の名前",
                                "😀 emoji",
                                "</script>",
                                ""};
  for (const auto& value : tricky) {
    std::string text;
    JsonObjectText object(text);
    object.String("s", value).NullableString("absent", std::nullopt).NullableString("present", value);
    object.Bool("yes", true).Bool("no", false).Int("n", -9'007'199'254'740'993LL).Int("zero", 0);
    object.Time("at", 1'733'000'000'123).Time("never", std::nullopt);
    object.Member("nested") += "[1,2]";
    object.Close();
    json::value parsed = json::parse(text);
    json::value expected = {{"s", value},       {"absent", nullptr},
                            {"present", value}, {"yes", true},
                            {"no", false},      {"n", -9'007'199'254'740'993LL},
                            {"zero", 0},        {"at", FormatRfc3339Millis(1'733'000'000'123)},
                            {"never", nullptr}, {"nested", json::array{1, 2}}};
    EXPECT_EQ(parsed, expected) << text;
    EXPECT_EQ(text.substr(0, 6), "{\"s\":\"");
  }
}

TEST(JsonObjectText, ReplacesBytesThatAreNotUtf8) {
  std::string text;
  JsonObjectText(text)
      .String("s",
              "a\xff"
              "b\xc3")
      .Close();
  EXPECT_EQ(json::parse(text), (json::value{{"s",
                                             "a\xef\xbf\xbd"
                                             "b\xef\xbf\xbd"}}));
}

TEST(JsonObjectText, KeyBriefTextIsTheKeyBriefValue) {
  domain::ApiKeyBrief brief{"apikey_01", "営業 \"本番\"", "sk-ant-api03-AbC...xyz", "active"};
  std::string text;
  AppendApiKeyBrief(text, brief);
  EXPECT_EQ(json::parse(text), ApiKeyBriefJson(brief));
  text.clear();
  AppendApiKeyBrief(text, std::nullopt);
  EXPECT_EQ(json::parse(text), ApiKeyBriefJson(std::nullopt));
}

}  // namespace
}  // namespace portal::http
