#pragma once
// /api/v1/users (API.md "Users"; R-U1..R-U3) and GET /api/v1/me/api-key (R-C2).

#include "domain/api_key_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/user_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// GET /api/v1/me/api-key reveals the caller's own key through `api_keys` (audited there).
void AddUserRoutes(Router& router, domain::AuthService& auth, domain::UserService& users,
                   domain::ApiKeyService& api_keys);

}  // namespace portal::http
