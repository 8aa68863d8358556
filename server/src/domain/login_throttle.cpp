#include "domain/login_throttle.hpp"

#include <algorithm>

namespace portal::domain {

LoginThrottle::LoginThrottle(ThrottleRule account_address_rule, ThrottleRule address_rule)
    : pair_rule_(account_address_rule), address_rule_(address_rule) {}

std::string LoginThrottle::PairKey(const std::string& account, const std::string& address) {
  return account + '\n' + address;  // neither an email nor an address holds a newline
}

std::optional<int> LoginThrottle::Locked(const Entry* entry, TimePoint now) {
  if (entry == nullptr || entry->locked_until <= now) return std::nullopt;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(entry->locked_until - now).count();
  return static_cast<int>(std::max<long long>(1, seconds + 1));
}

std::optional<int> LoginThrottle::RetryAfter(const std::string& account, const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto a = pairs_.find(PairKey(account, address));
  auto b = addresses_.find(address);
  auto wait_pair = Locked(a == pairs_.end() ? nullptr : &a->second, now);
  auto wait_address = Locked(b == addresses_.end() ? nullptr : &b->second, now);
  if (wait_pair && wait_address) return std::max(*wait_pair, *wait_address);
  return wait_pair ? wait_pair : wait_address;
}

void LoginThrottle::Fail(Entry& entry, const ThrottleRule& rule, TimePoint now) {
  if (entry.failures == 0 || now - entry.window_start > rule.window) {
    entry.failures = 0;
    entry.window_start = now;
  }
  ++entry.failures;
  const int over = entry.failures - rule.max_failures;  // 0 at the last allowed failure
  if (over >= 0) {
    auto lock = rule.first_lock * (1LL << std::min(over, 20));
    entry.locked_until = now + std::min<std::chrono::seconds>(lock, rule.max_lock);
  }
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  Prune(now);
  Fail(pairs_[PairKey(account, address)], pair_rule_, now);
  Fail(addresses_[address], address_rule_, now);
}

void LoginThrottle::RecordSuccess(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  pairs_.erase(PairKey(account, address));
}

void LoginThrottle::Prune(TimePoint now) {
  // Forget idle entries now and then so that the maps cannot grow without bound.
  if (now - last_prune_ < std::chrono::minutes(1)) return;
  last_prune_ = now;
  auto prune = [now](auto& map, const ThrottleRule& rule) {
    std::erase_if(map, [&](const auto& item) {
      return item.second.locked_until <= now && now - item.second.window_start > rule.window;
    });
  };
  prune(pairs_, pair_rule_);
  prune(addresses_, address_rule_);
}

}  // namespace portal::domain
