#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kPut[] =
    "INSERT INTO limit_settings (workspace_id, scope, limiter_type, value, set_by, set_at)"
    " VALUES (:workspace_id, :scope, :limiter_type, :value, :set_by, :set_at)"
    " ON CONFLICT (workspace_id, scope, limiter_type) DO UPDATE SET value = excluded.value,"
    " set_by = excluded.set_by, set_at = excluded.set_at";
constexpr char kList[] =
    "SELECT scope, limiter_type, value, set_by, set_at FROM limit_settings WHERE workspace_id = :workspace_id"
    " ORDER BY scope, limiter_type";
constexpr char kWorkspaceIds[] = "SELECT DISTINCT workspace_id FROM limit_settings ORDER BY workspace_id";

}  // namespace

Status SqlLimitSettingRepository::Put(const domain::LimitSetting& setting) {
  return conn_.Write("limit_settings.put", {}, [&]() -> Status {
    std::string workspace = setting.workspace_id, scope = setting.scope, type = setting.limiter_type;
    std::string set_by = setting.set_by.value_or("");
    long long value = setting.value.value_or(0), at = setting.set_at;
    soci::indicator value_ind = setting.value ? soci::i_ok : soci::i_null;
    soci::indicator set_by_ind = setting.set_by ? soci::i_ok : soci::i_null;
    conn_.sql() << kPut, soci::use(workspace, "workspace_id"), soci::use(scope, "scope"),
        soci::use(type, "limiter_type"), soci::use(value, value_ind, "value"), soci::use(set_by, set_by_ind, "set_by"),
        soci::use(at, "set_at");
    return {};
  });
}

Result<std::vector<domain::LimitSetting>> SqlLimitSettingRepository::ListForWorkspace(std::string_view workspace_id) {
  return conn_.Read("limit_settings.list", [&]() -> Result<std::vector<domain::LimitSetting>> {
    std::string workspace(workspace_id), scope, type, set_by;
    long long value = 0, at = 0;
    soci::indicator value_ind = soci::i_null, set_by_ind = soci::i_null;
    soci::statement st =
        (conn_.sql().prepare << kList, soci::into(scope), soci::into(type), soci::into(value, value_ind),
         soci::into(set_by, set_by_ind), soci::into(at), soci::use(workspace, "workspace_id"));
    std::vector<domain::LimitSetting> out;
    if (!st.execute(true)) return out;
    do {
      domain::LimitSetting s;
      s.workspace_id = workspace;
      s.scope = scope;
      s.limiter_type = type;
      if (value_ind == soci::i_ok) s.value = value;
      if (set_by_ind == soci::i_ok) s.set_by = set_by;
      s.set_at = at;
      out.push_back(std::move(s));
    } while (st.fetch());
    return out;
  });
}

Result<std::vector<std::string>> SqlLimitSettingRepository::WorkspaceIds() {
  return conn_.Read("limit_settings.workspaces", [&]() -> Result<std::vector<std::string>> {
    std::string id;
    soci::statement st = (conn_.sql().prepare << kWorkspaceIds, soci::into(id));
    std::vector<std::string> out;
    if (!st.execute(true)) return out;
    do {
      out.push_back(id);
    } while (st.fetch());
    return out;
  });
}

}  // namespace portal::storage
