#pragma once
// Organizations (R-O1..R-O4): the customer companies the portal serves.
//
// Who may do what:
// - SuperAdmin: everything.
// - Admin: sees and edits (name, description) their own organization; cannot create or delete.
// - User: sees their own organization.
// Another organization answers kNotFound to an Admin or User (policy.hpp).
//
// Counts (members, workspaces, API keys) are computed on every read, never stored.
//
// Deleting an organization (one transaction, after the optional upstream archiving):
// - every member is disabled, loses their API key assignment (the key no longer belongs to any
//   organization once its workspace is unlinked) and has every session revoked;
// - every linked workspace is unlinked; with archive_workspaces, each is first archived in
//   Anthropic (irreversible; Anthropic archives its keys too). Archiving happens before the
//   portal changes anything: when Anthropic fails, the organization is not deleted, and the error
//   says how many workspaces were archived already (a retry archives the rest);
// - the organization is soft-deleted: it disappears from every list and lookup and its name can
//   be used again, but the disabled users keep pointing at it. Why not move or delete the users:
//   an admin deleting a customer expects to off-board its people, not to lose who they were, and
//   the audit trail keeps naming a real row. Deleting a user for good stays an explicit act.
//
// Blocking (database, Anthropic); thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct OrganizationSummary {
  Organization organization;
  std::int64_t member_count = 0;
  std::int64_t workspace_count = 0;           // as the workspace list shows them: not archived
  std::int64_t archived_workspace_count = 0;  // shown as "+N archived"
  std::int64_t api_key_count = 0;
};

struct OrganizationInput {
  std::optional<std::string> name;
  std::optional<std::string> description;
};

struct OrganizationDeletion {
  std::int64_t users_disabled = 0;
  std::int64_t sessions_revoked = 0;
  std::int64_t keys_unassigned = 0;
  std::int64_t workspaces_unlinked = 0;
  std::int64_t workspaces_archived = 0;
};

class WorkspaceService;  // domain/workspace_service.hpp: archives a workspace in Anthropic

class OrganizationService {
 public:
  OrganizationService(Store& store, const Clock& clock, WorkspaceService& workspaces)
      : store_(store), clock_(clock), workspaces_(workspaces) {}

  // SuperAdmin: every organization (paged by name); others: their own only.
  Result<Page<OrganizationSummary>> List(const Actor& actor, const OrganizationQuery& query);
  Result<OrganizationSummary> Get(const Actor& actor, const std::string& id);
  // SuperAdmin only. kConflict when the name is taken (case-insensitive).
  Result<OrganizationSummary> Create(const Actor& actor, const OrganizationInput& input);
  // The organization of this name (case-insensitive), created (as Create) when there is none;
  // `created` says which (the CLI and the demo seed).
  Result<Organization> FindOrCreate(const Actor& actor, const OrganizationInput& input, bool& created);
  Result<OrganizationSummary> Update(const Actor& actor, const std::string& id, const OrganizationInput& input);
  // SuperAdmin only; see the header comment.
  Result<OrganizationDeletion> Delete(const Actor& actor, const std::string& id, bool archive_workspaces);

 private:
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  const Clock& clock_;
  WorkspaceService& workspaces_;
};

// The counts of one organization (shared with the dashboard).
Result<OrganizationSummary> SummarizeOrganization(Tx& tx, Organization organization);
// The same for a page of organizations, in one query.
Result<std::vector<OrganizationSummary>> SummarizeOrganizations(Tx& tx, std::vector<Organization> organizations);

}  // namespace portal::domain
