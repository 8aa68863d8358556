#pragma once
// /api/v1/organizations/{id}/limits: the rate and spend limits of an organization's workspaces
// (domain/limits_service.hpp).

#include "domain/auth_service.hpp"
#include "domain/limits_service.hpp"
#include "http/router.hpp"

namespace portal::http {

void AddLimitsRoutes(Router& router, domain::AuthService& auth, domain::LimitsService& limits);

}  // namespace portal::http
