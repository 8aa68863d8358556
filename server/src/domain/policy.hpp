#pragma once
// Roles and tenancy: the one module every handler asks.
// - SuperAdmin sees and does everything.
// - Admin administers their own organization; User sees their own data.
// - An object of another organization answers NotFound (404), never Forbidden, so that ids of
//   other tenants cannot be probed.

#include <initializer_list>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/entities.hpp"

namespace portal::domain {

// Who is calling: built from a verified access token and the current user row, so a role change
// or a disabled account takes effect on the next request.
struct Actor {
  std::string user_id;
  std::string session_id;
  std::string name;
  std::string email;
  Role role = Role::kUser;
  std::optional<std::string> organization_id;
  std::string request_id;
};

inline bool IsSuperAdmin(const Actor& actor) { return actor.role == Role::kSuperAdmin; }

// The portal acting for itself (the CLI, the demo seed): every right, no user (audited as none).
inline Actor SystemActor(std::string request_id) {
  Actor actor;
  actor.name = "system";
  actor.role = Role::kSuperAdmin;
  actor.request_id = std::move(request_id);
  return actor;
}

// kForbidden unless the actor has one of the roles.
Status RequireRole(const Actor& actor, std::initializer_list<Role> roles);

// kNotFound unless the actor may see objects owned by `organization_id`
// (SuperAdmin: any; others: only their own organization; an unowned object: SuperAdmin only).
Status RequireOrganizationAccess(const Actor& actor, const std::optional<std::string>& organization_id);

// kNotFound unless the actor may manage (change) objects of that organization: SuperAdmin any,
// Admin their own; a User gets kForbidden for their own organization's objects.
Status RequireOrganizationAdmin(const Actor& actor, const std::optional<std::string>& organization_id);

// Scopes a list an Admin may read: a SuperAdmin keeps the filter as given; an Admin is limited
// to their own organization (a filter naming another one → kNotFound); a User gets kForbidden.
Status ScopeListToOrganization(const Actor& actor, std::optional<std::string>& organization_id);

}  // namespace portal::domain
