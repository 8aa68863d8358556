#pragma once
// /api/v1/usage: usage and cost per organization, user, key, workspace or model
// (domain/usage_service.hpp), as JSON or CSV, and the collector's runs.

#include "domain/auth_service.hpp"
#include "domain/usage_service.hpp"
#include "http/router.hpp"

namespace portal::http {

void AddUsageRoutes(Router& router, domain::AuthService& auth, domain::UsageService& usage);

}  // namespace portal::http
