#include "domain/login_throttle.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {
namespace {

class MemoryThrottleCounters final : public ThrottleCounters {
 public:
  Result<std::optional<ThrottleEntry>> Get(const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end()) return std::optional<ThrottleEntry>();
    return std::optional<ThrottleEntry>(found->second);
  }
  Status Update(const std::vector<std::string>& keys, const std::function<void(std::size_t, ThrottleEntry&)>& change,
                std::int64_t) override {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < keys.size(); ++i) change(i, entries_[keys[i]]);
    return {};
  }
  Status Erase(const std::string& key) override {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
    return {};
  }
  Status Prune(std::int64_t now_ms, std::int64_t idle_before_ms) override {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const auto& item) {
      return item.second.locked_until_ms <= now_ms && item.second.window_start_ms < idle_before_ms;
    });
    return {};
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, ThrottleEntry> entries_;
};

class StoreThrottleCounters final : public ThrottleCounters {
 public:
  explicit StoreThrottleCounters(Store& store) : store_(store) {}
  Result<std::optional<ThrottleEntry>> Get(const std::string& key) override {
    std::optional<ThrottleEntry> entry;
    auto read = store_.Read([&](Tx& tx) -> Status {
      auto found = tx.LoginThrottle().Find(key);
      if (!found) return Fail(found.error());
      entry = *found;
      return {};
    });
    if (!read) return Fail(read.error());
    return entry;
  }
  Status Update(const std::vector<std::string>& keys, const std::function<void(std::size_t, ThrottleEntry&)>& change,
                std::int64_t now_ms) override {
    return store_.Write([&](Tx& tx) -> Status {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        auto entry = tx.LoginThrottle().Lock(keys[i], now_ms);
        if (!entry) return Fail(entry.error());
        change(i, *entry);
        if (auto put = tx.LoginThrottle().Put(keys[i], *entry, now_ms); !put) return put;
      }
      return {};
    });
  }
  Status Erase(const std::string& key) override {
    return store_.Write([&](Tx& tx) { return tx.LoginThrottle().Delete(key); });
  }
  Status Prune(std::int64_t now_ms, std::int64_t idle_before_ms) override {
    return store_.Write([&](Tx& tx) { return tx.LoginThrottle().DeleteIdle(now_ms, idle_before_ms); });
  }

 private:
  Store& store_;
};

void LogFailure(const char* what, const Error& error) {
  log::Warn("login_throttle_unavailable", {{"operation", what}, {"error", error.message}, {"detail", error.detail}});
}

}  // namespace

std::unique_ptr<ThrottleCounters> MakeMemoryThrottleCounters() { return std::make_unique<MemoryThrottleCounters>(); }

std::unique_ptr<ThrottleCounters> MakeStoreThrottleCounters(Store& store) {
  return std::make_unique<StoreThrottleCounters>(store);
}

LoginThrottle::LoginThrottle(ThrottleRule account_address_rule, ThrottleRule address_rule,
                             std::unique_ptr<ThrottleCounters> counters)
    : pair_rule_(account_address_rule),
      address_rule_(address_rule),
      counters_(counters ? std::move(counters) : MakeMemoryThrottleCounters()) {}

std::string LoginThrottle::PairKey(const std::string& account, const std::string& address) {
  return "pair\n" + account + '\n' + address;  // neither an email nor an address holds a newline
}

std::string LoginThrottle::AddressKey(const std::string& address) { return "address\n" + address; }

std::optional<int> LoginThrottle::Locked(const std::optional<ThrottleEntry>& entry, std::int64_t now_ms) {
  if (!entry || entry->locked_until_ms <= now_ms) return std::nullopt;
  auto seconds = (entry->locked_until_ms - now_ms) / 1000;
  return static_cast<int>(std::max<std::int64_t>(1, seconds + 1));
}

std::optional<int> LoginThrottle::RetryAfter(const std::string& account, const std::string& address, TimePoint now) {
  const auto now_ms = ToUnixMillis(now);
  auto pair = counters_->Get(PairKey(account, address));
  auto by_address = counters_->Get(AddressKey(address));
  if (!pair || !by_address) {
    LogFailure("read", !pair ? pair.error() : by_address.error());
    return std::nullopt;
  }
  auto wait_pair = Locked(*pair, now_ms);
  auto wait_address = Locked(*by_address, now_ms);
  if (wait_pair && wait_address) return std::max(*wait_pair, *wait_address);
  return wait_pair ? wait_pair : wait_address;
}

void LoginThrottle::Fail(ThrottleEntry& entry, const ThrottleRule& rule, std::int64_t now_ms) {
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(rule.window).count();
  if (entry.failures == 0 || now_ms - entry.window_start_ms > window_ms) {
    entry.failures = 0;
    entry.window_start_ms = now_ms;
  }
  ++entry.failures;
  const int over = entry.failures - rule.max_failures;  // 0 at the last allowed failure
  if (over >= 0) {
    auto lock = std::min<std::chrono::seconds>(rule.first_lock * (1LL << std::min(over, 20)), rule.max_lock);
    entry.locked_until_ms = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(lock).count();
  }
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address, TimePoint now) {
  const auto now_ms = ToUnixMillis(now);
  {
    // Forget idle entries now and then so that the counters cannot grow without bound.
    std::lock_guard lock(prune_mutex_);
    if (now_ms - last_prune_ms_ >= 60'000) {
      last_prune_ms_ = now_ms;
      const auto longest = std::max(pair_rule_.window, address_rule_.window);
      const auto idle_before = now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(longest).count();
      if (auto pruned = counters_->Prune(now_ms, idle_before); !pruned) LogFailure("prune", pruned.error());
    }
  }
  auto updated = counters_->Update(
      {PairKey(account, address), AddressKey(address)},
      [&](std::size_t index, ThrottleEntry& entry) { Fail(entry, index == 0 ? pair_rule_ : address_rule_, now_ms); },
      now_ms);
  if (!updated) LogFailure("record", updated.error());
}

void LoginThrottle::RecordSuccess(const std::string& account, const std::string& address) {
  if (auto erased = counters_->Erase(PairKey(account, address)); !erased) LogFailure("clear", erased.error());
}

}  // namespace portal::domain
