// AuthService on the in-memory fakes (testing/): login, refresh rotation and reuse detection,
// logout, and access tokens checked against the session and the user on every request. The
// throttle's arithmetic is login_throttle_test.cpp.
#include "domain/auth_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

constexpr char kPassword[] = "initial-password";  // TestWorld::AddUser's hash is "hash:initial-password"

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddUser("usr_alice", Role::kUser, "org_a");
  }

  LoginInput Login(std::string password = kPassword, std::string address = "192.0.2.1") {
    return {"  USR_ALICE@portal.test ", std::move(password), "web", std::move(address), "req-login"};
  }
  const Session& OnlySession() {
    EXPECT_EQ(w.store.State().sessions.size(), 1U);
    return w.store.State().sessions.begin()->second;
  }

  testing::TestWorld w;
};

TEST_F(AuthServiceTest, ALoginStartsASessionStoresOnlyTheRefreshTokensHashAndIsAudited) {
  auto pair = w.auth.Login(Login());
  ASSERT_TRUE(pair) << pair.error().message;
  EXPECT_EQ(pair->user.id, "usr_alice");
  const auto& session = OnlySession();
  EXPECT_EQ(session.client, "web");
  ASSERT_EQ(w.store.State().refresh_tokens.size(), 1U);
  const auto& stored = w.store.State().refresh_tokens.begin()->second;
  EXPECT_EQ(stored.token_hash, w.tokens.HashToken(pair->refresh_token));
  EXPECT_NE(stored.token_hash, pair->refresh_token);
  EXPECT_EQ(w.FindUser("usr_alice")->last_login_at, w.clock.now_ms);
  EXPECT_EQ(w.store.AuditActions().back(), "auth.login");

  auto actor = w.auth.Authenticate(pair->access_token, "req-next");
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->session_id, session.id);
  EXPECT_EQ(actor->organization_id, "org_a");
}

TEST_F(AuthServiceTest, AWrongPasswordOrUnknownEmailIsOneAnswerAndTheSixthTryWaits) {
  auto wrong = w.auth.Login(Login("not the password"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  auto unknown = w.auth.Login({"nobody@portal.test", kPassword, "web", "192.0.2.1", "req"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(w.auth.Login(Login("nope")).error().code, ErrorCode::kUnauthenticated);
  auto throttled = w.auth.Login(Login());  // even the right password waits
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(throttled.error().retry_after_seconds, 0);
  EXPECT_TRUE(w.auth.Login(Login(kPassword, "198.51.100.7")));  // the owner, from elsewhere
  EXPECT_EQ(w.store.State().sessions.size(), 1U);
}

TEST_F(AuthServiceTest, ARefreshRotatesTheTokenAndAReusedOneEndsTheWholeSession) {
  auto first = w.auth.Login(Login());
  ASSERT_TRUE(first);
  w.clock.now_ms += 60'000;
  auto second = w.auth.Refresh(first->refresh_token, "req-refresh");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE(second->refresh_token, first->refresh_token);
  EXPECT_TRUE(w.store.State().refresh_tokens.at(w.tokens.HashToken(first->refresh_token)).rotated_at);

  auto reused = w.auth.Refresh(first->refresh_token, "req-thief");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(OnlySession().revoked_reason, "refresh_reuse");
  EXPECT_EQ(w.store.AuditActions().back(), "session.refresh_reuse_detected");
  // The family is over: the newest token and the access token stop working too.
  EXPECT_FALSE(w.auth.Refresh(second->refresh_token, "req"));
  EXPECT_FALSE(w.auth.Authenticate(second->access_token, "req"));
}

TEST_F(AuthServiceTest, LogoutAndDisablingTakeEffectOnTheNextRequest) {
  auto pair = w.auth.Login(Login());
  ASSERT_TRUE(pair);
  auto actor = w.auth.Authenticate(pair->access_token, "req");
  ASSERT_TRUE(actor);
  ASSERT_TRUE(w.auth.Logout(*actor, std::nullopt, "req-logout"));
  EXPECT_EQ(OnlySession().revoked_reason, "logout");
  EXPECT_EQ(w.auth.Authenticate(pair->access_token, "req").error().code, ErrorCode::kUnauthenticated);

  auto again = w.auth.Login(Login());
  ASSERT_TRUE(again);
  ASSERT_TRUE(w.store.Write([](Tx& tx) -> Status {
    auto user = *tx.Users().FindById("usr_alice");
    user.status = UserStatus::kDisabled;
    return tx.Users().Update(user);
  }));
  EXPECT_EQ(w.auth.Authenticate(again->access_token, "req").error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(w.auth.Refresh(again->refresh_token, "req"));
  auto disabled = w.auth.Login(Login());
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().api_code, "account_disabled");
}

TEST_F(AuthServiceTest, AnExpiredAccessTokenOrSessionIsRefused) {
  auto pair = w.auth.Login(Login());
  ASSERT_TRUE(pair);
  w.clock.now_ms += 601'000;  // past the access token's 10 minutes
  EXPECT_FALSE(w.auth.Authenticate(pair->access_token, "req"));
  EXPECT_TRUE(w.auth.Refresh(pair->refresh_token, "req"));
  w.clock.now_ms += 31LL * 24 * 3600 * 1000;  // past the refresh token's 30 days
  auto late = w.auth.Login(Login());
  ASSERT_TRUE(late);
  w.clock.now_ms += 31LL * 24 * 3600 * 1000;
  EXPECT_EQ(w.auth.Refresh(late->refresh_token, "req").error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace portal::domain
