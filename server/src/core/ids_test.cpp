#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace portal {
namespace {

TEST(NewId, HasPrefixAndTwentySixCrockfordCharacters) {
  auto id = NewId("usr");
  ASSERT_EQ(id.size(), 4u + 26u);
  EXPECT_EQ(id.substr(0, 4), "usr_");
  EXPECT_EQ(id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 4), std::string::npos);
}

TEST(NewId, IsStrictlyIncreasingWithinOneMillisecond) {
  auto now = std::chrono::system_clock::now();
  std::string previous = NewId("x", now);
  std::set<std::string> seen{previous};
  for (int i = 0; i < 1000; ++i) {
    auto next = NewId("x", now);
    EXPECT_LT(previous, next);
    EXPECT_TRUE(seen.insert(next).second);
    previous = next;
  }
}

TEST(NewId, SortsByTime) {
  // Later than any id made so far (the generator never goes back in time within a process).
  auto t0 = std::chrono::system_clock::now() + std::chrono::hours(24);
  auto first = NewId("a", t0);
  auto second = NewId("a", t0 + std::chrono::milliseconds(1));
  EXPECT_LT(first, second);
  EXPECT_NE(first.substr(2, 10), second.substr(2, 10));  // the time part moved
}

}  // namespace
}  // namespace portal
