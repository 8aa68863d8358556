#pragma once
// The portal's HTTP API (API.md): builds the router with every /api/v1 route, the operations
// endpoints and the web app. Handlers are thin: read input, call one domain function, map the
// result (see handlers/*.cpp).

#include <memory>
#include <string>

#include "domain/anthropic_connection.hpp"
#include "domain/api_key_service.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/dashboard_service.hpp"
#include "domain/legacy_import.hpp"
#include "domain/limits_service.hpp"
#include "domain/organization_service.hpp"
#include "domain/prompt_service.hpp"
#include "domain/repositories.hpp"
#include "domain/setup_service.hpp"
#include "domain/sync_service.hpp"
#include "domain/usage_service.hpp"
#include "domain/user_service.hpp"
#include "domain/workspace_service.hpp"
#include "http/handlers/user_handlers.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace portal::http {

struct ApiOptions {
  bool demo = false;
  bool secure_cookies = false;  // add `Secure` to the refresh cookie (set when served over HTTPS)
  std::string web_dir;          // built web app; empty = none
  // /metrics (app::Config::metrics_*): a bearer token, or loopback clients only when empty;
  // not on this router at all when it has a listener of its own.
  std::string metrics_token;
  bool metrics_on_main_listener = true;
};

// The services the routes call (each must outlive the router).
struct ApiDeps {
  domain::Store& store;
  std::shared_ptr<Metrics> metrics;
  ApiOptions options;
  domain::AuthService& auth;
  domain::SetupService& setup;
  domain::OrganizationService& organizations;
  domain::UserService& users;
  domain::AuditService& audit;
  domain::DashboardService& dashboard;
  domain::PromptService& prompts;
  domain::AnthropicConnection& anthropic;
  domain::SyncService& sync;
  domain::WorkspaceService& workspaces;
  domain::ApiKeyService& api_keys;
  domain::LegacyImportService& legacy_import;
  domain::LimitsService& limits;
  domain::UsageService& usage;
};

Router BuildPortalRouter(const ApiDeps& deps);
// The router of the separate metrics listener (metrics_listen): /metrics and /healthz.
Router BuildMetricsRouter(std::shared_ptr<Metrics> metrics, const std::string& token);

}  // namespace portal::http
