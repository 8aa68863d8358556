// What every client sees of the HTTP layer: error shapes, limits, headers,
// operations endpoints, the web app, back-pressure.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;

class HttpBehaviour : public PortalTest {
 protected:
  void Configure(app::Config& config) override {
    std::filesystem::create_directories(config.web_dir + "/assets");
    std::ofstream(config.web_dir + "/index.html") << "<!doctype html><title>AppGenius</title>";
    std::ofstream(config.web_dir + "/assets/app-1234.js") << "console.log('app')";
  }
};
PORTAL_INSTANTIATE_BACKENDS(HttpBehaviour);

void ExpectErrorShape(const HttpResult& result, long status, const std::string& code) {
  EXPECT_EQ(result.status, status) << result.body;
  EXPECT_EQ(result.ErrorCode(), code) << result.body;
  auto body = result.Json();
  ASSERT_TRUE(body.is_object()) << result.body;
  EXPECT_TRUE(body.at("error").at("message").is_string());
  EXPECT_EQ(body.at("requestId").as_string(), result.Header("x-request-id"));
  EXPECT_NE(result.Header("content-type").find("application/json"), std::string::npos);
}

TEST_P(HttpBehaviour, BodyOverOneMebibyteIs413) {
  std::string big(1024 * 1024 + 10, 'x');
  ExpectErrorShape(client->Post("/api/v1/auth/login", big), 413, "payload_too_large");
}

TEST_P(HttpBehaviour, MalformedJsonAndWrongTypesAre400) {
  ExpectErrorShape(client->Post("/api/v1/auth/login", "{\"email\": "), 400, "invalid_request");
  ExpectErrorShape(client->Post("/api/v1/auth/login", "[1,2]"), 400, "invalid_request");
  auto wrong_type = client->Post("/api/v1/auth/login", R"({"email": 42, "password": "x"})");
  ExpectErrorShape(wrong_type, 400, "invalid_request");
  EXPECT_NE(wrong_type.body.find("email"), std::string::npos);
  ExpectErrorShape(
      client->Post("/api/v1/auth/login", R"({"email": "a@b.jp", "password": "xxxxxxxxxxxx", "client": "tv"})"), 400,
      "invalid_request");
}

TEST_P(HttpBehaviour, UnknownRoutesAreJson404AndWrongMethodsAre405) {
  ExpectErrorShape(client->Get("/api/v1/no-such-thing"), 404, "not_found");
  ExpectErrorShape(client->Post("/api/v1/nothing-here", "{}"), 404, "not_found");
  auto wrong = client->Send("DELETE", "/api/v1/auth/login");
  ExpectErrorShape(wrong, 405, "method_not_allowed");
  EXPECT_NE(wrong.Header("allow").find("POST"), std::string::npos);
}

TEST_P(HttpBehaviour, EveryResponseCarriesARequestIdAndSecurityHeaders) {
  auto health = client->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(health.Header("x-request-id").starts_with("req_"));
  EXPECT_EQ(health.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(health.Header("referrer-policy"), "no-referrer");
  EXPECT_NE(health.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  auto echoed = client->Get("/healthz", {"X-Request-Id: trace-abc_123"});
  EXPECT_EQ(echoed.Header("x-request-id"), "trace-abc_123");
  auto replaced = client->Get("/healthz", {"X-Request-Id: <script>"});
  EXPECT_TRUE(replaced.Header("x-request-id").starts_with("req_"));
}

TEST_P(HttpBehaviour, HeadAndOptionsAreAnswered) {
  auto head = client->Send("HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), "15");
  auto options = client->Send("OPTIONS", "/api/v1/auth/login");
  EXPECT_EQ(options.status, 204);
  EXPECT_NE(options.Header("allow").find("POST"), std::string::npos);
}

TEST_P(HttpBehaviour, ReadinessAndMetrics) {
  auto ready = client->Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.Json().at("database"), GetParam() == storage::Backend::kSqlite ? "sqlite" : "postgresql");
  client->Get("/api/v1/setup");
  auto metrics = client->Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("portal_http_requests_total{route=\"/api/v1/setup\",method=\"GET\",status=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("portal_http_request_duration_seconds_bucket{route=\"/api/v1/setup\""),
            std::string::npos);
  EXPECT_NE(metrics.body.find("portal_http_in_flight_requests"), std::string::npos);
  EXPECT_NE(metrics.body.find("portal_db_errors_total 0"), std::string::npos);
}

TEST_P(HttpBehaviour, ServesTheWebAppWithSpaFallbackAndCacheHeaders) {
  auto index = client->Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("AppGenius"), std::string::npos);
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  auto deep = client->Get("/users/usr_123");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  auto asset = client->Get("/assets/app-1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.Header("content-type").find("javascript"), std::string::npos);
  EXPECT_NE(asset.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(client->Get("/assets/missing.js").status, 404);
  EXPECT_EQ(client->Get("/../../etc/passwd").body, index.body);
}

class HashPoolBackPressure : public PortalTest {
 protected:
  void Configure(app::Config& config) override {
    config.hash_concurrency = 1;
    config.hash_queue = 0;
    config.argon2_memory_kib = 65536;
    config.argon2_iterations = 3;
  }
};
INSTANTIATE_TEST_SUITE_P(Backends, HashPoolBackPressure, ::testing::Values(storage::Backend::kSqlite), BackendName);

TEST_P(HashPoolBackPressure, AFullHashingQueueAnswers503InsteadOfStalling) {
  CreateUser("busy@example.com", domain::Role::kSuperAdmin, std::nullopt);
  std::atomic<int> ok{0};
  std::atomic<int> busy{0};
  std::vector<std::thread> threads;
  auto body = json::serialize(
      json::object{{"email", "busy@example.com"}, {"password", "correct horse battery"}, {"client", "cli"}});
  threads.reserve(6);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto result = client->Post("/api/v1/auth/login", body);
      if (result.status == 200) ++ok;
      if (result.status == 503) {
        ++busy;
        EXPECT_EQ(result.Header("retry-after"), "1");
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(ok.load(), 1);
  EXPECT_GE(busy.load(), 1);
  EXPECT_EQ(ok.load() + busy.load(), 6);
}

}  // namespace
}  // namespace portal::testing
