#include "http/metrics.hpp"

#include <cstdio>

namespace portal::http {
namespace {

void AppendLabelValue(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
}

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Observe(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto request = requests_.find(std::tuple{route, method, status});
  if (request == requests_.end()) {
    request = requests_.emplace(std::tuple{std::string(route), std::string(method), status}, 0).first;
  }
  ++request->second;
  auto series = latency_.find(route);
  if (series == latency_.end()) series = latency_.emplace(std::string(route), Series{}).first;
  ++series->second.count;
  series->second.sum += seconds;
  for (std::size_t i = 0; i < kBucketCount; ++i) {
    if (seconds <= kBuckets[i]) ++series->second.buckets[i];
  }
}

void Metrics::AddCallback(std::string name, std::string type, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  callbacks_.push_back({std::move(name), std::move(type), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP portal_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE portal_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += "portal_http_requests_total{route=\"";
    AppendLabelValue(out, route);
    out += "\",method=\"" + method + "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP portal_http_request_duration_seconds HTTP request latency by route.\n";
  out += "# TYPE portal_http_request_duration_seconds histogram\n";
  for (const auto& [route, series] : latency_) {
    std::string label = "route=\"";
    AppendLabelValue(label, route);
    label += "\"";
    for (std::size_t i = 0; i < kBucketCount; ++i) {
      out += "portal_http_request_duration_seconds_bucket{" + label + ",le=\"" + Number(kBuckets[i]) + "\"} " +
             std::to_string(series.buckets[i]) + "\n";
    }
    out +=
        "portal_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(series.count) + "\n";
    out += "portal_http_request_duration_seconds_sum{" + label + "} " + Number(series.sum) + "\n";
    out += "portal_http_request_duration_seconds_count{" + label + "} " + std::to_string(series.count) + "\n";
  }
  out += "# HELP portal_http_in_flight_requests Requests being handled now.\n";
  out += "# TYPE portal_http_in_flight_requests gauge\n";
  out += "portal_http_in_flight_requests " + std::to_string(InFlight()) + "\n";
  for (const auto& cb : callbacks_) {
    out += "# HELP " + cb.name + " " + cb.help + "\n# TYPE " + cb.name + " " + cb.type + "\n";
    out += cb.name + " " + Number(cb.read()) + "\n";
  }
  return out;
}

}  // namespace portal::http
