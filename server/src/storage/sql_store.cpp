#include "storage/sql_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "core/log.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kSqliteMemory = ":memory:";

struct ParsedUrl {
  const Dialect* dialect = nullptr;
  std::string connect_string;
  bool in_memory = false;
};

Result<ParsedUrl> ParseUrl(std::string_view url) {
  if (url.starts_with(kSqlitePrefix)) {
    std::string_view path = url.substr(kSqlitePrefix.size());
    if (path.starts_with("//")) path.remove_prefix(2);  // sqlite:///abs/path
    if (path.empty()) return Fail(Error::InvalidArgument("database url: sqlite: needs a file path"));
    // SOCI reads "key=value" pairs when the string contains '='; a plain path is the file name.
    if (path.find('=') != std::string_view::npos) {
      return Fail(Error::InvalidArgument("database url: the sqlite file path must not contain '='"));
    }
    return ParsedUrl{&SqliteDialect(), std::string(path), path == kSqliteMemory};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    if (url.find_first_of(" \t\r\n") != std::string_view::npos) {
      return Fail(Error::InvalidArgument("database url must not contain whitespace"));
    }
    return ParsedUrl{&PostgresDialect(), PostgresConnectString(std::string(url)), false};
  }
  // The URL itself is not echoed: it may carry a password.
  return Fail(Error::InvalidArgument("database url must start with sqlite: or postgresql://"));
}

}  // namespace

Result<SqlStore*> SqlStoreOf(domain::Store& store) {
  auto* sql = dynamic_cast<SqlStore*>(&store);
  if (sql == nullptr) return Fail(Error::InvalidArgument("store was not opened by storage::OpenStore"));
  return sql;
}

std::optional<std::string> SqliteFilePath(std::string_view url) {
  auto parsed = ParseUrl(url);
  if (!parsed || parsed->dialect != &SqliteDialect() || parsed->in_memory) return std::nullopt;
  return parsed->connect_string;
}

class SqlStore::Lease {
 public:
  Lease(SqlStore* store, std::unique_ptr<Pooled> connection) : store_(store), connection_(std::move(connection)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (connection_) store_->Release(std::move(connection_), broken_);
  }
  soci::session& session() { return *connection_->session; }
  StatementCache& cache() { return connection_->cache; }
  void MarkBroken() { broken_ = true; }

 private:
  SqlStore* store_;
  std::unique_ptr<Pooled> connection_;
  bool broken_ = false;
};

SqlStore::SqlStore(const Dialect& dialect, std::string connect_string, int pool_size, int wait_ms)
    : dialect_(dialect), connect_string_(std::move(connect_string)), pool_size_(pool_size), wait_ms_(wait_ms) {}

SqlStore::~SqlStore() = default;

Result<std::unique_ptr<SqlStore>> SqlStore::Open(const StoreOptions& options) {
  if (options.pool_size < 1) return Fail(Error::InvalidArgument("database pool_size must be at least 1"));
  if (options.busy_timeout_ms < 0) {
    return Fail(Error::InvalidArgument("database busy_timeout_ms must not be negative"));
  }
  auto parsed = ParseUrl(options.url);
  if (!parsed) return Fail(std::move(parsed.error()));
  // Every connection to :memory: is a database of its own.
  const int pool_size = parsed->in_memory ? 1 : options.pool_size;
  std::unique_ptr<SqlStore> store(new SqlStore(*parsed->dialect, std::move(parsed->connect_string), pool_size,
                                               std::max(options.busy_timeout_ms, 1000)));
  store->busy_timeout_ms_ = options.busy_timeout_ms;
  auto first = store->Connect();
  if (!first) return Fail(std::move(first.error()));
  store->open_ = 1;
  store->Release(std::make_unique<Pooled>(Pooled{std::move(*first), {}}), false);
  return store;
}

namespace {

// Process-wide, before the first SQLite connection opens (later calls are refused and change
// nothing). A pooled connection is used by one thread at a time, so SQLite need not lock each
// call (multi-thread mode), and nothing reads its memory statistics, whose global mutex every
// allocation would otherwise take: together 9 % of GET /users' samples.
bool ConfigureSqliteLibrary() {
  sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return true;
}

}  // namespace

Result<std::unique_ptr<soci::session>> SqlStore::Connect() {
  try {
    std::unique_ptr<soci::session> session;
    if (dialect_.backend == Backend::kSqlite) {
      static const bool configured = ConfigureSqliteLibrary();
      (void)configured;
      session = std::make_unique<soci::session>(soci::sqlite3, connect_string_);
      // Per connection: these settings are not stored in the database file (WAL is, but
      // setting it again is free and covers a fresh file).
      std::string journal_mode;
      *session << "PRAGMA journal_mode=WAL", soci::into(journal_mode);
      *session << "PRAGMA foreign_keys=ON";
      *session << "PRAGMA synchronous=NORMAL";
      // 8 MiB of pages per connection (SQLite's default is 2): a sync of 100 000 keys spends
      // a sixth less time re-reading the pages it is writing (docs/benchmarks.md).
      *session << "PRAGMA cache_size=-8192";
      *session << "PRAGMA busy_timeout=" + std::to_string(busy_timeout_ms_);
    } else {
      session = std::make_unique<soci::session>(soci::postgresql, connect_string_);
      // Statements are prepared once per connection (CachedStatement); without this PostgreSQL
      // would switch them to a generic plan after five runs, blind to how selective this run's
      // filter is (a list of the 1 % of admins then read every user).
      *session << "SET plan_cache_mode = force_custom_plan";
    }
    return session;
  } catch (const soci::soci_error& e) {
    error_count_.fetch_add(1, std::memory_order_relaxed);
    log::Warn("storage_connect_failed", {{"backend", dialect_.name}, {"error", e.what()}});
    return Fail(Error::Unavailable("database unavailable").WithDetail(e.what()));
  }
}

Result<SqlStore::Lease> SqlStore::Acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms_);
  while (idle_.empty() && open_ >= pool_size_) {
    if (released_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= pool_size_) {
      return Fail(Error::Unavailable("database busy: no free connection"));
    }
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;  // reserve the slot, connect outside the lock
  lock.unlock();
  auto session = Connect();
  if (!session) {
    lock.lock();
    --open_;
    released_.notify_one();
    return Fail(std::move(session.error()));
  }
  return Lease(this, std::make_unique<Pooled>(Pooled{std::move(*session), {}}));
}

void SqlStore::Release(std::unique_ptr<Pooled> connection, bool broken) {
  const bool drop = broken || !connection->session->is_connected();
  std::unique_ptr<Pooled> doomed;
  {
    std::lock_guard lock(mutex_);
    if (drop) {
      doomed = std::move(connection);
      --open_;
    } else {
      idle_.push_back(std::move(connection));
    }
  }
  released_.notify_one();
}

Status SqlStore::Run(bool transaction, const std::function<Status(domain::Tx&)>& fn) {
  auto lease = Acquire();
  if (!lease) return Fail(std::move(lease.error()));
  Conn conn(lease->session(), dialect_, error_count_, transaction, &lease->cache());
  auto finish = [&](Status status) {
    if (conn.broken()) lease->MarkBroken();
    return status;
  };
  auto rollback = [&] {
    try {
      conn.sql() << "ROLLBACK";
    } catch (const soci::soci_error& e) {
      lease->MarkBroken();  // a connection in an unknown transaction state must not be reused
      log::Warn("storage_rollback_failed", {{"backend", dialect_.name}, {"error", e.what()}});
    }
  };

  if (transaction) {
    try {
      conn.sql() << std::string(dialect_.begin_write);
    } catch (const soci::soci_error& e) {
      return finish(Fail(conn.Translate(e, "begin", {})));
    }
  }
  SqlTx tx(conn);
  Status status;
  try {
    status = fn(tx);
  } catch (const soci::soci_error& e) {
    status = Fail(conn.Translate(e, "transaction", {}));
  } catch (...) {
    // Not a driver error: a broken invariant in the caller. Undo, then let it propagate.
    if (transaction) rollback();
    if (conn.broken()) lease->MarkBroken();
    throw;
  }
  if (!transaction) return finish(std::move(status));
  if (!status) {
    rollback();
    return finish(std::move(status));
  }
  try {
    conn.sql() << "COMMIT";
  } catch (const soci::soci_error& e) {
    auto error = conn.Translate(e, "commit", {});
    rollback();
    return finish(Fail(std::move(error)));
  }
  return finish({});
}

Status SqlStore::Write(const std::function<Status(domain::Tx&)>& fn) { return Run(true, fn); }

Status SqlStore::Read(const std::function<Status(domain::Tx&)>& fn) { return Run(false, fn); }

Status SqlStore::Ping() {
  return WithConnection([](Conn& conn) -> Status {
    return conn.Read("ping", [&]() -> Status {
      int one = 0;
      conn.sql() << "SELECT 1", soci::into(one);
      if (one != 1) return Fail(Error::Internal("SELECT 1 returned " + std::to_string(one)));
      return {};
    });
  });
}

Status SqlStore::WithConnection(const std::function<Status(Conn&)>& fn) {
  auto lease = Acquire();
  if (!lease) return Fail(std::move(lease.error()));
  Conn conn(lease->session(), dialect_, error_count_, false, &lease->cache());
  Status status;
  try {
    status = fn(conn);
  } catch (...) {
    lease->MarkBroken();
    throw;
  }
  if (conn.broken()) lease->MarkBroken();
  return status;
}

Result<std::unique_ptr<domain::Store>> OpenStore(const StoreOptions& options) {
  auto store = SqlStore::Open(options);
  if (!store) return Fail(std::move(store.error()));
  return std::unique_ptr<domain::Store>(std::move(*store));
}

}  // namespace portal::storage
