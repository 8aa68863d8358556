#include "storage/testing.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "storage/sql_support.hpp"

namespace portal::storage {
namespace {

std::string PostgresBaseUrl() {
  const char* url = std::getenv(TemporaryDatabase::kPostgresUrlVariable);
  return url == nullptr ? "" : url;
}

// Schema names come from NewId only (letters, digits, '_'), never from input: DDL cannot bind
// identifiers, so this is the one place where a name is spliced into SQL.
std::string NewSchemaName() { return AsciiLower(NewId("portal_test")); }

// The test's own schema first, then public: the extensions migrations use (pg_trgm) live in
// public once for all tests, as they do in a real database.
std::string WithSearchPath(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema + "%2Cpublic";
}

// Tests starting together may race to create it; the loser finds it there.
void CreateExtensionsInPublic(soci::session& sql) {
  try {
    sql << "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public";
  } catch (const soci::soci_error&) {
    long long present = 0;
    sql << "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'", soci::into(present);
    if (present == 0) throw;
  }
}

}  // namespace

bool TemporaryDatabase::PostgresAvailable() { return !PostgresBaseUrl().empty(); }

Result<TemporaryDatabase> TemporaryDatabase::Create(Backend backend) {
  TemporaryDatabase db;
  db.backend_ = backend;
  if (backend == Backend::kSqlite) {
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return Fail(Error::Unavailable("no temporary directory").WithDetail(ec.message()));
    db.file_ = (dir / (AsciiLower(NewId("portal_test")) + ".db")).string();
    db.url_ = "sqlite:" + db.file_;
    return db;
  }
  const std::string base = PostgresBaseUrl();
  if (base.empty()) {
    return Fail(Error::Unavailable(std::string(kPostgresUrlVariable) +
                                   " is not set (scripts/test-postgres.sh start prints one)"));
  }
  const std::string schema = NewSchemaName();
  try {
    soci::session sql(soci::postgresql, PostgresConnectString(base));
    CreateExtensionsInPublic(sql);
    sql << "CREATE SCHEMA " + schema;
  } catch (const soci::soci_error& e) {
    return Fail(Error::Unavailable("cannot create a test schema").WithDetail(e.what()));
  }
  db.admin_url_ = PostgresConnectString(base);
  db.schema_ = schema;
  db.url_ = WithSearchPath(base, schema);  // OpenStore adds connect_timeout
  return db;
}

TemporaryDatabase::TemporaryDatabase(TemporaryDatabase&& other) noexcept
    : backend_(other.backend_),
      url_(std::exchange(other.url_, {})),
      file_(std::exchange(other.file_, {})),
      admin_url_(std::exchange(other.admin_url_, {})),
      schema_(std::exchange(other.schema_, {})) {}

TemporaryDatabase& TemporaryDatabase::operator=(TemporaryDatabase&& other) noexcept {
  if (this != &other) {
    Remove();
    backend_ = other.backend_;
    url_ = std::exchange(other.url_, {});
    file_ = std::exchange(other.file_, {});
    admin_url_ = std::exchange(other.admin_url_, {});
    schema_ = std::exchange(other.schema_, {});
  }
  return *this;
}

TemporaryDatabase::~TemporaryDatabase() { Remove(); }

void TemporaryDatabase::Remove() noexcept {
  if (!file_.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(file_ + suffix, ec);
    }
    file_.clear();
  }
  if (!schema_.empty()) {
    try {
      soci::session sql(soci::postgresql, admin_url_);
      sql << "SET client_min_messages TO WARNING";
      sql << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    } catch (const std::exception& e) {
      log::Warn("temporary_database_drop_failed", {{"schema", schema_}, {"error", e.what()}});
    }
    schema_.clear();
  }
}

}  // namespace portal::storage
