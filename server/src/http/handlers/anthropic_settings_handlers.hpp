#pragma once

#include "domain/anthropic_connection.hpp"
#include "domain/auth_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// GET/PUT /api/v1/settings/anthropic (SuperAdmin).
void AddAnthropicSettingsRoutes(Router& router, domain::AuthService& auth, domain::AnthropicConnection& connection);

}  // namespace portal::http
