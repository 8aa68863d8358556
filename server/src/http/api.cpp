#include "http/api.hpp"

#include <memory>

#include "core/net.hpp"
#include "http/error_response.hpp"
#include "http/handlers/anthropic_settings_handlers.hpp"
#include "http/handlers/api_key_handlers.hpp"
#include "http/handlers/audit_handlers.hpp"
#include "http/handlers/dashboard_handlers.hpp"
#include "http/handlers/import_handlers.hpp"
#include "http/handlers/limits_handlers.hpp"
#include "http/handlers/organization_handlers.hpp"
#include "http/handlers/prompt_handlers.hpp"
#include "http/handlers/session_handlers.hpp"
#include "http/handlers/sync_handlers.hpp"
#include "http/handlers/usage_handlers.hpp"
#include "http/handlers/workspace_handlers.hpp"
#include "http/openapi_document.hpp"
#include "http/static_files.hpp"

namespace portal::http {
namespace {

// Compares every byte whatever differs first (only the length may show in the timing).
bool SameSecret(std::string_view given, std::string_view secret) {
  if (given.size() != secret.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < given.size(); ++i) differ |= static_cast<unsigned char>(given[i] ^ secret[i]);
  return differ == 0;
}

void AddMetricsRoute(Router& router, std::shared_ptr<Metrics> metrics, std::string token) {
  router.Add(
      Method::kGet, "/metrics",
      [metrics, token](Request& request) {
        if (!token.empty()) {
          auto header = request.Header("authorization");
          if (!header.starts_with("Bearer ") || !SameSecret(header.substr(7), token)) {
            auto response = ErrorResponse(request, Error::Unauthenticated("/metrics needs the metrics token"));
            response.SetHeader("WWW-Authenticate", "Bearer");
            return response;
          }
        } else if (!IsLoopback(request.remote_address)) {
          return ErrorResponse(request, Error::Forbidden("/metrics answers loopback clients only; set metrics_token or "
                                                         "metrics_listen to scrape it from elsewhere"));
        }
        return Response::Text(200, metrics->Render(), "text/plain; version=0.0.4");
      },
      Dispatch::kInline);
}

}  // namespace

Router BuildMetricsRouter(std::shared_ptr<Metrics> metrics, const std::string& token) {
  Router router;
  AddMetricsRoute(router, std::move(metrics), token);
  router.Add(
      Method::kGet, "/healthz", [](Request&) { return Response::Json(200, R"({"status":"ok"})"); }, Dispatch::kInline);
  return router;
}

Router BuildPortalRouter(const ApiDeps& deps) {
  Router router;
  SessionRouteOptions session_options{deps.options.demo, deps.options.secure_cookies, {}, {}, {}};
  if (deps.anthropic) {  // the setup wizard's Anthropic step
    auto* anthropic = deps.anthropic;
    auto* sync = deps.sync;
    session_options.anthropic_configured = [anthropic] {
      auto configured = anthropic->Configured();
      return configured && *configured;
    };
    session_options.verify_admin_key = [anthropic](const std::string& key) -> Status {
      auto org = anthropic->Verify(key, std::nullopt);
      if (!org) return Fail(org.error());
      return {};
    };
    session_options.store_admin_key = [anthropic, sync](const std::string& key, const std::string& user_id,
                                                        const std::string& request_id) -> Status {
      auto stored = anthropic->Configure(key, std::nullopt, user_id, request_id);
      if (!stored) return Fail(stored.error());
      if (sync) {
        if (auto started = sync->StartAs("setup", user_id, request_id); !started) return Fail(started.error());
      }
      return {};
    };
  }
  AddSessionRoutes(router, deps.auth, session_options);
  if (deps.organizations) AddOrganizationRoutes(router, deps.auth, *deps.organizations);
  if (deps.users) AddUserRoutes(router, deps.auth, *deps.users, deps.reveal_own_key);
  if (deps.audit) AddAuditRoutes(router, deps.auth, *deps.audit);
  if (deps.dashboard) AddDashboardRoutes(router, deps.auth, *deps.dashboard);
  router.Add(
      Method::kGet, "/api/v1/openapi.yaml",
      [](Request&) { return Response::Text(200, std::string(OpenApiDocument()), "application/yaml; charset=utf-8"); },
      Dispatch::kInline);
  AddPromptRoutes(router, deps.auth, deps.store);
  if (deps.anthropic) AddAnthropicSettingsRoutes(router, deps.auth, *deps.anthropic);
  if (deps.sync) AddSyncRoutes(router, deps.auth, *deps.sync);
  if (deps.workspaces) AddWorkspaceRoutes(router, deps.auth, *deps.workspaces);
  if (deps.api_keys) AddApiKeyRoutes(router, deps.auth, *deps.api_keys);
  if (deps.legacy_import) AddImportRoutes(router, deps.auth, *deps.legacy_import);
  if (deps.limits) AddLimitsRoutes(router, deps.auth, *deps.limits);
  if (deps.usage) AddUsageRoutes(router, deps.auth, *deps.usage);

  router.Add(
      Method::kGet, "/healthz", [](Request&) { return Response::Json(200, R"({"status":"ok"})"); }, Dispatch::kInline);
  domain::Store* store = &deps.store;
  router.Add(Method::kGet, "/readyz", [store](Request& request) {
    auto ping = store->Ping();
    if (!ping) return ErrorResponse(request, Error::Unavailable("the database is not reachable"));
    return Response::Json(200, R"({"status":"ready","database":")" + std::string(store->Backend()) + "\"}");
  });
  auto metrics = deps.metrics;
  metrics->AddCallback("portal_db_errors_total", "counter", "Database driver errors since start.",
                       [store] { return static_cast<double>(store->ErrorCount()); });
  if (deps.options.metrics_on_main_listener) AddMetricsRoute(router, metrics, deps.options.metrics_token);

  auto files = std::make_shared<StaticFiles>(deps.options.web_dir);
  router.SetFallback([files](Request& request) { return files->Serve(request); });
  return router;
}

}  // namespace portal::http
