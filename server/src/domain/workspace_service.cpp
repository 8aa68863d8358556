#include "domain/workspace_service.hpp"

#include <algorithm>
#include <span>

#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

Status ValidateWorkspaceName(const std::string& name) {
  if (auto s = ValidateCharacters(name, "name"); !s) return s;
  // Counted in code points, as Anthropic counts characters.
  const std::size_t chars = CodePointCount(name);
  if (chars < 1 || chars > 40 || name.find_first_not_of(" \t") == std::string::npos) {
    return Fail(Error::InvalidArgument("name must be 1–40 characters").WithField("name"));
  }
  return {};
}

// The users who would hold a key outside their organization once the workspace belongs to
// `target`: refused (409 naming them), or with `unassign` their keys are released and audited.
// Returns how many were released.
Result<std::int64_t> ReleaseKeysLeaving(Tx& tx, const Actor& actor, const WorkspaceRecord& workspace,
                                        const std::optional<std::string>& target, bool unassign, std::int64_t now) {
  auto holders = tx.Users().ListHoldersInWorkspace(workspace.id);
  if (!holders) return Fail(holders.error());
  std::vector<User> leaving;
  for (auto& user : *holders) {
    if (user.organization_id != target) leaving.push_back(std::move(user));
  }
  if (leaving.empty()) return 0;
  if (!unassign) {
    std::string names;
    for (const auto& user : leaving) names += (names.empty() ? "" : ", ") + user.name + " (" + user.email + ")";
    return Fail(
        std::move(Error::Conflict(std::to_string(leaving.size()) + " user(s) of another organization hold keys of " +
                                  "workspace " + workspace.name + ": " + names +
                                  ". Unassign their keys first, or move with unassignKeys")
                      .WithApiCode("workspace_keys_held")));
  }
  for (auto& user : leaving) {
    const std::string key_id = user.api_key_id.value_or("");
    user.api_key_id.reset();
    user.updated_at = now;
    if (auto s = tx.Users().Update(user); !s) return Fail(s.error());
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, "user.key_unassigned", "user", user.id,
                                                  user.organization_id, actor.request_id, now,
                                                  AuditDetails()
                                                      .Add("previousApiKeyId", key_id)
                                                      .Add("workspaceId", workspace.id)
                                                      .Add("reason", "workspace_moved")
                                                      .Json()));
        !s) {
      return Fail(s.error());
    }
  }
  return static_cast<std::int64_t>(leaving.size());
}

// Workspace names are unique among the organization's live workspaces (as in the Console):
// 409 `workspace_name_taken` on the name field before anything is asked of Anthropic.
Status CheckNameFree(Store& store, const std::string& name, const std::optional<std::string>& except_id) {
  return store.Read([&](Tx& tx) -> Status {
    auto found = tx.Workspaces().FindActiveByName(name);
    if (!found) return Fail(found.error());
    if (*found && (*found)->id != except_id) {
      return Fail(std::move(Error::Conflict("a workspace named " + (*found)->name + " already exists")
                                .WithApiCode("workspace_name_taken")
                                .WithField("name")));
    }
    return {};
  });
}

WorkspaceRecord FromUpstream(const Workspace& w, std::int64_t now) {
  WorkspaceRecord r;
  r.id = w.id;
  r.name = w.name;
  r.display_color = w.display_color;
  r.created_at = w.created_at;
  r.archived_at = w.archived_at;
  r.synced_at = now;
  return r;
}

// The names of the views' organizations: one query, however many views.
Status NameOrganizations(Tx& tx, std::span<WorkspaceView> views) {
  std::vector<std::string> ids;
  for (const auto& view : views) {
    if (view.workspace.organization_id) ids.push_back(*view.workspace.organization_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto organizations = tx.Organizations().FindByIds(ids);
  if (!organizations) return Fail(organizations.error());
  for (auto& view : views) {
    for (const auto& org : *organizations) {
      if (org.id == view.workspace.organization_id) view.organization_name = org.name;
    }
  }
  return {};
}

}  // namespace

Result<WorkspaceView> WorkspaceService::ViewOf(const std::string& id) {
  WorkspaceView view;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Workspaces().FindById(id);
    if (!found) return Fail(found.error());
    view.workspace = std::move(*found);
    auto count = tx.ApiKeys().CountByWorkspace(id);
    if (!count) return Fail(count.error());
    view.api_key_count = *count;
    return NameOrganizations(tx, std::span(&view, 1));
  });
  if (!read) return Fail(read.error());
  return view;
}

Result<Page<WorkspaceView>> WorkspaceService::List(const Actor& actor, WorkspaceQuery query) {
  if (auto s = ScopeListToOrganization(actor, query.organization_id); !s) return Fail(s.error());
  Page<WorkspaceView> out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto page = tx.Workspaces().List(query);
    if (!page) return Fail(page.error());
    out.next_cursor = page->next_cursor;
    out.total = page->total;
    out.total_exact = page->total_exact;
    for (auto& w : page->items) {
      const std::int64_t keys = w.api_key_count;
      out.items.push_back({std::move(w), keys, std::nullopt});
    }
    return NameOrganizations(tx, out.items);
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<WorkspaceRecord> WorkspaceService::LoadManaged(const Actor& actor, const std::string& id) {
  // Another tenant's object is not found (404) for everyone below SuperAdmin; a User gets 403
  // only for objects of their own organization.
  WorkspaceRecord workspace;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Workspaces().FindById(id);
    if (!found) return Fail(found.error());
    workspace = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  if (auto s = RequireOrganizationAccess(actor, workspace.organization_id); !s) {
    return Fail(Error::NotFound("workspace not found"));
  }
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  return workspace;
}

Result<WorkspaceView> WorkspaceService::Get(const Actor& actor, const std::string& id) {
  auto workspace = LoadManaged(actor, id);
  if (!workspace) return Fail(workspace.error());
  return ViewOf(id);
}

Result<WorkspaceView> WorkspaceService::Create(const Actor& actor, const std::string& name,
                                               const std::optional<std::string>& organization_id) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  if (auto s = ValidateWorkspaceName(name); !s) return Fail(s.error());
  std::optional<std::string> org = organization_id;
  if (!IsSuperAdmin(actor) && !org) org = actor.organization_id;
  if (org) {
    if (auto s = RequireOrganizationAdmin(actor, org); !s) return Fail(s.error());
    auto exists = store_.Read([&](Tx& tx) -> Status {
      auto found = tx.Organizations().FindById(*org);
      if (!found) return Fail(found.error());
      return {};
    });
    if (!exists) return Fail(exists.error());
  }
  if (auto s = CheckNameFree(store_, name, std::nullopt); !s) return Fail(s.error());
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto created = (*client)->CreateWorkspace({.name = name, .display_color = std::nullopt});
  if (!created) return Fail(created.error());
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.Workspaces().Upsert(FromUpstream(*created, now)); !s) return s;
    if (org) {
      if (auto s = tx.Workspaces().SetOrganization(created->id, org); !s) return s;
    }
    AuditDetails details;
    details.Add("name", created->name);
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "workspace.create", "workspace", created->id, org,
                                            actor.request_id, now, details.Json()));
  });
  if (!wrote) return Fail(wrote.error());
  return ViewOf(created->id);
}

Result<WorkspaceView> WorkspaceService::Update(const Actor& actor, const std::string& id, const WorkspacePatch& patch) {
  auto workspace = LoadManaged(actor, id);
  if (!workspace) return Fail(workspace.error());
  if (patch.organization_id && !IsSuperAdmin(actor)) {
    return Fail(Error::Forbidden("only a SuperAdmin links or unlinks workspaces"));
  }
  if (!patch.name && !patch.organization_id)
    return Fail(Error::InvalidArgument("nothing to change: give name or organizationId"));
  if (patch.name) {
    if (auto s = ValidateWorkspaceName(*patch.name); !s) return Fail(s.error());
    if (auto s = CheckNameFree(store_, *patch.name, id); !s) return Fail(s.error());
  }
  if (patch.organization_id && *patch.organization_id) {
    auto exists = store_.Read([&](Tx& tx) -> Status {
      auto found = tx.Organizations().FindById(**patch.organization_id);
      if (!found) return Fail(Error::InvalidArgument("organizationId: organization not found"));
      return {};
    });
    if (!exists) return Fail(exists.error());
  }
  std::optional<Workspace> renamed;
  if (patch.name && *patch.name != workspace->name) {
    auto client = connection_.Client();
    if (!client) return Fail(client.error());
    auto updated = (*client)->UpdateWorkspace(id, {.name = patch.name, .display_color = std::nullopt});
    if (!updated) return Fail(updated.error());
    renamed = std::move(*updated);
  }
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    AuditDetails details;
    if (renamed) {
      if (auto s = tx.Workspaces().Upsert(FromUpstream(*renamed, now)); !s) return s;
      details.Add("oldName", workspace->name).Add("name", renamed->name);
    }
    if (patch.organization_id && *patch.organization_id != workspace->organization_id) {
      auto released = ReleaseKeysLeaving(tx, actor, *workspace, *patch.organization_id, patch.unassign_keys, now);
      if (!released) return Fail(released.error());
      if (auto s = tx.Workspaces().SetOrganization(id, *patch.organization_id); !s) return s;
      if (*patch.organization_id) {
        details.Add("organizationId", **patch.organization_id);
      } else {
        details.AddNull("organizationId");
      }
      workspace->organization_id ? details.Add("previousOrganizationId", *workspace->organization_id)
                                 : details.AddNull("previousOrganizationId");
      details.Add("keysUnassigned", *released);
    }
    const auto& org = patch.organization_id ? *patch.organization_id : workspace->organization_id;
    return tx.Audit().Append(
        MakeAuditEvent(actor.user_id, "workspace.update", "workspace", id, org, actor.request_id, now, details.Json()));
  });
  if (!wrote) return Fail(wrote.error());
  return ViewOf(id);
}

Result<WorkspaceView> WorkspaceService::Archive(const Actor& actor, const std::string& id) {
  auto workspace = LoadManaged(actor, id);
  if (!workspace) return Fail(workspace.error());
  if (workspace->archived_at) return ViewOf(id);  // already archived: nothing to do
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto archived = (*client)->ArchiveWorkspace(id);
  if (!archived) return Fail(archived.error());
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    auto record = FromUpstream(*archived, now);
    if (!record.archived_at) record.archived_at = FormatRfc3339(clock_.Now());
    if (auto s = tx.Workspaces().Upsert(record); !s) return s;
    auto keys = tx.ApiKeys().ArchiveInWorkspace(id);
    if (!keys) return Fail(keys.error());
    return tx.Audit().Append(MakeAuditEvent(
        actor.user_id, "workspace.archive", "workspace", id, workspace->organization_id, actor.request_id, now,
        AuditDetails().Add("name", workspace->name).Add("apiKeysArchived", *keys).Json()));
  });
  if (!wrote) return Fail(wrote.error());
  return ViewOf(id);
}

}  // namespace portal::domain
