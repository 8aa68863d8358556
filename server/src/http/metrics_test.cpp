#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace portal::http {
namespace {

void ObserveMany(Metrics& metrics, int count) {
  for (int i = 0; i < count; ++i) metrics.Observe("/api/v1/me", "GET", 200, 0.0002);
  metrics.Observe("/api/v1/users", "GET", 403, 0.02);
}

TEST(Metrics, SumsWhatEveryThreadObserved) {
  Metrics metrics;
  std::vector<std::thread> threads;
  threads.reserve(10);
  for (int t = 0; t < 10; ++t) threads.emplace_back(ObserveMany, std::ref(metrics), 1000);
  for (auto& thread : threads) thread.join();
  std::string text = metrics.Render();
  EXPECT_NE(text.find("portal_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"200\"} 10000\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("portal_http_requests_total{route=\"/api/v1/users\",method=\"GET\",status=\"403\"} 10\n"),
            std::string::npos);
  EXPECT_NE(text.find("portal_http_request_duration_seconds_bucket{route=\"/api/v1/me\",le=\"0.0005\"} 10000\n"),
            std::string::npos);
  EXPECT_NE(text.find("portal_http_request_duration_seconds_bucket{route=\"/api/v1/users\",le=\"0.01\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("portal_http_request_duration_seconds_count{route=\"/api/v1/users\"} 10\n"), std::string::npos);
}

}  // namespace
}  // namespace portal::http
