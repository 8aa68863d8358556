#include "domain/decimal.hpp"

#include <gtest/gtest.h>

namespace portal::domain {
namespace {

TEST(Decimal, SumsExactlyWhereDoublesDoNot) {
  Decimal sum;
  for (int i = 0; i < 10; ++i) sum += *Decimal::Parse("0.1");
  EXPECT_EQ(sum.ToString(), "1");
  EXPECT_EQ((*Decimal::Parse("123.45678") + *Decimal::Parse("0.00322")).ToString(), "123.46");
  EXPECT_EQ((*Decimal::Parse("5") + *Decimal::Parse("-7.25")).ToString(), "-2.25");
  EXPECT_EQ(Decimal().ToString(), "0");
  EXPECT_EQ(Decimal::Parse("0.000000001")->ToString(), "0.000000001");
  EXPECT_EQ(Decimal::Parse("99999999999999999999")->ToString(), "99999999999999999999");
  EXPECT_TRUE(*Decimal::Parse("1.5") < *Decimal::Parse("2"));
}

TEST(Decimal, RefusesWhatIsNotADecimal) {
  for (const char* bad : {"", "-", ".5", "5.", "1e3", "12,5", "0.0000000001", "abc", "1.2.3", " 1"}) {
    EXPECT_FALSE(Decimal::Parse(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace portal::domain
