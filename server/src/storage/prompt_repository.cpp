// Prompts and their versions. The current content is read through the version the
// prompt row points at; versions are only ever inserted.
#include <string>

#include "storage/cursor.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kInsertPrompt[] =
    "INSERT INTO prompts (id, title, description, category, tags, visibility, organization_id, owner_id,"
    " current_version, use_count, created_at, updated_at) VALUES (:id, :title, :description, :category, :tags,"
    " :visibility, :organization_id, :owner_id, :current_version, :use_count, :created_at, :updated_at)";
constexpr char kInsertPromptVersion[] =
    "INSERT INTO prompt_versions (prompt_id, number, content, note, author_id, restored_from, created_at)"
    " VALUES (:prompt_id, :number, :content, :note, :author_id, :restored_from, :created_at)";
constexpr char kSelectPrompts[] =
    "SELECT p.id, p.title, p.description, p.category, p.tags, p.visibility, p.organization_id, p.owner_id,"
    " p.current_version, p.use_count, p.created_at, p.updated_at, v.content, u.name, o.name FROM prompts p"
    " JOIN prompt_versions v ON v.prompt_id = p.id AND v.number = p.current_version"
    " LEFT JOIN users u ON u.id = p.owner_id LEFT JOIN organizations o ON o.id = p.organization_id WHERE 1 = 1";
constexpr char kFromPrompts[] = "FROM prompts p WHERE 1 = 1";
// A page: the prompts chosen and limited first, then joined with their current version, owner and
// organization (joining first would join every matching prompt before the sort).
constexpr char kSelectPromptPageHead[] =
    "SELECT p.id, p.title, p.description, p.category, p.tags, p.visibility, p.organization_id, p.owner_id,"
    " p.current_version, p.use_count, p.created_at, p.updated_at, v.content, u.name, o.name FROM (SELECT * FROM "
    "prompts p"
    " WHERE 1 = 1";
constexpr char kSelectPromptPageTail[] =
    ") p JOIN prompt_versions v ON v.prompt_id = p.id AND v.number = p.current_version"
    " LEFT JOIN users u ON u.id = p.owner_id LEFT JOIN organizations o ON o.id = p.organization_id"
    " ORDER BY p.id DESC";
constexpr char kPromptById[] = " AND p.id = :id";
// What a caller may see (PromptScope); organization and owner are bound.
constexpr char kPromptsVisibleWithOrganization[] =
    " AND (p.visibility = 'public' OR (p.visibility = 'organization' AND p.organization_id = :scope_org)"
    " OR (p.visibility = 'private' AND p.owner_id = :scope_user))";
constexpr char kPromptsVisibleWithoutOrganization[] =
    " AND (p.visibility = 'public' OR (p.visibility = 'private' AND p.owner_id = :scope_user))";
// A search is a substring of the title, the description or the current content, any case: of
// prompts.search_text (migration 0012), which PostgreSQL's prompts_search_trgm indexes and
// SQLite's FTS5 table prompts_fts holds.
constexpr char kPromptsMatchingExpr[] = "lower(p.search_text) LIKE lower(:q) ESCAPE '!'";
constexpr char kPromptsSearchColumns[] = "{search_text}";
constexpr char kPromptsMatchingFts[] = " AND p.rowid IN (SELECT rowid FROM prompts_fts WHERE prompts_fts MATCH :fts)";
// Sets search_text from the row and its current version (after every write).
constexpr char kRefreshSearchText[] =
    "UPDATE prompts SET search_text = title || :separator || description || :separator2 || coalesce("
    "(SELECT v.content FROM prompt_versions v WHERE v.prompt_id = prompts.id AND v.number = prompts.current_version),"
    " '') WHERE id = :id";
constexpr char kPromptsInCategory[] = " AND p.category = :category";
constexpr char kPromptsWithTag[] = " AND lower(p.tags) LIKE lower(:tag) ESCAPE '!'";
constexpr char kPromptsBeforeCursor[] = " AND p.id < :cursor";
constexpr char kPromptsNewestFirst[] = " ORDER BY p.id DESC LIMIT :limit";
constexpr char kUpdatePromptMetadata[] =
    "UPDATE prompts SET title = :title, description = :description, category = :category, tags = :tags,"
    " visibility = :visibility, organization_id = :organization_id, updated_at = :updated_at WHERE id = :id";
constexpr char kAdvanceVersion[] =
    "UPDATE prompts SET current_version = :number, updated_at = :updated_at WHERE id = :id"
    " AND current_version = :previous";
constexpr char kCountPromptById[] = "SELECT count(*) FROM prompts WHERE id = :id";
constexpr char kSelectVersions[] =
    "SELECT prompt_id, number, content, note, author_id, restored_from, created_at FROM prompt_versions"
    " WHERE prompt_id = :prompt_id";
constexpr char kVersionByNumber[] = " AND number = :number";
constexpr char kVersionsOldestFirst[] = " ORDER BY number";
constexpr char kIncrementUseCount[] = "UPDATE prompts SET use_count = use_count + 1 WHERE id = :id";
constexpr char kDeletePromptVersions[] = "DELETE FROM prompt_versions WHERE prompt_id = :id";
constexpr char kDeletePrompt[] = "DELETE FROM prompts WHERE id = :id";

constexpr ConstraintRule kWriteRules[] = {
    {"prompts.id", "prompts_pkey", ErrorCode::kConflict, "prompt id already exists"},
    {"prompt_versions.prompt_id", "prompt_versions_pkey", ErrorCode::kConflict,
     "the prompt was changed meanwhile; reload it and try again"},
    {"FOREIGN KEY", "prompts_organization_id_fkey", ErrorCode::kInvalidArgument, "organization does not exist"},
    {"FOREIGN KEY", "prompts_owner_id_fkey", ErrorCode::kInvalidArgument, "owner does not exist"},
    {"FOREIGN KEY", "prompt_versions_author_id_fkey", ErrorCode::kInvalidArgument, "author does not exist"},
    {"prompts_visibility_check", "prompts_visibility_check", ErrorCode::kInvalidArgument,
     "visibility must be public, organization or private"},
};

std::string JoinTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = ",";
  for (const auto& tag : tags) out += tag + ",";
  return out;
}

std::vector<std::string> SplitTags(std::string_view joined) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < joined.size()) {
    auto comma = joined.find(',', pos);
    if (comma == std::string_view::npos) comma = joined.size();
    if (comma > pos) out.emplace_back(joined.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

struct PromptRow {
  std::string id, title, description, category, tags, visibility, organization_id, owner_id, content, owner_name,
      organization_name;
  soci::indicator organization_id_ind = soci::i_null, owner_id_ind = soci::i_null, owner_name_ind = soci::i_null,
                  organization_name_ind = soci::i_null;
  long long current_version = 1, use_count = 0, created_at = 0, updated_at = 0;

  PromptRow() = default;
  explicit PromptRow(const domain::Prompt& p)
      : id(p.id),
        title(p.title),
        description(p.description),
        category(p.category),
        tags(JoinTags(p.tags)),
        visibility(domain::ToString(p.visibility)),
        organization_id(p.organization_id.value_or("")),
        owner_id(p.owner_id.value_or("")),
        content(p.content),
        organization_id_ind(p.organization_id ? soci::i_ok : soci::i_null),
        owner_id_ind(p.owner_id ? soci::i_ok : soci::i_null),
        current_version(p.version),
        use_count(p.use_count),
        created_at(p.created_at),
        updated_at(p.updated_at) {}

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(title));
    st.exchange(soci::into(description));
    st.exchange(soci::into(category));
    st.exchange(soci::into(tags));
    st.exchange(soci::into(visibility));
    st.exchange(soci::into(organization_id, organization_id_ind));
    st.exchange(soci::into(owner_id, owner_id_ind));
    st.exchange(soci::into(current_version));
    st.exchange(soci::into(use_count));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(content));
    st.exchange(soci::into(owner_name, owner_name_ind));  // joined: the owner's and the organization's names
    st.exchange(soci::into(organization_name, organization_name_ind));
  }

  void BindMetadataUses(soci::statement& st) {
    st.exchange(soci::use(title, "title"));
    st.exchange(soci::use(description, "description"));
    st.exchange(soci::use(category, "category"));
    st.exchange(soci::use(tags, "tags"));
    st.exchange(soci::use(visibility, "visibility"));
    st.exchange(soci::use(organization_id, organization_id_ind, "organization_id"));
    st.exchange(soci::use(updated_at, "updated_at"));
  }

  Result<domain::Prompt> ToEntity() const {
    auto parsed = domain::ParsePromptVisibility(visibility);
    if (!parsed) return Fail(Error::Internal("prompts row " + id + " has visibility '" + visibility + "'"));
    domain::Prompt p;
    p.id = id;
    p.title = title;
    p.description = description;
    p.category = category;
    p.tags = SplitTags(tags);
    p.content = content;
    p.version = static_cast<int>(current_version);
    p.visibility = *parsed;
    if (organization_id_ind == soci::i_ok) p.organization_id = organization_id;
    if (owner_id_ind == soci::i_ok) p.owner_id = owner_id;
    if (owner_name_ind == soci::i_ok) p.owner_name = owner_name;
    if (organization_name_ind == soci::i_ok) p.organization_name = organization_name;
    p.use_count = use_count;
    p.created_at = created_at;
    p.updated_at = updated_at;
    return p;
  }
};

struct VersionRow {
  std::string prompt_id, content, note, author_id;
  soci::indicator author_id_ind = soci::i_null, restored_from_ind = soci::i_null;
  long long number = 1, restored_from = 0, created_at = 0;

  VersionRow() = default;
  explicit VersionRow(const domain::PromptVersion& v)
      : prompt_id(v.prompt_id),
        content(v.content),
        note(v.note),
        author_id(v.author_id.value_or("")),
        author_id_ind(v.author_id ? soci::i_ok : soci::i_null),
        restored_from_ind(v.restored_from ? soci::i_ok : soci::i_null),
        number(v.number),
        restored_from(v.restored_from.value_or(0)),
        created_at(v.created_at) {}

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(prompt_id));
    st.exchange(soci::into(number));
    st.exchange(soci::into(content));
    st.exchange(soci::into(note));
    st.exchange(soci::into(author_id, author_id_ind));
    st.exchange(soci::into(restored_from, restored_from_ind));
    st.exchange(soci::into(created_at));
  }

  void Insert(soci::session& sql) {
    sql << kInsertPromptVersion, soci::use(prompt_id, "prompt_id"), soci::use(number, "number"),
        soci::use(content, "content"), soci::use(note, "note"), soci::use(author_id, author_id_ind, "author_id"),
        soci::use(restored_from, restored_from_ind, "restored_from"), soci::use(created_at, "created_at");
  }

  domain::PromptVersion ToEntity() const {
    domain::PromptVersion v;
    v.prompt_id = prompt_id;
    v.number = static_cast<int>(number);
    v.content = content;
    v.note = note;
    if (author_id_ind == soci::i_ok) v.author_id = author_id;
    if (restored_from_ind == soci::i_ok) v.restored_from = static_cast<int>(restored_from);
    v.created_at = created_at;
    return v;
  }
};

void RefreshSearchText(Conn& conn, std::string id) {
  std::string separator("\x01"), separator2 = separator;
  conn.sql() << kRefreshSearchText, soci::use(separator, "separator"), soci::use(separator2, "separator2"),
      soci::use(id, "id");
}

}  // namespace

Status SqlPromptRepository::Insert(const domain::Prompt& prompt, const domain::PromptVersion& first) {
  return conn_.Write("prompts.insert", kWriteRules, [&]() -> Status {
    PromptRow row(prompt);
    row.current_version = first.number;
    conn_.sql() << kInsertPrompt, soci::use(row.id, "id"), soci::use(row.title, "title"),
        soci::use(row.description, "description"), soci::use(row.category, "category"), soci::use(row.tags, "tags"),
        soci::use(row.visibility, "visibility"),
        soci::use(row.organization_id, row.organization_id_ind, "organization_id"),
        soci::use(row.owner_id, row.owner_id_ind, "owner_id"), soci::use(row.current_version, "current_version"),
        soci::use(row.use_count, "use_count"), soci::use(row.created_at, "created_at"),
        soci::use(row.updated_at, "updated_at");
    VersionRow version(first);
    version.prompt_id = prompt.id;
    version.Insert(conn_.sql());
    RefreshSearchText(conn_, row.id);
    return {};
  });
}

Result<domain::Prompt> SqlPromptRepository::FindById(std::string_view id) {
  return conn_.Read("prompts.find_by_id", [&]() -> Result<domain::Prompt> {
    std::string key(id);
    PromptRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "id"));
    Prepare(st, std::string(kSelectPrompts) + kPromptById);
    if (!st.execute(true)) return Fail(Error::NotFound("prompt not found"));
    return row.ToEntity();
  });
}

Result<domain::Page<domain::Prompt>> SqlPromptRepository::List(const domain::PromptQuery& query) {
  if (query.page.cursor && !IsIdCursor(*query.page.cursor, "prm"))
    return Fail(Error::InvalidArgument("invalid cursor"));
  return conn_.Read("prompts.list", [&]() -> Result<domain::Page<domain::Prompt>> {
    ReadSnapshot snapshot(conn_);
    const auto& scope = query.scope;
    std::string scope_org = scope.organization_id.value_or(""), scope_user = scope.user_id;
    std::string q = query.q ? ContainsPattern(*query.q) : "";
    std::string category = query.category.value_or("");
    std::string tag = query.tag ? ContainsPattern("," + *query.tag + ",") : "";
    std::string cursor = query.page.cursor.value_or("");
    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;

    std::string filters;
    if (!scope.everything) {
      filters += scope.organization_id ? kPromptsVisibleWithOrganization : kPromptsVisibleWithoutOrganization;
    }
    if (query.category) filters += kPromptsInCategory;
    if (query.tag) filters += kPromptsWithTag;
    // As for users and keys: an index answers a search of three characters or more (SQLite's
    // FTS5 table when it matches at most kExactTotalLimit prompts); a shorter one reads the prompts
    // newest first and counts what the first kSampledRows read contain.
    std::string fts;
    enum class Search { kNone, kLike, kFts } search = Search::kNone;
    TotalCount total = TotalCount::kCapped;
    const bool other_filters = !scope.everything || query.category || query.tag;
    std::string searched;
    if (query.q && conn_.dialect().backend == Backend::kPostgres && TrigramMatch("", *query.q)) {
      searched = std::string(" AND ") + kPromptsMatchingExpr;
      search = Search::kLike;
    } else if (query.q && conn_.dialect().backend == Backend::kSqlite && TrigramMatch("", *query.q)) {
      fts = *TrigramMatch(kPromptsSearchColumns, *query.q);
      if (CountFtsMatches(conn_, "prompts_fts", fts) <= domain::kExactTotalLimit) {
        searched = kPromptsMatchingFts;
        search = Search::kFts;
      } else {
        fts.clear();
        searched = std::string(" AND ") + kPromptsMatchingExpr;
        search = Search::kLike;
        total = other_filters ? TotalCount::kSampled : TotalCount::kAtLeastLimit;
      }
    } else if (query.q) {
      searched = std::string(" AND ") + kPromptsMatchingExpr;
      search = Search::kLike;
      total = TotalCount::kSampled;
    }
    auto bind_filters = [&](soci::statement& st) {
      if (!scope.everything) {
        if (scope.organization_id) st.exchange(soci::use(scope_org, "scope_org"));
        st.exchange(soci::use(scope_user, "scope_user"));
      }
      if (query.category) st.exchange(soci::use(category, "category"));
      if (query.tag) st.exchange(soci::use(tag, "tag"));
    };
    auto bind_search = [&](soci::statement& st) {
      if (search == Search::kFts) st.exchange(soci::use(fts, "fts"));
      if (search == Search::kLike) st.exchange(soci::use(q, "q"));
    };

    domain::Page<domain::Prompt> page;
    CountTotal(conn_, page, total, kFromPrompts + filters + searched, kPromptsMatchingExpr, kFromPrompts + filters,
               [&](soci::statement& st) {
                 bind_filters(st);
                 bind_search(st);
               });
    filters += searched;

    PromptRow row;
    CachedStatement st(conn_, kSelectPromptPageHead + filters + (query.page.cursor ? kPromptsBeforeCursor : "") +
                                  kPromptsNewestFirst + kSelectPromptPageTail);
    row.BindInto(*st);
    bind_filters(*st);
    bind_search(*st);
    if (query.page.cursor) st->exchange(soci::use(cursor, "cursor"));
    st->exchange(soci::use(fetch, "limit"));
    st.Bind();
    st->execute();
    while (st->fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        break;
      }
      auto prompt = row.ToEntity();
      if (!prompt) return Fail(std::move(prompt.error()));
      page.items.push_back(std::move(*prompt));
    }
    NotBelowPage(page);
    return page;
  });
}

Status SqlPromptRepository::UpdateMetadata(const domain::Prompt& prompt) {
  return conn_.Write("prompts.update_metadata", kWriteRules, [&]() -> Status {
    PromptRow row(prompt);
    soci::statement st(conn_.sql());
    row.BindMetadataUses(st);
    st.exchange(soci::use(row.id, "id"));
    Prepare(st, kUpdatePromptMetadata);
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("prompt not found"));
    RefreshSearchText(conn_, row.id);
    return {};
  });
}

Status SqlPromptRepository::AppendVersion(const domain::PromptVersion& version, std::int64_t updated_at) {
  return conn_.Write("prompts.append_version", kWriteRules, [&]() -> Status {
    VersionRow row(version);
    long long previous = row.number - 1, updated = updated_at;
    soci::statement st =
        (conn_.sql().prepare << kAdvanceVersion, soci::use(row.number, "number"), soci::use(updated, "updated_at"),
         soci::use(row.prompt_id, "id"), soci::use(previous, "previous"));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      long long exists = 0;
      conn_.sql() << kCountPromptById, soci::use(row.prompt_id, "id"), soci::into(exists);
      if (exists == 0) return Fail(Error::NotFound("prompt not found"));
      return Fail(Error::Conflict("the prompt was changed meanwhile; reload it and try again"));
    }
    row.Insert(conn_.sql());
    RefreshSearchText(conn_, row.prompt_id);
    return {};
  });
}

Result<std::vector<domain::PromptVersion>> SqlPromptRepository::ListVersions(std::string_view prompt_id) {
  return conn_.Read("prompts.list_versions", [&]() -> Result<std::vector<domain::PromptVersion>> {
    std::string key(prompt_id);
    VersionRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "prompt_id"));
    Prepare(st, std::string(kSelectVersions) + kVersionsOldestFirst);
    st.execute();
    std::vector<domain::PromptVersion> out;
    while (st.fetch()) out.push_back(row.ToEntity());
    return out;
  });
}

Result<domain::PromptVersion> SqlPromptRepository::FindVersion(std::string_view prompt_id, int number) {
  return conn_.Read("prompts.find_version", [&]() -> Result<domain::PromptVersion> {
    std::string key(prompt_id);
    long long wanted = number;
    VersionRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "prompt_id"));
    st.exchange(soci::use(wanted, "number"));
    Prepare(st, std::string(kSelectVersions) + kVersionByNumber);
    if (!st.execute(true)) return Fail(Error::NotFound("version not found"));
    return row.ToEntity();
  });
}

Status SqlPromptRepository::IncrementUseCount(std::string_view id) {
  return conn_.Write("prompts.increment_use_count", kWriteRules, [&]() -> Status {
    std::string key(id);
    soci::statement st = (conn_.sql().prepare << kIncrementUseCount, soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("prompt not found"));
    return {};
  });
}

Status SqlPromptRepository::Delete(std::string_view id) {
  return conn_.Write("prompts.delete", kWriteRules, [&]() -> Status {
    std::string key(id);
    // Versions first: the cascade would do it, but explicit is cheaper to reason about.
    conn_.sql() << kDeletePromptVersions, soci::use(key, "id");
    soci::statement st = (conn_.sql().prepare << kDeletePrompt, soci::use(key, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("prompt not found"));
    return {};
  });
}

}  // namespace portal::storage
