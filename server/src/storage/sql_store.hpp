#pragma once
// The Store on SOCI (both backends) and its connection pool. Internal to portal_storage;
// callers see only domain::Store through OpenStore.

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/repositories.hpp"
#include "storage/sql_support.hpp"
#include "storage/store.hpp"

namespace portal::storage {

class SqlStore final : public domain::Store {
 public:
  // Opens one connection up front so that a wrong URL or an unreachable database shows at start.
  static Result<std::unique_ptr<SqlStore>> Open(const StoreOptions& options);
  ~SqlStore() override;

  Status Write(const std::function<Status(domain::Tx&)>& fn) override;
  Status Read(const std::function<Status(domain::Tx&)>& fn) override;
  Status Ping() override;
  std::string_view Backend() const override { return dialect_.name; }
  std::int64_t ErrorCount() const override { return error_count_.load(std::memory_order_relaxed); }

  // Runs fn on a leased connection outside any transaction (migrations manage their own).
  Status WithConnection(const std::function<Status(Conn&)>& fn);
  const Dialect& dialect() const { return dialect_; }
  // A new connection outside the pool, owned by the caller (cluster_lock.cpp's advisory locks).
  Result<std::unique_ptr<soci::session>> ConnectDedicated() { return Connect(); }

 private:
  class Lease;
  // A pooled connection and the statements prepared on it (destroyed before the session).
  struct Pooled {
    std::unique_ptr<soci::session> session;
    StatementCache cache;
  };
  SqlStore(const Dialect& dialect, std::string connect_string, int pool_size, int wait_ms);
  Result<std::unique_ptr<soci::session>> Connect();
  Result<Lease> Acquire();
  void Release(std::unique_ptr<Pooled> connection, bool broken);
  Status Run(bool transaction, const std::function<Status(domain::Tx&)>& fn);

  const Dialect& dialect_;
  const std::string connect_string_;  // SOCI's: a file name or a libpq URI
  const int pool_size_;
  const int wait_ms_;
  int busy_timeout_ms_ = 5000;
  std::atomic<std::int64_t> error_count_{0};

  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<Pooled>> idle_;  // guarded by mutex_
  int open_ = 0;                               // guarded by mutex_; idle + leased
};

// The SqlStore behind a Store that OpenStore made; kInvalidArgument for any other Store.
Result<SqlStore*> SqlStoreOf(domain::Store& store);

}  // namespace portal::storage
