#include "http/handlers/audit_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value AuditEventJson(const domain::AuditEvent& event) {
  json::object out;
  out["id"] = event.id;
  out["actorId"] = event.actor_id ? json::value(*event.actor_id) : json::value(nullptr);
  out["action"] = event.action;
  out["targetType"] = event.target_type;
  out["targetId"] = event.target_id;
  out["organizationId"] = event.organization_id ? json::value(*event.organization_id) : json::value(nullptr);
  out["requestId"] = event.request_id;
  boost::system::error_code ec;
  auto details = json::parse(event.details_json, ec);
  out["details"] = ec ? json::value(json::object{}) : std::move(details);
  out["createdAt"] = FormatRfc3339Millis(event.created_at);
  return out;
}

json::value AuditEntryJson(const domain::AuditEntry& entry) {
  auto out = AuditEventJson(entry.event).as_object();
  out["actorName"] = entry.actor_name ? json::value(*entry.actor_name) : json::value(nullptr);
  out["targetName"] = entry.target_name ? json::value(*entry.target_name) : json::value(nullptr);
  out["organizationName"] = entry.organization_name ? json::value(*entry.organization_name) : json::value(nullptr);
  json::object names;
  for (const auto& [key, name] : entry.detail_names) names[key] = name;
  out["detailNames"] = std::move(names);
  json::array hidden;
  for (const auto& key : entry.hidden_details) hidden.emplace_back(key);
  out["hiddenDetails"] = std::move(hidden);
  return out;
}

}  // namespace

void AddAuditRoutes(Router& router, domain::AuthService& auth, domain::AuditService& audit) {
  router.Add(Method::kGet, "/api/v1/audit",
             WithActor(auth,
                       [&audit](Request& request, const domain::Actor& actor) {
                         domain::AuditQuery query;
                         auto params = ReadListParams(request);
                         if (!params) return ErrorResponse(request, params.error());
                         query.page = *params;
                         if (auto v = request.Query("organizationId"); v && !v->empty()) query.organization_id = *v;
                         if (auto v = request.Query("actorId"); v && !v->empty()) query.actor_id = *v;
                         if (auto v = request.Query("action"); v && !v->empty()) query.action = *v;
                         return Respond(request, audit.List(actor, query), 200,
                                        [](const auto& page) { return PageJson(page, AuditEntryJson); });
                       }),
             Dispatch::kPage);
}

}  // namespace portal::http
