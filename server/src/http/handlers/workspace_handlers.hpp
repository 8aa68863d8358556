#pragma once

#include "domain/auth_service.hpp"
#include "domain/workspace_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// /api/v1/workspaces: list, create, read, rename/link, archive.
void AddWorkspaceRoutes(Router& router, domain::AuthService& auth, domain::WorkspaceService& workspaces);

}  // namespace portal::http
