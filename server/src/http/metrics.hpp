#pragma once
// Prometheus text metrics for the HTTP layer: requests and latency per route, in-flight
// requests, plus gauges/counters that other layers register (database errors, …).
// Thread-safe.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace portal::http {

class Metrics {
 public:
  void Observe(std::string_view route, std::string_view method, int status, double seconds);
  void AddInFlight(int delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }
  std::int64_t InFlight() const { return in_flight_.load(std::memory_order_relaxed); }
  // A value read at scrape time: `name` is the full metric name, `type` "counter" or "gauge".
  void AddCallback(std::string name, std::string type, std::string help, std::function<double()> read);
  std::string Render() const;

 private:
  static constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr std::size_t kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::uint64_t buckets[kBucketCount] = {};
  };
  struct Callback {
    std::string name, type, help;
    std::function<double()> read;
  };
  mutable std::mutex mutex_;
  // Transparent comparators: a request is looked up by string_views, with no string allocated.
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;  // route, method, status
  std::map<std::string, Series, std::less<>> latency_;                                        // route
  std::vector<Callback> callbacks_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace portal::http
