#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kSelect[] = "SELECT failures, window_start, locked_until FROM login_throttle WHERE key = :key";
constexpr char kCreate[] =
    "INSERT INTO login_throttle (key, failures, window_start, locked_until, updated_at)"
    " VALUES (:key, 0, 0, 0, :now) ON CONFLICT (key) DO NOTHING";
// An UPDATE takes the row lock on PostgreSQL (SQLite's BEGIN IMMEDIATE holds the database).
constexpr char kTouch[] = "UPDATE login_throttle SET updated_at = :now WHERE key = :key";
constexpr char kPut[] =
    "UPDATE login_throttle SET failures = :failures, window_start = :window_start, locked_until = :locked_until,"
    " updated_at = :now WHERE key = :key";
constexpr char kDelete[] = "DELETE FROM login_throttle WHERE key = :key";
constexpr char kDeleteIdle[] = "DELETE FROM login_throttle WHERE locked_until <= :now AND window_start < :idle_before";

}  // namespace

Result<std::optional<domain::ThrottleEntry>> SqlLoginThrottleRepository::Find(std::string_view key) {
  return conn_.Read("login_throttle.find", [&]() -> Result<std::optional<domain::ThrottleEntry>> {
    std::string k(key);
    long long failures = 0, window_start = 0, locked_until = 0;
    soci::statement st = (conn_.sql().prepare << kSelect, soci::into(failures), soci::into(window_start),
                          soci::into(locked_until), soci::use(k, "key"));
    if (!st.execute(true)) return std::optional<domain::ThrottleEntry>();
    return std::optional<domain::ThrottleEntry>(
        domain::ThrottleEntry{static_cast<int>(failures), window_start, locked_until});
  });
}

Result<domain::ThrottleEntry> SqlLoginThrottleRepository::Lock(std::string_view key, std::int64_t now) {
  auto locked = conn_.Write("login_throttle.lock", {}, [&]() -> Status {
    std::string k(key);
    long long at = now;
    conn_.sql() << kCreate, soci::use(k, "key"), soci::use(at, "now");
    conn_.sql() << kTouch, soci::use(at, "now"), soci::use(k, "key");
    return {};
  });
  if (!locked) return Fail(locked.error());
  auto found = Find(key);
  if (!found) return Fail(found.error());
  return found->value_or(domain::ThrottleEntry{});
}

Status SqlLoginThrottleRepository::Put(std::string_view key, const domain::ThrottleEntry& entry, std::int64_t now) {
  return conn_.Write("login_throttle.put", {}, [&]() -> Status {
    std::string k(key);
    long long failures = entry.failures, window_start = entry.window_start_ms, locked_until = entry.locked_until_ms,
              at = now;
    conn_.sql() << kPut, soci::use(failures, "failures"), soci::use(window_start, "window_start"),
        soci::use(locked_until, "locked_until"), soci::use(at, "now"), soci::use(k, "key");
    return {};
  });
}

Status SqlLoginThrottleRepository::Delete(std::string_view key) {
  return conn_.Write("login_throttle.delete", {}, [&]() -> Status {
    std::string k(key);
    conn_.sql() << kDelete, soci::use(k, "key");
    return {};
  });
}

Status SqlLoginThrottleRepository::DeleteIdle(std::int64_t now, std::int64_t idle_before) {
  return conn_.Write("login_throttle.delete_idle", {}, [&]() -> Status {
    long long at = now, before = idle_before;
    conn_.sql() << kDeleteIdle, soci::use(at, "now"), soci::use(before, "idle_before");
    return {};
  });
}

}  // namespace portal::storage
