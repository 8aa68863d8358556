#pragma once

#include "domain/api_key_service.hpp"
#include "domain/auth_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// /api/v1/api-keys: list, read, register a secret by paste, rename/(de)activate.
void AddApiKeyRoutes(Router& router, domain::AuthService& auth, domain::ApiKeyService& api_keys);

}  // namespace portal::http
