#pragma once
// Fault injection for the emulator: added latency, and per-request faults chosen by
//   1. the request header `X-Emulator-Fault: 429` (also `429;retry-after=2`, `500`, `529`,
//      `timeout`, `reset`, `truncated`) — that request only;
//   2. faults queued through QueueFaults / POST /_emulator/faults — the next requests, in order
//      (GET /_emulator/faults says how many are still waiting);
//   3. a random draw: with probability `rate`, one of the configured kinds (set at start, or later
//      through POST /_emulator/faults {"rate", "kinds"}).
// Randomness is seeded, so a run with the same seed and request order faults the same requests.
// Thread-safe.

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "emulator/emulator_random.hpp"

namespace portal::emulator {

enum class FaultKind {
  kRateLimited,  // 429 rate_limit_error with retry-after
  kInternal,     // 500 api_error
  kOverloaded,   // 529 overloaded_error
  kTimeout,      // no answer for a long time (30 s), then the normal answer
  kReset,        // connection closed without a response (see docs/anthropic.md for the fallback)
  kTruncated,    // the normal status with the JSON body cut in half
  // An Admin API business error with error.details.error_code ("409:concurrent_membership_change").
  // For 503 change_outcome_unknown and 503 workspace_created_incomplete the request takes effect
  // first (that is what those codes mean); for every other code it does not.
  kBusinessError,
  kNone,  // "ok": served normally (a queue can let requests through before a fault)
};

struct Fault {
  FaultKind kind = FaultKind::kInternal;
  int retry_after_seconds = 1;  // for kRateLimited
  int status = 0;               // for kBusinessError
  std::string error_code;       // for kBusinessError
};

// Parses "429", "429;retry-after=2", "500", "529", "timeout", "reset", "truncated", "ok" and
// "STATUS:error_code" (case-insensitive, spaces ignored); nullopt when not one of those.
std::optional<Fault> ParseFault(std::string_view spec);
std::string_view ToString(FaultKind kind);

class FaultInjector {
 public:
  FaultInjector(std::vector<Fault> kinds, double rate, int latency_min_ms, int latency_max_ms, std::uint64_t seed);

  // The fault for one request (header value may be empty); nullopt = serve normally.
  // kInvalidArgument when the header is present but malformed.
  Result<std::optional<Fault>> Pick(std::string_view header_value);
  std::chrono::milliseconds Latency();
  void Queue(const std::vector<Fault>& faults);
  std::size_t QueuedCount();  // queued faults not yet taken by a request
  // Changes the random draw (3.) while running; empty `kinds` keeps the current ones.
  void SetRandom(std::vector<Fault> kinds, double rate);
  double Rate();

 private:
  std::mutex mutex_;
  std::vector<Fault> kinds_;
  double rate_;
  int latency_min_ms_;
  int latency_max_ms_;
  SplitMix64 rng_;
  std::deque<Fault> queued_;
};

// Parses the configured kinds list (also accepts a single comma-separated string).
Result<std::vector<Fault>> ParseFaultList(const std::vector<std::string>& kinds);

}  // namespace portal::emulator
