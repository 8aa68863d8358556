#pragma once
// GET /api/v1/dashboard (R-D2, R-D3, R-X3).

#include "domain/auth_service.hpp"
#include "domain/dashboard_service.hpp"
#include "http/router.hpp"

namespace portal::http {

void AddDashboardRoutes(Router& router, domain::AuthService& auth, domain::DashboardService& dashboard);

}  // namespace portal::http
