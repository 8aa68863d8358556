#include "domain/masking.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace portal::domain {
namespace {

TEST(MaskSecret, ShowsFirstSixteenAndLastFour) {
  EXPECT_EQ(MaskSecret("sk-ant-api03-WDtkwtDDb-xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po-799NksnRH9ucAUsdMl"
                       "HUvTCQCyEZDz_T-ddJ8HyAA"),
            "sk-ant-api03-WDt...HyAA");
}

TEST(MaskSecret, ShortValuesAreFullyHidden) {
  EXPECT_EQ(MaskSecret(""), "***");
  EXPECT_EQ(MaskSecret("short"), "***");
  EXPECT_EQ(MaskSecret(std::string(23, 'x')), "***");
}

TEST(MaskSecret, TwentyFourCharactersIsTheFirstLengthShown) {
  EXPECT_EQ(MaskSecret("abcdefghijklmnopqrstuvwx"), "abcdefghijklmnop...uvwx");
}

TEST(MaskSecret, MatchesTheHintsOfTheLegacyExport) {
  std::ifstream in(std::filesystem::path(PORTAL_FIXTURES_DIR) / "legacy-mongo/EXPECTED.json");
  ASSERT_TRUE(in) << "missing fixture";
  std::ostringstream text;
  text << in.rdbuf();
  const auto expected = boost::json::parse(text.str()).as_object();
  const auto& keys = expected.at("keys").as_array();
  ASSERT_FALSE(keys.empty());
  for (const auto& key : keys) {
    const auto& object = key.as_object();
    EXPECT_EQ(MaskSecret(object.at("value").as_string()), object.at("hint").as_string());
  }
}

}  // namespace
}  // namespace portal::domain
