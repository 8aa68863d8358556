#include "security/password_hasher.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "security/test_fixtures.hpp"

namespace portal::security {
namespace {

// The floor: what most tests use, so that the suite stays fast.
constexpr Argon2Params kFloor{kMinOpsLimit, kMinMemLimit};

struct PhcParams {
  long m = 0;
  long t = 0;
  long p = 0;
};

PhcParams ParsePhc(const std::string& hash) {
  static const std::regex kPhc(R"(^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$)");
  std::smatch match;
  if (!std::regex_match(hash, match, kPhc)) {
    ADD_FAILURE() << "not an argon2id PHC string: " << hash;
    return {};
  }
  return {std::stol(match[1]), std::stol(match[2]), std::stol(match[3])};
}

TEST(SodiumPasswordHasher, DefaultParametersAreAboveTheFloor) {
  SodiumPasswordHasher hasher;
  const auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.has_value());
  const PhcParams params = ParsePhc(*hash);
  EXPECT_GE(params.m, 19456);
  EXPECT_GE(params.t, 2);
  EXPECT_EQ(params.m, 19456);  // OWASP's m = 19 MiB, t = 2 set (docs/security.md)
  EXPECT_EQ(params.t, 2);
  EXPECT_EQ(hasher.Verify("correct horse battery staple", *hash), true);
}

TEST(SodiumPasswordHasher, ConstructorRejectsParametersBelowTheFloor) {
  EXPECT_THROW(SodiumPasswordHasher({kMinOpsLimit - 1, kMinMemLimit}), std::invalid_argument);
  EXPECT_THROW(SodiumPasswordHasher({kMinOpsLimit, kMinMemLimit - 1}), std::invalid_argument);
  EXPECT_THROW(SodiumPasswordHasher({1, 8U * 1024 * 1024}), std::invalid_argument);
  EXPECT_NO_THROW(SodiumPasswordHasher{kFloor});
}

TEST(SodiumPasswordHasher, FloorParametersShowInTheHash) {
  SodiumPasswordHasher hasher(kFloor);
  const auto hash = hasher.Hash("pw");
  ASSERT_TRUE(hash.has_value());
  const PhcParams params = ParsePhc(*hash);
  EXPECT_EQ(params.m, 19456);
  EXPECT_EQ(params.t, 2);
}

TEST(SodiumPasswordHasher, HashThenVerifyRoundTrips) {
  SodiumPasswordHasher hasher(kFloor);
  const auto hash = hasher.Hash("パスワード-2025");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hasher.Verify("パスワード-2025", *hash), true);
  EXPECT_EQ(hasher.Verify("パスワード-2026", *hash), false);
  EXPECT_EQ(hasher.Verify("", *hash), false);
}

TEST(SodiumPasswordHasher, SamePasswordHashesDifferently) {
  SodiumPasswordHasher hasher(kFloor);
  EXPECT_NE(hasher.Hash("pw").value(), hasher.Hash("pw").value());
}

TEST(SodiumPasswordHasher, EmptyPasswordStillHashes) {
  SodiumPasswordHasher hasher(kFloor);
  const auto hash = hasher.Hash("");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hasher.Verify("", *hash), true);
  EXPECT_EQ(hasher.Verify("x", *hash), false);
}

TEST(SodiumPasswordHasher, UnknownOrMalformedHashesVerifyFalse) {
  SodiumPasswordHasher hasher(kFloor);
  EXPECT_EQ(hasher.Verify("pw", ""), false);
  EXPECT_EQ(hasher.Verify("pw", "pw"), false);
  EXPECT_EQ(hasher.Verify("pw", "$1$saltsalt$abcdefghijklmnopqrstuv"), false);
  EXPECT_EQ(hasher.Verify("pw", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA"), false);
  EXPECT_EQ(hasher.Verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$garbage"), false);
  EXPECT_EQ(hasher.Verify("pw", "$2a$10$tooshort"), false);
  EXPECT_EQ(hasher.Verify("pw", std::string(500, '$')), false);
}

// Openwall crypt_blowfish test vector; $2a$, $2b$ and $2y$ agree for ASCII passwords.
constexpr std::string_view kBcryptUU = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

TEST(SodiumPasswordHasher, VerifiesEveryBcryptPrefix) {
  SodiumPasswordHasher hasher(kFloor);
  for (const std::string prefix : {"$2a$", "$2b$", "$2y$"}) {
    const std::string hash = prefix + std::string(kBcryptUU.substr(4));
    EXPECT_EQ(hasher.Verify("U*U", hash), true) << hash;
    EXPECT_EQ(hasher.Verify("U*V", hash), false) << hash;
  }
}

TEST(SodiumPasswordHasher, BcryptWithEmbeddedNulNeverMatches) {
  SodiumPasswordHasher hasher(kFloor);
  EXPECT_EQ(hasher.Verify(std::string("U*U\0extra", 9), kBcryptUU), false);
}

TEST(SodiumPasswordHasher, VerifiesEveryLegacyMongoUser) {
  const auto expected = boost::json::parse(testing::ReadFixture("legacy-mongo/EXPECTED.json")).as_object();
  std::map<std::string, std::string> password_by_email;
  for (const auto& user : expected.at("users").as_array()) {
    password_by_email[std::string(user.at("email").as_string())] = std::string(user.at("password").as_string());
  }

  // simpleusers.json is a mongoexport: one JSON document per line.
  std::istringstream lines(testing::ReadFixture("legacy-mongo/simpleusers.json"));
  SodiumPasswordHasher hasher(kFloor);
  int verified = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      continue;
    }
    const auto user = boost::json::parse(line).as_object();
    const std::string email(user.at("email").as_string());
    const std::string hash(user.at("password").as_string());
    ASSERT_TRUE(password_by_email.contains(email)) << email;
    const std::string& password = password_by_email[email];
    EXPECT_EQ(hasher.Verify(password, hash), true) << email;
    EXPECT_EQ(hasher.Verify(password + "x", hash), false) << email;
    EXPECT_TRUE(hasher.NeedsRehash(hash)) << email;
    ++verified;
  }
  EXPECT_EQ(verified, static_cast<int>(password_by_email.size()));
  EXPECT_GT(verified, 0);
}

TEST(SodiumPasswordHasher, NeedsRehash) {
  SodiumPasswordHasher hasher(kFloor);
  const auto fresh = hasher.Hash("pw");
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(hasher.NeedsRehash(*fresh));
  EXPECT_TRUE(hasher.NeedsRehash(kBcryptUU));
  EXPECT_TRUE(hasher.NeedsRehash("$2b$10$whatever"));
  EXPECT_TRUE(hasher.NeedsRehash("unknown"));
  EXPECT_TRUE(hasher.NeedsRehash(""));

  // A hash made with the floor is redone once the configured parameters go up.
  SodiumPasswordHasher stronger({kMinOpsLimit + 1, kMinMemLimit});
  EXPECT_TRUE(stronger.NeedsRehash(*fresh));
  // And it still verifies under the new configuration in the meantime.
  EXPECT_EQ(stronger.Verify("pw", *fresh), true);
}

// An inner hasher whose calls block until the test opens the gate.
class GatedHasher final : public domain::PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) override {
    Wait();
    return std::string("hashed:") + std::string(password);
  }
  Result<bool> Verify(std::string_view password, std::string_view hash) override {
    Wait();
    return hash == "hashed:" + std::string(password);
  }
  bool NeedsRehash(std::string_view) const override { return false; }

  void Open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  int entered() const {
    std::lock_guard lock(mutex_);
    return entered_;
  }

 private:
  void Wait() {
    std::unique_lock lock(mutex_);
    ++entered_;
    cv_.wait(lock, [this] { return open_; });
  }
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
  int entered_ = 0;
};

template <typename Predicate>
bool Eventually(Predicate predicate) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

TEST(BoundedPasswordHasher, RejectsWithUnavailableWhenRunningAndWaitingAreFull) {
  auto gated = std::make_unique<GatedHasher>();
  GatedHasher& inner = *gated;
  BoundedPasswordHasher hasher(std::move(gated), {.max_concurrent = 1, .max_waiting = 1});

  auto running = std::async(std::launch::async, [&] { return hasher.Hash("a"); });
  ASSERT_TRUE(Eventually([&] { return inner.entered() == 1; }));
  auto waiting = std::async(std::launch::async, [&] { return hasher.Verify("b", "hashed:b"); });
  ASSERT_TRUE(Eventually([&] { return hasher.Waiting() == 1; }));
  EXPECT_EQ(hasher.Running(), 1U);

  // Both the slot and the queue are taken: the next callers are turned away at once.
  const auto start = std::chrono::steady_clock::now();
  const auto rejected_hash = hasher.Hash("c");
  const auto rejected_verify = hasher.Verify("c", "hashed:c");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_FALSE(rejected_hash.has_value());
  EXPECT_EQ(rejected_hash.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(rejected_hash.error().message, "the server is busy, try again shortly");
  EXPECT_EQ(rejected_hash.error().retry_after_seconds, 1);
  ASSERT_FALSE(rejected_verify.has_value());
  EXPECT_EQ(rejected_verify.error().code, ErrorCode::kUnavailable);
  // Cheap and unbounded.
  EXPECT_FALSE(hasher.NeedsRehash("anything"));

  inner.Open();
  EXPECT_EQ(running.get(), "hashed:a");
  EXPECT_EQ(waiting.get(), true);
  EXPECT_EQ(inner.entered(), 2);
  EXPECT_EQ(hasher.Running(), 0U);
  EXPECT_EQ(hasher.Waiting(), 0U);

  // Once drained it accepts work again.
  EXPECT_EQ(hasher.Hash("d"), "hashed:d");
}

TEST(BoundedPasswordHasher, NoWaitingRoomRejectsAsSoonAsAllSlotsAreBusy) {
  auto gated = std::make_unique<GatedHasher>();
  GatedHasher& inner = *gated;
  BoundedPasswordHasher hasher(std::move(gated), {.max_concurrent = 2, .max_waiting = 0});

  auto first = std::async(std::launch::async, [&] { return hasher.Hash("a"); });
  auto second = std::async(std::launch::async, [&] { return hasher.Hash("b"); });
  ASSERT_TRUE(Eventually([&] { return inner.entered() == 2; }));
  const auto rejected = hasher.Hash("c");
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::kUnavailable);

  inner.Open();
  EXPECT_TRUE(first.get().has_value());
  EXPECT_TRUE(second.get().has_value());
}

TEST(BoundedPasswordHasher, ManyConcurrentCallersAllCompleteOrAreRejected) {
  BoundedPasswordHasher hasher(std::make_unique<SodiumPasswordHasher>(kFloor), {.max_concurrent = 2, .max_waiting = 2});
  std::vector<std::future<Result<std::string>>> calls;
  calls.reserve(8);
  for (int i = 0; i < 8; ++i) {
    calls.push_back(std::async(std::launch::async, [&] { return hasher.Hash("pw"); }));
  }
  // Collect every result first: verifying while other calls still hold the pool could itself be
  // turned away as busy.
  std::vector<Result<std::string>> results;
  results.reserve(calls.size());
  for (auto& call : calls) results.push_back(call.get());
  int ok = 0;
  for (const auto& result : results) {
    if (result) {
      ++ok;
      EXPECT_EQ(hasher.Verify("pw", *result), true);
    } else {
      EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
    }
  }
  EXPECT_GE(ok, 4);  // the first four callers always fit (2 running + 2 waiting)
}

TEST(BoundedPasswordHasher, DefaultsAndValidation) {
  BoundedPasswordHasher hasher(std::make_unique<GatedHasher>());
  EXPECT_GE(hasher.max_concurrent(), 1U);
  EXPECT_EQ(hasher.max_waiting(), 32U);
  EXPECT_THROW(BoundedPasswordHasher(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace portal::security
