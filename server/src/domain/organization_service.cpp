#include "domain/organization_service.hpp"

#include "domain/workspace_service.hpp"

#include <vector>

#include "core/ids.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::size_t kMaxDescriptionLength = 1000;

Status ValidateDescription(const std::string& description) {
  if (auto s = ValidateCharacters(description, "description", true); !s) return s;
  if (CodePointCount(description) > kMaxDescriptionLength) {
    return Fail(Error::InvalidArgument("description must be at most 1000 characters"));
  }
  return {};
}

Result<Organization> FindVisible(Tx& tx, const Actor& actor, const std::string& id) {
  if (auto visible = RequireOrganizationAccess(actor, id); !visible) return Fail(visible.error());
  auto org = tx.Organizations().FindById(id);
  if (!org) return Fail(org.error());
  return org;
}

// Every member of an organization (all pages).
Result<std::vector<User>> Members(Tx& tx, const std::string& organization_id) {
  std::vector<User> members;
  UserQuery query;
  query.organization_id = organization_id;
  query.page.limit = 500;
  while (true) {
    auto page = tx.Users().List(query);
    if (!page) return Fail(page.error());
    for (auto& listed : page->items) members.push_back(std::move(listed.user));
    if (!page->next_cursor) break;
    query.page.cursor = page->next_cursor;
  }
  return members;
}

// Ids of the organization's workspaces that are not archived yet (all pages).
Result<std::vector<std::string>> LiveWorkspaces(Tx& tx, const std::string& organization_id) {
  std::vector<std::string> ids;
  WorkspaceQuery query;
  query.organization_id = organization_id;
  query.page.limit = 500;
  while (true) {
    auto page = tx.Workspaces().List(query);
    if (!page) return Fail(page.error());
    for (const auto& workspace : page->items) {
      if (!workspace.archived_at) ids.push_back(workspace.id);
    }
    if (!page->next_cursor) break;
    query.page.cursor = page->next_cursor;
  }
  return ids;
}

}  // namespace

Result<std::vector<OrganizationSummary>> SummarizeOrganizations(Tx& tx, std::vector<Organization> organizations) {
  std::vector<std::string> ids;
  ids.reserve(organizations.size());
  for (const auto& org : organizations) ids.push_back(org.id);
  auto counts = tx.Organizations().CountsFor(ids);
  if (!counts) return Fail(counts.error());
  std::vector<OrganizationSummary> out;
  out.reserve(organizations.size());
  for (auto& org : organizations) {
    const OrganizationCounts found = (*counts)[org.id];
    out.push_back({std::move(org), found.members, found.workspaces, found.archived_workspaces, found.api_keys});
  }
  return out;
}

Result<OrganizationSummary> SummarizeOrganization(Tx& tx, Organization organization) {
  std::vector<Organization> one;
  one.push_back(std::move(organization));
  auto summaries = SummarizeOrganizations(tx, std::move(one));
  if (!summaries) return Fail(summaries.error());
  return std::move(summaries->front());
}

namespace {

// The repository's search, for the one organization an Admin sees: a substring of the name
// (ASCII letters case-insensitive) or of the id.
bool MatchesSearch(const Organization& org, const std::string& q) {
  auto lower = [](std::string text) {
    for (char& c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
  };
  return lower(org.name).find(lower(q)) != std::string::npos || org.id.find(q) != std::string::npos;
}

}  // namespace

Result<Page<OrganizationSummary>> OrganizationService::List(const Actor& actor, const OrganizationQuery& query) {
  Page<OrganizationSummary> page;
  auto read = store_.Read([&](Tx& tx) -> Status {
    if (!IsSuperAdmin(actor)) {
      if (!actor.organization_id) return {};
      auto own = tx.Organizations().FindById(*actor.organization_id);
      if (!own) return own.error().code == ErrorCode::kNotFound ? Status{} : Fail(own.error());
      if (query.q && !MatchesSearch(*own, *query.q)) return {};
      auto summary = SummarizeOrganization(tx, std::move(*own));
      if (!summary) return Fail(summary.error());
      page.items.push_back(std::move(*summary));
      page.total = 1;
      return {};
    }
    auto listed = tx.Organizations().List(query);
    if (!listed) return Fail(listed.error());
    page.total = listed->total;
    page.total_exact = listed->total_exact;
    page.next_cursor = listed->next_cursor;
    auto summaries = SummarizeOrganizations(tx, std::move(listed->items));
    if (!summaries) return Fail(summaries.error());
    page.items = std::move(*summaries);
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

Result<OrganizationSummary> OrganizationService::Get(const Actor& actor, const std::string& id) {
  OrganizationSummary out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto org = FindVisible(tx, actor, id);
    if (!org) return Fail(org.error());
    auto summary = SummarizeOrganization(tx, std::move(*org));
    if (!summary) return Fail(summary.error());
    out = std::move(*summary);
    return {};
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<OrganizationSummary> OrganizationService::Create(const Actor& actor, const OrganizationInput& input) {
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin}); !allowed) return Fail(allowed.error());
  if (!input.name) return Fail(Error::InvalidArgument("field 'name' is required"));
  Organization org;
  org.name = Trimmed(*input.name);
  org.description = Trimmed(input.description.value_or(""));
  if (auto s = ValidateName(org.name, "name"); !s) return Fail(s.error());
  if (auto s = ValidateDescription(org.description); !s) return Fail(s.error());
  auto now = NowMs();
  org.id = NewId("org");
  org.created_at = now;
  org.updated_at = now;
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.Organizations().Insert(org); !s) return s;
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "organization.create", "organization", org.id, org.id,
                                            actor.request_id, now, AuditDetails().Add("name", org.name).Json()));
  });
  if (!write) return Fail(write.error());
  return OrganizationSummary{org, 0, 0, 0};
}

Result<Organization> OrganizationService::FindOrCreate(const Actor& actor, const OrganizationInput& input,
                                                       bool& created) {
  created = false;
  if (input.name) {
    std::optional<Organization> found;
    auto read = store_.Read([&](Tx& tx) -> Status {
      auto org = tx.Organizations().FindByName(Trimmed(*input.name));
      if (org) found = std::move(*org);
      return org || org.error().code == ErrorCode::kNotFound ? Status{} : Fail(org.error());
    });
    if (!read) return Fail(read.error());
    if (found) return *found;
  }
  auto made = Create(actor, input);
  if (!made) return Fail(made.error());
  created = true;
  return made->organization;
}

Result<OrganizationSummary> OrganizationService::Update(const Actor& actor, const std::string& id,
                                                        const OrganizationInput& input) {
  if (auto allowed = RequireOrganizationAdmin(actor, id); !allowed) return Fail(allowed.error());
  std::optional<std::string> name, description;
  if (input.name) {
    name = Trimmed(*input.name);
    if (auto s = ValidateName(*name, "name"); !s) return Fail(s.error());
  }
  if (input.description) {
    description = Trimmed(*input.description);
    if (auto s = ValidateDescription(*description); !s) return Fail(s.error());
  }
  auto now = NowMs();
  OrganizationSummary out;
  auto write = store_.Write([&](Tx& tx) -> Status {
    auto org = FindVisible(tx, actor, id);
    if (!org) return Fail(org.error());
    AuditDetails details;
    if (name && *name != org->name) {
      details.Add("name", *name).Add("previousName", org->name);
      org->name = *name;
    }
    if (description && *description != org->description) {
      details.Add("descriptionChanged", true);
      org->description = *description;
    }
    org->updated_at = now;
    if (auto s = tx.Organizations().Update(*org); !s) return s;
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, "organization.update", "organization", org->id,
                                                  org->id, actor.request_id, now, details.Json()));
        !s) {
      return s;
    }
    auto summary = SummarizeOrganization(tx, std::move(*org));
    if (!summary) return Fail(summary.error());
    out = std::move(*summary);
    return {};
  });
  if (!write) return Fail(write.error());
  return out;
}

Result<OrganizationDeletion> OrganizationService::Delete(const Actor& actor, const std::string& id,
                                                         bool archive_workspaces) {
  if (auto visible = RequireOrganizationAccess(actor, id); !visible) return Fail(visible.error());
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin}); !allowed) return Fail(allowed.error());
  OrganizationDeletion done;

  std::vector<std::string> to_archive;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto org = tx.Organizations().FindById(id);
    if (!org) return Fail(org.error());
    if (!archive_workspaces) return {};
    auto live = LiveWorkspaces(tx, id);
    if (!live) return Fail(live.error());
    to_archive = std::move(*live);
    return {};
  });
  if (!read) return Fail(read.error());
  for (const auto& workspace_id : to_archive) {
    auto archived = workspaces_.Archive(actor, workspace_id);
    if (!archived) {
      Error error = archived.error();
      error.message = "Anthropic could not archive workspace " + workspace_id + " (" +
                      std::to_string(done.workspaces_archived) + " of " + std::to_string(to_archive.size()) +
                      " archived so far); the organization was not deleted. " + error.message;
      return Fail(std::move(error));
    }
    ++done.workspaces_archived;
  }

  auto now = NowMs();
  auto write = store_.Write([&](Tx& tx) -> Status {
    done.users_disabled = done.sessions_revoked = done.keys_unassigned = done.workspaces_unlinked = 0;
    auto org = tx.Organizations().FindById(id);
    if (!org) return Fail(org.error());
    auto members = Members(tx, id);
    if (!members) return Fail(members.error());
    for (auto& user : *members) {
      bool changed = false;
      if (user.status != UserStatus::kDisabled) {
        user.status = UserStatus::kDisabled;
        ++done.users_disabled;
        changed = true;
      }
      if (user.api_key_id) {
        user.api_key_id.reset();
        ++done.keys_unassigned;
        changed = true;
      }
      if (changed) {
        user.updated_at = now;
        if (auto s = tx.Users().Update(user); !s) return s;
      }
      auto revoked = tx.Sessions().RevokeUserSessions(user.id, "organization_deleted", now);
      if (!revoked) return Fail(revoked.error());
      done.sessions_revoked += *revoked;
    }
    auto unlinked = tx.Workspaces().UnlinkOrganization(id);
    if (!unlinked) return Fail(unlinked.error());
    done.workspaces_unlinked = static_cast<std::int64_t>(unlinked->size());
    if (auto s = tx.Organizations().MarkDeleted(id, now); !s) return s;
    AuditDetails details;
    details.Add("name", org->name)
        .Add("usersDisabled", done.users_disabled)
        .Add("sessionsRevoked", done.sessions_revoked)
        .Add("keysUnassigned", done.keys_unassigned)
        .Add("workspacesUnlinked", done.workspaces_unlinked)
        .Add("workspacesArchived", done.workspaces_archived);
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "organization.delete", "organization", id, id,
                                            actor.request_id, now, details.Json()));
  });
  if (!write) return Fail(write.error());
  return done;
}

}  // namespace portal::domain
