#pragma once
// Slows brute force (R-A4) the way OWASP's authentication cheat sheet describes, without letting
// anyone lock an account's owner out:
// - per account AND address: after `max_failures` failed logins within the window, that address
//   waits before it may try that account again, for a time that doubles with every further
//   failure (capped). The owner, logging in from elsewhere, is not affected.
// - per address, across accounts: a ceiling on failures from one address (password spraying).
// A successful login clears its account-and-address counter. `max_failures` is exact: that many
// failures are answered 401, the next attempt 429.
// In memory, per portal instance. Thread-safe.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace portal::domain {

struct ThrottleRule {
  int max_failures;                 // failures allowed within the window; the next attempt waits
  std::chrono::seconds window;      // failures older than this are forgotten
  std::chrono::seconds first_lock;  // wait after the last allowed failure; doubles per further failure
  std::chrono::seconds max_lock;
};

class LoginThrottle {
 public:
  LoginThrottle(ThrottleRule account_address_rule, ThrottleRule address_rule);
  // Seconds to wait when this address may not try this account (or anything) now; nullopt when allowed.
  std::optional<int> RetryAfter(const std::string& account, const std::string& address, TimePoint now);
  void RecordFailure(const std::string& account, const std::string& address, TimePoint now);
  void RecordSuccess(const std::string& account, const std::string& address);

 private:
  struct Entry {
    int failures = 0;
    TimePoint window_start;
    TimePoint locked_until;
  };
  static std::string PairKey(const std::string& account, const std::string& address);
  static std::optional<int> Locked(const Entry* entry, TimePoint now);
  static void Fail(Entry& entry, const ThrottleRule& rule, TimePoint now);
  void Prune(TimePoint now);

  ThrottleRule pair_rule_;
  ThrottleRule address_rule_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> pairs_;  // account '\n' address
  std::unordered_map<std::string, Entry> addresses_;
  TimePoint last_prune_;
};

}  // namespace portal::domain
