#include "http/api.hpp"

#include <memory>

#include "http/error_response.hpp"
#include "http/handlers/session_handlers.hpp"
#include "http/static_files.hpp"

namespace portal::http {

Router BuildPortalRouter(const ApiDeps& deps) {
  Router router;
  AddSessionRoutes(router, deps.auth, {deps.options.demo, deps.options.secure_cookies});

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
  router.Add(
      Method::kGet, "/metrics",
      [metrics](Request&) { return Response::Text(200, metrics->Render(), "text/plain; version=0.0.4"); },
      Dispatch::kInline);

  auto files = std::make_shared<StaticFiles>(deps.options.web_dir);
  router.SetFallback([files](Request& request) { return files->Serve(request); });
  return router;
}

}  // namespace portal::http
