#include <string>

#include "storage/cursor.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kColumns[] =
    "SELECT k.id, k.name, k.status, k.partial_key_hint, k.workspace_id, k.created_at, k.created_by,"
    " k.secret_sealed, k.secret_registered_at, k.vanished_at, k.synced_at FROM api_keys k";
// Anthropic's fields only: the secret columns belong to the portal. A key seen again is no
// longer vanished.
constexpr char kUpsertApiKey[] =
    "INSERT INTO api_keys (id, name, status, partial_key_hint, workspace_id, created_at, created_by,"
    " synced_at) VALUES (:id, :name, :status, :hint, :workspace_id, :created_at, :created_by,"
    " :synced_at)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,"
    " partial_key_hint = excluded.partial_key_hint, workspace_id = excluded.workspace_id,"
    " created_at = excluded.created_at, created_by = excluded.created_by,"
    " synced_at = excluded.synced_at, vanished_at = NULL";
constexpr char kWhereId[] = " WHERE k.id = :id";
constexpr char kWhereHint[] = " WHERE k.partial_key_hint = :hint ORDER BY k.id";
constexpr char kWhereSealed[] = " WHERE k.secret_sealed IS NOT NULL ORDER BY k.id";
constexpr char kJoinWorkspaces[] = " LEFT JOIN workspaces w ON w.id = k.workspace_id WHERE 1 = 1";
constexpr char kCountWhere[] = "SELECT count(*) FROM api_keys k";
constexpr char kByOrganization[] = " AND w.organization_id = :organization_id";
constexpr char kByWorkspace[] = " AND k.workspace_id = :workspace_id";
constexpr char kByStatus[] = " AND k.status = :status";
constexpr char kAssigned[] = " AND EXISTS (SELECT 1 FROM users u WHERE u.api_key_id = k.id)";
constexpr char kUnassigned[] = " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.api_key_id = k.id)";
constexpr char kMatching[] =
    " AND (lower(k.name) LIKE lower(:q_name) ESCAPE '!' OR lower(k.id) LIKE lower(:q_id) ESCAPE '!'"
    " OR lower(k.partial_key_hint) LIKE lower(:q_hint) ESCAPE '!')";
constexpr char kBeforeCursor[] = " AND (k.created_at, k.id) < (:before_created_at, :before_id)";
constexpr char kNewestFirst[] = " ORDER BY k.created_at DESC, k.id DESC LIMIT :limit";
constexpr char kSetSecret[] =
    "UPDATE api_keys SET secret_sealed = :sealed, secret_registered_at = :registered_at"
    " WHERE id = :id";
constexpr char kMarkVanished[] =
    "UPDATE api_keys SET vanished_at = :now WHERE synced_at < :started AND vanished_at IS NULL";
constexpr char kCountByOrganization[] =
    "SELECT count(*) FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id"
    " WHERE w.organization_id = :organization_id";
constexpr char kCountByWorkspace[] = "SELECT count(*) FROM api_keys WHERE workspace_id = :workspace_id";
constexpr char kArchiveInWorkspace[] =
    "UPDATE api_keys SET status = 'archived' WHERE workspace_id = :workspace_id"
    " AND status <> 'archived'";
constexpr char kSelectHolder[] = "SELECT id FROM users WHERE api_key_id = :id";
// Users whose key is no longer usable: not active, or gone upstream.
constexpr char kSelectDrifted[] =
    "SELECT u.id, k.id, k.name, k.status, k.partial_key_hint, k.workspace_id, k.created_at,"
    " k.created_by, k.secret_sealed, k.secret_registered_at, k.vanished_at, k.synced_at"
    " FROM users u JOIN api_keys k ON k.id = u.api_key_id"
    " WHERE (k.status <> 'active' OR k.vanished_at IS NOT NULL)";
constexpr char kDriftedInOrganization[] = " AND u.organization_id = :organization_id";
constexpr char kDriftedOrder[] = " ORDER BY u.id";

struct ApiKeyRow {
  std::string id, name, status, hint, workspace_id, created_at, created_by, secret_sealed;
  soci::indicator workspace_id_ind = soci::i_null, secret_sealed_ind = soci::i_null, registered_at_ind = soci::i_null,
                  vanished_at_ind = soci::i_null;
  long long registered_at = 0, vanished_at = 0, synced_at = 0;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(status));
    st.exchange(soci::into(hint));
    st.exchange(soci::into(workspace_id, workspace_id_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(secret_sealed, secret_sealed_ind));
    st.exchange(soci::into(registered_at, registered_at_ind));
    st.exchange(soci::into(vanished_at, vanished_at_ind));
    st.exchange(soci::into(synced_at));
  }
  domain::ApiKeyRecord ToEntity() const {
    domain::ApiKeyRecord k;
    k.id = id;
    k.name = name;
    k.status = status;
    k.partial_key_hint = hint;
    if (workspace_id_ind == soci::i_ok) k.workspace_id = workspace_id;
    k.created_at = created_at;
    k.created_by = created_by;
    if (secret_sealed_ind == soci::i_ok) k.secret_sealed = secret_sealed;
    if (registered_at_ind == soci::i_ok) k.secret_registered_at = registered_at;
    if (vanished_at_ind == soci::i_ok) k.vanished_at = vanished_at;
    k.synced_at = synced_at;
    return k;
  }
};

Result<std::vector<domain::ApiKeyRecord>> SelectMany(Conn& conn, const std::string& sql, const std::string* hint) {
  std::vector<domain::ApiKeyRecord> out;
  std::string value = hint ? *hint : "";
  ApiKeyRow row;
  soci::statement st(conn.sql());
  row.BindInto(st);
  if (hint) st.exchange(soci::use(value, "hint"));
  Prepare(st, sql);
  st.execute();
  while (st.fetch()) out.push_back(row.ToEntity());
  return out;
}

}  // namespace

Status SqlApiKeyRepository::Upsert(const domain::ApiKeyRecord& key) {
  return conn_.Write("api_keys.upsert", {}, [&]() -> Status {
    std::string id = key.id, name = key.name, status = key.status, hint = key.partial_key_hint,
                workspace_id = key.workspace_id.value_or(""), created_at = key.created_at, created_by = key.created_by;
    soci::indicator workspace_ind = key.workspace_id ? soci::i_ok : soci::i_null;
    long long synced_at = key.synced_at;
    soci::statement st(conn_.sql());
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(name, "name"));
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(hint, "hint"));
    st.exchange(soci::use(workspace_id, workspace_ind, "workspace_id"));
    st.exchange(soci::use(created_at, "created_at"));
    st.exchange(soci::use(created_by, "created_by"));
    st.exchange(soci::use(synced_at, "synced_at"));
    Prepare(st, kUpsertApiKey);
    st.execute(true);
    return {};
  });
}

Result<domain::ApiKeyRecord> SqlApiKeyRepository::FindById(std::string_view id) {
  return conn_.Read("api_keys.find_by_id", [&]() -> Result<domain::ApiKeyRecord> {
    std::string key(id);
    ApiKeyRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "id"));
    Prepare(st, std::string(kColumns) + kWhereId);
    if (!st.execute(true)) return Fail(Error::NotFound("API key not found"));
    return row.ToEntity();
  });
}

Result<std::vector<domain::ApiKeyRecord>> SqlApiKeyRepository::FindByHint(std::string_view partial_key_hint) {
  return conn_.Read("api_keys.find_by_hint", [&] {
    const std::string hint(partial_key_hint);
    return SelectMany(conn_, std::string(kColumns) + kWhereHint, &hint);
  });
}

Result<domain::Page<domain::ApiKeyRecord>> SqlApiKeyRepository::List(const domain::ApiKeyQuery& query) {
  std::string before_created_at, before_id;
  if (query.page.cursor && !DecodeKeyCursor(*query.page.cursor, before_created_at, before_id)) {
    return Fail(Error::InvalidArgument("invalid cursor"));
  }
  return conn_.Read("api_keys.list", [&]() -> Result<domain::Page<domain::ApiKeyRecord>> {
    std::string organization_id = query.organization_id.value_or("");
    std::string workspace_id = query.workspace_id.value_or("");
    std::string status = query.status.value_or("");
    std::string q_name = query.q ? ContainsPattern(*query.q) : "";
    std::string q_id = q_name, q_hint = q_name;
    std::string filters;
    if (query.organization_id) filters += kByOrganization;
    if (query.workspace_id) filters += kByWorkspace;
    if (query.status) filters += kByStatus;
    if (query.assigned) filters += *query.assigned ? kAssigned : kUnassigned;
    if (query.q) filters += kMatching;
    auto bind_filters = [&](soci::statement& st) {
      if (query.organization_id) st.exchange(soci::use(organization_id, "organization_id"));
      if (query.workspace_id) st.exchange(soci::use(workspace_id, "workspace_id"));
      if (query.status) st.exchange(soci::use(status, "status"));
      if (query.q) {
        st.exchange(soci::use(q_name, "q_name"));
        st.exchange(soci::use(q_id, "q_id"));
        st.exchange(soci::use(q_hint, "q_hint"));
      }
    };
    domain::Page<domain::ApiKeyRecord> page;
    long long total = 0;
    {
      soci::statement st(conn_.sql());
      st.exchange(soci::into(total));
      bind_filters(st);
      Prepare(st, std::string(kCountWhere) + kJoinWorkspaces + filters);
      st.execute(true);
    }
    page.total = total;

    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;
    ApiKeyRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    bind_filters(st);
    if (query.page.cursor) {
      st.exchange(soci::use(before_created_at, "before_created_at"));
      st.exchange(soci::use(before_id, "before_id"));
    }
    st.exchange(soci::use(fetch, "limit"));
    Prepare(st, std::string(kColumns) + kJoinWorkspaces + filters + (query.page.cursor ? kBeforeCursor : "") +
                    kNewestFirst);
    st.execute();
    while (st.fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        page.next_cursor = EncodeKeyCursor(page.items.back().created_at, page.items.back().id);
        break;
      }
      page.items.push_back(row.ToEntity());
    }
    return page;
  });
}

Status SqlApiKeyRepository::SetSecret(std::string_view id, const std::optional<std::string>& sealed,
                                      std::optional<std::int64_t> registered_at) {
  return conn_.Write("api_keys.set_secret", {}, [&]() -> Status {
    std::string key(id), value = sealed.value_or("");
    soci::indicator value_ind = sealed ? soci::i_ok : soci::i_null;
    long long at = registered_at.value_or(0);
    soci::indicator at_ind = registered_at ? soci::i_ok : soci::i_null;
    soci::statement st = (conn_.sql().prepare << kSetSecret, soci::use(value, value_ind, "sealed"),
                          soci::use(at, at_ind, "registered_at"), soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("API key not found"));
    return {};
  });
}

Result<std::int64_t> SqlApiKeyRepository::MarkVanished(std::int64_t run_started_at, std::int64_t now) {
  return conn_.Write("api_keys.mark_vanished", {}, [&]() -> Result<std::int64_t> {
    long long started = run_started_at, at = now;
    soci::statement st = (conn_.sql().prepare << kMarkVanished, soci::use(at, "now"), soci::use(started, "started"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Result<std::vector<domain::ApiKeyRecord>> SqlApiKeyRepository::ListWithSecrets() {
  return conn_.Read("api_keys.list_with_secrets",
                    [&] { return SelectMany(conn_, std::string(kColumns) + kWhereSealed, nullptr); });
}

Result<std::int64_t> SqlApiKeyRepository::CountByOrganization(std::string_view organization_id) {
  return conn_.Read("api_keys.count_by_organization", [&]() -> Result<std::int64_t> {
    std::string org(organization_id);
    long long count = 0;
    conn_.sql() << kCountByOrganization, soci::use(org, "organization_id"), soci::into(count);
    return count;
  });
}

Result<std::int64_t> SqlApiKeyRepository::CountByWorkspace(std::string_view workspace_id) {
  return conn_.Read("api_keys.count_by_workspace", [&]() -> Result<std::int64_t> {
    std::string ws(workspace_id);
    long long count = 0;
    conn_.sql() << kCountByWorkspace, soci::use(ws, "workspace_id"), soci::into(count);
    return count;
  });
}

Result<std::int64_t> SqlApiKeyRepository::ArchiveInWorkspace(std::string_view workspace_id) {
  return conn_.Write("api_keys.archive_in_workspace", {}, [&]() -> Result<std::int64_t> {
    std::string ws(workspace_id);
    soci::statement st = (conn_.sql().prepare << kArchiveInWorkspace, soci::use(ws, "workspace_id"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Result<std::optional<std::string>> SqlApiKeyRepository::FindHolder(std::string_view key_id) {
  return conn_.Read("api_keys.find_holder", [&]() -> Result<std::optional<std::string>> {
    std::string key(key_id), user_id;
    soci::statement st = (conn_.sql().prepare << kSelectHolder, soci::into(user_id), soci::use(key, "id"));
    if (!st.execute(true)) return std::optional<std::string>();
    return std::optional<std::string>(std::move(user_id));
  });
}

Result<std::vector<std::pair<std::string, domain::ApiKeyRecord>>> SqlApiKeyRepository::ListDrifted(
    const std::optional<std::string>& organization_id) {
  return conn_.Read(
      "api_keys.list_drifted", [&]() -> Result<std::vector<std::pair<std::string, domain::ApiKeyRecord>>> {
        std::vector<std::pair<std::string, domain::ApiKeyRecord>> out;
        std::string org = organization_id.value_or(""), user_id;
        ApiKeyRow row;
        soci::statement st(conn_.sql());
        st.exchange(soci::into(user_id));
        row.BindInto(st);
        if (organization_id) st.exchange(soci::use(org, "organization_id"));
        Prepare(st, std::string(kSelectDrifted) + (organization_id ? kDriftedInOrganization : "") + kDriftedOrder);
        st.execute();
        while (st.fetch()) out.emplace_back(user_id, row.ToEntity());
        return out;
      });
}

}  // namespace portal::storage
