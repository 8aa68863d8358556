#include <algorithm>
#include <string>

#include "storage/cursor.hpp"
#include "storage/link_history.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kInsertUser[] =
    "INSERT INTO users (id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at) VALUES (:id, :email, :name, :password_hash,"
    " :role, :organization_id, :api_key_id, :status, :last_login_at, :must_change_password, :created_at, :updated_at)";
constexpr char kSelectUserById[] =
    "SELECT id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at FROM users WHERE id = :id";
constexpr char kSelectUserByEmail[] =
    "SELECT id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at FROM users WHERE email = :email";
constexpr char kSelectSessionUser[] =
    "SELECT s.id, s.user_id, s.client, s.created_at, s.expires_at, s.revoked_at, s.revoked_reason,"
    " u.id, u.email, u.name, u.password_hash, u.role, u.organization_id, u.api_key_id, u.status, u.last_login_at,"
    " u.must_change_password, u.created_at, u.updated_at, o.id, o.name, o.description, o.created_at, o.updated_at,"
    " k.id, k.name, k.partial_key_hint, k.status, k.vanished_at FROM sessions s JOIN users u ON u.id = s.user_id"
    " LEFT JOIN organizations o ON o.id = u.organization_id AND o.deleted_at IS NULL"
    " LEFT JOIN api_keys k ON k.id = u.api_key_id WHERE s.id = :id";
constexpr char kSelectUserByApiKeyId[] =
    "SELECT id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at FROM users WHERE api_key_id = :api_key_id";
constexpr char kSelectHoldersInWorkspace[] =
    "SELECT id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at FROM users"
    " WHERE api_key_id IN (SELECT id FROM api_keys WHERE workspace_id = :workspace_id) ORDER BY id";
// List: these fragments are joined according to the filters present; values are always bound.
constexpr char kSelectUsers[] =
    "SELECT id, email, name, password_hash, role, organization_id, api_key_id, status,"
    " last_login_at, must_change_password, created_at, updated_at FROM users WHERE 1 = 1";
// A list page: each user with its organization's name and its key's brief, in one query. The
// filters below name the users table, since organizations and api_keys have columns of the same
// names.
constexpr char kSelectListedUsers[] =
    "SELECT users.id, users.email, users.name, users.password_hash, users.role, users.organization_id,"
    " users.api_key_id, users.status, users.last_login_at, users.must_change_password, users.created_at,"
    " users.updated_at, o.name, k.id, k.name, k.partial_key_hint, k.status, k.vanished_at FROM users"
    " LEFT JOIN organizations o ON o.id = users.organization_id AND o.deleted_at IS NULL"
    " LEFT JOIN api_keys k ON k.id = users.api_key_id WHERE 1 = 1";
constexpr char kFromUsers[] = "FROM users WHERE 1 = 1";
constexpr char kUsersByOrganization[] = " AND users.organization_id = :organization_id";
constexpr char kUsersMatchingExpr[] =
    "(lower(users.name) LIKE lower(:q_name) ESCAPE '!' OR lower(users.email) LIKE lower(:q_email) ESCAPE '!')";
// PostgreSQL: the expression users_search_trgm indexes, for every search (a short one cannot use
// the index, but the planner then knows from the expression's statistics how often it matches and
// reads the users newest first); SQLite: the FTS5 trigram table users_fts.
constexpr char kUsersMatchingTrigramExpr[] =
    "(lower(users.name) || chr(1) || lower(users.email)) LIKE lower(:q) ESCAPE '!'";
constexpr char kUsersSearchColumns[] = "{name email}";
constexpr char kUsersMatchingFts[] = " AND users.rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH :fts)";
constexpr char kUsersWithRole[] = " AND users.role = :role";
constexpr char kUsersWithStatus[] = " AND users.status = :status";
constexpr char kUsersBeforeCursor[] = " AND users.id < :cursor";
constexpr char kUsersNewestFirst[] = " ORDER BY users.id DESC LIMIT :limit";
constexpr char kUpdateUser[] =
    "UPDATE users SET email = :email, name = :name, password_hash = :password_hash, role = :role,"
    " organization_id = :organization_id, api_key_id = :api_key_id, status = :status,"
    " last_login_at = :last_login_at, must_change_password = :must_change_password, updated_at = :updated_at"
    " WHERE id = :id";
constexpr char kDeleteUser[] = "DELETE FROM users WHERE id = :id";
constexpr char kCountUsers[] = "SELECT count(*) FROM users";

constexpr ConstraintRule kWriteRules[] = {
    {"users.email", "users_email_unique", ErrorCode::kConflict, "email already in use", "email", "email_taken"},
    {"users.api_key_id", "users_api_key_id_unique", ErrorCode::kConflict, "API key already assigned to another user"},
    {"users.id", "users_pkey", ErrorCode::kConflict, "user id already exists"},
    {"FOREIGN KEY", "users_organization_id_fkey", ErrorCode::kInvalidArgument, "organization does not exist"},
};

// Every column, NULL-able ones with an indicator; bound by reference, so it outlives the statement.
struct UserRow {
  std::string id, email, name, password_hash, role, organization_id, api_key_id, status;
  soci::indicator organization_id_ind = soci::i_null, api_key_id_ind = soci::i_null, last_login_at_ind = soci::i_null;
  long long last_login_at = 0, must_change_password = 0, created_at = 0, updated_at = 0;

  UserRow() = default;
  explicit UserRow(const domain::User& user)
      : id(user.id),
        email(domain::NormalizeEmail(user.email)),
        name(user.name),
        password_hash(user.password_hash),
        role(domain::ToString(user.role)),
        organization_id(user.organization_id.value_or("")),
        api_key_id(user.api_key_id.value_or("")),
        status(domain::ToString(user.status)),
        organization_id_ind(user.organization_id ? soci::i_ok : soci::i_null),
        api_key_id_ind(user.api_key_id ? soci::i_ok : soci::i_null),
        last_login_at_ind(user.last_login_at ? soci::i_ok : soci::i_null),
        last_login_at(user.last_login_at.value_or(0)),
        must_change_password(user.must_change_password ? 1 : 0),
        created_at(user.created_at),
        updated_at(user.updated_at) {}

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(email));
    st.exchange(soci::into(name));
    st.exchange(soci::into(password_hash));
    st.exchange(soci::into(role));
    st.exchange(soci::into(organization_id, organization_id_ind));
    st.exchange(soci::into(api_key_id, api_key_id_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(last_login_at, last_login_at_ind));
    st.exchange(soci::into(must_change_password));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  // Every column but id and created_at (the UPDATE binds those two itself where needed).
  void BindMutableUses(soci::statement& st) {
    st.exchange(soci::use(email, "email"));
    st.exchange(soci::use(name, "name"));
    st.exchange(soci::use(password_hash, "password_hash"));
    st.exchange(soci::use(role, "role"));
    st.exchange(soci::use(organization_id, organization_id_ind, "organization_id"));
    st.exchange(soci::use(api_key_id, api_key_id_ind, "api_key_id"));
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(last_login_at, last_login_at_ind, "last_login_at"));
    st.exchange(soci::use(must_change_password, "must_change_password"));
    st.exchange(soci::use(updated_at, "updated_at"));
  }

  Result<domain::User> ToEntity() const {
    auto parsed_role = domain::ParseRole(role);
    auto parsed_status = domain::ParseUserStatus(status);
    if (!parsed_role || !parsed_status) {
      return Fail(Error::Internal("users row " + id + " has role '" + role + "', status '" + status + "'"));
    }
    domain::User user;
    user.id = id;
    user.email = email;
    user.name = name;
    user.password_hash = password_hash;
    user.role = *parsed_role;
    if (organization_id_ind == soci::i_ok) user.organization_id = organization_id;
    if (api_key_id_ind == soci::i_ok) user.api_key_id = api_key_id;
    user.status = *parsed_status;
    if (last_login_at_ind == soci::i_ok) user.last_login_at = last_login_at;
    user.must_change_password = must_change_password != 0;
    user.created_at = created_at;
    user.updated_at = updated_at;
    return user;
  }
};

// The key a user holds, from a LEFT JOIN of api_keys: id, name, hint, status, vanished_at.
struct KeyBriefColumns {
  std::string id, name, hint, status;
  long long vanished_at = 0;
  soci::indicator id_ind = soci::i_null, name_ind = soci::i_null, hint_ind = soci::i_null, status_ind = soci::i_null,
                  vanished_ind = soci::i_null;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id, id_ind));
    st.exchange(soci::into(name, name_ind));
    st.exchange(soci::into(hint, hint_ind));
    st.exchange(soci::into(status, status_ind));
    st.exchange(soci::into(vanished_at, vanished_ind));
  }

  std::optional<domain::ApiKeyRecord> ToRecord() const {
    if (id_ind != soci::i_ok) return std::nullopt;
    domain::ApiKeyRecord key;
    key.id = id;
    key.name = name;
    key.partial_key_hint = hint;
    key.status = status;
    if (vanished_ind == soci::i_ok) key.vanished_at = vanished_at;
    return key;
  }
};

// What kSelectSessionUser returns, bound by reference.
struct SessionUserRow {
  std::string session_id, session_user_id, client, revoked_reason;
  long long created_at = 0, expires_at = 0, revoked_at = 0, org_created_at = 0, org_updated_at = 0;
  std::string org_id, org_name, org_description;
  soci::indicator revoked_ind = soci::i_null, org_ind = soci::i_null, org_name_ind = soci::i_null,
                  org_description_ind = soci::i_null, org_created_ind = soci::i_null, org_updated_ind = soci::i_null;
  UserRow row;
  KeyBriefColumns key;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(session_id));
    st.exchange(soci::into(session_user_id));
    st.exchange(soci::into(client));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(revoked_at, revoked_ind));
    st.exchange(soci::into(revoked_reason));
    row.BindInto(st);
    st.exchange(soci::into(org_id, org_ind));
    st.exchange(soci::into(org_name, org_name_ind));
    st.exchange(soci::into(org_description, org_description_ind));
    st.exchange(soci::into(org_created_at, org_created_ind));
    st.exchange(soci::into(org_updated_at, org_updated_ind));
    key.BindInto(st);
  }

  Result<domain::SessionUser> ToEntity() const {
    domain::SessionUser out;
    out.session = {session_id, session_user_id, client, created_at, expires_at, std::nullopt, revoked_reason};
    if (revoked_ind == soci::i_ok) out.session.revoked_at = revoked_at;
    auto user = row.ToEntity();
    if (!user) return Fail(std::move(user.error()));
    out.user = std::move(*user);
    if (org_ind == soci::i_ok) {
      out.organization = domain::Organization{org_id, org_name, org_description, org_created_at, org_updated_at};
    }
    out.api_key = key.ToRecord();
    return out;
  }
};

// What kSelectListedUsers returns, bound by reference.
struct ListedUserRow {
  UserRow row;
  std::string org_name;
  soci::indicator org_name_ind = soci::i_null;
  KeyBriefColumns key;

  void BindInto(soci::statement& st) {
    row.BindInto(st);
    st.exchange(soci::into(org_name, org_name_ind));
    key.BindInto(st);
  }

  Result<domain::ListedUser> ToEntity() const {
    auto user = row.ToEntity();
    if (!user) return Fail(std::move(user.error()));
    domain::ListedUser out{std::move(*user), std::nullopt, key.ToRecord()};
    if (org_name_ind == soci::i_ok) out.organization_name = org_name;
    return out;
  }
};

Result<domain::User> FindOne(Conn& conn, const char* sql, const char* name, std::string value) {
  UserRow row;
  soci::statement st(conn.sql());
  row.BindInto(st);
  st.exchange(soci::use(value, name));
  Prepare(st, sql);
  if (!st.execute(true)) return Fail(Error::NotFound("user not found"));
  return row.ToEntity();
}

}  // namespace

Status SqlUserRepository::Insert(const domain::User& user) {
  return conn_.Write("users.insert", kWriteRules, [&]() -> Status {
    UserRow row(user);
    soci::statement st(conn_.sql());
    st.exchange(soci::use(row.id, "id"));
    row.BindMutableUses(st);
    st.exchange(soci::use(row.created_at, "created_at"));
    Prepare(st, kInsertUser);
    st.execute(true);
    if (user.api_key_id) RecordKeyHolder(conn_, user.id, user.api_key_id, user.created_at);
    return {};
  });
}

Result<domain::User> SqlUserRepository::FindById(std::string_view id) {
  return conn_.Read("users.find_by_id", [&] { return FindOne(conn_, kSelectUserById, "id", std::string(id)); });
}

Result<std::vector<domain::User>> SqlUserRepository::FindByIds(std::span<const std::string> ids) {
  return conn_.Read("users.find_by_ids", [&]() -> Result<std::vector<domain::User>> {
    std::vector<domain::User> out;
    if (ids.empty()) return out;
    std::vector<std::string> values(ids.begin(), ids.end());
    UserRow row;
    CachedStatement st(conn_, kSelectUsers + (" AND id" + InList(conn_.dialect(), values.size())));
    row.BindInto(*st);
    BindInList(*st, values);
    st.Bind();
    st->execute();
    while (st->fetch()) {
      auto user = row.ToEntity();
      if (!user) return Fail(std::move(user.error()));
      out.push_back(std::move(*user));
    }
    return out;
  });
}

Result<domain::SessionUser> SqlUserRepository::FindBySession(std::string_view session_id) {
  return conn_.Read("users.find_by_session", [&]() -> Result<domain::SessionUser> {
    std::string id(session_id);
    SessionUserRow row;
    CachedStatement st(conn_, kSelectSessionUser);  // every authenticated request runs it
    row.BindInto(*st);
    st->exchange(soci::use(id, "id"));
    st.Bind();
    if (!st->execute(true)) return Fail(Error::NotFound("session not found"));
    return row.ToEntity();
  });
}

Result<domain::User> SqlUserRepository::FindByEmail(std::string_view normalized_email) {
  return conn_.Read("users.find_by_email", [&] {
    return FindOne(conn_, kSelectUserByEmail, "email", domain::NormalizeEmail(normalized_email));
  });
}

Result<domain::User> SqlUserRepository::FindByApiKeyId(std::string_view api_key_id) {
  return conn_.Read("users.find_by_api_key_id",
                    [&] { return FindOne(conn_, kSelectUserByApiKeyId, "api_key_id", std::string(api_key_id)); });
}

Result<std::vector<domain::User>> SqlUserRepository::ListHoldersInWorkspace(std::string_view workspace_id) {
  return conn_.Read("users.list_holders_in_workspace", [&]() -> Result<std::vector<domain::User>> {
    std::string ws(workspace_id);
    UserRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(ws, "workspace_id"));
    Prepare(st, kSelectHoldersInWorkspace);
    st.execute();
    std::vector<domain::User> holders;
    while (st.fetch()) {
      auto user = row.ToEntity();
      if (!user) return Fail(std::move(user.error()));
      holders.push_back(std::move(*user));
    }
    return holders;
  });
}

Result<domain::Page<domain::ListedUser>> SqlUserRepository::List(const domain::UserQuery& query) {
  if (query.page.cursor && !IsIdCursor(*query.page.cursor, "usr"))
    return Fail(Error::InvalidArgument("invalid cursor"));
  return conn_.Read("users.list", [&]() -> Result<domain::Page<domain::ListedUser>> {
    ReadSnapshot snapshot(conn_);
    std::string organization_id = query.organization_id.value_or("");
    std::string q_name = query.q ? ContainsPattern(*query.q) : "";
    std::string q_email = q_name;
    std::string role = query.role ? std::string(domain::ToString(*query.role)) : "";
    std::string status = query.status ? std::string(domain::ToString(*query.status)) : "";
    std::string cursor = query.page.cursor.value_or("");
    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;

    std::string filters;
    if (query.organization_id) filters += kUsersByOrganization;
    if (query.role) filters += kUsersWithRole;
    if (query.status) filters += kUsersWithStatus;
    // As for API keys (api_key_repository.cpp): the trigram index answers a search that matches
    // at most kExactTotalLimit users; a more frequent one reads the users newest first, and one
    // of one or two characters counts what the first kSampledRows users read contain.
    std::string fts;
    enum class Search { kNone, kLike, kTrigram, kFts } search = Search::kNone;
    TotalCount total = TotalCount::kCapped;
    const bool other_filters = query.organization_id || query.role || query.status;
    std::string searched;
    if (query.q && conn_.dialect().backend == Backend::kPostgres) {
      searched = std::string(" AND ") + kUsersMatchingTrigramExpr;
      search = Search::kTrigram;
      if (!TrigramMatch("", *query.q)) total = TotalCount::kSampled;
    } else if (query.q && conn_.dialect().backend == Backend::kSqlite && TrigramMatch("", *query.q)) {
      fts = *TrigramMatch(kUsersSearchColumns, *query.q);
      if (CountFtsMatches(conn_, "users_fts", fts) <= domain::kExactTotalLimit) {
        searched = kUsersMatchingFts;
        search = Search::kFts;
      } else {
        searched = std::string(" AND ") + kUsersMatchingExpr;
        search = Search::kLike;
        total = other_filters ? TotalCount::kSampled : TotalCount::kAtLeastLimit;
      }
    } else if (query.q) {
      searched = std::string(" AND ") + kUsersMatchingExpr;
      search = Search::kLike;
      total = TotalCount::kSampled;
    }
    auto bind_filters = [&](soci::statement& st) {
      if (query.organization_id) st.exchange(soci::use(organization_id, "organization_id"));
      if (query.role) st.exchange(soci::use(role, "role"));
      if (query.status) st.exchange(soci::use(status, "status"));
    };
    auto bind_search = [&](soci::statement& st) {
      switch (search) {
        case Search::kNone: break;
        case Search::kFts: st.exchange(soci::use(fts, "fts")); break;
        case Search::kTrigram: st.exchange(soci::use(q_name, "q")); break;
        case Search::kLike:
          st.exchange(soci::use(q_name, "q_name"));
          st.exchange(soci::use(q_email, "q_email"));
          break;
      }
    };

    domain::Page<domain::ListedUser> page;
    CountTotal(conn_, page, total, kFromUsers + filters + searched,
               search == Search::kTrigram ? kUsersMatchingTrigramExpr : kUsersMatchingExpr, kFromUsers + filters,
               [&](soci::statement& st) {
                 bind_filters(st);
                 bind_search(st);
               });
    filters += searched;

    ListedUserRow row;
    CachedStatement st(
        conn_, kSelectListedUsers + filters + (query.page.cursor ? kUsersBeforeCursor : "") + kUsersNewestFirst);
    row.BindInto(*st);
    bind_filters(*st);
    bind_search(*st);
    if (query.page.cursor) st->exchange(soci::use(cursor, "cursor"));
    st->exchange(soci::use(fetch, "limit"));
    st.Bind();
    st->execute();
    while (st->fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().user.id;
        break;
      }
      auto user = row.ToEntity();
      if (!user) return Fail(std::move(user.error()));
      page.items.push_back(std::move(*user));
    }
    NotBelowPage(page);
    return page;
  });
}

Status SqlUserRepository::Update(const domain::User& user) {
  return conn_.Write("users.update", kWriteRules, [&]() -> Status {
    UserRow row(user);
    soci::statement st(conn_.sql());
    row.BindMutableUses(st);
    st.exchange(soci::use(row.id, "id"));
    Prepare(st, kUpdateUser);
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("user not found"));
    RecordKeyHolder(conn_, user.id, user.api_key_id, user.updated_at);
    return {};
  });
}

Status SqlUserRepository::Delete(std::string_view id) {
  return conn_.Write("users.delete", kWriteRules, [&]() -> Status {
    std::string key(id);
    soci::statement st = (conn_.sql().prepare << kDeleteUser, soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("user not found"));
    RecordKeyHolder(conn_, key, std::nullopt, NowMillis());
    return {};
  });
}

Result<std::int64_t> SqlUserRepository::Count() {
  return conn_.Read("users.count", [&]() -> Result<std::int64_t> {
    long long count = 0;
    conn_.sql() << kCountUsers, soci::into(count);
    return count;
  });
}

}  // namespace portal::storage
