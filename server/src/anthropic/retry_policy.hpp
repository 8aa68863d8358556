#pragma once
// When to retry an Admin API call and how long to wait, as the official SDKs do
// (shared/anthropic-admin-api.md §4.3), plus a circuit breaker. Pure logic: time comes in as
// arguments, so the rules are unit-tested without a server or a sleep.

#include <chrono>
#include <expected>
#include <mutex>
#include <optional>

#include "anthropic/transport.hpp"
#include "core/clock.hpp"

namespace portal::anthropic {

// How safe it is to send a request again.
enum class Replay {
  // GET, DELETE and POSTs that set absolute state (update name/status/role): a repeat has the
  // same effect, so every retryable failure is retried.
  kIdempotent,
  // POSTs that create something (workspace, invite, workspace member) or archive: retried only
  // when the failure proves the request was not processed — the connection could not be made
  // (nothing sent), 429 rate_limit_error, 529 overloaded_error — or the server says
  // `x-should-retry: true`. Never after a timeout, a reset or another 5xx, where the first
  // attempt may have taken effect.
  kCreate,
};

using Outcome = std::expected<HttpResponse, TransportError>;

// Whether this attempt's outcome may be retried (ignoring the retry budget).
// `x-should-retry: false` always wins; `true` is obeyed for every Replay.
bool IsRetryable(const Outcome& outcome, Replay replay);

// The wait the server asked for: `retry-after-ms` (milliseconds), else `retry-after` (seconds
// or an HTTP date, measured from `now`). nullopt (use the backoff) when absent, unparsable,
// zero, negative or in the past.
std::optional<std::chrono::milliseconds> ServerRequestedWait(const HttpResponse& response, TimePoint now);

// min(0.5 s · 2^retries_done, 8 s) reduced by up to 25 %: jitter01 in [0, 1) from the caller.
std::chrono::milliseconds Backoff(int retries_done, double jitter01);

// Consecutive failures (transport errors and 5xx after retries) open the circuit for `open_for`;
// then one probe call is let through (half-open): success closes it, failure reopens it.
// Any other HTTP answer (2xx, 4xx) proves Anthropic is up and resets the count. Thread-safe.
class CircuitBreaker {
 public:
  CircuitBreaker(int failure_threshold, std::chrono::milliseconds open_for);

  struct Admission {
    bool allowed = true;
    bool probe = false;                    // the single half-open trial call
    std::chrono::milliseconds retry_in{};  // when rejected: time left until half-open
  };
  Admission Admit(TimePoint now);
  void OnSuccess();
  void OnFailure(TimePoint now);
  // A call admitted as probe that ended without a verdict (e.g. the caller's callback failed).
  void Abandon(bool probe);

 private:
  enum class State { kClosed, kOpen, kHalfOpen };
  const int failure_threshold_;
  const std::chrono::milliseconds open_for_;
  std::mutex mutex_;
  State state_ = State::kClosed;
  int failures_ = 0;
  TimePoint open_until_{};
  bool probe_in_flight_ = false;
};

}  // namespace portal::anthropic
