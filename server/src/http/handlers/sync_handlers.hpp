#pragma once

#include "domain/auth_service.hpp"
#include "domain/sync_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// POST /api/v1/sync, GET /api/v1/sync/runs/latest, GET /api/v1/sync/runs/{id}.
void AddSyncRoutes(Router& router, domain::AuthService& auth, domain::SyncService& sync);

}  // namespace portal::http
