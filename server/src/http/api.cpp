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
      [metrics = std::move(metrics), token = std::move(token)](Request& request) {
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
  AddSessionRoutes(router, deps.auth, deps.setup, {deps.options.demo, deps.options.secure_cookies});
  AddOrganizationRoutes(router, deps.auth, deps.organizations);
  AddUserRoutes(router, deps.auth, deps.users, deps.api_keys);
  AddAuditRoutes(router, deps.auth, deps.audit);
  AddDashboardRoutes(router, deps.auth, deps.dashboard);
  router.Add(
      Method::kGet, "/api/v1/openapi.yaml",
      [](Request&) { return Response::Text(200, std::string(OpenApiDocument()), "application/yaml; charset=utf-8"); },
      Dispatch::kInline);
  AddPromptRoutes(router, deps.auth, deps.prompts);
  AddAnthropicSettingsRoutes(router, deps.auth, deps.anthropic);
  AddSyncRoutes(router, deps.auth, deps.sync);
  AddWorkspaceRoutes(router, deps.auth, deps.workspaces);
  AddApiKeyRoutes(router, deps.auth, deps.api_keys);
  AddImportRoutes(router, deps.auth, deps.legacy_import);
  AddLimitsRoutes(router, deps.auth, deps.limits);
  AddUsageRoutes(router, deps.auth, deps.usage);

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
