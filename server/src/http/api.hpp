#pragma once
// The portal's HTTP API (API.md): builds the router with every /api/v1 route, the operations
// endpoints and the web app. Handlers are thin: read input, call one domain function, map the
// result (see handlers/*.cpp).

#include <memory>
#include <string>

#include "domain/auth_service.hpp"
#include "domain/repositories.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace portal::http {

struct ApiOptions {
  bool demo = false;
  bool secure_cookies = false;  // add `Secure` to the refresh cookie (set when served over HTTPS)
  std::string web_dir;          // built web app; empty = none
};

struct ApiDeps {
  domain::AuthService& auth;
  domain::Store& store;
  std::shared_ptr<Metrics> metrics;
  ApiOptions options;
};

Router BuildPortalRouter(const ApiDeps& deps);

}  // namespace portal::http
