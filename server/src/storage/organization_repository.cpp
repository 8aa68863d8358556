#include <string>

#include "storage/cursor.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

// name_key = the name ASCII-lower-cased: the unique, case-insensitive identity of a name, the
// same on both databases (lower() differs between them outside ASCII).
constexpr char kInsertOrganization[] =
    "INSERT INTO organizations (id, name, name_key, description, created_at, updated_at)"
    " VALUES (:id, :name, :name_key, :description, :created_at, :updated_at)";
constexpr char kSelectOrganizationById[] =
    "SELECT id, name, description, created_at, updated_at FROM organizations WHERE id = :id"
    " AND deleted_at IS NULL";
constexpr char kSelectOrganizationByNameKey[] =
    "SELECT id, name, description, created_at, updated_at FROM organizations"
    " WHERE name_key = :name_key AND deleted_at IS NULL";
// List: these fragments are joined according to the filters present; values are always bound.
constexpr char kSelectOrganizations[] =
    "SELECT id, name, description, created_at, updated_at FROM organizations WHERE deleted_at IS NULL";
constexpr char kCountOrganizations[] = "SELECT count(*) FROM organizations WHERE deleted_at IS NULL";
constexpr char kOrganizationsMatching[] =
    " AND (lower(name) LIKE lower(:q_name) ESCAPE '!' OR id LIKE :q_id ESCAPE '!')";
constexpr char kOrganizationsAfter[] = " AND (name_key, id) > (:after_name_key, :after_id)";
constexpr char kOrganizationsOrder[] = " ORDER BY name_key, id LIMIT :limit";
constexpr char kUpdateOrganization[] =
    "UPDATE organizations SET name = :name, name_key = :name_key, description = :description,"
    " updated_at = :updated_at WHERE id = :id AND deleted_at IS NULL";
constexpr char kDeleteOrganization[] = "DELETE FROM organizations WHERE id = :id";
// A deleted organization's name_key becomes "~deleted~" + its id: unique, and never the key of a
// live name (AsciiLower of a name that long and odd is possible but would only collide with itself).
constexpr char kMarkOrganizationDeleted[] =
    "UPDATE organizations SET deleted_at = :deleted_at, updated_at = :updated_at,"
    " name_key = :name_key WHERE id = :id AND deleted_at IS NULL";
// Members, workspaces (not archived / archived) and keys (workspaces.api_key_count) per organization.
constexpr char kSelectCounts[] =
    "SELECT o.id, (SELECT count(*) FROM users u WHERE u.organization_id = o.id),"
    " (SELECT count(*) FROM workspaces w WHERE w.organization_id = o.id AND w.archived_at IS NULL),"
    " (SELECT count(*) FROM workspaces w WHERE w.organization_id = o.id AND w.archived_at IS NOT NULL),"
    " (SELECT coalesce(sum(w.api_key_count), 0) FROM workspaces w WHERE w.organization_id = o.id)"
    " FROM organizations o WHERE o.id";

constexpr ConstraintRule kWriteRules[] = {
    {"organizations.name_key", "organizations_name_key_unique", ErrorCode::kConflict,
     "organization name already in use", "name", "organization_name_taken"},
    {"organizations.id", "organizations_pkey", ErrorCode::kConflict, "organization id already exists"},
};
constexpr ConstraintRule kDeleteRules[] = {
    {"FOREIGN KEY", "users_organization_id_fkey", ErrorCode::kConflict, "organization still has users"},
};

struct OrganizationRow {
  std::string id, name, description;
  long long created_at = 0, updated_at = 0;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(description));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }
  domain::Organization ToEntity() const { return {id, name, description, created_at, updated_at}; }
};

}  // namespace

Status SqlOrganizationRepository::Insert(const domain::Organization& org) {
  return conn_.Write("organizations.insert", kWriteRules, [&]() -> Status {
    std::string id = org.id, name = org.name, name_key = AsciiLower(org.name), description = org.description;
    long long created_at = org.created_at, updated_at = org.updated_at;
    conn_.sql() << kInsertOrganization, soci::use(id, "id"), soci::use(name, "name"), soci::use(name_key, "name_key"),
        soci::use(description, "description"), soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at");
    return {};
  });
}

Result<domain::Organization> SqlOrganizationRepository::FindById(std::string_view id) {
  return conn_.Read("organizations.find_by_id", [&]() -> Result<domain::Organization> {
    std::string key(id);
    OrganizationRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "id"));
    Prepare(st, kSelectOrganizationById);
    if (!st.execute(true)) return Fail(Error::NotFound("organization not found"));
    return row.ToEntity();
  });
}

Result<std::vector<domain::Organization>> SqlOrganizationRepository::FindByIds(std::span<const std::string> ids) {
  return conn_.Read("organizations.find_by_ids", [&]() -> Result<std::vector<domain::Organization>> {
    std::vector<domain::Organization> out;
    if (ids.empty()) return out;
    std::vector<std::string> values(ids.begin(), ids.end());
    OrganizationRow row;
    CachedStatement st(conn_,
                       "SELECT id, name, description, created_at, updated_at FROM organizations WHERE deleted_at"
                       " IS NULL AND id" +
                           InList(conn_.dialect(), values.size()));
    row.BindInto(*st);
    BindInList(*st, values);
    st.Bind();
    st->execute();
    while (st->fetch()) out.push_back(row.ToEntity());
    return out;
  });
}

Result<std::map<std::string, domain::OrganizationCounts>> SqlOrganizationRepository::CountsFor(
    std::span<const std::string> ids) {
  return conn_.Read("organizations.counts_for", [&]() -> Result<std::map<std::string, domain::OrganizationCounts>> {
    std::map<std::string, domain::OrganizationCounts> out;
    if (ids.empty()) return out;
    std::vector<std::string> values(ids.begin(), ids.end());
    std::string id;
    long long members = 0, workspaces = 0, archived = 0, keys = 0;
    CachedStatement st(conn_, kSelectCounts + InList(conn_.dialect(), values.size()));
    st->exchange(soci::into(id));
    st->exchange(soci::into(members));
    st->exchange(soci::into(workspaces));
    st->exchange(soci::into(archived));
    st->exchange(soci::into(keys));
    BindInList(*st, values);
    st.Bind();
    st->execute();
    while (st->fetch()) out[id] = {members, workspaces, archived, keys};
    return out;
  });
}

Result<domain::Organization> SqlOrganizationRepository::FindByName(std::string_view name) {
  return conn_.Read("organizations.find_by_name", [&]() -> Result<domain::Organization> {
    std::string name_key = AsciiLower(name);
    OrganizationRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(name_key, "name_key"));
    Prepare(st, kSelectOrganizationByNameKey);
    if (!st.execute(true)) return Fail(Error::NotFound("organization not found"));
    return row.ToEntity();
  });
}

Result<domain::Page<domain::Organization>> SqlOrganizationRepository::List(const domain::OrganizationQuery& query) {
  const domain::ListParams& params = query.page;
  std::string after_name_key, after_id;
  if (params.cursor && !DecodeKeyCursor(*params.cursor, after_name_key, after_id)) {
    return Fail(Error::InvalidArgument("invalid cursor"));
  }
  return conn_.Read("organizations.list", [&]() -> Result<domain::Page<domain::Organization>> {
    ReadSnapshot snapshot(conn_);
    const bool search = query.q && !query.q->empty();
    std::string q_name = search ? ContainsPattern(*query.q) : "", q_id = q_name;
    auto bind_search = [&](soci::statement& st) {
      if (!search) return;
      st.exchange(soci::use(q_name, "q_name"));
      st.exchange(soci::use(q_id, "q_id"));
    };
    const std::string filters = search ? kOrganizationsMatching : "";
    domain::Page<domain::Organization> page;
    long long total = 0;
    {
      CachedStatement st(conn_, kCountOrganizations + filters);
      st->exchange(soci::into(total));
      bind_search(*st);
      st.Bind();
      st->execute(true);
    }
    page.total = total;

    const long long limit = ClampLimit(params.limit);
    long long fetch = limit + 1;
    OrganizationRow row;
    CachedStatement st(
        conn_, kSelectOrganizations + filters + (params.cursor ? kOrganizationsAfter : "") + kOrganizationsOrder);
    row.BindInto(*st);
    bind_search(*st);
    if (params.cursor) {
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

Status SqlOrganizationRepository::Update(const domain::Organization& org) {
  return conn_.Write("organizations.update", kWriteRules, [&]() -> Status {
    std::string id = org.id, name = org.name, name_key = AsciiLower(org.name), description = org.description;
    long long updated_at = org.updated_at;
    soci::statement st =
        (conn_.sql().prepare << kUpdateOrganization, soci::use(name, "name"), soci::use(name_key, "name_key"),
         soci::use(description, "description"), soci::use(updated_at, "updated_at"), soci::use(id, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("organization not found"));
    return {};
  });
}

Status SqlOrganizationRepository::Delete(std::string_view id) {
  return conn_.Write("organizations.delete", kDeleteRules, [&]() -> Status {
    std::string key(id);
    soci::statement st = (conn_.sql().prepare << kDeleteOrganization, soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("organization not found"));
    return {};
  });
}

Status SqlOrganizationRepository::MarkDeleted(std::string_view id, std::int64_t now) {
  return conn_.Write("organizations.mark_deleted", kWriteRules, [&]() -> Status {
    std::string key(id), name_key = "~deleted~" + std::string(id);
    long long deleted_at = now, updated_at = now;
    soci::statement st = (conn_.sql().prepare << kMarkOrganizationDeleted, soci::use(deleted_at, "deleted_at"),
                          soci::use(updated_at, "updated_at"), soci::use(name_key, "name_key"), soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("organization not found"));
    return {};
  });
}

}  // namespace portal::storage
