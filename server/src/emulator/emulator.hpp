#pragma once
// The built-in Anthropic Admin API emulator (PRODUCT.md R-X5): serves the documented
// Admin API over real HTTP on 127.0.0.1 through the portal's own http::Server, for demos and
// tests. Used in-process (tests, `portal serve --demo`) and as `portal emulator`.
// Thread-safe: the state is guarded internally.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/emulator_reports.hpp"

#include "core/error.hpp"

namespace portal::emulator {

struct EmulatorOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = a free port
  std::string admin_key;   // required; requests must present it (x-api-key or Bearer)
  std::string state_file;  // when set: loaded at start if present, saved on every change
  std::string seed_file;   // optional JSON seed (workspaces, api keys, users)
  // Deterministic generated data (added when the state is empty).
  int workspaces = 3;
  int api_keys = 10;
  int users = 5;
  std::uint64_t seed = 1;
  // Faults: latency range and a random fault rate over the listed kinds
  // ("429", "500", "529", "timeout", "reset", "truncated").
  int latency_min_ms = 0;
  int latency_max_ms = 0;
  double fault_rate = 0.0;
  std::vector<std::string> faults;
  int timeout_fault_seconds = 30;  // how long a "timeout" fault holds its request before answering
  bool access_log = true;          // one JSON log line per request (tests turn it off)
};

// A generated key with its full value (what the Console would have shown once).
struct EmulatedKey {
  std::string id;
  std::string value;
  std::optional<std::string> workspace_id;
  std::string status;
  std::string name;
};

class Emulator {
 public:
  explicit Emulator(EmulatorOptions options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  Status Start();
  void Stop();
  std::uint16_t Port() const;
  std::string BaseUrl() const;  // "http://127.0.0.1:PORT"

  // Test and demo access to the state (the same data as GET /_emulator/keys).
  // The usage the analytics endpoints report for one UTC day (day_start in Unix seconds), per
  // key, workspace and model: for tests that compute expected totals on their own.
  std::vector<EmulatedUsage> DailyUsage(std::int64_t day_start_seconds) const;
  std::vector<EmulatedKey> Keys() const;

  // Queues faults ("429", "429;retry-after=2", "500", "529", "timeout", "reset", "truncated")
  // for the next requests, one each, in order (also: POST /_emulator/faults {"faults":[...]}).
  // kInvalidArgument for an unknown kind or when not started.
  Status QueueFaults(const std::vector<std::string>& faults);
  // Serves until SIGINT/SIGTERM, then stops (for `portal emulator`).
  void RunUntilSignalled();
  std::string AdminKey() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace portal::emulator
