#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>

namespace portal {
namespace {

TEST(FormatRfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatRfc3339Millis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339Millis(1742808600123), "2025-03-24T09:30:00.123Z");
  EXPECT_EQ(FormatRfc3339Millis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatRfc3339Millis(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339Millis(253402300799999), "9999-12-31T23:59:59.999Z");
}

TEST(FormatRfc3339, AgreesWithGmtimeOverFourCenturies) {
  // A step that is not a whole number of days or hours walks every month, leap day and time of day.
  for (std::int64_t ms = -2'208'988'800'000; ms < 10'413'792'000'000; ms += 7'777'777'777) {
    std::time_t secs = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char want[96];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>((ms % 1000 + 1000) % 1000));
    ASSERT_EQ(FormatRfc3339Millis(ms), want) << ms;
  }
}

TEST(UnixMillis, RoundTrips) {
  auto t = FromUnixMillis(1742808600123);
  EXPECT_EQ(ToUnixMillis(t), 1742808600123);
}

}  // namespace
}  // namespace portal
