#include "domain/login_throttle.hpp"

#include <gtest/gtest.h>

namespace portal::domain {
namespace {

using std::chrono::seconds;

ThrottleRule Rule(int max) { return {max, std::chrono::minutes(15), seconds(30), std::chrono::minutes(15)}; }

TEST(LoginThrottle, LocksAnAccountAfterTooManyFailuresAndDoubles) {
  LoginThrottle throttle(Rule(3), Rule(100));
  auto t = FromUnixMillis(1'000'000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t));
    throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  }
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t));  // the 3rd failure is still allowed
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);             // 4th: locked 30 s
  auto wait = throttle.RetryAfter("a@x.jp", "2.2.2.2", t);
  ASSERT_TRUE(wait);
  EXPECT_GE(*wait, 30);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);  // 5th: locked 60 s
  EXPECT_GE(*throttle.RetryAfter("a@x.jp", "2.2.2.2", t), 60);
  EXPECT_FALSE(throttle.RetryAfter("other@x.jp", "2.2.2.2", t));  // another account is not affected
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "2.2.2.2", t + seconds(61)));
}

TEST(LoginThrottle, LocksAnAddressAcrossAccounts) {
  LoginThrottle throttle(Rule(100), Rule(2));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "9.9.9.9", t);
  throttle.RecordFailure("b@x.jp", "9.9.9.9", t);
  throttle.RecordFailure("c@x.jp", "9.9.9.9", t);
  EXPECT_TRUE(throttle.RetryAfter("d@x.jp", "9.9.9.9", t));
  EXPECT_FALSE(throttle.RetryAfter("d@x.jp", "8.8.8.8", t));
}

TEST(LoginThrottle, SuccessResetsTheAccount) {
  LoginThrottle throttle(Rule(1), Rule(100));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  throttle.RecordSuccess("a@x.jp");
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t));
}

TEST(LoginThrottle, FailuresOutsideTheWindowAreForgotten) {
  LoginThrottle throttle(Rule(1), Rule(100));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t + std::chrono::minutes(16));
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t + std::chrono::minutes(16)));
}

}  // namespace
}  // namespace portal::domain
