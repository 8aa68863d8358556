#include "security/tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace portal::security {
namespace {

TEST(Base64Url, Rfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xfe"), "-__-");
}

TEST(Base64Url, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) {
    all.push_back(static_cast<char>(i));
  }
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)).value(), bytes);
  }
}

TEST(Base64Url, DecodeIsStrict) {
  EXPECT_EQ(Base64UrlDecode("Zm9vYmFy").value(), "foobar");
  EXPECT_EQ(Base64UrlDecode("-__-").value(), "\xfb\xff\xfe");
  EXPECT_EQ(Base64UrlDecode("Zm8").value(), "fo");
  // Padding, the standard alphabet's +/, spaces, impossible lengths and non-zero trailing bits
  // ("Zh", "Zm9" and "Zm-" decode to "f" and "fo" only if the leftover bits are ignored).
  for (const std::string_view bad : {"Zg==", "Zm8=", "Zm9+", "Zm9/", "Zm 9v", "Z", "Zm9vY", "Zh", "Zm9", "Zm-"}) {
    const auto decoded = Base64UrlDecode(bad);
    ASSERT_FALSE(decoded.has_value()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(SodiumTokenGenerator, RandomTokenHasTheRequestedEntropyAndDiffers) {
  SodiumTokenGenerator generator;
  const std::string a = generator.RandomToken(32);
  const std::string b = generator.RandomToken(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, b);
  EXPECT_EQ(Base64UrlDecode(a).value().size(), 32U);
  EXPECT_EQ(generator.RandomToken(0), "");
}

TEST(SodiumTokenGenerator, RandomPasswordUsesOnlyUnambiguousCharacters) {
  SodiumTokenGenerator generator;
  std::set<char> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string password = generator.RandomPassword(SodiumTokenGenerator::kDefaultPasswordLength);
    ASSERT_EQ(password.size(), 16U);
    for (const char c : password) {
      EXPECT_EQ(std::string_view("0O1lI").find(c), std::string_view::npos) << password;
      EXPECT_NE(SodiumTokenGenerator::kPasswordAlphabet.find(c), std::string_view::npos) << password;
      seen.insert(c);
    }
  }
  // 3200 draws from 57 characters: every one of them shows up.
  EXPECT_EQ(seen.size(), SodiumTokenGenerator::kPasswordAlphabet.size());
  EXPECT_EQ(generator.RandomPassword(0), "");
}

TEST(SodiumTokenGenerator, HashTokenIsLowerCaseHexSha256) {
  SodiumTokenGenerator generator;
  EXPECT_EQ(generator.HashToken(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(generator.HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace portal::security
