#include "anthropic/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace portal::anthropic {
namespace {

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

bool IsRetryable(const Outcome& outcome, Replay replay) {
  if (!outcome) {
    const TransportError& error = outcome.error();
    if (error.kind == TransportFailure::kTls || error.kind == TransportFailure::kOther ||
        error.kind == TransportFailure::kCancelled) {
      return false;
    }
    if (replay == Replay::kIdempotent) return true;
    return !error.request_sent;
  }
  const HttpResponse& response = *outcome;
  if (auto should = response.Header("x-should-retry")) {
    if (*should == "true") return true;
    if (*should == "false") return false;
  }
  const int status = response.status;
  if (replay == Replay::kCreate) return status == 429 || status == 529;
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

// As the official SDK: a positive `retry-after-ms` wins (zero falls through to `retry-after`, a
// negative value means "no wait given"); zero, negative, past or unparsable values fall back to
// the default backoff.
std::optional<std::chrono::milliseconds> ServerRequestedWait(const HttpResponse& response, TimePoint now) {
  using std::chrono::milliseconds;
  if (auto ms = response.Header("retry-after-ms")) {
    if (auto value = ParseNumber(*ms)) {
      if (*value < 0) return std::nullopt;
      if (*value >= 1) return milliseconds(static_cast<std::int64_t>(*value));
    }
  }
  if (auto after = response.Header("retry-after")) {
    if (auto seconds = ParseNumber(*after)) {
      if (*seconds * 1000.0 < 1) return std::nullopt;
      return milliseconds(static_cast<std::int64_t>(*seconds * 1000.0));
    }
    const std::string date(*after);
    const time_t when = curl_getdate(date.c_str(), nullptr);  // the three HTTP date formats
    if (when == -1) return std::nullopt;
    auto wait = std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::from_time_t(when) - now);
    if (wait.count() <= 0) return std::nullopt;
    return wait;
  }
  return std::nullopt;
}

std::chrono::milliseconds Backoff(int retries_done, double jitter01) {
  const double seconds = std::min(0.5 * std::pow(2.0, std::max(0, retries_done)), 8.0);
  const double jitter = 1.0 - std::clamp(jitter01, 0.0, 1.0) * 0.25;
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * jitter * 1000.0));
}

CircuitBreaker::CircuitBreaker(int failure_threshold, std::chrono::milliseconds open_for)
    : failure_threshold_(std::max(1, failure_threshold)), open_for_(open_for) {}

CircuitBreaker::Admission CircuitBreaker::Admit(TimePoint now) {
  std::lock_guard lock(mutex_);
  if (state_ == State::kClosed) return {};
  if (state_ == State::kOpen && now >= open_until_) state_ = State::kHalfOpen;
  if (state_ == State::kHalfOpen && !probe_in_flight_) {
    probe_in_flight_ = true;
    return {true, true, {}};
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(open_until_ - now);
  return {false, false, std::max(left, std::chrono::milliseconds(0))};
}

void CircuitBreaker::OnSuccess() {
  std::lock_guard lock(mutex_);
  state_ = State::kClosed;
  failures_ = 0;
  probe_in_flight_ = false;
}

void CircuitBreaker::OnFailure(TimePoint now) {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
  if (state_ == State::kHalfOpen || ++failures_ >= failure_threshold_) {
    state_ = State::kOpen;
    open_until_ = now + open_for_;
    failures_ = 0;
  }
}

void CircuitBreaker::Abandon(bool probe) {
  if (!probe) return;
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
}

}  // namespace portal::anthropic
