#pragma once

#include <functional>
#include <string>

#include "domain/auth_service.hpp"
#include "http/router.hpp"

namespace portal::http {

struct SessionRouteOptions {
  bool demo = false;
  bool secure_cookies = false;
  // The Anthropic connection (unset: none): whether an admin key is stored; checking a
  // setup's anthropicAdminKey before the SuperAdmin is created; storing it (then a first sync).
  std::function<bool()> anthropic_configured;
  std::function<Status(const std::string& admin_key)> verify_admin_key;
  std::function<Status(const std::string& admin_key, const std::string& user_id, const std::string& request_id)>
      store_admin_key;
};

void AddSessionRoutes(Router& router, domain::AuthService& auth, const SessionRouteOptions& options);

}  // namespace portal::http
