#include <soci/soci.h>

#include <string>
#include <string_view>
#include <utility>

#include "core/log.hpp"
#include "storage/sql_store.hpp"

namespace portal::storage {
namespace {

// The lock key is mixed with the schema: instances sharing one schema (one portal) exclude each
// other, while separate portals in separate schemas of one database (tests) do not.
constexpr std::string_view kSchemaKey = "(:key # hashtext(current_schema())::bigint)";

// Holds pg_advisory_lock(key) on a connection of its own, outside the pool: a session lock
// lives as long as its session, and a pooled connection would carry it to unrelated work.
class PostgresLock final : public domain::ClusterLock {
 public:
  PostgresLock(std::unique_ptr<soci::session> session, std::int64_t key) : session_(std::move(session)), key_(key) {}
  ~PostgresLock() override {
    try {
      long long key = key_;
      int released = 0;
      *session_ << "SELECT CASE WHEN pg_advisory_unlock(" + std::string(kSchemaKey) + ") THEN 1 ELSE 0 END",
          soci::use(key, "key"), soci::into(released);
    } catch (const soci::soci_error& e) {
      // Closing the session below releases it anyway.
      log::Warn("cluster_lock_release_failed", {{"error", e.what()}});
    }
  }

 private:
  std::unique_ptr<soci::session> session_;
  std::int64_t key_;
};

class LocalLock final : public domain::ClusterLock {};

class SqlClusterLocks final : public domain::ClusterLocks {
 public:
  explicit SqlClusterLocks(SqlStore& store) : store_(store) {}
  Result<std::unique_ptr<domain::ClusterLock>> TryAcquire(std::int64_t key) override {
    if (store_.dialect().backend == Backend::kSqlite) {
      return std::unique_ptr<domain::ClusterLock>(std::make_unique<LocalLock>());
    }
    auto session = store_.ConnectDedicated();
    if (!session) return Fail(std::move(session.error()));
    try {
      long long k = key;
      int acquired = 0;
      **session << "SELECT CASE WHEN pg_try_advisory_lock(" + std::string(kSchemaKey) + ") THEN 1 ELSE 0 END",
          soci::use(k, "key"), soci::into(acquired);
      if (acquired != 1) return std::unique_ptr<domain::ClusterLock>();
    } catch (const soci::soci_error& e) {
      log::Warn("cluster_lock_failed", {{"error", e.what()}});
      return Fail(Error::Unavailable("database unavailable").WithDetail(e.what()));
    }
    return std::unique_ptr<domain::ClusterLock>(std::make_unique<PostgresLock>(std::move(*session), key));
  }

 private:
  SqlStore& store_;
};

}  // namespace

Result<std::unique_ptr<domain::ClusterLocks>> MakeClusterLocks(domain::Store& store) {
  auto sql = SqlStoreOf(store);
  if (!sql) return Fail(sql.error());
  return std::unique_ptr<domain::ClusterLocks>(std::make_unique<SqlClusterLocks>(**sql));
}

}  // namespace portal::storage
