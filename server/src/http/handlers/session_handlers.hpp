#pragma once

#include <functional>
#include <string>

#include "domain/auth_service.hpp"
#include "domain/setup_service.hpp"
#include "http/router.hpp"

namespace portal::http {

struct SessionRouteOptions {
  bool demo = false;
  bool secure_cookies = false;
};

void AddSessionRoutes(Router& router, domain::AuthService& auth, domain::SetupService& setup,
                      const SessionRouteOptions& options);

}  // namespace portal::http
