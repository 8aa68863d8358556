#include "domain/login_throttle.hpp"

#include <gtest/gtest.h>

namespace portal::domain {
namespace {

using std::chrono::seconds;

ThrottleRule Rule(int max) { return {max, std::chrono::minutes(15), seconds(30), std::chrono::minutes(15)}; }

// Failures of `account` from `address` until the next attempt would wait; returns how many were allowed.
int AllowedFailures(LoginThrottle& throttle, const std::string& account, const std::string& address, TimePoint t) {
  int allowed = 0;
  while (!throttle.RetryAfter(account, address, t) && allowed < 1000) {
    throttle.RecordFailure(account, address, t);
    ++allowed;
  }
  return allowed;
}

TEST(LoginThrottle, ExactlyTheDocumentedNumberOfGuessesGetsThrough) {
  auto t = FromUnixMillis(1'000'000);
  LoginThrottle per_account(Rule(5), Rule(1000));
  EXPECT_EQ(AllowedFailures(per_account, "a@x.jp", "1.1.1.1", t), 5);
  LoginThrottle per_address(Rule(1000), Rule(20));
  int allowed = 0;
  for (int i = 0; i < 100; ++i) {
    // Appended, not "u" + to_string(i) + "…": GCC 12 at -O3 reports a false -Wrestrict on that.
    std::string account = "u";
    account += std::to_string(i);
    account += "@x.jp";
    if (per_address.RetryAfter(account, "9.9.9.9", t)) break;
    per_address.RecordFailure(account, "9.9.9.9", t);
    ++allowed;
  }
  EXPECT_EQ(allowed, 20);
}

TEST(LoginThrottle, TheWaitDoublesWithEveryFurtherFailureUpToTheCap) {
  LoginThrottle throttle(Rule(3), Rule(1000));
  auto t = FromUnixMillis(1'000'000);
  for (int i = 0; i < 3; ++i) throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  EXPECT_EQ(*throttle.RetryAfter("a@x.jp", "1.1.1.1", t), 31);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t + seconds(31));
  EXPECT_EQ(*throttle.RetryAfter("a@x.jp", "1.1.1.1", t + seconds(31)), 61);
  for (int i = 0; i < 10; ++i) throttle.RecordFailure("a@x.jp", "1.1.1.1", t + seconds(31));
  EXPECT_EQ(*throttle.RetryAfter("a@x.jp", "1.1.1.1", t + seconds(31)), 15 * 60 + 1);
}

// Wrong passwords sent for a SuperAdmin from one address do not lock them out everywhere: the
// attacker's address waits, the owner's does not.
TEST(LoginThrottle, AnAttackerCannotLockTheOwnerOut) {
  LoginThrottle throttle(Rule(5), Rule(20));
  auto t = FromUnixMillis(1'000'000);
  for (int i = 0; i < 50; ++i) throttle.RecordFailure("root@x.jp", "6.6.6.6", t);
  EXPECT_TRUE(throttle.RetryAfter("root@x.jp", "6.6.6.6", t));
  EXPECT_FALSE(throttle.RetryAfter("root@x.jp", "10.0.0.7", t));
  // Many attackers, each within its own allowance, still do not lock the owner out.
  for (int a = 0; a < 100; ++a) {
    for (int i = 0; i < 4; ++i) throttle.RecordFailure("root@x.jp", "7.0.0." + std::to_string(a), t);
  }
  EXPECT_FALSE(throttle.RetryAfter("root@x.jp", "10.0.0.7", t));
}

TEST(LoginThrottle, TheAddressCeilingHoldsAcrossAccounts) {
  LoginThrottle throttle(Rule(100), Rule(2));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "9.9.9.9", t);
  throttle.RecordFailure("b@x.jp", "9.9.9.9", t);
  EXPECT_TRUE(throttle.RetryAfter("d@x.jp", "9.9.9.9", t));
  EXPECT_FALSE(throttle.RetryAfter("d@x.jp", "8.8.8.8", t));
}

TEST(LoginThrottle, SuccessResetsTheAccountAtThatAddress) {
  LoginThrottle throttle(Rule(2), Rule(100));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  throttle.RecordSuccess("a@x.jp", "1.1.1.1");
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t));
}

TEST(LoginThrottle, FailuresOutsideTheWindowAreForgotten) {
  LoginThrottle throttle(Rule(2), Rule(100));
  auto t = FromUnixMillis(1'000'000);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t);
  throttle.RecordFailure("a@x.jp", "1.1.1.1", t + std::chrono::minutes(16));
  EXPECT_FALSE(throttle.RetryAfter("a@x.jp", "1.1.1.1", t + std::chrono::minutes(16)));
}

}  // namespace
}  // namespace portal::domain
