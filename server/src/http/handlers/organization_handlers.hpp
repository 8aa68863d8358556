#pragma once
// /api/v1/organizations (API.md "Organizations"; R-O1..R-O4).

#include "domain/auth_service.hpp"
#include "domain/organization_service.hpp"
#include "http/router.hpp"

namespace portal::http {

void AddOrganizationRoutes(Router& router, domain::AuthService& auth, domain::OrganizationService& organizations);

}  // namespace portal::http
