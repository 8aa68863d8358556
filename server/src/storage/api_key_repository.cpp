#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

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
// The list: the key, its workspace's name and organization, and its holder, in one query.
constexpr char kListColumns[] =
    "SELECT k.id, k.name, k.status, k.partial_key_hint, k.workspace_id, k.created_at, k.created_by,"
    " k.secret_sealed, k.secret_registered_at, k.vanished_at, k.synced_at, w.organization_id, w.name, u.id,"
    " u.name, u.email ";
constexpr char kFromKeys[] =
    "FROM api_keys k LEFT JOIN workspaces w ON w.id = k.workspace_id LEFT JOIN users u ON u.api_key_id = k.id"
    " WHERE 1 = 1";
constexpr char kCountFromKeys[] = "FROM api_keys k WHERE 1 = 1";
constexpr char kCountAll[] = "SELECT count(*) FROM api_keys";
constexpr char kOrganizationWorkspaces[] = "SELECT id FROM workspaces WHERE organization_id = :organization_id";
constexpr char kByWorkspace[] = " AND k.workspace_id = :workspace_id";
constexpr char kByStatus[] = " AND k.status = :status";
// Held or free: api_keys.holder_id mirrors users.api_key_id (migration 0011's triggers), and each
// side has a partial index in the list's order.
constexpr char kAssigned[] = " AND k.holder_id IS NOT NULL";
constexpr char kUnassigned[] = " AND k.holder_id IS NULL";
constexpr char kRegistered[] = " AND k.secret_sealed IS NOT NULL";
constexpr char kNotRegistered[] = " AND k.secret_sealed IS NULL";
constexpr char kVanished[] = " AND k.vanished_at IS NOT NULL";
constexpr char kNotVanished[] = " AND k.vanished_at IS NULL";
// A search is a substring of the name or the hint (any case), or the start of an id.
constexpr char kMatchingExpr[] =
    "(lower(k.name) LIKE lower(:q_name) ESCAPE '!' OR lower(k.partial_key_hint) LIKE lower(:q_hint) ESCAPE '!')";
// PostgreSQL: one expression, the one api_keys_search_trgm indexes (chr(1) keeps a match from
// spanning two fields), for every search: a short one cannot use the index, but the planner then
// knows from the expression's statistics how often it matches.
constexpr char kMatchingTrigramExpr[] =
    "(lower(k.name) || chr(1) || lower(k.partial_key_hint)) LIKE lower(:q) ESCAPE '!'";
// SQLite: the FTS5 trigram table over name and hint (ids are found by their start).
constexpr char kSearchColumns[] = "{name partial_key_hint}";
constexpr char kFtsRowids[] = "SELECT rowid FROM api_keys_fts WHERE api_keys_fts MATCH :fts";
// A hint or id typed from its start ("sk-ant-api03-R2D", "apikey_01Rj"): a prefix of that
// column, case-sensitive as Anthropic's values are, through its B-tree index.
constexpr char kHintPrefixSqlite[] = "k.partial_key_hint GLOB :prefix";
constexpr char kIdPrefixSqlite[] = "k.id GLOB :prefix";
constexpr char kHintPrefixPostgres[] = "k.partial_key_hint LIKE :prefix ESCAPE '!'";
constexpr char kIdPrefixPostgres[] = "k.id LIKE :prefix ESCAPE '!'";
constexpr char kBeforeCursor[] = " AND (k.created_at, k.id) < (:before_created_at, :before_id)";
constexpr char kNewestFirst[] = " ORDER BY k.created_at DESC, k.id DESC LIMIT :limit";

// GLOB pattern for "starts with `text`": *, ? and [ match themselves inside brackets.
std::string GlobPrefix(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[') {
      out.push_back('[');
      out.push_back(c);
      out.push_back(']');
    } else {
      out.push_back(c);
    }
  }
  out.push_back('*');
  return out;
}

std::string LikePrefix(std::string_view text) {
  std::string out = ContainsPattern(text);
  return out.substr(1);  // drop the leading %
}

constexpr char kSetSecret[] =
    "UPDATE api_keys SET secret_sealed = :sealed, secret_registered_at = :registered_at"
    " WHERE id = :id";
constexpr char kUpsertManyHead[] =
    "INSERT INTO api_keys (id, name, status, partial_key_hint, workspace_id, created_at, created_by, synced_at)"
    " VALUES ";
constexpr char kUpsertManyTail[] =
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,"
    " partial_key_hint = excluded.partial_key_hint, workspace_id = excluded.workspace_id,"
    " created_at = excluded.created_at, created_by = excluded.created_by,"
    " synced_at = excluded.synced_at, vanished_at = NULL";
constexpr char kSelectSynced[] =
    "SELECT id, name, status, partial_key_hint, workspace_id, created_at, created_by, vanished_at FROM api_keys";
constexpr std::size_t kRowsPerStatement = 200;
constexpr long long kSyncedChunk = 5000;
// workspaces.api_key_count (migration 0010): recounted for every workspace an upsert touched.
constexpr char kRecountWorkspaces[] =
    "UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k WHERE k.workspace_id = workspaces.id)"
    " WHERE id";
constexpr char kWorkspacesOfKeys[] = "SELECT DISTINCT workspace_id FROM api_keys WHERE workspace_id IS NOT NULL AND id";

// Adds to `out` the workspaces that the keys `ids` are in now.
void CollectWorkspaces(Conn& conn, std::vector<std::string> ids, std::set<std::string>& out) {
  if (ids.empty()) return;
  std::string workspace;
  soci::statement st(conn.sql());
  st.exchange(soci::into(workspace));
  BindInList(st, ids);
  Prepare(st, kWorkspacesOfKeys + InList(conn.dialect(), ids.size()));
  st.execute();
  while (st.fetch()) out.insert(workspace);
}

void RecountWorkspaces(Conn& conn, const std::set<std::string>& workspaces) {
  std::vector<std::string> ids(workspaces.begin(), workspaces.end());
  for (std::size_t offset = 0; offset < ids.size(); offset += kRowsPerStatement) {
    std::vector<std::string> batch(
        ids.begin() + static_cast<std::ptrdiff_t>(offset),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), offset + kRowsPerStatement)));
    soci::statement st(conn.sql());
    BindInList(st, batch);
    Prepare(st, kRecountWorkspaces + InList(conn.dialect(), batch.size()));
    st.execute(true);
  }
}
// workspaces.api_key_count: kept by the upserts here.
constexpr char kCountByOrganization[] =
    "SELECT coalesce(sum(api_key_count), 0) FROM workspaces WHERE organization_id = :organization_id";
constexpr char kCountByWorkspace[] = "SELECT coalesce(max(api_key_count), 0) FROM workspaces WHERE id = :workspace_id";
constexpr char kArchiveInWorkspace[] =
    "UPDATE api_keys SET status = 'archived' WHERE workspace_id = :workspace_id"
    " AND status <> 'archived'";
constexpr char kEraseSecretsInWorkspace[] =
    "UPDATE api_keys SET secret_sealed = NULL, secret_registered_at = NULL WHERE workspace_id = :workspace_id"
    " AND secret_sealed IS NOT NULL";
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
    std::set<std::string> touched;
    CollectWorkspaces(conn_, {id}, touched);
    if (key.workspace_id) touched.insert(*key.workspace_id);
    Prepare(st, kUpsertApiKey);
    st.execute(true);
    RecountWorkspaces(conn_, touched);
    return {};
  });
}

Status SqlApiKeyRepository::UpsertMany(std::span<const domain::ApiKeyRecord> keys) {
  return conn_.Write("api_keys.upsert_many", {}, [&]() -> Status {
    std::set<std::string> touched;
    for (std::size_t offset = 0; offset < keys.size(); offset += kRowsPerStatement) {
      const std::size_t n = std::min(kRowsPerStatement, keys.size() - offset);
      std::vector<std::string> batch_ids;
      for (std::size_t i = 0; i < n; ++i) {
        batch_ids.push_back(keys[offset + i].id);
        if (keys[offset + i].workspace_id) touched.insert(*keys[offset + i].workspace_id);
      }
      CollectWorkspaces(conn_, std::move(batch_ids), touched);
      std::vector<ApiKeyRow> rows(n);
      std::string sql = kUpsertManyHead;
      soci::statement st(conn_.sql());
      for (std::size_t i = 0; i < n; ++i) {
        const auto& key = keys[offset + i];
        ApiKeyRow& row = rows[i];
        row.id = key.id;
        row.name = key.name;
        row.status = key.status;
        row.hint = key.partial_key_hint;
        row.workspace_id = key.workspace_id.value_or("");
        row.workspace_id_ind = key.workspace_id ? soci::i_ok : soci::i_null;
        row.created_at = key.created_at;
        row.created_by = key.created_by;
        row.synced_at = key.synced_at;
        sql.append(i ? ", (" : "(");
        for (std::size_t column = 0; column < 8; ++column) {
          if (column > 0) sql += ", ";
          sql += Param(conn_.dialect(), i * 8 + column);
        }
        sql += ")";
        st.exchange(soci::use(row.id));
        st.exchange(soci::use(row.name));
        st.exchange(soci::use(row.status));
        st.exchange(soci::use(row.hint));
        st.exchange(soci::use(row.workspace_id, row.workspace_id_ind));
        st.exchange(soci::use(row.created_at));
        st.exchange(soci::use(row.created_by));
        st.exchange(soci::use(row.synced_at));
      }
      sql += kUpsertManyTail;
      Prepare(st, sql);
      st.execute(true);
    }
    RecountWorkspaces(conn_, touched);
    return {};
  });
}

Status SqlApiKeyRepository::ForEachSynced(const std::function<void(const domain::ApiKeyRecord&)>& fn) {
  return conn_.Read("api_keys.for_each_synced", [&]() -> Status {
    // A few thousand keys at a time, in id order: PostgreSQL's client holds a whole result in
    // memory, and a sync reads every key.
    domain::ApiKeyRecord key;
    std::string workspace_id, after;
    long long vanished_at = 0, chunk = kSyncedChunk;
    soci::indicator workspace_ind = soci::i_null, vanished_ind = soci::i_null;
    CachedStatement st(conn_, std::string(kSelectSynced) + " WHERE id > :after ORDER BY id LIMIT :chunk");
    st->exchange(soci::into(key.id));
    st->exchange(soci::into(key.name));
    st->exchange(soci::into(key.status));
    st->exchange(soci::into(key.partial_key_hint));
    st->exchange(soci::into(workspace_id, workspace_ind));
    st->exchange(soci::into(key.created_at));
    st->exchange(soci::into(key.created_by));
    st->exchange(soci::into(vanished_at, vanished_ind));
    st->exchange(soci::use(after, "after"));
    st->exchange(soci::use(chunk, "chunk"));
    st.Bind();
    for (;;) {
      long long rows = 0;
      st->execute();
      while (st->fetch()) {
        ++rows;
        key.workspace_id = workspace_ind == soci::i_ok ? std::optional<std::string>(workspace_id) : std::nullopt;
        key.vanished_at = vanished_ind == soci::i_ok ? std::optional<std::int64_t>(vanished_at) : std::nullopt;
        fn(key);
      }
      if (rows < chunk) break;
      after = key.id;
    }
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

Result<std::vector<domain::ApiKeyRecord>> SqlApiKeyRepository::FindByIds(std::span<const std::string> ids) {
  return conn_.Read("api_keys.find_by_ids", [&]() -> Result<std::vector<domain::ApiKeyRecord>> {
    std::vector<domain::ApiKeyRecord> out;
    if (ids.empty()) return out;
    std::vector<std::string> values(ids.begin(), ids.end());
    ApiKeyRow row;
    CachedStatement st(conn_, std::string(kColumns) + " WHERE k.id" + InList(conn_.dialect(), values.size()));
    row.BindInto(*st);
    BindInList(*st, values);
    st.Bind();
    st->execute();
    while (st->fetch()) out.push_back(row.ToEntity());
    return out;
  });
}

Result<std::vector<domain::ApiKeyRecord>> SqlApiKeyRepository::FindByHint(std::string_view partial_key_hint) {
  return conn_.Read("api_keys.find_by_hint", [&] {
    const std::string hint(partial_key_hint);
    return SelectMany(conn_, std::string(kColumns) + kWhereHint, &hint);
  });
}

Result<domain::Page<domain::ApiKeyView>> SqlApiKeyRepository::List(const domain::ApiKeyQuery& query) {
  std::string before_created_at, before_id;
  if (query.page.cursor && !DecodeKeyCursor(*query.page.cursor, before_created_at, before_id)) {
    return Fail(Error::InvalidArgument("invalid cursor"));
  }
  return conn_.Read("api_keys.list", [&]() -> Result<domain::Page<domain::ApiKeyView>> {
    ReadSnapshot snapshot(conn_);
    domain::Page<domain::ApiKeyView> page;
    const bool postgres = conn_.dialect().backend == Backend::kPostgres;
    std::string workspace_id = query.workspace_id.value_or("");
    std::string status = query.status.value_or("");
    std::string filters;
    // An organization's keys are those of its workspaces, looked up first: with one workspace
    // (the usual case) the page is read in the order of that workspace's index.
    std::vector<std::string> organization_workspaces;
    if (query.organization_id) {
      std::string organization_id = *query.organization_id, id;
      CachedStatement st(conn_, kOrganizationWorkspaces);
      st->exchange(soci::into(id));
      st->exchange(soci::use(organization_id, "organization_id"));
      st.Bind();
      st->execute();
      while (st->fetch()) organization_workspaces.push_back(id);
      if (organization_workspaces.empty()) return page;
      filters += " AND k.workspace_id IN (";
      for (std::size_t i = 0; i < organization_workspaces.size(); ++i) {
        if (i > 0) filters += ", ";
        filters.append(":org_ws").append(std::to_string(i));
      }
      filters += ")";
    }
    if (query.workspace_id) filters += kByWorkspace;
    if (query.status) filters += kByStatus;
    if (query.assigned) filters += *query.assigned ? kAssigned : kUnassigned;
    if (query.registered) filters += *query.registered ? kRegistered : kNotRegistered;
    if (query.vanished) filters += *query.vanished ? kVanished : kNotVanished;
    const bool other_filters = query.organization_id || query.workspace_id || query.status || query.assigned ||
                               query.registered || query.vanished;
    auto bind_filters = [&](soci::statement& st) {
      for (std::size_t i = 0; i < organization_workspaces.size(); ++i) {
        st.exchange(soci::use(organization_workspaces[i], "org_ws" + std::to_string(i)));
      }
      if (query.workspace_id) st.exchange(soci::use(workspace_id, "workspace_id"));
      if (query.status) st.exchange(soci::use(status, "status"));
    };
    const std::string count_from = kCountFromKeys;
    // The search. A search that an index narrows to at most kExactTotalLimit keys is answered
    // from those (the candidates' rowids on SQLite, whose planner would otherwise read every key
    // newest first); one that matches more keys is frequent enough that reading the keys newest
    // first finds a page soon, and its total is "10 000 or more". One or two characters have no
    // trigram: their total is what the first kSampledRows keys read contain ("N or more").
    std::string search, q_name, q_hint, fts, prefix;
    TotalCount total = TotalCount::kCapped;
    auto bind_search = [&](soci::statement& st) {
      if (!fts.empty()) st.exchange(soci::use(fts, "fts"));
      if (!prefix.empty()) st.exchange(soci::use(prefix, "prefix"));
      if (!q_name.empty() && postgres) {
        st.exchange(soci::use(q_name, "q"));
      } else if (!q_name.empty()) {
        st.exchange(soci::use(q_name, "q_name"));
        st.exchange(soci::use(q_hint, "q_hint"));
      }
    };
    auto like_search = [&] {
      q_name = q_hint = ContainsPattern(*query.q);
      search = std::string(" AND ") + kMatchingExpr;
    };
    if (query.q) {
      const std::string& text = *query.q;
      const bool hint = text.starts_with("sk-ant-"), id = text.starts_with("apikey_");
      if (hint || id) {
        prefix = postgres ? LikePrefix(text) : GlobPrefix(text);
        const std::string predicate =
            postgres ? (hint ? kHintPrefixPostgres : kIdPrefixPostgres) : (hint ? kHintPrefixSqlite : kIdPrefixSqlite);
        long long probed = 0;
        CachedStatement st(conn_, CappedCountSql("FROM api_keys k WHERE " + predicate));
        st->exchange(soci::into(probed));
        st->exchange(soci::use(prefix, "prefix"));
        st.Bind();
        st->execute(true);
        if (probed <= domain::kExactTotalLimit && !postgres) {
          search = " AND k.rowid IN (SELECT k.rowid FROM api_keys k WHERE " + predicate + ")";
        } else {
          search = " AND " + predicate;
          if (probed > domain::kExactTotalLimit)
            total = other_filters ? TotalCount::kCapped : TotalCount::kAtLeastLimit;
        }
      } else if (postgres) {
        q_name = ContainsPattern(text);
        search = std::string(" AND ") + kMatchingTrigramExpr;
        if (!TrigramMatch("", text)) total = TotalCount::kSampled;
      } else if (auto match = TrigramMatch(kSearchColumns, text)) {
        fts = *match;
        if (CountFtsMatches(conn_, "api_keys_fts", fts) <= domain::kExactTotalLimit) {
          search = std::string(" AND k.rowid IN (") + kFtsRowids + ")";
        } else {
          fts.clear();
          like_search();
          total = other_filters ? TotalCount::kSampled : TotalCount::kAtLeastLimit;
        }
      } else {
        like_search();
        total = TotalCount::kSampled;
      }
    }

    CountTotal(conn_, page, total, count_from + filters + search, postgres ? kMatchingTrigramExpr : kMatchingExpr,
               count_from + filters, [&](soci::statement& st) {
                 bind_filters(st);
                 bind_search(st);
               });
    filters += search;

    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;
    ApiKeyRow row;
    std::string organization, workspace_name, holder_id, holder_name, holder_email;
    soci::indicator organization_ind = soci::i_null, workspace_name_ind = soci::i_null, holder_ind = soci::i_null,
                    holder_name_ind = soci::i_null, holder_email_ind = soci::i_null;
    CachedStatement st(conn_, kListColumns + std::string(kFromKeys) + filters +
                                  (query.page.cursor ? kBeforeCursor : "") + kNewestFirst);
    row.BindInto(*st);
    st->exchange(soci::into(organization, organization_ind));
    st->exchange(soci::into(workspace_name, workspace_name_ind));
    st->exchange(soci::into(holder_id, holder_ind));
    st->exchange(soci::into(holder_name, holder_name_ind));
    st->exchange(soci::into(holder_email, holder_email_ind));
    bind_filters(*st);
    bind_search(*st);
    if (query.page.cursor) {
      st->exchange(soci::use(before_created_at, "before_created_at"));
      st->exchange(soci::use(before_id, "before_id"));
    }
    st->exchange(soci::use(fetch, "limit"));
    st.Bind();
    st->execute();
    while (st->fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        const auto& last = page.items.back().key;
        page.next_cursor = EncodeKeyCursor(last.created_at, last.id);
        break;
      }
      domain::ApiKeyView view;
      view.key = row.ToEntity();
      if (organization_ind == soci::i_ok) view.organization_id = organization;
      if (workspace_name_ind == soci::i_ok) view.workspace_name = workspace_name;
      if (holder_ind == soci::i_ok) view.holder = domain::ApiKeyHolder{holder_id, holder_name, holder_email};
      page.items.push_back(std::move(view));
    }
    NotBelowPage(page);
    return page;
  });
}

Result<std::int64_t> SqlApiKeyRepository::Count() {
  return conn_.Read("api_keys.count", [&]() -> Result<std::int64_t> {
    long long count = 0;
    conn_.sql() << kCountAll, soci::into(count);
    return count;
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

Result<std::int64_t> SqlApiKeyRepository::MarkVanished(std::span<const std::string> ids, std::int64_t now) {
  return conn_.Write("api_keys.mark_vanished", {}, [&]() -> Result<std::int64_t> {
    std::int64_t marked = 0;
    long long at = now;
    for (std::size_t offset = 0; offset < ids.size(); offset += kRowsPerStatement) {
      const std::size_t n = std::min(kRowsPerStatement, ids.size() - offset);
      std::string sql = "UPDATE api_keys SET vanished_at = " + Param(conn_.dialect(), 0) +
                        " WHERE vanished_at IS NULL AND id" + InList(conn_.dialect(), n, 1);
      soci::statement st(conn_.sql());
      st.exchange(soci::use(at));
      std::vector<std::string> values(ids.begin() + static_cast<std::ptrdiff_t>(offset),
                                      ids.begin() + static_cast<std::ptrdiff_t>(offset + n));
      BindInList(st, values);
      Prepare(st, sql);
      st.execute(true);
      marked += static_cast<std::int64_t>(st.get_affected_rows());
    }
    return marked;
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
    const auto archived = static_cast<std::int64_t>(st.get_affected_rows());
    conn_.sql() << kEraseSecretsInWorkspace, soci::use(ws, "workspace_id");
    return archived;
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
