#pragma once

#include "domain/auth_service.hpp"
#include "http/router.hpp"

namespace portal::http {

struct SessionRouteOptions {
  bool demo = false;
  bool secure_cookies = false;
};

void AddSessionRoutes(Router& router, domain::AuthService& auth, const SessionRouteOptions& options);

}  // namespace portal::http
