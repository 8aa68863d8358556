#include <string>

#include "storage/cursor.hpp"
#include "storage/link_history.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kColumns[] =
    "SELECT id, name, display_color, created_at, archived_at, organization_id, synced_at, api_key_count"
    " FROM workspaces";
// ON CONFLICT … DO UPDATE: the link to a portal organization is the portal's, never Anthropic's.
constexpr char kUpsertWorkspace[] =
    "INSERT INTO workspaces (id, name, name_key, display_color, created_at, archived_at,"
    " organization_id, synced_at) VALUES (:id, :name, :name_key, :display_color, :created_at,"
    " :archived_at, :organization_id, :synced_at)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,"
    " display_color = excluded.display_color, created_at = excluded.created_at,"
    " archived_at = excluded.archived_at, synced_at = excluded.synced_at";
constexpr char kRecountWorkspace[] =
    "UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k WHERE k.workspace_id = workspaces.id)"
    " WHERE id = :id";
constexpr char kWhereId[] = " WHERE id = :id";
constexpr char kWhereActiveName[] = " WHERE name_key = :name_key AND archived_at IS NULL ORDER BY id LIMIT 1";
constexpr char kWhereAll[] = " WHERE 1 = 1";
constexpr char kCountWhere[] = "SELECT count(*) FROM workspaces WHERE 1 = 1";
constexpr char kByOrganization[] = " AND organization_id = :organization_id";
constexpr char kNotArchived[] = " AND archived_at IS NULL";
constexpr char kWorkspacesMatching[] = " AND (lower(name) LIKE lower(:q_name) ESCAPE '!' OR id LIKE :q_id ESCAPE '!')";
constexpr char kAfterCursor[] = " AND (name_key, id) > (:after_name_key, :after_id)";
constexpr char kOrder[] = " ORDER BY name_key, id LIMIT :limit";
constexpr char kSetOrganization[] = "UPDATE workspaces SET organization_id = :organization_id WHERE id = :id";
constexpr char kSelectLinked[] = "SELECT id FROM workspaces WHERE organization_id = :organization_id";
constexpr char kUnlink[] = "UPDATE workspaces SET organization_id = NULL WHERE organization_id = :organization_id";
constexpr char kCountByOrganization[] =
    "SELECT count(*) FROM workspaces WHERE organization_id = :organization_id AND archived_at IS NULL";

constexpr ConstraintRule kWriteRules[] = {
    {"FOREIGN KEY", "workspaces_organization_id_fkey", ErrorCode::kInvalidArgument, "organization does not exist"},
};

struct WorkspaceRow {
  std::string id, name, display_color, created_at, archived_at, organization_id;
  soci::indicator archived_at_ind = soci::i_null, organization_id_ind = soci::i_null;
  long long synced_at = 0, api_key_count = 0;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(display_color));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(archived_at, archived_at_ind));
    st.exchange(soci::into(organization_id, organization_id_ind));
    st.exchange(soci::into(synced_at));
    st.exchange(soci::into(api_key_count));
  }
  domain::WorkspaceRecord ToEntity() const {
    domain::WorkspaceRecord w;
    w.id = id;
    w.name = name;
    w.display_color = display_color;
    w.created_at = created_at;
    if (archived_at_ind == soci::i_ok) w.archived_at = archived_at;
    if (organization_id_ind == soci::i_ok) w.organization_id = organization_id;
    w.synced_at = synced_at;
    w.api_key_count = api_key_count;
    return w;
  }
};

}  // namespace

Status SqlWorkspaceRepository::Upsert(const domain::WorkspaceRecord& workspace) {
  return conn_.Write("workspaces.upsert", kWriteRules, [&]() -> Status {
    std::string id = workspace.id, name = workspace.name, name_key = AsciiLower(workspace.name),
                display_color = workspace.display_color, created_at = workspace.created_at,
                archived_at = workspace.archived_at.value_or(""),
                organization_id = workspace.organization_id.value_or("");
    soci::indicator archived_ind = workspace.archived_at ? soci::i_ok : soci::i_null;
    soci::indicator org_ind = workspace.organization_id ? soci::i_ok : soci::i_null;
    long long synced_at = workspace.synced_at;
    soci::statement st(conn_.sql());
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(name, "name"));
    st.exchange(soci::use(name_key, "name_key"));
    st.exchange(soci::use(display_color, "display_color"));
    st.exchange(soci::use(created_at, "created_at"));
    st.exchange(soci::use(archived_at, archived_ind, "archived_at"));
    st.exchange(soci::use(organization_id, org_ind, "organization_id"));
    st.exchange(soci::use(synced_at, "synced_at"));
    Prepare(st, kUpsertWorkspace);
    st.execute(true);
    // A workspace that arrives after its keys counts them (api_key_count, migration 0010).
    conn_.sql() << kRecountWorkspace, soci::use(id, "id");
    return {};
  });
}

Result<domain::WorkspaceRecord> SqlWorkspaceRepository::FindById(std::string_view id) {
  return conn_.Read("workspaces.find_by_id", [&]() -> Result<domain::WorkspaceRecord> {
    std::string key(id);
    WorkspaceRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "id"));
    Prepare(st, std::string(kColumns) + kWhereId);
    if (!st.execute(true)) return Fail(Error::NotFound("workspace not found"));
    return row.ToEntity();
  });
}

Result<std::optional<domain::WorkspaceRecord>> SqlWorkspaceRepository::FindActiveByName(std::string_view name) {
  return conn_.Read("workspaces.find_active_by_name", [&]() -> Result<std::optional<domain::WorkspaceRecord>> {
    std::string name_key = AsciiLower(name);
    WorkspaceRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(name_key, "name_key"));
    Prepare(st, std::string(kColumns) + kWhereActiveName);
    if (!st.execute(true)) return std::optional<domain::WorkspaceRecord>();
    return std::optional<domain::WorkspaceRecord>(row.ToEntity());
  });
}

Result<domain::Page<domain::WorkspaceRecord>> SqlWorkspaceRepository::List(const domain::WorkspaceQuery& query) {
  std::string after_name_key, after_id;
  if (query.page.cursor && !DecodeKeyCursor(*query.page.cursor, after_name_key, after_id)) {
    return Fail(Error::InvalidArgument("invalid cursor"));
  }
  return conn_.Read("workspaces.list", [&]() -> Result<domain::Page<domain::WorkspaceRecord>> {
    ReadSnapshot snapshot(conn_);
    std::string organization_id = query.organization_id.value_or("");
    const bool search = query.q && !query.q->empty();
    std::string q_name = search ? ContainsPattern(*query.q) : "", q_id = q_name;
    std::string filters;
    if (query.organization_id) filters += kByOrganization;
    if (!query.include_archived) filters += kNotArchived;
    if (search) filters += kWorkspacesMatching;
    auto bind_filters = [&](soci::statement& st) {
      if (query.organization_id) st.exchange(soci::use(organization_id, "organization_id"));
      if (search) {
        st.exchange(soci::use(q_name, "q_name"));
        st.exchange(soci::use(q_id, "q_id"));
      }
    };
    domain::Page<domain::WorkspaceRecord> page;
    long long total = 0;
    {
      CachedStatement st(conn_, kCountWhere + filters);
      st->exchange(soci::into(total));
      bind_filters(*st);
      st.Bind();
      st->execute(true);
    }
    page.total = total;

    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;
    WorkspaceRow row;
    CachedStatement st(conn_,
                       std::string(kColumns) + kWhereAll + filters + (query.page.cursor ? kAfterCursor : "") + kOrder);
    row.BindInto(*st);
    bind_filters(*st);
    if (query.page.cursor) {
      st->exchange(soci::use(after_name_key, "after_name_key"));
      st->exchange(soci::use(after_id, "after_id"));
    }
    st->exchange(soci::use(fetch, "limit"));
    st.Bind();
    st->execute();
    while (st->fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        page.next_cursor = EncodeKeyCursor(AsciiLower(page.items.back().name), page.items.back().id);
        break;
      }
      page.items.push_back(row.ToEntity());
    }
    return page;
  });
}

Status SqlWorkspaceRepository::SetOrganization(std::string_view id, const std::optional<std::string>& organization_id) {
  return conn_.Write("workspaces.set_organization", kWriteRules, [&]() -> Status {
    std::string key(id), org = organization_id.value_or("");
    soci::indicator org_ind = organization_id ? soci::i_ok : soci::i_null;
    soci::statement st =
        (conn_.sql().prepare << kSetOrganization, soci::use(org, org_ind, "organization_id"), soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("workspace not found"));
    RecordWorkspaceLink(conn_, key, organization_id, NowMillis());
    return {};
  });
}

Result<std::vector<std::string>> SqlWorkspaceRepository::UnlinkOrganization(std::string_view organization_id) {
  return conn_.Write("workspaces.unlink_organization", kWriteRules, [&]() -> Result<std::vector<std::string>> {
    std::string org(organization_id), id;
    std::vector<std::string> ids;
    {
      soci::statement st = (conn_.sql().prepare << kSelectLinked, soci::into(id), soci::use(org, "organization_id"));
      st.execute();
      while (st.fetch()) ids.push_back(id);
    }
    conn_.sql() << kUnlink, soci::use(org, "organization_id");
    CloseOrganizationLinks(conn_, org, NowMillis());
    return ids;
  });
}

Result<std::int64_t> SqlWorkspaceRepository::CountByOrganization(std::string_view organization_id) {
  return conn_.Read("workspaces.count_by_organization", [&]() -> Result<std::int64_t> {
    std::string org(organization_id);
    long long count = 0;
    conn_.sql() << kCountByOrganization, soci::use(org, "organization_id"), soci::into(count);
    return count;
  });
}

}  // namespace portal::storage
