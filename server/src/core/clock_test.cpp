#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace portal {
namespace {

TEST(FormatRfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatRfc3339Millis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339Millis(1742808600123), "2025-03-24T09:30:00.123Z");
}

TEST(UnixMillis, RoundTrips) {
  auto t = FromUnixMillis(1742808600123);
  EXPECT_EQ(ToUnixMillis(t), 1742808600123);
}

}  // namespace
}  // namespace portal
