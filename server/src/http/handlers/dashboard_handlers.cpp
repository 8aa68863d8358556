#include "http/handlers/dashboard_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value SyncJson(const std::optional<domain::SyncRun>& run) {
  if (!run) return nullptr;
  return json::object{
      {"id", run->id},
      {"status", run->status},
      {"trigger", run->trigger},
      {"startedAt", FormatRfc3339Millis(run->started_at)},
      {"finishedAt", run->finished_at ? json::value(FormatRfc3339Millis(*run->finished_at)) : json::value(nullptr)},
      {"workspaces", run->workspaces},
      {"apiKeys", run->api_keys},
      {"vanished", run->vanished},
      {"error", run->error.empty() ? json::value(nullptr) : json::value(run->error)}};
}

json::value DashboardJson(const domain::Actor& actor, const domain::Dashboard& dashboard) {
  json::array organizations;
  for (const auto& summary : dashboard.organizations) {
    organizations.push_back(json::object{{"id", summary.organization.id},
                                         {"name", summary.organization.name},
                                         {"memberCount", summary.member_count},
                                         {"workspaceCount", summary.workspace_count},
                                         {"archivedWorkspaceCount", summary.archived_workspace_count},
                                         {"apiKeyCount", summary.api_key_count}});
  }
  json::array alerts;
  for (const auto& alert : dashboard.alerts) {
    alerts.push_back(json::object{
        {"type", "key_drift"},
        {"user", json::object{{"id", alert.user_id}, {"name", alert.user_name}, {"email", alert.user_email}}},
        {"organizationId", alert.organization_id ? json::value(*alert.organization_id) : json::value(nullptr)},
        {"apiKey", ApiKeyBriefJson(alert.api_key)}});
  }
  json::array limit_alerts;
  for (const auto& alert : dashboard.limit_alerts) {
    limit_alerts.push_back(json::object{{"organizationId", alert.organization_id},
                                        {"organizationName", alert.organization_name},
                                        {"changes", alert.changes}});
  }
  const auto& c = dashboard.counts;
  return json::object{
      {"user",
       json::object{{"name", actor.name}, {"email", actor.email}, {"role", std::string(domain::ToString(actor.role))}}},
      {"organizations", std::move(organizations)},
      {"counts", json::object{{"organizations", c.organizations},
                              {"users", c.users},
                              {"workspaces", c.workspaces},
                              {"apiKeys", c.api_keys}}},
      {"lastSync", SyncJson(dashboard.last_sync)},
      {"alerts", std::move(alerts)},
      {"limitAlerts", std::move(limit_alerts)}};
}

}  // namespace

void AddDashboardRoutes(Router& router, domain::AuthService& auth, domain::DashboardService& dashboard) {
  router.Add(Method::kGet, "/api/v1/dashboard",
             WithActor(auth, [&dashboard](Request& request, const domain::Actor& actor) {
               return Respond(request, dashboard.Get(actor), 200,
                              [&actor](const domain::Dashboard& d) { return DashboardJson(actor, d); });
             }));
}

}  // namespace portal::http
