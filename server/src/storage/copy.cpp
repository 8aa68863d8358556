// Copying every row of one portal database into another, empty one (store.hpp CopyDatabase):
// how an installation moves from SQLite to PostgreSQL (docs/deploy.md).
#include <string>
#include <vector>

#include "core/log.hpp"
#include "storage/sql_store.hpp"

namespace portal::storage {
namespace {

// Every table a migration creates, parents before children (foreign keys). A test checks that
// the list and the schema agree, so a new table cannot be forgotten here.
constexpr const char* kTables[] = {"organizations",
                                   "workspaces",
                                   "api_keys",
                                   "users",
                                   "sessions",
                                   "refresh_tokens",
                                   "audit_events",
                                   "settings",
                                   "sync_runs",
                                   "prompts",
                                   "prompt_versions",
                                   "legacy_ids",
                                   "login_throttle",
                                   "limit_settings",
                                   "usage_daily",
                                   "key_holder_history",
                                   "workspace_link_history",
                                   "usage_runs"};

Result<long long> CountRows(Conn& conn, const std::string& table) {
  return conn.Read("copy.count", [&]() -> Result<long long> {
    long long rows = 0;
    conn.sql() << "SELECT count(*) FROM " + table, soci::into(rows);
    return rows;
  });
}

// One column's value of the current row, bound by reference into the INSERT.
struct Cell {
  bool number = false;
  std::string text;
  long long integer = 0;
  soci::indicator indicator = soci::i_ok;
};

}  // namespace

std::span<const char* const> CopiedTables() { return kTables; }

Result<CopyReport> CopyDatabase(domain::Store& from, domain::Store& to,
                                const std::function<void(const std::string&, long long)>& progress) {
  auto source_store = SqlStoreOf(from);
  if (!source_store) return Fail(source_store.error());
  auto target_store = SqlStoreOf(to);
  if (!target_store) return Fail(target_store.error());
  SqlStore* source = *source_store;
  SqlStore* target = *target_store;
  auto from_version = CurrentSchemaVersion(from);
  if (!from_version) return Fail(from_version.error());
  auto to_version = CurrentSchemaVersion(to);
  if (!to_version) return Fail(to_version.error());
  if (*from_version != LatestSchemaVersion() || *to_version != LatestSchemaVersion()) {
    return Fail(Error::InvalidArgument("both databases must be migrated to schema " +
                                       std::to_string(LatestSchemaVersion()) + " first"));
  }
  CopyReport report;
  Status status = target->WithConnection([&](Conn& out) -> Status {
    for (const char* table : kTables) {
      auto rows = CountRows(out, table);
      if (!rows) return Fail(rows.error());
      if (*rows > 0) {
        return Fail(Error::InvalidArgument("the target database is not empty (" + std::string(table) + " has " +
                                           std::to_string(*rows) + " rows): copy only into a new database"));
      }
    }
    try {
      out.sql() << std::string(out.dialect().begin_write);
    } catch (const soci::soci_error& e) {
      return Fail(out.Translate(e, "copy: begin", {}));
    }
    Status copied = source->WithConnection([&](Conn& in) -> Status {
      return in.Read("copy.rows", [&]() -> Status {
        for (const char* table : kTables) {
          long long count = 0;
          std::vector<Cell> cells;
          std::optional<soci::statement> insert;
          soci::rowset<soci::row> rows = in.sql().prepare << "SELECT * FROM " + std::string(table);
          for (const soci::row& row : rows) {
            if (!insert) {
              cells.resize(row.size());
              std::string columns, values;
              for (std::size_t i = 0; i < row.size(); ++i) {
                const auto& properties = row.get_properties(i);
                const auto type = properties.get_data_type();
                cells[i].number =
                    type == soci::dt_long_long || type == soci::dt_integer || type == soci::dt_unsigned_long_long;
                if (i > 0) {
                  columns += ',';
                  values += ',';
                }
                columns.append("\"").append(properties.get_name()).append("\"");
                values.append(":c").append(std::to_string(i));
              }
              insert.emplace(out.sql());
              for (std::size_t i = 0; i < cells.size(); ++i) {
                std::string name = std::to_string(i);
                name.insert(name.begin(), 'c');
                if (cells[i].number) {
                  insert->exchange(soci::use(cells[i].integer, cells[i].indicator, name));
                } else {
                  insert->exchange(soci::use(cells[i].text, cells[i].indicator, name));
                }
              }
              insert->alloc();
              std::string statement = "INSERT INTO ";
              statement.append(table).append(" (").append(columns).append(") VALUES (").append(values).append(")");
              insert->prepare(statement);
              insert->define_and_bind();
            }
            for (std::size_t i = 0; i < cells.size(); ++i) {
              Cell& cell = cells[i];
              cell.indicator = row.get_indicator(i) == soci::i_null ? soci::i_null : soci::i_ok;
              if (cell.indicator == soci::i_null) continue;
              const auto type = row.get_properties(i).get_data_type();
              if (cell.number) {
                cell.integer = type == soci::dt_integer ? row.get<int>(i) : row.get<long long>(i);
              } else {
                cell.text = row.get<std::string>(i);
              }
            }
            insert->execute(true);
            ++count;
          }
          report.tables.emplace_back(table, count);
          report.rows += count;
          if (progress) progress(table, count);
        }
        return {};
      });
    });
    if (!copied) {
      try {
        out.sql() << "ROLLBACK";
      } catch (const soci::soci_error& e) {
        // The copy's own error is the one returned; a connection in an unknown transaction state
        // must not be reused.
        out.MarkBroken();
        log::Warn("storage_rollback_failed", {{"backend", out.dialect().name}, {"error", e.what()}});
      }
      return copied;
    }
    try {
      out.sql() << "COMMIT";
    } catch (const soci::soci_error& e) {
      return Fail(out.Translate(e, "copy: commit", {}));
    }
    return {};
  });
  if (!status) return Fail(std::move(status.error()));
  return report;
}

}  // namespace portal::storage
