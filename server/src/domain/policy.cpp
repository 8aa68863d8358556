#include "domain/policy.hpp"

namespace portal::domain {

Status RequireRole(const Actor& actor, std::initializer_list<Role> roles) {
  for (Role role : roles) {
    if (actor.role == role) return {};
  }
  return Fail(Error::Forbidden("your role does not allow this"));
}

Status RequireOrganizationAccess(const Actor& actor, const std::optional<std::string>& organization_id) {
  if (IsSuperAdmin(actor)) return {};
  if (organization_id && actor.organization_id && *organization_id == *actor.organization_id) return {};
  return Fail(Error::NotFound());
}

Status RequireOrganizationAdmin(const Actor& actor, const std::optional<std::string>& organization_id) {
  if (auto visible = RequireOrganizationAccess(actor, organization_id); !visible) return visible;
  return RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin});
}

Status ScopeListToOrganization(const Actor& actor, std::optional<std::string>& organization_id) {
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !allowed) return allowed;
  if (IsSuperAdmin(actor)) return {};
  if (!actor.organization_id) return Fail(Error::Forbidden("your account belongs to no organization"));
  if (organization_id && *organization_id != *actor.organization_id) {
    return Fail(Error::NotFound("organization not found"));
  }
  organization_id = actor.organization_id;
  return {};
}

}  // namespace portal::domain
