// Behind a reverse proxy (docs/deploy.md): the client address a trusted proxy
// forwards reaches throttling, a forged X-Forwarded-For from anyone else does not, an https
// public URL makes cookies Secure and sends HSTS, and /metrics is not open to everyone.
// (The same against a real nginx with TLS: server/tests/deploy/nginx_tls_test.sh.)
#include <gtest/gtest.h>

#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kMetricsToken = "metrics-token-0123456789";

std::string LoginBody(const std::string& email, const std::string& password, const std::string& client = "cli") {
  return json::serialize(json::object{{"email", email}, {"password", password}, {"client", client}});
}

class BehindProxy : public PortalTest {
 protected:
  void Configure(app::Config& config) override {
    config.trusted_proxies = "127.0.0.1";
    config.public_url = "https://portal.example.test";
    config.secure_cookies = true;  // what LoadConfig derives from an https public_url
    config.metrics_token = kMetricsToken;
  }
};
PORTAL_INSTANTIATE_BACKENDS(BehindProxy);

TEST_P(BehindProxy, TheForwardedClientAddressIsWhatThrottlingCounts) {
  CreateUser("victim@example.com", domain::Role::kSuperAdmin, std::nullopt);
  // The proxy (127.0.0.1, trusted) forwards for 203.0.113.7: its five failures throttle it…
  for (int i = 0; i < 5; ++i) {
    auto failed = client->Post("/api/v1/auth/login", LoginBody("victim@example.com", "wrong password 1"),
                               {"X-Forwarded-For: 198.51.100.1, 203.0.113.7"});
    EXPECT_EQ(failed.status, 401) << failed.body;
  }
  EXPECT_EQ(
      client->Post("/api/v1/auth/login", LoginBody("victim@example.com", kPassword), {"X-Forwarded-For: 203.0.113.7"})
          .status,
      429);
  // …while the owner, behind the same proxy at another address, logs in.
  EXPECT_EQ(
      client->Post("/api/v1/auth/login", LoginBody("victim@example.com", kPassword), {"X-Forwarded-For: 203.0.113.8"})
          .status,
      200);
}

TEST_P(BehindProxy, AForgedForwardedForFromAnUntrustedPeerIsIgnored) {
  CreateUser("victim@example.com", domain::Role::kSuperAdmin, std::nullopt);
  HttpClient direct(client->BaseUrl());
  direct.SetSourceAddress("127.0.0.9");  // not a trusted proxy
  // A new made-up address on every attempt does not escape the throttle: 127.0.0.9 is counted.
  for (int i = 0; i < 5; ++i) {
    auto failed = direct.Post("/api/v1/auth/login", LoginBody("victim@example.com", "wrong password 1"),
                              {"X-Forwarded-For: 10.9.9." + std::to_string(i)});
    EXPECT_EQ(failed.status, 401) << failed.body;
  }
  EXPECT_EQ(
      direct.Post("/api/v1/auth/login", LoginBody("victim@example.com", kPassword), {"X-Forwarded-For: 10.9.9.99"})
          .status,
      429);
}

TEST_P(BehindProxy, AnHttpsPublicUrlMakesTheCookieSecureAndSendsHsts) {
  CreateUser("owner@example.com", domain::Role::kSuperAdmin, std::nullopt);
  auto login = client->Post("/api/v1/auth/login", LoginBody("owner@example.com", kPassword, "web"));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_NE(login.Header("set-cookie").find("; Secure"), std::string::npos) << login.Header("set-cookie");
  EXPECT_EQ(login.Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(client->Get("/healthz").Header("strict-transport-security"), "max-age=31536000");
}

TEST_P(BehindProxy, MetricsNeedTheToken) {
  auto anonymous = client->Get("/metrics");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("www-authenticate"), "Bearer");
  EXPECT_EQ(client->Get("/metrics", {"Authorization: Bearer wrong-token-0123456789"}).status, 401);
  auto scraped = client->Get("/metrics", {Bearer(kMetricsToken)});
  EXPECT_EQ(scraped.status, 200);
  EXPECT_NE(scraped.body.find("portal_http_requests_total"), std::string::npos);
}

class MetricsByDefault : public PortalTest {
 protected:
  void Configure(app::Config& config) override { config.trusted_proxies = "127.0.0.1"; }
};
PORTAL_INSTANTIATE_BACKENDS(MetricsByDefault);

TEST_P(MetricsByDefault, OnlyLoopbackClientsReadMetricsWithoutAToken) {
  EXPECT_EQ(client->Get("/metrics").status, 200);
  // The same request forwarded by the proxy for a client elsewhere is refused.
  auto remote = client->Get("/metrics", {"X-Forwarded-For: 203.0.113.9"});
  EXPECT_EQ(remote.status, 403);
  EXPECT_EQ(remote.ErrorCode(), "forbidden");
  // No https public URL: no HSTS, no Secure cookie.
  EXPECT_TRUE(remote.Header("strict-transport-security").empty());
}

class MetricsListener : public PortalTest {
 protected:
  void Configure(app::Config& config) override { config.metrics_listen = "127.0.0.1:0"; }
};
PORTAL_INSTANTIATE_BACKENDS(MetricsListener);

TEST_P(MetricsListener, MetricsMoveToTheirOwnListener) {
  client->Get("/api/v1/setup");
  // The main listener has no such route (a GET it does not know is the web app's).
  EXPECT_EQ(client->Get("/metrics").body.find("portal_http_requests_total"), std::string::npos);
  ASSERT_NE(portal->MetricsPort(), 0);
  HttpClient scraper("http://127.0.0.1:" + std::to_string(portal->MetricsPort()));
  auto scraped = scraper.Get("/metrics");
  EXPECT_EQ(scraped.status, 200);
  // It reports the portal's traffic, not its own.
  EXPECT_NE(scraped.body.find("route=\"/api/v1/setup\""), std::string::npos) << scraped.body;
  EXPECT_EQ(scraped.body.find("route=\"/metrics\""), std::string::npos);
  EXPECT_EQ(scraper.Get("/api/v1/setup").status, 404);
}

}  // namespace
}  // namespace portal::testing
