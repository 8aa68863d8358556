// Sync runs (R-K1): start one (202 with the running run's id when one is in progress) and follow
// its progress.
#include "http/handlers/sync_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value RunJson(const domain::SyncRun& run) {
  json::object out{{"id", run.id},
                   {"status", run.status},
                   {"trigger", run.trigger},
                   {"startedAt", FormatRfc3339Millis(run.started_at)},
                   {"pages", run.pages},
                   {"workspaces", run.workspaces},
                   {"apiKeys", run.api_keys},
                   {"vanished", run.vanished}};
  out["finishedAt"] = run.finished_at ? json::value(FormatRfc3339Millis(*run.finished_at)) : json::value(nullptr);
  out["error"] = run.error.empty() ? json::value(nullptr) : json::value(run.error);
  return out;
}

}  // namespace

void AddSyncRoutes(Router& router, domain::AuthService& auth, domain::SyncService& sync) {
  router.Add(Method::kPost, "/api/v1/sync", WithActor(auth, [&sync](Request& request, const domain::Actor& actor) {
               return Respond(request, sync.Start(actor), 202, [](const std::string& id) {
                 return json::object{{"runId", id}};
               });
             }));
  router.Add(Method::kGet, "/api/v1/sync/runs/latest",
             WithActor(auth, [&sync](Request& request, const domain::Actor& actor) {
               return Respond(request, sync.Latest(actor), 200, [](const std::optional<domain::SyncRun>& run) {
                 return run ? RunJson(*run) : json::value(nullptr);
               });
             }));
  router.Add(Method::kGet, "/api/v1/sync/runs/{id}",
             WithActor(auth, [&sync](Request& request, const domain::Actor& actor) {
               return Respond(request, sync.Get(actor, std::string(request.PathParam("id"))), 200, RunJson);
             }));
}

}  // namespace portal::http
