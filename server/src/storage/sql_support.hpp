#pragma once
// What every repository needs around SOCI: the Dialect, one leased connection (Conn) and the
// translation of driver exceptions into Error values.
//
// Why one implementation instead of SqliteUserRepository + PgUserRepository (STYLE.md's names):
// through SOCI the statements are byte-for-byte the same on both databases, so two copies would
// only drift apart. The handful of real differences — how a write transaction begins, how a
// constraint violation is reported, whether a failed statement poisons the transaction — are the
// fields of Dialect below, and the contract suite runs every repository against both backends.
//
// Internal to portal_storage. Not thread-safe: a Conn belongs to one Store::Write/Read call.

#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "domain/entities.hpp"
#include "storage/store.hpp"

namespace portal::storage {

struct Dialect {
  Backend backend;
  std::string_view name;         // "sqlite" | "postgresql" (Store::Backend())
  std::string_view begin_write;  // SQLite takes the write lock up front: no lock-upgrade deadlocks
  // PostgreSQL aborts the whole transaction after any failed statement, SQLite only the
  // statement. Writes inside a transaction therefore run under a savepoint on PostgreSQL, so a
  // kConflict returned to the callback leaves the transaction usable on both.
  bool savepoint_per_write;
  std::string_view count_tables_named;  // SELECT count(*) … WHERE <table name> = :name
};

const Dialect& SqliteDialect();
const Dialect& PostgresDialect();

// The string to give soci::postgresql for a libpq URI. SOCI 4.0.3 re-tokenises connect strings
// as whitespace-separated key=value pairs before calling PQconnectdb: a URI survives that
// unchanged only if it contains an '=' (without one it becomes "uri="). Adding libpq's
// connect_timeout guarantees one — and libpq otherwise waits forever for a silent host.
std::string PostgresConnectString(std::string uri);

// Maps a constraint violation to the error a caller should see. A rule matches when the driver
// message contains its text: SQLite names the column ("UNIQUE constraint failed: users.email")
// or only the kind ("FOREIGN KEY constraint failed"); PostgreSQL names the constraint
// ("users_email_unique"), hence the migration's naming convention.
struct ConstraintRule {
  std::string_view sqlite_text;
  std::string_view postgres_text;
  ErrorCode code;
  std::string_view message;
  std::string_view field = {};     // the request field it is about (Error::field)
  std::string_view api_code = {};  // a specific code (Error::api_code)
};

// The statements prepared on one pooled connection, by SQL text (CachedStatement): a statement
// is taken while in use and put back after; it lives and dies with its connection. Statements are
// held by pointer: soci::statement's copy leaves a member uninitialised (UBSan reports the read).
class StatementCache {
 public:
  std::unique_ptr<soci::statement> Take(const std::string& sql);  // null when none is prepared
  void Put(const std::string& sql, std::unique_ptr<soci::statement> st);

 private:
  static constexpr std::size_t kMaxPrepared = 48;  // the oldest goes when a new one comes
  std::vector<std::pair<std::string, std::unique_ptr<soci::statement>>> prepared_;  // oldest first
};

class Conn {
 public:
  Conn(soci::session& sql, const Dialect& dialect, std::atomic<std::int64_t>& error_count, bool in_transaction,
       StatementCache* cache = nullptr)
      : sql_(sql), dialect_(dialect), error_count_(error_count), in_transaction_(in_transaction), cache_(cache) {}

  soci::session& sql() { return sql_; }
  // The connection's statement cache; null for a connection outside the pool.
  StatementCache* cache() { return cache_; }
  const Dialect& dialect() const { return dialect_; }
  // Set once a driver error said the connection is gone; the pool then drops it.
  bool broken() const { return broken_; }
  // For a connection left in an unknown state (a ROLLBACK that failed): the pool drops it too.
  void MarkBroken() { broken_ = true; }
  bool in_transaction() const { return in_transaction_; }

  // Runs a reading step; driver exceptions become kInternal/kUnavailable.
  template <typename F>
  auto Read(std::string_view operation, F&& fn) -> std::invoke_result_t<F> {
    try {
      return std::forward<F>(fn)();
    } catch (const soci::soci_error& e) {
      return Fail(Translate(e, operation, {}));
    }
  }

  // Runs a writing step; constraint violations are mapped through `rules`.
  template <typename F>
  auto Write(std::string_view operation, std::span<const ConstraintRule> rules, F&& fn) -> std::invoke_result_t<F> {
    const bool savepoint = in_transaction_ && dialect_.savepoint_per_write;
    try {
      if (savepoint) sql_ << "SAVEPOINT portal_write";
      auto result = std::forward<F>(fn)();
      if (savepoint) sql_ << "RELEASE SAVEPOINT portal_write";
      return result;
    } catch (const soci::soci_error& e) {
      if (savepoint) RollbackToSavepoint();
      return Fail(Translate(e, operation, rules));
    }
  }

  // Classifies a driver error. Constraint violations become the matching rule's error and are
  // not counted in Store::ErrorCount (they are expected outcomes); everything else is counted,
  // logged, and becomes kUnavailable (connection lost, database busy) or kInternal.
  Error Translate(const soci::soci_error& e, std::string_view operation, std::span<const ConstraintRule> rules);

 private:
  void RollbackToSavepoint();

  soci::session& sql_;
  const Dialect& dialect_;
  std::atomic<std::int64_t>& error_count_;
  bool in_transaction_;
  StatementCache* cache_;
  bool broken_ = false;
};

// On SQLite, outside a transaction: the statements run while it lives share one read transaction
// (BEGIN … COMMIT), so that a page and its total come from one snapshot and take the WAL's read
// lock once instead of once per statement. Nothing on PostgreSQL (each statement takes a snapshot
// of its own there; a transaction would cost two more round trips), nor inside a transaction.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Conn& conn);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Conn& conn_;
  bool open_ = false;
};

// A statement prepared once per pooled connection and SQL text, bound afresh at each use (SQLite
// spends longer preparing most list queries than running them):
//   CachedStatement st(conn, sql);
//   st->exchange(soci::into(x));
//   st->exchange(soci::use(y, "y"));
//   st.Bind();
//   st->execute(true);
// Bound variables must be declared before it (they outlive it). A use that throws drops the
// statement; outside the pool it is an ordinary statement.
class CachedStatement {
 public:
  CachedStatement(Conn& conn, std::string sql);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  soci::statement* operator->() { return &*st_; }
  soci::statement& operator*() { return *st_; }
  void Bind();  // prepares it the first time, then binds what was exchanged

 private:
  Conn& conn_;
  std::string sql_;
  std::unique_ptr<soci::statement> st_;
  bool prepared_ = false;
  int uncaught_;
};

// Binds into/use elements to a statement assembled at run time (for filtered lists).
// Every bound variable must outlive the statement's execution.
inline void Prepare(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

// LIKE pattern for a substring match, with %, _ and the escape character itself escaped for
// `lower(column) LIKE lower(:p) ESCAPE '!'` (lower() on both sides: case-insensitive on both
// databases, each with its own notion of case).
std::string ContainsPattern(std::string_view text);
std::string AsciiLower(std::string_view text);
// 1..500, as ListParams promises.
long long ClampLimit(int limit);

// "SELECT count(*) FROM (SELECT 1 <from_where> LIMIT kExactTotalLimit + 1) capped": a list's
// total never costs more than reading kExactTotalLimit + 1 matching rows.
std::string CappedCountSql(std::string_view from_where);
// A search no index narrows counts its matches among this many rows read (a lower bound when
// the table has more): more would cost more than the page itself.
inline constexpr long long kSampledRows = 2000;
// Runs CappedCountSql(from_where) with the parameters `bind` adds.
long long CountCapped(Conn& conn, const std::string& from_where, const std::function<void(soci::statement&)>& bind);
// A search no index narrows: counts the rows of `from_where` (filters included) for which
// `hit_expr` holds among the first kSampledRows + 1 read, through `bind` (the filters' and the
// search's parameters); returns {total, exact}: a lower bound when more rows were there.
struct SampledTotal {
  long long total = 0;
  bool exact = true;
};
SampledTotal CountSampled(Conn& conn, std::string_view hit_expr, const std::string& from_where,
                          const std::function<void(soci::statement&)>& bind);
// Sets page.total and page.total_exact from what CappedCountSql counted.
template <typename T>
void SetCappedTotal(domain::Page<T>& page, long long counted) {
  page.total_exact = counted <= domain::kExactTotalLimit;
  page.total = page.total_exact ? counted : domain::kExactTotalLimit;
}

// How a list counts its total: up to kExactTotalLimit + 1 matches (kCapped); "more than that"
// without counting, for a search an index found too frequent (kAtLeastLimit); or among the first
// kSampledRows rows read, for a search no index narrows (kSampled, a lower bound).
enum class TotalCount { kCapped, kAtLeastLimit, kSampled };
// Sets page.total and page.total_exact. `from_where` has the filters and the search (kCapped);
// `sampled_from_where` the filters only, the search being `hit_expr` (kSampled). `bind` binds the
// parameters of either.
template <typename T>
void CountTotal(Conn& conn, domain::Page<T>& page, TotalCount how, const std::string& from_where,
                std::string_view hit_expr, const std::string& sampled_from_where,
                const std::function<void(soci::statement&)>& bind) {
  switch (how) {
    case TotalCount::kCapped: SetCappedTotal(page, CountCapped(conn, from_where, bind)); break;
    case TotalCount::kAtLeastLimit: SetCappedTotal(page, domain::kExactTotalLimit + 1); break;
    case TotalCount::kSampled: {
      auto sampled = CountSampled(conn, hit_expr, sampled_from_where, bind);
      page.total = sampled.total;
      page.total_exact = sampled.exact;
      break;
    }
  }
}
// A lower-bound total is never below what the page itself shows.
template <typename T>
void NotBelowPage(domain::Page<T>& page) {
  if (!page.total_exact) page.total = std::max<std::int64_t>(page.total, static_cast<std::int64_t>(page.items.size()));
}

// Positional parameters, for statements with hundreds of them (multi-row INSERTs, IN lists):
// SQLite looks each named parameter up by a linear search (quadratic in their number), so these
// use "?" on SQLite and "$N" on PostgreSQL, bound in order with soci::use(value) (no name). A
// statement uses either these or named parameters, never both. `index` counts from 0.
std::string Param(const Dialect& dialect, std::size_t index);
// " IN (<Param first>, …)" for `count` values.
std::string InList(const Dialect& dialect, std::size_t count, std::size_t first = 0);
// Binds each of `values` (which must outlive the statement) in order.
void BindInList(soci::statement& st, std::vector<std::string>& values);

// How many rows of the FTS5 table `table` match `fts` (a TrigramMatch expression), counted up to
// kExactTotalLimit + 1: whether a search is narrow enough to answer from the index.
long long CountFtsMatches(Conn& conn, std::string_view table, const std::string& fts);
// SQLite's FTS5 trigram tables (migration 0010): the MATCH expression that finds `text` as a
// substring of any of `columns` ("{name email}"), case-insensitively; nullopt when `text` has
// fewer than 3 characters, which a trigram index cannot look up (the caller falls back to LIKE).
std::optional<std::string> TrigramMatch(std::string_view columns, std::string_view text);

}  // namespace portal::storage
