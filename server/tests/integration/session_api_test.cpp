// The session API over real HTTP (API.md "Setup and session"), on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "core/clock.hpp"
#include "security/jwt.hpp"
#include "security/password_hasher.hpp"
#include "security/secret_box.hpp"
#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kCsrf = "X-Requested-With: XMLHttpRequest";

std::string LoginBody(const std::string& email, const std::string& password, const std::string& client) {
  return json::serialize(json::object{{"email", email}, {"password", password}, {"client", client}});
}

std::string Cookie(const HttpResult& result) {
  auto set_cookie = result.Header("set-cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

class SessionApi : public PortalTest {};
PORTAL_INSTANTIATE_BACKENDS(SessionApi);

TEST_P(SessionApi, SetupCreatesTheSuperAdminOnceAndLogsIn) {
  auto status = client->Get("/api/v1/setup");
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.Json().at("needed"), true);

  json::object body{{"name", "佐藤 一郎"}, {"email", "Owner@Example.com"}, {"password", kPassword}};
  auto created = client->Post("/api/v1/setup", json::serialize(body));
  ASSERT_EQ(created.status, 201) << created.body;
  auto user = created.Json().at("user");
  EXPECT_EQ(user.at("role"), "SuperAdmin");
  EXPECT_EQ(user.at("email"), "owner@example.com");
  EXPECT_NE(created.Header("set-cookie").find("HttpOnly"), std::string::npos);
  auto token = std::string(created.Json().at("accessToken").as_string());
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(token)}).status, 200);

  auto again = client->Post("/api/v1/setup", json::serialize(body));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(client->Get("/api/v1/setup").Json().at("needed"), false);
}

TEST_P(SessionApi, ConcurrentSetupsCreateExactlyOneSuperAdmin) {
  std::atomic<int> created{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      json::object body{
          {"name", "Owner"}, {"email", "owner" + std::to_string(i) + "@example.com"}, {"password", kPassword}};
      auto result = client->Post("/api/v1/setup", json::serialize(body));
      if (result.status == 201) ++created;
      if (result.status == 409) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
}

TEST_P(SessionApi, WebLoginSetsAStrictHttpOnlyCookieAndCliGetsTheTokenInTheBody) {
  CreateUser("web@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto web = client->Post("/api/v1/auth/login", LoginBody("web@example.com", kPassword, "web"));
  ASSERT_EQ(web.status, 200) << web.body;
  auto cookie = web.Header("set-cookie");
  EXPECT_NE(cookie.find("portal_refresh="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/api/v1/auth"), std::string::npos);
  EXPECT_EQ(web.Json().as_object().if_contains("refreshToken"), nullptr);
  EXPECT_EQ(web.Json().at("expiresIn"), 600);

  auto cli = client->Post("/api/v1/auth/login", LoginBody("WEB@example.com", kPassword, "cli"));
  ASSERT_EQ(cli.status, 200);
  EXPECT_TRUE(cli.Header("set-cookie").empty());
  EXPECT_EQ(cli.Json().at("refreshToken").as_string().size(), 43u);  // 256 bits, base64url
}

TEST_P(SessionApi, WrongPasswordAndUnknownEmailLookTheSame) {
  CreateUser("known@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto attempt = [&](const std::string& email) {
    auto start = std::chrono::steady_clock::now();
    auto result = client->Post("/api/v1/auth/login", LoginBody(email, "wrong password!!", "cli"));
    EXPECT_EQ(result.status, 401);
    EXPECT_EQ(result.ErrorCode(), "invalid_credentials");
    return std::make_pair(result.Json().at("error").at("message"),
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  // Interleaved, medians of 4 (the machine may be busy; the throttle allows 5 failures per
  // account, and the address limit is 20).
  std::vector<double> known, unknown;
  for (int i = 0; i < 4; ++i) {
    auto [known_message, known_seconds] = attempt("known@example.com");
    auto [unknown_message, unknown_seconds] = attempt("nobody" + std::to_string(i) + "@example.com");
    EXPECT_EQ(known_message, unknown_message);
    known.push_back(known_seconds);
    unknown.push_back(unknown_seconds);
  }
  std::sort(known.begin(), known.end());
  std::sort(unknown.begin(), unknown.end());
  double known_median = (known[1] + known[2]) / 2;
  double unknown_median = (unknown[1] + unknown[2]) / 2;
  // Both verify one argon2id hash; an unknown email must not answer measurably faster.
  EXPECT_GT(unknown_median, known_median * 0.3) << known_median << " vs " << unknown_median;
}

TEST_P(SessionApi, RepeatedFailuresAreThrottledWithRetryAfterAndSuccessResets) {
  CreateUser("victim@example.com", domain::Role::kSuperAdmin, std::nullopt);
  // Exactly the documented 5 failures per account and address, then 429.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("victim@example.com", "bad password 1", "cli")).status, 401);
  }
  auto throttled = client->Post("/api/v1/auth/login", LoginBody("victim@example.com", kPassword, "cli"));
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.ErrorCode(), "rate_limited");
  EXPECT_FALSE(throttled.Header("retry-after").empty());
  // Another account from the same address is still fine.
  CreateUser("other@example.com", domain::Role::kSuperAdmin, std::nullopt);
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("other@example.com", kPassword, "cli")).status, 200);
}

TEST_P(SessionApi, MeReturnsTheCallerWithRoleAndOrganization) {
  auto org = CreateOrganization("株式会社サンプル");
  CreateUser("tanaka@example.com", domain::Role::kUser, org);
  auto tokens = LoginCli("tanaka@example.com");
  auto me = client->Get("/api/v1/me", {Bearer(tokens.access)});
  ASSERT_EQ(me.status, 200);
  auto body = me.Json();
  EXPECT_EQ(body.at("email"), "tanaka@example.com");
  EXPECT_EQ(body.at("role"), "User");
  EXPECT_EQ(body.at("organization").at("name"), "株式会社サンプル");
  EXPECT_TRUE(body.at("apiKey").is_null());
  EXPECT_EQ(body.as_object().if_contains("passwordHash"), nullptr);
}

TEST_P(SessionApi, ForgedExpiredAndUnsignedTokensAreRefused) {
  auto user_id = CreateUser("me@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto tokens = LoginCli("me@example.com");
  EXPECT_EQ(client->Get("/api/v1/me").status, 401);
  EXPECT_EQ(client->Get("/api/v1/me").ErrorCode(), "unauthenticated");

  auto tampered = tokens.access;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(tampered)}).status, 401);

  auto dot = tokens.access.find('.');
  auto payload = tokens.access.substr(dot + 1, tokens.access.rfind('.') - dot - 1);
  // {"alg":"none","typ":"JWT"} with the real payload and no signature.
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + payload + ".")}).status, 401);
  // {"alg":"HS512","typ":"JWT"}
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9." + payload + ".AAAA")}).status,
            401);

  // A correctly signed token whose exp has passed.
  auto key = security::LoadOrCreateMasterKey(data_dir + "/jwt.key");
  ASSERT_TRUE(key);
  security::Hs256JwtCodec codec(*key, "appgenius-portal", "appgenius-portal");
  auto valid = codec.Verify(tokens.access, std::chrono::system_clock::now());
  ASSERT_TRUE(valid);
  domain::AccessClaims old = *valid;
  old.issued_at -= 3600;
  old.expires_at = old.issued_at + 600;
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(codec.Issue(old))}).status, 401);
  EXPECT_EQ(old.user_id, user_id);
}

TEST_P(SessionApi, RefreshRotatesAndReuseRevokesTheFamily) {
  CreateUser("rot@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto first = LoginCli("rot@example.com");
  auto body = [](const std::string& token) { return json::serialize(json::object{{"refreshToken", token}}); };
  auto second = client->Post("/api/v1/auth/refresh", body(first.refresh));
  ASSERT_EQ(second.status, 200) << second.body;
  auto second_refresh = std::string(second.Json().at("refreshToken").as_string());
  auto second_access = std::string(second.Json().at("accessToken").as_string());
  EXPECT_NE(second_refresh, first.refresh);
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(second_access)}).status, 200);

  // The first token again: reuse. The whole family ends, including the newest pair.
  auto reused = client->Post("/api/v1/auth/refresh", body(first.refresh));
  EXPECT_EQ(reused.status, 401);
  EXPECT_EQ(client->Post("/api/v1/auth/refresh", body(second_refresh)).status, 401);
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(second_access)}).status, 401);

  bool audited = false;
  ASSERT_TRUE(portal->Store().Read([&](domain::Tx& tx) -> Status {
    domain::AuditQuery query;
    query.action = "session.refresh_reuse_detected";
    auto page = tx.Audit().List(query);
    if (!page) return Fail(page.error());
    audited = page->items.size() == 1;
    return {};
  }));
  EXPECT_TRUE(audited);
}

TEST_P(SessionApi, ConcurrentRefreshesOfOneTokenHaveExactlyOneWinner) {
  CreateUser("race@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto tokens = LoginCli("race@example.com");
  auto body = json::serialize(json::object{{"refreshToken", tokens.refresh}});
  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  threads.reserve(6);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto result = client->Post("/api/v1/auth/refresh", body);
      if (result.status == 200) ++ok;
      if (result.status == 401) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 5);
}

TEST_P(SessionApi, LogoutEndsTheSessionForRefreshAndAccessTokens) {
  CreateUser("bye@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto tokens = LoginCli("bye@example.com");
  EXPECT_EQ(client->Post("/api/v1/auth/logout", "", {Bearer(tokens.access)}).status, 204);
  EXPECT_EQ(
      client->Post("/api/v1/auth/refresh", json::serialize(json::object{{"refreshToken", tokens.refresh}})).status,
      401);
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(tokens.access)}).status, 401);
}

TEST_P(SessionApi, DisabledUsersUnexpiredAccessTokenIsRefused) {
  auto id = CreateUser("gone@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto tokens = LoginCli("gone@example.com");
  ASSERT_EQ(client->Get("/api/v1/me", {Bearer(tokens.access)}).status, 200);
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    user->status = domain::UserStatus::kDisabled;
    return tx.Users().Update(*user);
  }));
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(tokens.access)}).status, 401);
  auto login = client->Post("/api/v1/auth/login", LoginBody("gone@example.com", kPassword, "cli"));
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.ErrorCode(), "account_disabled");
}

TEST_P(SessionApi, CookieRefreshNeedsTheCsrfHeader) {
  CreateUser("cookie@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto login = client->Post("/api/v1/auth/login", LoginBody("cookie@example.com", kPassword, "web"));
  auto cookie = "Cookie: " + Cookie(login);
  auto without = client->Post("/api/v1/auth/refresh", "", {cookie});
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(without.ErrorCode(), "csrf_check_failed");
  auto with = client->Post("/api/v1/auth/refresh", "", {cookie, kCsrf});
  ASSERT_EQ(with.status, 200) << with.body;
  EXPECT_NE(Cookie(with), Cookie(login));
  EXPECT_EQ(with.Json().as_object().if_contains("refreshToken"), nullptr);
}

TEST_P(SessionApi, ChangePasswordChecksTheCurrentOneAndTheLength) {
  CreateUser("pw@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto tokens = LoginCli("pw@example.com");
  auto change = [&](const std::string& current, const std::string& next) {
    return client->Post("/api/v1/me/password",
                        json::serialize(json::object{{"currentPassword", current}, {"newPassword", next}}),
                        {Bearer(tokens.access)});
  };
  EXPECT_EQ(change("wrong current pw", "a brand new password").ErrorCode(), "invalid_current_password");
  EXPECT_EQ(change(kPassword, "short").status, 400);
  auto other_device = LoginCli("pw@example.com");
  EXPECT_EQ(change(kPassword, "a brand new password").status, 204);
  // The session that changed the password stays; every other session ends.
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(tokens.access)}).status, 200);
  EXPECT_EQ(client->Get("/api/v1/me", {Bearer(other_device.access)}).status, 401);
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("pw@example.com", kPassword, "cli")).status, 401);
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("pw@example.com", "a brand new password", "cli")).status, 200);
}

TEST_P(SessionApi, ImportedBcryptHashVerifiesAndIsRehashedToArgon2id) {
  // tatsuya@example.jp from the old portal's export (shared/fixtures/legacy-mongo): $2a$, cost 10.
  auto id = CreateUser("tatsuya@example.jp", domain::Role::kSuperAdmin, std::nullopt);
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    user->password_hash = "$2a$10$1gKbfIrXAhOM/pPw1nCyi.W3y79CS/vQwraC8JKPfusKN0U7A7pyK";
    return tx.Users().Update(*user);
  }));
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("tatsuya@example.jp", "wrong-pass-2025", "cli")).status, 401);
  auto login = client->Post("/api/v1/auth/login", LoginBody("tatsuya@example.jp", "tatsuya-pass-2025", "cli"));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string stored;
  ASSERT_TRUE(portal->Store().Read([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    stored = user->password_hash;
    return {};
  }));
  EXPECT_TRUE(stored.starts_with("$argon2id$")) << stored;
  // And the new hash works.
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("tatsuya@example.jp", "tatsuya-pass-2025", "cli")).status,
            200);
}

// A hash made with other argon2id parameters (the older set: m = 64 MiB, t = 3)
// still verifies and is redone with the configured ones at that login.
TEST_P(SessionApi, AHashWithOtherArgon2ParametersIsRedoneAtLogin) {
  auto id = CreateUser("old-params@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto old_hash = security::SodiumPasswordHasher({3, 64U * 1024 * 1024}).Hash("old parameters 1");
  ASSERT_TRUE(old_hash);
  ASSERT_TRUE(old_hash->starts_with("$argon2id$v=19$m=65536,t=3,"));
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    user->password_hash = *old_hash;
    return tx.Users().Update(*user);
  }));
  auto login = client->Post("/api/v1/auth/login", LoginBody("old-params@example.com", "old parameters 1", "cli"));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string stored;
  ASSERT_TRUE(portal->Store().Read([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    stored = user->password_hash;
    return {};
  }));
  EXPECT_NE(stored, *old_hash);
  EXPECT_FALSE(stored.starts_with("$argon2id$v=19$m=65536,t=3,")) << stored;
  EXPECT_EQ(client->Post("/api/v1/auth/login", LoginBody("old-params@example.com", "old parameters 1", "cli")).status,
            200);
}

}  // namespace
}  // namespace portal::testing
