#include "domain/testing/memory_store.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

namespace portal::domain::testing {
namespace {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle) {
  return AsciiLower(haystack).find(AsciiLower(needle)) != std::string::npos;
}

// Rows sorted by `key` (unique per row; ascending, or descending when `newest_first`), then the
// page after `cursor` (the key of the last row of the previous page).
template <typename T, typename KeyFn>
Page<T> Paginate(std::vector<T> rows, const ListParams& params, KeyFn key, bool newest_first) {
  std::sort(rows.begin(), rows.end(),
            [&](const T& a, const T& b) { return newest_first ? key(b) < key(a) : key(a) < key(b); });
  Page<T> page;
  page.total = std::min<std::int64_t>(static_cast<std::int64_t>(rows.size()), kExactTotalLimit);
  page.total_exact = static_cast<std::int64_t>(rows.size()) <= kExactTotalLimit;
  const auto limit = static_cast<std::size_t>(std::clamp(params.limit, 1, 500));
  for (auto& row : rows) {
    if (params.cursor && (newest_first ? key(row) >= *params.cursor : key(row) <= *params.cursor)) continue;
    if (page.items.size() == limit) {
      page.next_cursor = key(page.items.back());
      break;
    }
    page.items.push_back(std::move(row));
  }
  return page;
}

// What a sort key is made of; \x01 sorts before every character of a name or id.
std::string SortKey(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += '\x01';
    out += part;
  }
  return out;
}

using Hooks = MemoryStore::Hooks;

#define PORTAL_MEMORY_ENTER(name) \
  if (auto injected = hooks_.Enter(name)) return Fail(*injected)

// The link history (storage/link_history.cpp), in memory.
void RecordLink(std::vector<LinkRange>& history, const std::string& subject_or_owner, bool by_owner,
                const std::optional<std::string>& other, std::int64_t now) {
  // Key holders are recorded per user (owner); workspace links per workspace (subject).
  for (auto& range : history) {
    const bool mine = by_owner ? range.owner == subject_or_owner : range.subject == subject_or_owner;
    const bool same = other && (by_owner ? range.subject == *other : range.owner == *other);
    if (mine && !range.to_ms && !same) range.to_ms = now;
  }
  if (!other) return;
  const bool open = std::any_of(history.begin(), history.end(), [&](const LinkRange& range) {
    return !range.to_ms && (by_owner ? range.owner == subject_or_owner && range.subject == *other
                                     : range.subject == subject_or_owner && range.owner == *other);
  });
  if (open) return;
  if (by_owner) {
    history.push_back({*other, subject_or_owner, now, std::nullopt});
  } else {
    history.push_back({subject_or_owner, *other, now, std::nullopt});
  }
}

std::optional<std::string> Attributed(const std::vector<LinkRange>& history, std::string_view subject,
                                      std::int64_t day_end) {
  const LinkRange* best = nullptr;
  for (const auto& range : history) {
    if (range.subject != subject || range.from_ms >= day_end || (range.to_ms && *range.to_ms < day_end)) continue;
    if (!best || range.from_ms > best->from_ms) best = &range;
  }
  if (!best) return std::nullopt;
  return best->owner;
}

std::int64_t KeyCountOf(const MemoryState& s, const std::string& workspace_id) {
  return std::count_if(s.api_keys.begin(), s.api_keys.end(),
                       [&](const auto& entry) { return entry.second.workspace_id == workspace_id; });
}

WorkspaceRecord WithCount(const MemoryState& s, WorkspaceRecord workspace) {
  workspace.api_key_count = KeyCountOf(s, workspace.id);
  return workspace;
}

bool OrganizationRowExists(const MemoryState& s, const std::optional<std::string>& id) {
  return !id || s.organizations.contains(*id);
}

class MemoryOrganizations final : public OrganizationRepository {
 public:
  MemoryOrganizations(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Insert(const Organization& org) override {
    PORTAL_MEMORY_ENTER("organizations.insert");
    if (s_.organizations.contains(org.id)) return Fail(Error::Conflict("organization id already exists"));
    if (NameTaken(org.name, org.id)) return Fail(Error::Conflict("organization name already exists").WithField("name"));
    s_.organizations[org.id] = {org, std::nullopt};
    return {};
  }
  Result<Organization> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("organizations.find_by_id");
    auto it = s_.organizations.find(std::string(id));
    if (it == s_.organizations.end() || it->second.deleted_at) return Fail(Error::NotFound("organization not found"));
    return it->second.organization;
  }
  Result<std::vector<Organization>> FindByIds(std::span<const std::string> ids) override {
    PORTAL_MEMORY_ENTER("organizations.find_by_ids");
    std::vector<Organization> out;
    for (const auto& id : std::set<std::string>(ids.begin(), ids.end())) {
      auto it = s_.organizations.find(id);
      if (it != s_.organizations.end() && !it->second.deleted_at) out.push_back(it->second.organization);
    }
    return out;
  }
  Result<std::map<std::string, OrganizationCounts>> CountsFor(std::span<const std::string> ids) override {
    PORTAL_MEMORY_ENTER("organizations.counts_for");
    std::map<std::string, OrganizationCounts> out;
    for (const auto& id : ids) {
      if (!s_.organizations.contains(id)) continue;
      OrganizationCounts counts;
      for (const auto& [user_id, user] : s_.users) counts.members += user.organization_id == id ? 1 : 0;
      for (const auto& [workspace_id, workspace] : s_.workspaces) {
        if (workspace.organization_id != id) continue;
        (workspace.archived_at ? counts.archived_workspaces : counts.workspaces) += 1;
        counts.api_keys += KeyCountOf(s_, workspace_id);
      }
      out[id] = counts;
    }
    return out;
  }
  Result<Organization> FindByName(std::string_view name) override {
    PORTAL_MEMORY_ENTER("organizations.find_by_name");
    for (const auto& [id, stored] : s_.organizations) {
      if (!stored.deleted_at && AsciiLower(stored.organization.name) == AsciiLower(name)) return stored.organization;
    }
    return Fail(Error::NotFound("organization not found"));
  }
  Result<Page<Organization>> List(const OrganizationQuery& query) override {
    PORTAL_MEMORY_ENTER("organizations.list");
    std::vector<Organization> rows;
    for (const auto& [id, stored] : s_.organizations) {
      if (stored.deleted_at) continue;
      if (query.q && !ContainsIgnoringCase(stored.organization.name, *query.q) &&
          id.find(*query.q) == std::string::npos) {
        continue;
      }
      rows.push_back(stored.organization);
    }
    return Paginate(
        std::move(rows), query.page,
        [](const Organization& o) {
          return SortKey({AsciiLower(o.name), o.id});
        },
        false);
  }
  Status Update(const Organization& org) override {
    PORTAL_MEMORY_ENTER("organizations.update");
    auto it = s_.organizations.find(org.id);
    if (it == s_.organizations.end() || it->second.deleted_at) return Fail(Error::NotFound("organization not found"));
    if (NameTaken(org.name, org.id)) return Fail(Error::Conflict("organization name already exists").WithField("name"));
    auto& stored = it->second.organization;
    stored.name = org.name;
    stored.description = org.description;
    stored.updated_at = org.updated_at;
    return {};
  }
  Status Delete(std::string_view id) override {
    PORTAL_MEMORY_ENTER("organizations.delete");
    auto it = s_.organizations.find(std::string(id));
    if (it == s_.organizations.end()) return Fail(Error::NotFound("organization not found"));
    // The foreign keys: users block it; workspaces are unlinked; its prompts go with it.
    if (std::any_of(s_.users.begin(), s_.users.end(), [&](const auto& u) { return u.second.organization_id == id; })) {
      return Fail(Error::InvalidArgument("organization still has users"));
    }
    s_.organizations.erase(it);
    for (auto& [workspace_id, workspace] : s_.workspaces) {
      if (workspace.organization_id == id) workspace.organization_id.reset();
    }
    std::vector<std::string> prompts;
    for (const auto& [prompt_id, prompt] : s_.prompts) {
      if (prompt.organization_id == id) prompts.push_back(prompt_id);
    }
    for (const auto& prompt_id : prompts) {
      s_.prompts.erase(prompt_id);
      s_.prompt_versions.erase(prompt_id);
    }
    return {};
  }
  Status MarkDeleted(std::string_view id, std::int64_t now) override {
    PORTAL_MEMORY_ENTER("organizations.mark_deleted");
    auto it = s_.organizations.find(std::string(id));
    if (it == s_.organizations.end() || it->second.deleted_at) return Fail(Error::NotFound("organization not found"));
    it->second.deleted_at = now;
    it->second.organization.updated_at = now;
    return {};
  }

 private:
  bool NameTaken(std::string_view name, std::string_view except_id) const {
    return std::any_of(s_.organizations.begin(), s_.organizations.end(), [&](const auto& entry) {
      return entry.first != except_id && !entry.second.deleted_at &&
             AsciiLower(entry.second.organization.name) == AsciiLower(name);
    });
  }
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryUsers final : public UserRepository {
 public:
  MemoryUsers(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Insert(const User& user) override {
    PORTAL_MEMORY_ENTER("users.insert");
    if (s_.users.contains(user.id)) return Fail(Error::Conflict("user id already exists"));
    if (auto s = CheckUnique(user); !s) return s;
    User stored = user;
    stored.email = NormalizeEmail(user.email);
    s_.users[user.id] = stored;
    if (user.api_key_id) RecordLink(s_.key_holder_history, user.id, true, user.api_key_id, user.created_at);
    return {};
  }
  Result<User> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("users.find_by_id");
    auto it = s_.users.find(std::string(id));
    if (it == s_.users.end()) return Fail(Error::NotFound("user not found"));
    return it->second;
  }
  Result<std::vector<User>> FindByIds(std::span<const std::string> ids) override {
    PORTAL_MEMORY_ENTER("users.find_by_ids");
    std::vector<User> out;
    for (const auto& id : std::set<std::string>(ids.begin(), ids.end())) {
      if (auto it = s_.users.find(id); it != s_.users.end()) out.push_back(it->second);
    }
    return out;
  }
  // The user's organization unless deleted, and the brief of the key it holds (as the SQL joins).
  std::optional<Organization> OrganizationOf(const User& user) const {
    if (!user.organization_id) return std::nullopt;
    auto org = s_.organizations.find(*user.organization_id);
    if (org == s_.organizations.end() || org->second.deleted_at) return std::nullopt;
    return org->second.organization;
  }
  std::optional<ApiKeyRecord> KeyBriefOf(const User& user) const {
    if (!user.api_key_id) return std::nullopt;
    auto key = s_.api_keys.find(*user.api_key_id);
    if (key == s_.api_keys.end()) return std::nullopt;
    ApiKeyRecord brief;
    brief.id = key->second.id;
    brief.name = key->second.name;
    brief.partial_key_hint = key->second.partial_key_hint;
    brief.status = key->second.status;
    brief.vanished_at = key->second.vanished_at;
    return brief;
  }

  Result<SessionUser> FindBySession(std::string_view session_id) override {
    PORTAL_MEMORY_ENTER("users.find_by_session");
    auto session = s_.sessions.find(std::string(session_id));
    if (session == s_.sessions.end()) return Fail(Error::NotFound("session not found"));
    auto user = s_.users.find(session->second.user_id);
    if (user == s_.users.end()) return Fail(Error::NotFound("session not found"));
    SessionUser out{session->second, user->second, OrganizationOf(user->second), KeyBriefOf(user->second)};
    return out;
  }
  Result<User> FindByEmail(std::string_view normalized_email) override {
    PORTAL_MEMORY_ENTER("users.find_by_email");
    const auto email = NormalizeEmail(normalized_email);
    for (const auto& [id, user] : s_.users) {
      if (user.email == email) return user;
    }
    return Fail(Error::NotFound("user not found"));
  }
  Result<User> FindByApiKeyId(std::string_view api_key_id) override {
    PORTAL_MEMORY_ENTER("users.find_by_api_key_id");
    for (const auto& [id, user] : s_.users) {
      if (user.api_key_id == api_key_id) return user;
    }
    return Fail(Error::NotFound("user not found"));
  }
  Result<std::vector<User>> ListHoldersInWorkspace(std::string_view workspace_id) override {
    PORTAL_MEMORY_ENTER("users.list_holders_in_workspace");
    std::vector<User> out;
    for (const auto& [id, user] : s_.users) {  // by id: the map's order
      if (!user.api_key_id) continue;
      auto key = s_.api_keys.find(*user.api_key_id);
      if (key != s_.api_keys.end() && key->second.workspace_id == workspace_id) out.push_back(user);
    }
    return out;
  }
  Result<Page<ListedUser>> List(const UserQuery& query) override {
    PORTAL_MEMORY_ENTER("users.list");
    std::vector<ListedUser> rows;
    for (const auto& [id, user] : s_.users) {
      if (query.organization_id && user.organization_id != query.organization_id) continue;
      if (query.q && !ContainsIgnoringCase(user.name, *query.q) && !ContainsIgnoringCase(user.email, *query.q))
        continue;
      if (query.role && user.role != *query.role) continue;
      if (query.status && user.status != *query.status) continue;
      auto organization = OrganizationOf(user);
      rows.push_back({user, organization ? std::optional(organization->name) : std::nullopt, KeyBriefOf(user)});
    }
    return Paginate(
        std::move(rows), query.page, [](const ListedUser& u) { return u.user.id; }, true);
  }
  Status Update(const User& user) override {
    PORTAL_MEMORY_ENTER("users.update");
    auto it = s_.users.find(user.id);
    if (it == s_.users.end()) return Fail(Error::NotFound("user not found"));
    if (auto s = CheckUnique(user); !s) return s;
    const auto created_at = it->second.created_at;
    it->second = user;
    it->second.email = NormalizeEmail(user.email);
    it->second.created_at = created_at;
    RecordLink(s_.key_holder_history, user.id, true, user.api_key_id, user.updated_at);
    return {};
  }
  Status Delete(std::string_view id) override {
    PORTAL_MEMORY_ENTER("users.delete");
    auto it = s_.users.find(std::string(id));
    if (it == s_.users.end()) return Fail(Error::NotFound("user not found"));
    s_.users.erase(it);
    RecordLink(s_.key_holder_history, std::string(id), true, std::nullopt, hooks_.NowMs());
    // The foreign keys: sessions (and their refresh tokens) go with the user; prompts stay ownerless.
    std::erase_if(s_.sessions, [&](const auto& entry) { return entry.second.user_id == id; });
    std::erase_if(s_.refresh_tokens, [&](const auto& entry) { return !s_.sessions.contains(entry.second.session_id); });
    for (auto& [prompt_id, prompt] : s_.prompts) {
      if (prompt.owner_id == id) prompt.owner_id.reset();
    }
    for (auto& [prompt_id, versions] : s_.prompt_versions) {
      for (auto& version : versions) {
        if (version.author_id == id) version.author_id.reset();
      }
    }
    return {};
  }
  Result<std::int64_t> Count() override {
    PORTAL_MEMORY_ENTER("users.count");
    return static_cast<std::int64_t>(s_.users.size());
  }

 private:
  // Email and key unique; the organization row exists (the foreign key).
  Status CheckUnique(const User& user) const {
    const auto email = NormalizeEmail(user.email);
    for (const auto& [id, other] : s_.users) {
      if (id == user.id) continue;
      if (other.email == email) {
        return Fail(Error::Conflict("email already in use").WithField("email").WithApiCode("email_taken"));
      }
      if (user.api_key_id && other.api_key_id == user.api_key_id) {
        return Fail(Error::Conflict("API key already assigned to another user"));
      }
    }
    if (!OrganizationRowExists(s_, user.organization_id)) {
      return Fail(Error::InvalidArgument("organization does not exist"));
    }
    return {};
  }
  MemoryState& s_;
  Hooks& hooks_;
};

class MemorySessions final : public SessionRepository {
 public:
  MemorySessions(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status InsertSession(const Session& session) override {
    PORTAL_MEMORY_ENTER("sessions.insert_session");
    if (s_.sessions.contains(session.id)) return Fail(Error::Conflict("session id already exists"));
    if (!s_.users.contains(session.user_id)) return Fail(Error::InvalidArgument("user does not exist"));
    s_.sessions[session.id] = session;
    return {};
  }
  Result<Session> FindSession(std::string_view id) override {
    PORTAL_MEMORY_ENTER("sessions.find_session");
    auto it = s_.sessions.find(std::string(id));
    if (it == s_.sessions.end()) return Fail(Error::NotFound("session not found"));
    return it->second;
  }
  Status ExtendSession(std::string_view id, std::int64_t expires_at) override {
    PORTAL_MEMORY_ENTER("sessions.extend_session");
    auto it = s_.sessions.find(std::string(id));
    if (it == s_.sessions.end()) return Fail(Error::NotFound("session not found"));
    it->second.expires_at = expires_at;
    return {};
  }
  Status RevokeSession(std::string_view id, std::string_view reason, std::int64_t now) override {
    PORTAL_MEMORY_ENTER("sessions.revoke_session");
    auto it = s_.sessions.find(std::string(id));
    if (it == s_.sessions.end()) return Fail(Error::NotFound("session not found"));
    if (!it->second.revoked_at) {
      it->second.revoked_at = now;
      it->second.revoked_reason = reason;
    }
    return {};
  }
  Result<std::int64_t> RevokeUserSessions(std::string_view user_id, std::string_view reason, std::int64_t now,
                                          std::string_view except_session_id) override {
    PORTAL_MEMORY_ENTER("sessions.revoke_user_sessions");
    std::int64_t revoked = 0;
    for (auto& [id, session] : s_.sessions) {
      // Live = neither revoked nor expired; expired sessions keep their history untouched.
      if (session.user_id != user_id || session.revoked_at || session.expires_at <= now || id == except_session_id) {
        continue;
      }
      session.revoked_at = now;
      session.revoked_reason = reason;
      ++revoked;
    }
    return revoked;
  }
  Status InsertRefreshToken(const RefreshToken& token) override {
    PORTAL_MEMORY_ENTER("sessions.insert_refresh_token");
    if (s_.refresh_tokens.contains(token.token_hash)) return Fail(Error::Conflict("refresh token already exists"));
    if (!s_.sessions.contains(token.session_id)) return Fail(Error::InvalidArgument("session does not exist"));
    s_.refresh_tokens[token.token_hash] = token;
    return {};
  }
  Result<RefreshToken> FindRefreshToken(std::string_view token_hash) override {
    PORTAL_MEMORY_ENTER("sessions.find_refresh_token");
    auto it = s_.refresh_tokens.find(std::string(token_hash));
    if (it == s_.refresh_tokens.end()) return Fail(Error::NotFound("refresh token not found"));
    return it->second;
  }
  Result<bool> MarkRotated(std::string_view token_hash, std::int64_t now) override {
    PORTAL_MEMORY_ENTER("sessions.mark_rotated");
    auto it = s_.refresh_tokens.find(std::string(token_hash));
    if (it == s_.refresh_tokens.end()) return Fail(Error::NotFound("refresh token not found"));
    if (it->second.rotated_at) return false;
    it->second.rotated_at = now;
    return true;
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryAudit final : public AuditRepository {
 public:
  MemoryAudit(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Append(const AuditEvent& event) override {
    PORTAL_MEMORY_ENTER("audit.append");
    if (std::any_of(s_.audit.begin(), s_.audit.end(), [&](const AuditEvent& e) { return e.id == event.id; })) {
      return Fail(Error::Conflict("audit event id already exists"));
    }
    s_.audit.push_back(event);
    return {};
  }
  Result<Page<AuditEvent>> List(const AuditQuery& query) override {
    PORTAL_MEMORY_ENTER("audit.list");
    std::vector<AuditEvent> rows;
    for (const auto& event : s_.audit) {
      if (query.organization_id && event.organization_id != query.organization_id) continue;
      if (query.actor_id && event.actor_id != query.actor_id) continue;
      if (query.action && event.action != *query.action) continue;
      rows.push_back(event);
    }
    return Paginate(
        std::move(rows), query.page, [](const AuditEvent& e) { return e.id; }, true);
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemorySettings final : public SettingsRepository {
 public:
  MemorySettings(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Result<std::optional<std::string>> Get(std::string_view key) override {
    PORTAL_MEMORY_ENTER("settings.get");
    auto it = s_.settings.find(key);
    if (it == s_.settings.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status Put(std::string_view key, std::string_view value, std::int64_t) override {
    PORTAL_MEMORY_ENTER("settings.put");
    s_.settings[std::string(key)] = value;
    return {};
  }
  Result<bool> InsertIfAbsent(std::string_view key, std::string_view value, std::int64_t) override {
    PORTAL_MEMORY_ENTER("settings.insert_if_absent");
    return s_.settings.emplace(std::string(key), std::string(value)).second;
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryWorkspaces final : public WorkspaceRepository {
 public:
  MemoryWorkspaces(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Upsert(const WorkspaceRecord& workspace) override {
    PORTAL_MEMORY_ENTER("workspaces.upsert");
    auto it = s_.workspaces.find(workspace.id);
    if (it == s_.workspaces.end()) {
      if (!OrganizationRowExists(s_, workspace.organization_id)) {
        return Fail(Error::InvalidArgument("organization does not exist"));
      }
      s_.workspaces[workspace.id] = workspace;
      s_.workspaces[workspace.id].api_key_count = 0;
      return {};
    }
    auto& stored = it->second;
    stored.name = workspace.name;
    stored.display_color = workspace.display_color;
    stored.created_at = workspace.created_at;
    stored.archived_at = workspace.archived_at;
    stored.synced_at = workspace.synced_at;
    return {};
  }
  Result<WorkspaceRecord> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("workspaces.find_by_id");
    auto it = s_.workspaces.find(std::string(id));
    if (it == s_.workspaces.end()) return Fail(Error::NotFound("workspace not found"));
    return WithCount(s_, it->second);
  }
  Result<std::optional<WorkspaceRecord>> FindActiveByName(std::string_view name) override {
    PORTAL_MEMORY_ENTER("workspaces.find_active_by_name");
    for (const auto& [id, workspace] : s_.workspaces) {  // by id, the first
      if (!workspace.archived_at && AsciiLower(workspace.name) == AsciiLower(name)) {
        return std::optional<WorkspaceRecord>(WithCount(s_, workspace));
      }
    }
    return std::optional<WorkspaceRecord>();
  }
  Result<Page<WorkspaceRecord>> List(const WorkspaceQuery& query) override {
    PORTAL_MEMORY_ENTER("workspaces.list");
    std::vector<WorkspaceRecord> rows;
    for (const auto& [id, workspace] : s_.workspaces) {
      if (query.organization_id && workspace.organization_id != query.organization_id) continue;
      if (!query.include_archived && workspace.archived_at) continue;
      if (query.q && !ContainsIgnoringCase(workspace.name, *query.q) && id.find(*query.q) == std::string::npos) {
        continue;
      }
      rows.push_back(WithCount(s_, workspace));
    }
    return Paginate(
        std::move(rows), query.page,
        [](const WorkspaceRecord& w) {
          return SortKey({AsciiLower(w.name), w.id});
        },
        false);
  }
  Status SetOrganization(std::string_view id, const std::optional<std::string>& organization_id) override {
    PORTAL_MEMORY_ENTER("workspaces.set_organization");
    auto it = s_.workspaces.find(std::string(id));
    if (it == s_.workspaces.end()) return Fail(Error::NotFound("workspace not found"));
    if (!OrganizationRowExists(s_, organization_id)) return Fail(Error::InvalidArgument("organization does not exist"));
    it->second.organization_id = organization_id;
    RecordLink(s_.workspace_link_history, it->first, false, organization_id, hooks_.NowMs());
    return {};
  }
  Result<std::vector<std::string>> UnlinkOrganization(std::string_view organization_id) override {
    PORTAL_MEMORY_ENTER("workspaces.unlink_organization");
    std::vector<std::string> ids;
    for (auto& [id, workspace] : s_.workspaces) {
      if (workspace.organization_id != organization_id) continue;
      workspace.organization_id.reset();
      ids.push_back(id);
    }
    const auto now = hooks_.NowMs();
    for (auto& range : s_.workspace_link_history) {
      if (range.owner == organization_id && !range.to_ms) range.to_ms = now;
    }
    return ids;
  }
  Result<std::int64_t> CountByOrganization(std::string_view organization_id) override {
    PORTAL_MEMORY_ENTER("workspaces.count_by_organization");
    return std::count_if(s_.workspaces.begin(), s_.workspaces.end(), [&](const auto& entry) {
      return entry.second.organization_id == organization_id && !entry.second.archived_at;
    });
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryApiKeys final : public ApiKeyRepository {
 public:
  MemoryApiKeys(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Upsert(const ApiKeyRecord& key) override {
    PORTAL_MEMORY_ENTER("api_keys.upsert");
    Store(key);
    return {};
  }
  Status UpsertMany(std::span<const ApiKeyRecord> keys) override {
    PORTAL_MEMORY_ENTER("api_keys.upsert_many");
    for (const auto& key : keys) Store(key);
    return {};
  }
  Status ForEachSynced(const std::function<void(const ApiKeyRecord&)>& fn) override {
    PORTAL_MEMORY_ENTER("api_keys.for_each_synced");
    for (const auto& [id, key] : s_.api_keys) {
      ApiKeyRecord synced = key;
      synced.secret_sealed.reset();
      synced.secret_registered_at.reset();
      fn(synced);
    }
    return {};
  }
  Result<ApiKeyRecord> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("api_keys.find_by_id");
    auto it = s_.api_keys.find(std::string(id));
    if (it == s_.api_keys.end()) return Fail(Error::NotFound("API key not found"));
    return it->second;
  }
  Result<std::vector<ApiKeyRecord>> FindByIds(std::span<const std::string> ids) override {
    PORTAL_MEMORY_ENTER("api_keys.find_by_ids");
    std::vector<ApiKeyRecord> out;
    for (const auto& id : std::set<std::string>(ids.begin(), ids.end())) {
      if (auto it = s_.api_keys.find(id); it != s_.api_keys.end()) out.push_back(it->second);
    }
    return out;
  }
  Result<std::vector<ApiKeyRecord>> FindByHint(std::string_view partial_key_hint) override {
    PORTAL_MEMORY_ENTER("api_keys.find_by_hint");
    std::vector<ApiKeyRecord> out;
    for (const auto& [id, key] : s_.api_keys) {  // by id
      if (key.partial_key_hint == partial_key_hint) out.push_back(key);
    }
    return out;
  }
  Result<Page<ApiKeyView>> List(const ApiKeyQuery& query) override {
    PORTAL_MEMORY_ENTER("api_keys.list");
    std::vector<ApiKeyView> rows;
    for (const auto& [id, key] : s_.api_keys) {
      ApiKeyView view{key, std::nullopt, std::nullopt, std::nullopt};
      if (key.workspace_id) {
        if (auto w = s_.workspaces.find(*key.workspace_id); w != s_.workspaces.end()) {
          view.organization_id = w->second.organization_id;
          view.workspace_name = w->second.name;
        }
      }
      for (const auto& [user_id, user] : s_.users) {
        if (user.api_key_id == id) view.holder = ApiKeyHolder{user.id, user.name, user.email};
      }
      if (query.organization_id && view.organization_id != query.organization_id) continue;
      if (query.workspace_id && key.workspace_id != query.workspace_id) continue;
      if (query.status && key.status != *query.status) continue;
      if (query.assigned && view.holder.has_value() != *query.assigned) continue;
      if (query.registered && key.secret_sealed.has_value() != *query.registered) continue;
      if (query.vanished && key.vanished_at.has_value() != *query.vanished) continue;
      if (query.q && !ContainsIgnoringCase(key.name, *query.q) &&
          !ContainsIgnoringCase(key.partial_key_hint, *query.q) && !id.starts_with(*query.q)) {
        continue;
      }
      rows.push_back(std::move(view));
    }
    return Paginate(
        std::move(rows), query.page,
        [](const ApiKeyView& v) {
          return SortKey({v.key.created_at, v.key.id});
        },
        true);
  }
  Result<std::int64_t> Count() override {
    PORTAL_MEMORY_ENTER("api_keys.count");
    return static_cast<std::int64_t>(s_.api_keys.size());
  }
  Status SetSecret(std::string_view id, const std::optional<std::string>& sealed,
                   std::optional<std::int64_t> registered_at) override {
    PORTAL_MEMORY_ENTER("api_keys.set_secret");
    auto it = s_.api_keys.find(std::string(id));
    if (it == s_.api_keys.end()) return Fail(Error::NotFound("API key not found"));
    it->second.secret_sealed = sealed;
    it->second.secret_registered_at = registered_at;
    return {};
  }
  Result<std::int64_t> MarkVanished(std::span<const std::string> ids, std::int64_t now) override {
    PORTAL_MEMORY_ENTER("api_keys.mark_vanished");
    std::int64_t marked = 0;
    for (const auto& id : std::set<std::string>(ids.begin(), ids.end())) {
      auto it = s_.api_keys.find(id);
      if (it == s_.api_keys.end() || it->second.vanished_at) continue;
      it->second.vanished_at = now;
      ++marked;
    }
    return marked;
  }
  Result<std::vector<ApiKeyRecord>> ListWithSecrets() override {
    PORTAL_MEMORY_ENTER("api_keys.list_with_secrets");
    std::vector<ApiKeyRecord> out;
    for (const auto& [id, key] : s_.api_keys) {
      if (key.secret_sealed) out.push_back(key);
    }
    return out;
  }
  Result<std::int64_t> CountByOrganization(std::string_view organization_id) override {
    PORTAL_MEMORY_ENTER("api_keys.count_by_organization");
    std::int64_t count = 0;
    for (const auto& [id, workspace] : s_.workspaces) {
      if (workspace.organization_id == organization_id) count += KeyCountOf(s_, id);
    }
    return count;
  }
  Result<std::int64_t> CountByWorkspace(std::string_view workspace_id) override {
    PORTAL_MEMORY_ENTER("api_keys.count_by_workspace");
    if (!s_.workspaces.contains(std::string(workspace_id))) return std::int64_t{0};
    return KeyCountOf(s_, std::string(workspace_id));
  }
  Result<std::int64_t> ArchiveInWorkspace(std::string_view workspace_id) override {
    PORTAL_MEMORY_ENTER("api_keys.archive_in_workspace");
    std::int64_t changed = 0;
    for (auto& [id, key] : s_.api_keys) {
      if (key.workspace_id != workspace_id) continue;
      key.secret_sealed.reset();
      key.secret_registered_at.reset();
      if (key.status == "archived") continue;
      key.status = "archived";
      ++changed;
    }
    return changed;
  }
  Result<std::optional<std::string>> FindHolder(std::string_view key_id) override {
    PORTAL_MEMORY_ENTER("api_keys.find_holder");
    for (const auto& [id, user] : s_.users) {
      if (user.api_key_id == key_id) return std::optional<std::string>(id);
    }
    return std::optional<std::string>();
  }
  Result<std::vector<std::pair<std::string, ApiKeyRecord>>> ListDrifted(
      const std::optional<std::string>& organization_id) override {
    PORTAL_MEMORY_ENTER("api_keys.list_drifted");
    std::vector<std::pair<std::string, ApiKeyRecord>> out;
    for (const auto& [id, user] : s_.users) {  // by user id
      if (!user.api_key_id || (organization_id && user.organization_id != organization_id)) continue;
      auto key = s_.api_keys.find(*user.api_key_id);
      if (key == s_.api_keys.end()) continue;
      if (key->second.status != "active" || key->second.vanished_at) out.emplace_back(id, key->second);
    }
    return out;
  }

 private:
  // Anthropic's fields; the secret columns stay; a key seen again is no longer vanished.
  void Store(const ApiKeyRecord& key) {
    auto [it, inserted] = s_.api_keys.try_emplace(key.id, key);
    auto& stored = it->second;
    if (inserted) {
      stored.secret_sealed.reset();
      stored.secret_registered_at.reset();
    } else {
      stored.name = key.name;
      stored.status = key.status;
      stored.partial_key_hint = key.partial_key_hint;
      stored.workspace_id = key.workspace_id;
      stored.created_at = key.created_at;
      stored.created_by = key.created_by;
      stored.synced_at = key.synced_at;
    }
    stored.vanished_at.reset();
  }
  MemoryState& s_;
  Hooks& hooks_;
};

class MemorySyncRuns final : public SyncRunRepository {
 public:
  MemorySyncRuns(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Insert(const SyncRun& run) override {
    PORTAL_MEMORY_ENTER("sync_runs.insert");
    if (!s_.sync_runs.emplace(run.id, run).second) return Fail(Error::Conflict("sync run id already exists"));
    return {};
  }
  Status Update(const SyncRun& run) override {
    PORTAL_MEMORY_ENTER("sync_runs.update");
    auto it = s_.sync_runs.find(run.id);
    if (it == s_.sync_runs.end()) return Fail(Error::NotFound("sync run not found"));
    auto& stored = it->second;
    stored.status = run.status;
    stored.finished_at = run.finished_at;
    stored.pages = run.pages;
    stored.workspaces = run.workspaces;
    stored.api_keys = run.api_keys;
    stored.vanished = run.vanished;
    stored.error = run.error;
    return {};
  }
  Result<SyncRun> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("sync_runs.find_by_id");
    auto it = s_.sync_runs.find(std::string(id));
    if (it == s_.sync_runs.end()) return Fail(Error::NotFound("sync run not found"));
    return it->second;
  }
  Result<std::optional<SyncRun>> Latest() override {
    PORTAL_MEMORY_ENTER("sync_runs.latest");
    const SyncRun* latest = nullptr;
    for (const auto& [id, run] : s_.sync_runs) {
      if (!latest || std::tie(run.started_at, run.id) > std::tie(latest->started_at, latest->id)) latest = &run;
    }
    if (!latest) return std::optional<SyncRun>();
    return std::optional<SyncRun>(*latest);
  }
  Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) override {
    PORTAL_MEMORY_ENTER("sync_runs.fail_running");
    std::int64_t failed = 0;
    for (auto& [id, run] : s_.sync_runs) {
      if (run.status != "running") continue;
      run.status = "failed";
      run.finished_at = now;
      run.error = error;
      ++failed;
    }
    return failed;
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryPrompts final : public PromptRepository {
 public:
  MemoryPrompts(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Insert(const Prompt& prompt, const PromptVersion& first) override {
    PORTAL_MEMORY_ENTER("prompts.insert");
    if (s_.prompts.contains(prompt.id)) return Fail(Error::Conflict("prompt id already exists"));
    auto& stored = s_.prompts[prompt.id] = prompt;
    stored.content.clear();
    stored.version = first.number;
    s_.prompt_versions[prompt.id] = {first};
    return {};
  }
  Result<Prompt> FindById(std::string_view id) override {
    PORTAL_MEMORY_ENTER("prompts.find_by_id");
    return Load(std::string(id));
  }
  Result<Page<Prompt>> List(const PromptQuery& query) override {
    PORTAL_MEMORY_ENTER("prompts.list");
    std::vector<Prompt> rows;
    for (const auto& [id, stored] : s_.prompts) {
      auto p = *Load(id);
      const bool visible =
          query.scope.everything || p.visibility == PromptVisibility::kPublic ||
          (p.visibility == PromptVisibility::kOrganization && p.organization_id == query.scope.organization_id) ||
          (p.visibility == PromptVisibility::kPrivate && p.owner_id == query.scope.user_id);
      if (!visible) continue;
      if (query.tag && std::none_of(p.tags.begin(), p.tags.end(), [&](const std::string& tag) {
            return AsciiLower(tag) == AsciiLower(*query.tag);
          })) {
        continue;
      }
      if (query.category && p.category != *query.category) continue;
      if (query.q && !ContainsIgnoringCase(p.title, *query.q) && !ContainsIgnoringCase(p.description, *query.q) &&
          !ContainsIgnoringCase(p.content, *query.q)) {
        continue;
      }
      rows.push_back(std::move(p));
    }
    return Paginate(
        std::move(rows), query.page, [](const Prompt& p) { return p.id; }, true);
  }
  Status UpdateMetadata(const Prompt& prompt) override {
    PORTAL_MEMORY_ENTER("prompts.update_metadata");
    auto it = s_.prompts.find(prompt.id);
    if (it == s_.prompts.end()) return Fail(Error::NotFound("prompt not found"));
    auto& stored = it->second;
    stored.title = prompt.title;
    stored.description = prompt.description;
    stored.category = prompt.category;
    stored.tags = prompt.tags;
    stored.visibility = prompt.visibility;
    stored.organization_id = prompt.organization_id;
    stored.updated_at = prompt.updated_at;
    return {};
  }
  Status AppendVersion(const PromptVersion& version, std::int64_t updated_at) override {
    PORTAL_MEMORY_ENTER("prompts.append_version");
    auto it = s_.prompts.find(version.prompt_id);
    if (it == s_.prompts.end()) return Fail(Error::NotFound("prompt not found"));
    if (it->second.version != version.number - 1) {
      return Fail(Error::Conflict("the prompt was changed meanwhile; reload it and try again"));
    }
    s_.prompt_versions[version.prompt_id].push_back(version);
    it->second.version = version.number;
    it->second.updated_at = updated_at;
    return {};
  }
  Result<std::vector<PromptVersion>> ListVersions(std::string_view prompt_id) override {
    PORTAL_MEMORY_ENTER("prompts.list_versions");
    auto it = s_.prompt_versions.find(std::string(prompt_id));
    if (it == s_.prompt_versions.end()) return std::vector<PromptVersion>();
    return it->second;
  }
  Result<PromptVersion> FindVersion(std::string_view prompt_id, int number) override {
    PORTAL_MEMORY_ENTER("prompts.find_version");
    auto it = s_.prompt_versions.find(std::string(prompt_id));
    if (it == s_.prompt_versions.end() || number < 1 || number > static_cast<int>(it->second.size())) {
      return Fail(Error::NotFound("version not found"));
    }
    return it->second[static_cast<std::size_t>(number - 1)];
  }
  Status IncrementUseCount(std::string_view id) override {
    PORTAL_MEMORY_ENTER("prompts.increment_use_count");
    auto it = s_.prompts.find(std::string(id));
    if (it == s_.prompts.end()) return Fail(Error::NotFound("prompt not found"));
    ++it->second.use_count;
    return {};
  }
  Status Delete(std::string_view id) override {
    PORTAL_MEMORY_ENTER("prompts.delete");
    if (s_.prompts.erase(std::string(id)) == 0) return Fail(Error::NotFound("prompt not found"));
    s_.prompt_versions.erase(std::string(id));
    return {};
  }

 private:
  Result<Prompt> Load(const std::string& id) const {
    auto it = s_.prompts.find(id);
    if (it == s_.prompts.end()) return Fail(Error::NotFound("prompt not found"));
    Prompt p = it->second;
    const auto& versions = s_.prompt_versions.at(id);
    p.content = versions[static_cast<std::size_t>(p.version - 1)].content;
    return p;
  }
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryLegacyIds final : public LegacyIdRepository {
 public:
  MemoryLegacyIds(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Result<std::optional<std::string>> Find(std::string_view collection, std::string_view legacy_id) override {
    PORTAL_MEMORY_ENTER("legacy_ids.find");
    auto it = s_.legacy_ids.find({std::string(collection), std::string(legacy_id)});
    if (it == s_.legacy_ids.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status Insert(std::string_view collection, std::string_view legacy_id, std::string_view object_id,
                std::int64_t) override {
    PORTAL_MEMORY_ENTER("legacy_ids.insert");
    if (!s_.legacy_ids.emplace(std::pair{std::string(collection), std::string(legacy_id)}, std::string(object_id))
             .second) {
      return Fail(Error::Conflict("legacy id already imported"));
    }
    return {};
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryLoginThrottle final : public LoginThrottleRepository {
 public:
  MemoryLoginThrottle(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Result<std::optional<ThrottleEntry>> Find(std::string_view key) override {
    PORTAL_MEMORY_ENTER("login_throttle.find");
    auto it = s_.login_throttle.find(key);
    if (it == s_.login_throttle.end()) return std::optional<ThrottleEntry>();
    return std::optional<ThrottleEntry>(it->second);
  }
  Result<ThrottleEntry> Lock(std::string_view key, std::int64_t) override {
    PORTAL_MEMORY_ENTER("login_throttle.lock");
    return s_.login_throttle.try_emplace(std::string(key)).first->second;
  }
  Status Put(std::string_view key, const ThrottleEntry& entry, std::int64_t) override {
    PORTAL_MEMORY_ENTER("login_throttle.put");
    // An UPDATE of the row Lock created: nothing without it.
    if (auto it = s_.login_throttle.find(key); it != s_.login_throttle.end()) it->second = entry;
    return {};
  }
  Status Delete(std::string_view key) override {
    PORTAL_MEMORY_ENTER("login_throttle.delete");
    if (auto it = s_.login_throttle.find(key); it != s_.login_throttle.end()) s_.login_throttle.erase(it);
    return {};
  }
  Status DeleteIdle(std::int64_t now, std::int64_t idle_before) override {
    PORTAL_MEMORY_ENTER("login_throttle.delete_idle");
    std::erase_if(s_.login_throttle, [&](const auto& entry) {
      return entry.second.locked_until_ms <= now && entry.second.window_start_ms < idle_before;
    });
    return {};
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryLimitSettings final : public LimitSettingRepository {
 public:
  MemoryLimitSettings(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status Put(const LimitSetting& setting) override {
    PORTAL_MEMORY_ENTER("limit_settings.put");
    s_.limit_settings[{setting.workspace_id, setting.scope, setting.limiter_type}] = setting;
    return {};
  }
  Result<std::vector<LimitSetting>> ListForWorkspace(std::string_view workspace_id) override {
    PORTAL_MEMORY_ENTER("limit_settings.list_for_workspace");
    std::vector<LimitSetting> out;  // by scope, limiter type: the map's order within a workspace
    for (const auto& [key, setting] : s_.limit_settings) {
      if (setting.workspace_id == workspace_id) out.push_back(setting);
    }
    return out;
  }
  Result<std::vector<std::string>> WorkspaceIds() override {
    PORTAL_MEMORY_ENTER("limit_settings.workspace_ids");
    std::set<std::string> ids;
    for (const auto& [key, setting] : s_.limit_settings) ids.insert(setting.workspace_id);
    return std::vector<std::string>(ids.begin(), ids.end());
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryUsage final : public UsageRepository {
 public:
  MemoryUsage(MemoryState& s, Hooks& hooks) : s_(s), hooks_(hooks) {}

  Status ReplaceDays(std::string_view from_day, std::string_view to_day, const std::vector<UsageRow>& rows) override {
    PORTAL_MEMORY_ENTER("usage.replace_days");
    std::erase_if(s_.usage, [&](const UsageRow& row) { return row.day >= from_day && row.day <= to_day; });
    for (const auto& row : rows) {
      const bool duplicate = std::any_of(s_.usage.begin(), s_.usage.end(), [&](const UsageRow& other) {
        return std::tie(other.day, other.api_key_id, other.workspace_id, other.model) ==
               std::tie(row.day, row.api_key_id, row.workspace_id, row.model);
      });
      if (duplicate) return Fail(Error::Conflict("usage row already exists"));
      s_.usage.push_back(row);
    }
    return {};
  }
  Result<std::vector<AttributedUsage>> List(const UsageRowFilter& filter) override {
    PORTAL_MEMORY_ENTER("usage.list");
    std::vector<AttributedUsage> out;
    for (const auto& row : s_.usage) {
      if (row.day < filter.from_day || row.day > filter.to_day) continue;
      if (filter.api_key_id && row.api_key_id != *filter.api_key_id) continue;
      if (filter.workspace_id && row.workspace_id != *filter.workspace_id) continue;
      if (filter.model && row.model != *filter.model) continue;
      out.push_back({row, Attributed(s_.key_holder_history, row.api_key_id, row.day_end),
                     Attributed(s_.workspace_link_history, row.workspace_id, row.day_end)});
    }
    std::sort(out.begin(), out.end(), [](const AttributedUsage& a, const AttributedUsage& b) {
      return std::tie(a.row.day, a.row.api_key_id, a.row.workspace_id, a.row.model) <
             std::tie(b.row.day, b.row.api_key_id, b.row.workspace_id, b.row.model);
    });
    return out;
  }
  Result<std::optional<std::string>> LatestDay() override {
    PORTAL_MEMORY_ENTER("usage.latest_day");
    std::optional<std::string> latest;
    for (const auto& row : s_.usage) {
      if (!latest || row.day > *latest) latest = row.day;
    }
    return latest;
  }
  Status InsertRun(const UsageRun& run) override {
    PORTAL_MEMORY_ENTER("usage.insert_run");
    if (!s_.usage_runs.emplace(run.id, run).second) return Fail(Error::Conflict("usage run id already exists"));
    return {};
  }
  Status UpdateRun(const UsageRun& run) override {
    PORTAL_MEMORY_ENTER("usage.update_run");
    auto it = s_.usage_runs.find(run.id);
    if (it == s_.usage_runs.end()) return Fail(Error::NotFound("usage run not found"));
    const auto trigger = it->second.trigger;
    const auto started_at = it->second.started_at;
    it->second = run;
    it->second.trigger = trigger;
    it->second.started_at = started_at;
    return {};
  }
  Result<std::optional<UsageRun>> LatestRun() override {
    PORTAL_MEMORY_ENTER("usage.latest_run");
    const UsageRun* latest = nullptr;
    for (const auto& [id, run] : s_.usage_runs) {
      if (!latest || std::tie(run.started_at, run.id) > std::tie(latest->started_at, latest->id)) latest = &run;
    }
    if (!latest) return std::optional<UsageRun>();
    return std::optional<UsageRun>(*latest);
  }
  Result<std::int64_t> FailRunning(std::int64_t now, std::string_view error) override {
    PORTAL_MEMORY_ENTER("usage.fail_running");
    std::int64_t failed = 0;
    for (auto& [id, run] : s_.usage_runs) {
      if (run.status != "running") continue;
      run.status = "failed";
      run.finished_at = now;
      run.error = error;
      ++failed;
    }
    return failed;
  }
  Status BackdateFirstLinks() override {
    PORTAL_MEMORY_ENTER("usage.backdate_first_links");
    for (auto* history : {&s_.key_holder_history, &s_.workspace_link_history}) {
      for (auto& range : *history) {
        if (range.to_ms) continue;
        const bool earlier = std::any_of(history->begin(), history->end(), [&](const LinkRange& other) {
          return other.subject == range.subject && other.from_ms < range.from_ms;
        });
        if (!earlier) range.from_ms = 0;
      }
    }
    return {};
  }

 private:
  MemoryState& s_;
  Hooks& hooks_;
};

class MemoryTx final : public Tx {
 public:
  MemoryTx(MemoryState& s, Hooks& hooks)
      : organizations_(s, hooks),
        users_(s, hooks),
        sessions_(s, hooks),
        audit_(s, hooks),
        settings_(s, hooks),
        workspaces_(s, hooks),
        api_keys_(s, hooks),
        sync_runs_(s, hooks),
        prompts_(s, hooks),
        legacy_ids_(s, hooks),
        login_throttle_(s, hooks),
        limit_settings_(s, hooks),
        usage_(s, hooks) {}
  OrganizationRepository& Organizations() override { return organizations_; }
  UserRepository& Users() override { return users_; }
  SessionRepository& Sessions() override { return sessions_; }
  AuditRepository& Audit() override { return audit_; }
  SettingsRepository& Settings() override { return settings_; }
  WorkspaceRepository& Workspaces() override { return workspaces_; }
  ApiKeyRepository& ApiKeys() override { return api_keys_; }
  SyncRunRepository& SyncRuns() override { return sync_runs_; }
  PromptRepository& Prompts() override { return prompts_; }
  LegacyIdRepository& LegacyIds() override { return legacy_ids_; }
  LoginThrottleRepository& LoginThrottle() override { return login_throttle_; }
  LimitSettingRepository& LimitSettings() override { return limit_settings_; }
  UsageRepository& Usage() override { return usage_; }

 private:
  MemoryOrganizations organizations_;
  MemoryUsers users_;
  MemorySessions sessions_;
  MemoryAudit audit_;
  MemorySettings settings_;
  MemoryWorkspaces workspaces_;
  MemoryApiKeys api_keys_;
  MemorySyncRuns sync_runs_;
  MemoryPrompts prompts_;
  MemoryLegacyIds legacy_ids_;
  MemoryLoginThrottle login_throttle_;
  MemoryLimitSettings limit_settings_;
  MemoryUsage usage_;
};

#undef PORTAL_MEMORY_ENTER

}  // namespace

std::optional<Error> MemoryStore::Hooks::Enter(std::string_view operation) {
  auto count = calls.find(operation);
  if (count == calls.end()) count = calls.emplace(std::string(operation), 0).first;
  ++count->second;
  auto fault = faults.find(operation);
  if (fault == faults.end()) return std::nullopt;
  Error error = std::move(fault->second);
  faults.erase(fault);
  return error;
}

std::int64_t MemoryStore::Hooks::NowMs() const {
  return ToUnixMillis(clock ? clock->Now() : std::chrono::system_clock::now());
}

Status MemoryStore::Write(const std::function<Status(Tx&)>& fn) {
  std::lock_guard lock(mutex_);
  MemoryState copy = state_;
  MemoryTx tx(copy, hooks_);
  auto status = fn(tx);  // an exception leaves state_ untouched too
  if (status) {
    state_ = std::move(copy);
    ++writes_;
  }
  return status;
}

Status MemoryStore::Read(const std::function<Status(Tx&)>& fn) {
  std::lock_guard lock(mutex_);
  MemoryTx tx(state_, hooks_);
  return fn(tx);
}

void MemoryStore::FailNext(std::string operation, Error error) {
  std::lock_guard lock(mutex_);
  hooks_.faults[std::move(operation)] = std::move(error);
}

std::int64_t MemoryStore::Calls(std::string_view operation) const {
  std::lock_guard lock(mutex_);
  auto it = hooks_.calls.find(operation);
  return it == hooks_.calls.end() ? 0 : it->second;
}

std::int64_t MemoryStore::Writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

namespace {
// Arranging must not fail silently: a test that arranges a broken state is a broken test.
void Must(const Status& status, std::string_view what) {
  if (!status) throw std::logic_error("MemoryStore::Put(" + std::string(what) + "): " + status.error().message);
}
}  // namespace

void MemoryStore::Put(const Organization& organization) {
  Must(Write([&](Tx& tx) { return tx.Organizations().Insert(organization); }), organization.id);
}

void MemoryStore::Put(const User& user) {
  Must(Write([&](Tx& tx) { return tx.Users().Insert(user); }), user.id);
}

void MemoryStore::Put(const Session& session) {
  Must(Write([&](Tx& tx) { return tx.Sessions().InsertSession(session); }), session.id);
}

void MemoryStore::Put(const WorkspaceRecord& workspace) {
  Must(Write([&](Tx& tx) -> Status {
         if (auto s = tx.Workspaces().Upsert(workspace); !s) return s;
         if (!workspace.organization_id) return {};
         return tx.Workspaces().SetOrganization(workspace.id, workspace.organization_id);
       }),
       workspace.id);
}

void MemoryStore::Put(const ApiKeyRecord& key) {
  Must(Write([&](Tx& tx) -> Status {
         if (auto s = tx.ApiKeys().Upsert(key); !s) return s;
         if (key.secret_sealed) {
           if (auto s = tx.ApiKeys().SetSecret(key.id, key.secret_sealed, key.secret_registered_at); !s) return s;
         }
         if (!key.vanished_at) return {};
         const std::string ids[] = {key.id};
         auto marked = tx.ApiKeys().MarkVanished(ids, *key.vanished_at);
         if (!marked) return Fail(marked.error());
         return {};
       }),
       key.id);
}

std::vector<std::string> MemoryStore::AuditActions() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(state_.audit.size());
  for (const auto& event : state_.audit) out.push_back(event.action);
  return out;
}

}  // namespace portal::domain::testing
