#pragma once
// GET /api/v1/audit (R-X2).

#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "http/router.hpp"

namespace portal::http {

void AddAuditRoutes(Router& router, domain::AuthService& auth, domain::AuditService& audit);

}  // namespace portal::http
