#include "storage/sql_support.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <string>

#include "core/log.hpp"

namespace portal::storage {
namespace {

// After a cached statement's last fetch: SQLite keeps a read transaction open on a statement that
// is not reset, which would pin the connection's snapshot until its next use.
void ResetAfterUse(soci::statement& st, const Dialect& dialect) {
  if (dialect.backend != Backend::kSqlite) return;  // libpq has read the whole result already
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend != nullptr && backend->stmt_ != nullptr) sqlite3_reset(backend->stmt_);
}

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;

enum class Kind { kConstraint, kUnavailable, kBroken, kOther };

Kind Classify(const soci::soci_error& e) {
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (lite->result() & 0xff) {
      case kSqliteConstraint: return Kind::kConstraint;
      case kSqliteBusy:
      case kSqliteLocked:
      case kSqliteCantOpen: return Kind::kUnavailable;
      default: return Kind::kOther;
    }
  }
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    if (state.starts_with("23")) return Kind::kConstraint;
    // 08: connection exceptions; 57P: the server is shutting down or restarting.
    if (state.starts_with("08") || state.starts_with("57P")) return Kind::kBroken;
    return Kind::kOther;
  }
  if (e.get_error_category() == soci::soci_error::connection_error) return Kind::kBroken;
  return Kind::kOther;
}

constexpr int kPostgresConnectTimeoutSeconds = 5;

}  // namespace

std::string PostgresConnectString(std::string uri) {
  if (uri.find("connect_timeout=") == std::string::npos) {
    uri += uri.find('?') == std::string::npos ? '?' : '&';
    uri += "connect_timeout=" + std::to_string(kPostgresConnectTimeoutSeconds);
  }
  return uri;
}

const Dialect& SqliteDialect() {
  static const Dialect kDialect{
      .backend = Backend::kSqlite,
      .name = "sqlite",
      .begin_write = "BEGIN IMMEDIATE",
      .savepoint_per_write = false,
      .count_tables_named = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
  };
  return kDialect;
}

const Dialect& PostgresDialect() {
  static const Dialect kDialect{
      .backend = Backend::kPostgres,
      .name = "postgresql",
      .begin_write = "BEGIN",
      .savepoint_per_write = true,
      .count_tables_named =
          "SELECT count(*) FROM information_schema.tables"
          " WHERE table_schema = current_schema() AND table_name = :name",
  };
  return kDialect;
}

Error Conn::Translate(const soci::soci_error& e, std::string_view operation, std::span<const ConstraintRule> rules) {
  const Kind kind = Classify(e);
  std::string detail = std::string(operation) + ": " + e.what();
  if (kind == Kind::kConstraint) {
    const std::string text = e.what();
    for (const auto& rule : rules) {
      const std::string_view needle = dialect_.backend == Backend::kSqlite ? rule.sqlite_text : rule.postgres_text;
      if (!needle.empty() && text.find(needle) != std::string::npos) {
        Error error{rule.code, std::string(rule.message), std::move(detail)};
        error.field = std::string(rule.field);
        error.api_code = std::string(rule.api_code);
        return error;
      }
    }
    if (text.find("UNIQUE") != std::string::npos || text.find("duplicate key") != std::string::npos) {
      return Error::Conflict("already exists").WithDetail(std::move(detail));
    }
  }
  error_count_.fetch_add(1, std::memory_order_relaxed);
  log::Warn("storage_error", {{"backend", dialect_.name}, {"operation", operation}, {"error", e.what()}});
  if (kind == Kind::kBroken) broken_ = true;
  if (kind == Kind::kBroken || kind == Kind::kUnavailable || !sql_.is_connected()) {
    return Error::Unavailable("database unavailable").WithDetail(std::move(detail));
  }
  return Error::Internal(std::move(detail));
}

void Conn::RollbackToSavepoint() {
  try {
    sql_ << "ROLLBACK TO SAVEPOINT portal_write";
    sql_ << "RELEASE SAVEPOINT portal_write";
  } catch (const soci::soci_error& e) {
    // The transaction is unusable now; Store::Write's rollback will report it.
    broken_ = broken_ || !sql_.is_connected();
    log::Warn("storage_savepoint_rollback_failed", {{"error", e.what()}});
  }
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  out += '%';
  return out;
}

long long ClampLimit(int limit) { return std::clamp(limit, 1, 500); }

std::string CappedCountSql(std::string_view from_where) {
  std::string sql = "SELECT count(*) FROM (SELECT 1 ";
  sql.append(from_where).append(" LIMIT ").append(std::to_string(domain::kExactTotalLimit + 1)).append(") capped");
  return sql;
}

std::unique_ptr<soci::statement> StatementCache::Take(const std::string& sql) {
  for (auto it = prepared_.begin(); it != prepared_.end(); ++it) {
    if (it->first == sql) {
      auto st = std::move(it->second);
      prepared_.erase(it);
      return st;
    }
  }
  return nullptr;
}

void StatementCache::Put(const std::string& sql, std::unique_ptr<soci::statement> st) {
  if (prepared_.size() >= kMaxPrepared) prepared_.erase(prepared_.begin());
  prepared_.emplace_back(sql, std::move(st));
}

CachedStatement::CachedStatement(Conn& conn, std::string sql)
    : conn_(conn), sql_(std::move(sql)), uncaught_(std::uncaught_exceptions()) {
  if (conn_.cache() != nullptr) st_ = conn_.cache()->Take(sql_);
  prepared_ = st_ != nullptr;
  if (!st_) st_ = std::make_unique<soci::statement>(conn_.sql());
}

void CachedStatement::Bind() {
  if (!prepared_) {
    st_->alloc();
    st_->prepare(sql_);
    prepared_ = true;
  }
  st_->define_and_bind();
}

CachedStatement::~CachedStatement() {
  if (std::uncaught_exceptions() > uncaught_ || conn_.cache() == nullptr || !prepared_) return;
  try {
    ResetAfterUse(*st_, conn_.dialect());
    st_->bind_clean_up();
    conn_.cache()->Put(sql_, std::move(st_));
  } catch (const soci::soci_error& e) {
    // Not reusable: it is finalized with this object, and the next use prepares it afresh.
    log::Debug("storage_statement_not_cached", {{"error", e.what()}});
  }
}

namespace {

// sqlite3_exec on a pooled connection's handle: no statement to prepare through SOCI.
int ExecSqlite(Conn& conn, const char* sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(conn.sql().get_backend());
  return sqlite3_exec(backend->conn_, sql, nullptr, nullptr, nullptr);
}

}  // namespace

ReadSnapshot::ReadSnapshot(Conn& conn) : conn_(conn) {
  if (conn_.dialect().backend != Backend::kSqlite || conn_.in_transaction()) return;
  open_ = ExecSqlite(conn_, "BEGIN") == SQLITE_OK;
}

ReadSnapshot::~ReadSnapshot() {
  if (!open_) return;
  // A read transaction commits with nothing to write; a connection left inside one is dropped.
  if (ExecSqlite(conn_, "COMMIT") != SQLITE_OK && ExecSqlite(conn_, "ROLLBACK") != SQLITE_OK) conn_.MarkBroken();
}

std::string Param(const Dialect& dialect, std::size_t index) {
  if (dialect.backend == Backend::kSqlite) return "?";
  std::string param = "$";
  param.append(std::to_string(index + 1));
  return param;
}

std::string InList(const Dialect& dialect, std::size_t count, std::size_t first) {
  std::string sql = " IN (";
  for (std::size_t i = 0; i < count; ++i) sql.append(i ? ", " : "").append(Param(dialect, first + i));
  sql += ")";
  return sql;
}

void BindInList(soci::statement& st, std::vector<std::string>& values) {
  for (auto& value : values) st.exchange(soci::use(value));
}

long long CountCapped(Conn& conn, const std::string& from_where, const std::function<void(soci::statement&)>& bind) {
  long long counted = 0;
  CachedStatement st(conn, CappedCountSql(from_where));
  st->exchange(soci::into(counted));
  bind(*st);
  st.Bind();
  st->execute(true);
  return counted;
}

SampledTotal CountSampled(Conn& conn, std::string_view hit_expr, const std::string& from_where,
                          const std::function<void(soci::statement&)>& bind) {
  long long scanned = 0, hits = 0;
  std::string sql = "SELECT count(*), coalesce(sum(hit), 0) FROM (SELECT CASE WHEN ";
  sql.append(hit_expr).append(" THEN 1 ELSE 0 END AS hit ").append(from_where);
  sql.append(" LIMIT ").append(std::to_string(kSampledRows + 1)).append(") sampled");
  CachedStatement st(conn, sql);
  st->exchange(soci::into(scanned));
  st->exchange(soci::into(hits));
  bind(*st);
  st.Bind();
  st->execute(true);
  return {std::min(hits, kSampledRows), scanned <= kSampledRows};
}

long long CountFtsMatches(Conn& conn, std::string_view table, const std::string& fts) {
  const std::string name(table);
  long long matches = 0;
  std::string bound = fts;
  conn.sql() << CappedCountSql("FROM " + name + " WHERE " + name + " MATCH :fts"), soci::use(bound, "fts"),
      soci::into(matches);
  return matches;
}

std::optional<std::string> TrigramMatch(std::string_view columns, std::string_view text) {
  std::size_t characters = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++characters;  // UTF-8 lead bytes
  }
  if (characters < 3) return std::nullopt;
  std::string match(columns);
  match.append(" : \"");
  for (char c : text) {
    if (c == '"') match.push_back('"');
    match.push_back(c);
  }
  match.push_back('"');
  return match;
}

}  // namespace portal::storage
