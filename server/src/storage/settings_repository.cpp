#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kSelectSetting[] = "SELECT value FROM settings WHERE key = :key";
// ON CONFLICT … DO UPDATE / DO NOTHING: SQLite ≥ 3.24 and PostgreSQL alike, atomic on both.
constexpr char kUpsertSetting[] =
    "INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :updated_at)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
constexpr char kInsertSettingIfAbsent[] =
    "INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :updated_at)"
    " ON CONFLICT (key) DO NOTHING";

}  // namespace

Result<std::optional<std::string>> SqlSettingsRepository::Get(std::string_view key) {
  return conn_.Read("settings.get", [&]() -> Result<std::optional<std::string>> {
    std::string k(key), value;
    soci::statement st = (conn_.sql().prepare << kSelectSetting, soci::into(value), soci::use(k, "key"));
    if (!st.execute(true)) return std::optional<std::string>();
    return std::optional<std::string>(std::move(value));
  });
}

Status SqlSettingsRepository::Put(std::string_view key, std::string_view value, std::int64_t now) {
  return conn_.Write("settings.put", {}, [&]() -> Status {
    std::string k(key), v(value);
    long long at = now;
    conn_.sql() << kUpsertSetting, soci::use(k, "key"), soci::use(v, "value"), soci::use(at, "updated_at");
    return {};
  });
}

Result<bool> SqlSettingsRepository::InsertIfAbsent(std::string_view key, std::string_view value, std::int64_t now) {
  return conn_.Write("settings.insert_if_absent", {}, [&]() -> Result<bool> {
    std::string k(key), v(value);
    long long at = now;
    soci::statement st = (conn_.sql().prepare << kInsertSettingIfAbsent, soci::use(k, "key"), soci::use(v, "value"),
                          soci::use(at, "updated_at"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

}  // namespace portal::storage
