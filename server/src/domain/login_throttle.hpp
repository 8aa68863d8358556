#pragma once
// Slows brute force (R-A4) the way OWASP's authentication cheat sheet describes, without letting
// anyone lock an account's owner out:
// - per account AND address: after `max_failures` failed logins within the window, that address
//   waits before it may try that account again, for a time that doubles with every further
//   failure (capped). The owner, logging in from elsewhere, is not affected.
// - per address, across accounts: a ceiling on failures from one address (password spraying).
// A successful login clears its account-and-address counter. `max_failures` is exact: that many
// failures are answered 401, the next attempt 429.
// The counters live in ThrottleCounters: in memory for one instance, or in the database so that
// several instances on one PostgreSQL count together. Thread-safe.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace portal::domain {

class Store;

struct ThrottleRule {
  int max_failures;                 // failures allowed within the window; the next attempt waits
  std::chrono::seconds window;      // failures older than this are forgotten
  std::chrono::seconds first_lock;  // wait after the last allowed failure; doubles per further failure
  std::chrono::seconds max_lock;
};

struct ThrottleEntry {
  int failures = 0;
  std::int64_t window_start_ms = 0;
  std::int64_t locked_until_ms = 0;
};

// Where the counters are kept. Update is atomic per call, also across instances sharing a store.
class ThrottleCounters {
 public:
  virtual ~ThrottleCounters() = default;
  virtual Result<std::optional<ThrottleEntry>> Get(const std::string& key) = 0;
  // Reads each key's entry (a new one when absent), lets `change` modify it, stores it.
  virtual Status Update(const std::vector<std::string>& keys,
                        const std::function<void(std::size_t index, ThrottleEntry&)>& change, std::int64_t now_ms) = 0;
  virtual Status Erase(const std::string& key) = 0;
  // Forgets entries whose lock ended and whose window started before `idle_before_ms`.
  virtual Status Prune(std::int64_t now_ms, std::int64_t idle_before_ms) = 0;
};

std::unique_ptr<ThrottleCounters> MakeMemoryThrottleCounters();
// In the database (Tx::LoginThrottle): for several instances on one PostgreSQL.
std::unique_ptr<ThrottleCounters> MakeStoreThrottleCounters(Store& store);

class LoginThrottle {
 public:
  // Counters in memory unless given.
  LoginThrottle(ThrottleRule account_address_rule, ThrottleRule address_rule,
                std::unique_ptr<ThrottleCounters> counters = nullptr);
  // Seconds to wait when this address may not try this account (or anything) now; nullopt when
  // allowed (also when the counters cannot be read: the login itself then reports the failure).
  std::optional<int> RetryAfter(const std::string& account, const std::string& address, TimePoint now);
  void RecordFailure(const std::string& account, const std::string& address, TimePoint now);
  void RecordSuccess(const std::string& account, const std::string& address);

 private:
  static std::string PairKey(const std::string& account, const std::string& address);
  static std::string AddressKey(const std::string& address);
  static std::optional<int> Locked(const std::optional<ThrottleEntry>& entry, std::int64_t now_ms);
  static void Fail(ThrottleEntry& entry, const ThrottleRule& rule, std::int64_t now_ms);

  ThrottleRule pair_rule_;
  ThrottleRule address_rule_;
  std::unique_ptr<ThrottleCounters> counters_;
  std::mutex prune_mutex_;
  std::int64_t last_prune_ms_ = 0;
};

}  // namespace portal::domain
