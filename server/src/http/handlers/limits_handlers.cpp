#include "http/handlers/limits_handlers.hpp"

#include <boost/json.hpp>

#include "http/error_response.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json_body.hpp"

namespace portal::http {
namespace {

namespace json = boost::json;

json::value Optional(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object GroupJson(const domain::LimitGroupView& group) {
  json::array models, limits;
  for (const auto& m : group.models) models.emplace_back(m);
  for (const auto& l : group.limits) {
    limits.push_back(
        {{"type", l.type}, {"value", l.value}, {"orgLimit", Optional(l.org_limit)}, {"overridden", l.overridden}});
  }
  return {{"rateLimitId", group.rate_limit_id},
          {"groupType", group.group_type},
          {"displayName", group.display_name},
          {"models", std::move(models)},
          {"limits", std::move(limits)}};
}

json::value LimitsJson(const domain::OrganizationLimitsView& view) {
  json::array organization, workspaces, drift;
  for (const auto& g : view.organization_limits) organization.push_back(GroupJson(g));
  for (const auto& w : view.workspaces) {
    json::array groups;
    for (const auto& g : w.groups) groups.push_back(GroupJson(g));
    json::value spend = nullptr;
    if (w.spend) {
      spend = json::object{
          {"id", w.spend->id ? json::value(*w.spend->id) : json::value(nullptr)},
          {"amountCents", w.spend->amount_cents ? json::value(*w.spend->amount_cents) : json::value(nullptr)}};
    }
    workspaces.push_back(
        {{"id", w.workspace_id}, {"name", w.name}, {"groups", std::move(groups)}, {"spendLimit", spend}});
  }
  for (const auto& d : view.drift) {
    drift.push_back({{"workspaceId", d.workspace_id},
                     {"scope", d.scope},
                     {"type", d.limiter_type},
                     {"expected", Optional(d.expected)},
                     {"actual", Optional(d.actual)},
                     {"setAt", d.set_at}});
  }
  return json::object{
      {"organizationId", view.organization_id},
      {"spendLimitsAvailable", view.spend_limits_available},
      {"spendLimitsUnavailableReason",
       view.spend_limits_unavailable_code ? json::value(*view.spend_limits_unavailable_code) : json::value(nullptr)},
      {"organizationLimits", std::move(organization)},
      {"workspaces", std::move(workspaces)},
      {"drift", std::move(drift)}};
}

Result<std::vector<domain::RateLimitChange>> ReadChanges(const json::object& body) {
  const auto* limits = body.if_contains("limits");
  if (limits == nullptr || !limits->is_array() || limits->as_array().empty()) {
    return Fail(Error::InvalidArgument("field 'limits' must be a non-empty array").WithField("limits"));
  }
  std::vector<domain::RateLimitChange> changes;
  for (const auto& item : limits->as_array()) {
    const auto* o = item.if_object();
    const json::value* type = o ? o->if_contains("type") : nullptr;
    const json::value* value = o ? o->if_contains("value") : nullptr;
    if (type == nullptr || !type->is_string() || value == nullptr ||
        !(value->is_null() || value->is_int64() || value->is_uint64())) {
      return Fail(
          Error::InvalidArgument("each limit is {\"type\": string, \"value\": integer or null}").WithField("limits"));
    }
    if (value->is_uint64() && value->as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
      return Fail(Error::InvalidArgument("limits: value out of range").WithField("limits"));
    }
    changes.push_back(
        {std::string(type->as_string()),
         value->is_null() ? std::nullopt : std::optional<std::int64_t>(value->to_number<std::int64_t>())});
  }
  return changes;
}

}  // namespace

void AddLimitsRoutes(Router& router, domain::AuthService& auth, domain::LimitsService& limits) {
  router.Add(Method::kGet, "/api/v1/organizations/{id}/limits",
             WithActor(auth, [&limits](Request& request, const domain::Actor& actor) {
               return Respond(request, limits.Get(actor, std::string(request.PathParam("id"))), 200, LimitsJson);
             }));

  router.Add(Method::kPut, "/api/v1/organizations/{id}/limits/workspaces/{workspaceId}/rate-limits/{rateLimitId}",
             WithActor(auth, [&limits](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto changes = ReadChanges(*body);
               if (!changes) return ErrorResponse(request, changes.error());
               return Respond(request,
                              limits.SetRateLimits(actor, std::string(request.PathParam("id")),
                                                   std::string(request.PathParam("workspaceId")),
                                                   std::string(request.PathParam("rateLimitId")), *changes),
                              200, LimitsJson);
             }));

  router.Add(Method::kPut, "/api/v1/organizations/{id}/limits/workspaces/{workspaceId}/spend-limit",
             WithActor(auth, [&limits](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               const auto* amount = body->if_contains("amountCents");
               if (amount == nullptr || !(amount->is_null() || amount->is_string())) {
                 return ErrorResponse(request,
                                      Error::InvalidArgument("field 'amountCents' must be a string of digits or null")
                                          .WithField("amountCents"));
               }
               std::optional<std::string> cents;
               if (amount->is_string()) cents = std::string(amount->as_string());
               return Respond(request,
                              limits.SetSpendLimit(actor, std::string(request.PathParam("id")),
                                                   std::string(request.PathParam("workspaceId")), cents),
                              200, LimitsJson);
             }));
}

}  // namespace portal::http
