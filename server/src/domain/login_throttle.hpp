#pragma once
// Slows brute force (R-A4): failed logins are counted per account and per client address within
// a window; past a threshold further attempts are refused for a lock time that doubles with every
// further failure (capped). A successful login resets the account's counter.
// In memory, per portal instance. Thread-safe.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace portal::domain {

struct ThrottleRule {
  int max_failures;                 // failures allowed within the window before locking
  std::chrono::seconds window;      // failures older than this are forgotten
  std::chrono::seconds first_lock;  // lock after the threshold; doubles per further failure
  std::chrono::seconds max_lock;
};

class LoginThrottle {
 public:
  LoginThrottle(ThrottleRule account_rule, ThrottleRule address_rule);
  // Seconds to wait when either the account or the address is locked; nullopt when allowed.
  std::optional<int> RetryAfter(const std::string& account, const std::string& address, TimePoint now);
  void RecordFailure(const std::string& account, const std::string& address, TimePoint now);
  void RecordSuccess(const std::string& account);

 private:
  struct Entry {
    int failures = 0;
    TimePoint window_start;
    TimePoint locked_until;
  };
  static std::optional<int> Locked(const Entry* entry, TimePoint now);
  static void Fail(Entry& entry, const ThrottleRule& rule, TimePoint now);
  void Prune(TimePoint now);

  ThrottleRule account_rule_;
  ThrottleRule address_rule_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> accounts_;
  std::unordered_map<std::string, Entry> addresses_;
  TimePoint last_prune_;
};

}  // namespace portal::domain
