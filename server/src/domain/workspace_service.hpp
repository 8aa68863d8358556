#pragma once
// Workspaces (R-W1, R-W2): listed from the synced table; created, renamed and archived through
// the Admin API first, then recorded locally; linked to portal organizations (SuperAdmin).
// Admins see and manage only their organization's workspaces; any other answers kNotFound.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct WorkspaceView {
  WorkspaceRecord workspace;
  std::int64_t api_key_count = 0;
  std::optional<std::string> organization_name;  // of workspace.organization_id
};

struct WorkspacePatch {
  std::optional<std::string> name;
  // Present = change the link (nullopt inside = unlink). SuperAdmin only.
  std::optional<std::optional<std::string>> organization_id;
  // A move must never leave a user holding a key outside their organization: without this flag a
  // move whose keys are held by users of another organization is refused (409
  // `workspace_keys_held`, naming them); with it, they lose the key in the same transaction.
  bool unassign_keys = false;
};

class WorkspaceService {
 public:
  WorkspaceService(Store& store, AnthropicConnection& connection, const Clock& clock)
      : store_(store), connection_(connection), clock_(clock) {}

  // SuperAdmin: all (optionally one organization's); Admin: their organization's only.
  Result<Page<WorkspaceView>> List(const Actor& actor, WorkspaceQuery query);
  Result<WorkspaceView> Get(const Actor& actor, const std::string& id);
  // name 1–40 characters. Admin: organization_id must be their own (or omitted = their own).
  Result<WorkspaceView> Create(const Actor& actor, const std::string& name,
                               const std::optional<std::string>& organization_id);
  // Renames (through the Admin API) and/or moves the workspace to another organization (see
  // WorkspacePatch::unassign_keys).
  Result<WorkspaceView> Update(const Actor& actor, const std::string& id, const WorkspacePatch& patch);
  // Irreversible: archived in Anthropic with its keys; both reflected locally, and the keys'
  // registered secrets erased (an archived key never works again). Their holders keep them, so
  // that the dashboard flags each (R-X3) until an administrator gives them another key.
  Result<WorkspaceView> Archive(const Actor& actor, const std::string& id);

 private:
  Result<WorkspaceRecord> LoadManaged(const Actor& actor, const std::string& id);
  Result<WorkspaceView> ViewOf(const std::string& id);
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  AnthropicConnection& connection_;
  const Clock& clock_;
};

}  // namespace portal::domain
