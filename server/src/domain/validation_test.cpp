#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "domain/entities.hpp"

namespace portal::domain {
namespace {

TEST(ValidatePassword, AcceptsTwelveToOneHundredTwentyEightCharacters) {
  EXPECT_FALSE(ValidatePassword(std::string(11, 'a')));
  EXPECT_TRUE(ValidatePassword(std::string(12, 'a')));
  EXPECT_TRUE(ValidatePassword(std::string(128, 'a')));
  EXPECT_FALSE(ValidatePassword(std::string(129, 'a')));
  // Characters, not bytes: twelve Japanese characters are 36 bytes but a valid password.
  EXPECT_TRUE(ValidatePassword("パスワードパスワードです"));
  EXPECT_FALSE(ValidatePassword("パスワード"));
}

TEST(ValidateEmail, AcceptsPlainAddressesOnly) {
  EXPECT_TRUE(ValidateEmail("tanaka@example.co.jp"));
  EXPECT_FALSE(ValidateEmail("tanaka"));
  EXPECT_FALSE(ValidateEmail("@example.com"));
  EXPECT_FALSE(ValidateEmail("a@b"));
  EXPECT_FALSE(ValidateEmail("a b@example.com"));
  EXPECT_FALSE(ValidateEmail("a@@example.com"));
}

TEST(NormalizeEmail, TrimsAndLowerCases) { EXPECT_EQ(NormalizeEmail("  Tanaka@Example.COM "), "tanaka@example.com"); }

TEST(ValidateName, RejectsEmptyTooLongAndPadded) {
  EXPECT_TRUE(ValidateName("田中 太郎", "name"));
  EXPECT_FALSE(ValidateName("", "name"));
  EXPECT_FALSE(ValidateName(" x", "name"));
  EXPECT_FALSE(ValidateName(std::string(101, 'x'), "name"));
}

}  // namespace
}  // namespace portal::domain
