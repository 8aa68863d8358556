#include "storage/link_history.hpp"

#include <chrono>

namespace portal::storage {
namespace {

constexpr char kCloseKeyOthers[] =
    "UPDATE key_holder_history SET to_ms = :now WHERE user_id = :user_id AND to_ms IS NULL AND api_key_id <> "
    ":api_key_id";
constexpr char kCloseKeyAll[] = "UPDATE key_holder_history SET to_ms = :now WHERE user_id = :user_id AND to_ms IS NULL";
constexpr char kOpenKey[] =
    "INSERT INTO key_holder_history (api_key_id, user_id, from_ms, to_ms) SELECT :api_key_id, :user_id, :now, NULL"
    " WHERE NOT EXISTS (SELECT 1 FROM key_holder_history WHERE api_key_id = :existing_key AND user_id = :existing_user"
    " AND to_ms IS NULL)";
constexpr char kCloseLinkOthers[] =
    "UPDATE workspace_link_history SET to_ms = :now WHERE workspace_id = :workspace_id AND to_ms IS NULL"
    " AND organization_id <> :organization_id";
constexpr char kCloseLinkAll[] =
    "UPDATE workspace_link_history SET to_ms = :now WHERE workspace_id = :workspace_id AND to_ms IS NULL";
constexpr char kOpenLink[] =
    "INSERT INTO workspace_link_history (workspace_id, organization_id, from_ms, to_ms)"
    " SELECT :workspace_id, :organization_id, :now, NULL WHERE NOT EXISTS (SELECT 1 FROM workspace_link_history"
    " WHERE workspace_id = :existing_workspace AND organization_id = :existing_organization AND to_ms IS NULL)";
constexpr char kCloseOrganization[] =
    "UPDATE workspace_link_history SET to_ms = :now WHERE organization_id = :organization_id AND to_ms IS NULL";

}  // namespace

void RecordKeyHolder(Conn& conn, const std::string& user_id, const std::optional<std::string>& api_key_id,
                     std::int64_t now) {
  std::string user = user_id;
  long long at = now;
  if (!api_key_id) {
    conn.sql() << kCloseKeyAll, soci::use(at, "now"), soci::use(user, "user_id");
    return;
  }
  std::string key = *api_key_id, existing_key = *api_key_id, existing_user = user_id;
  conn.sql() << kCloseKeyOthers, soci::use(at, "now"), soci::use(user, "user_id"), soci::use(key, "api_key_id");
  conn.sql() << kOpenKey, soci::use(key, "api_key_id"), soci::use(user, "user_id"), soci::use(at, "now"),
      soci::use(existing_key, "existing_key"), soci::use(existing_user, "existing_user");
}

void RecordWorkspaceLink(Conn& conn, const std::string& workspace_id, const std::optional<std::string>& organization_id,
                         std::int64_t now) {
  std::string workspace = workspace_id;
  long long at = now;
  if (!organization_id) {
    conn.sql() << kCloseLinkAll, soci::use(at, "now"), soci::use(workspace, "workspace_id");
    return;
  }
  std::string org = *organization_id, existing_workspace = workspace_id, existing_org = *organization_id;
  conn.sql() << kCloseLinkOthers, soci::use(at, "now"), soci::use(workspace, "workspace_id"),
      soci::use(org, "organization_id");
  conn.sql() << kOpenLink, soci::use(workspace, "workspace_id"), soci::use(org, "organization_id"),
      soci::use(at, "now"), soci::use(existing_workspace, "existing_workspace"),
      soci::use(existing_org, "existing_organization");
}

void CloseOrganizationLinks(Conn& conn, const std::string& organization_id, std::int64_t now) {
  std::string org = organization_id;
  long long at = now;
  conn.sql() << kCloseOrganization, soci::use(at, "now"), soci::use(org, "organization_id");
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace portal::storage
