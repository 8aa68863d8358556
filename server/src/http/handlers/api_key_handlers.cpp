// API keys (R-K2..R-K5). Never a full value: the hint is Anthropic's masked form.
#include "http/handlers/api_key_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value OptionalJson(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value ApiKeyJson(const domain::ApiKeyView& view) {
  const auto& k = view.key;
  json::object out{{"id", k.id},
                   {"name", k.name},
                   {"status", k.status},
                   {"hint", k.partial_key_hint},
                   {"label", domain::KeyPickerLabel(k)},
                   {"workspaceId", OptionalJson(k.workspace_id)},
                   {"organizationId", OptionalJson(view.organization_id)},
                   {"secretRegistered", k.secret_sealed.has_value()},
                   {"createdAt", k.created_at},
                   {"vanished", k.vanished_at.has_value()}};
  out["secretRegisteredAt"] =
      k.secret_registered_at ? json::value(FormatRfc3339Millis(*k.secret_registered_at)) : json::value(nullptr);
  out["vanishedAt"] = k.vanished_at ? json::value(FormatRfc3339Millis(*k.vanished_at)) : json::value(nullptr);
  if (view.holder) {
    out["assignedUser"] =
        json::object{{"id", view.holder->id}, {"name", view.holder->name}, {"email", view.holder->email}};
  } else {
    out["assignedUser"] = nullptr;
  }
  return out;
}

Response Ambiguous(const Request& request, const std::vector<domain::ApiKeyView>& candidates) {
  json::array items;
  for (const auto& candidate : candidates) items.push_back(ApiKeyJson(candidate));
  json::object error{{"code", "ambiguous_key"},
                     {"message",
                      "Several Anthropic API keys share this key's hint; archive or rename the duplicates "
                      "in the Anthropic Console, sync, and paste again"},
                     {"candidates", std::move(items)}};
  return JsonResponse(409, json::object{{"error", std::move(error)}, {"requestId", request.request_id}});
}

}  // namespace

void AddApiKeyRoutes(Router& router, domain::AuthService& auth, domain::ApiKeyService& api_keys) {
  router.Add(Method::kGet, "/api/v1/api-keys",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto params = ReadListParams(request);
               if (!params) return ErrorResponse(request, params.error());
               auto assigned = QueryBool(request, "assigned");
               if (!assigned) return ErrorResponse(request, assigned.error());
               auto registered = QueryBool(request, "registered");
               if (!registered) return ErrorResponse(request, registered.error());
               auto vanished = QueryBool(request, "vanished");
               if (!vanished) return ErrorResponse(request, vanished.error());
               domain::ApiKeyQuery query;
               query.page = *params;
               query.assigned = *assigned;
               query.registered = *registered;
               query.vanished = *vanished;
               auto text = [&](std::string_view name) -> std::optional<std::string> {
                 auto value = request.Query(name);
                 if (!value || value->empty()) return std::nullopt;
                 return std::string(*value);
               };
               query.organization_id = text("organizationId");
               query.workspace_id = text("workspaceId");
               query.status = text("status");
               query.q = text("q");
               return Respond(request, api_keys.List(actor, std::move(query)), 200,
                              [](const auto& page) { return PageJson(page, ApiKeyJson); });
             }));

  router.Add(Method::kPost, "/api/v1/api-keys/register",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto value = RequiredString(*body, "value");
               if (!value) return ErrorResponse(request, value.error());
               auto result = api_keys.Register(actor, *value);
               if (!result) return ErrorResponse(request, result.error());
               if (!result->candidates.empty()) return Ambiguous(request, result->candidates);
               return JsonResponse(200, ApiKeyJson(*result->registered));
             }));

  router.Add(Method::kGet, "/api/v1/api-keys/{id}",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               return Respond(request, api_keys.Get(actor, std::string(request.PathParam("id"))), 200, ApiKeyJson);
             }));

  router.Add(Method::kPost, "/api/v1/api-keys/{id}/archive",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               return Respond(request, api_keys.Archive(actor, std::string(request.PathParam("id"))), 200, ApiKeyJson);
             }));

  router.Add(Method::kPost, "/api/v1/api-keys/{id}/replace",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto value = RequiredString(*body, "value");
               if (!value) return ErrorResponse(request, value.error());
               auto result = api_keys.Replace(actor, std::string(request.PathParam("id")), *value);
               if (!result) return ErrorResponse(request, result.error());
               if (!result->candidates.empty()) return Ambiguous(request, result->candidates);
               return JsonResponse(200, ApiKeyJson(*result->registered));
             }));

  router.Add(Method::kPatch, "/api/v1/api-keys/{id}",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               domain::ApiKeyPatch patch;
               auto name = OptionalString(*body, "name");
               if (!name) return ErrorResponse(request, name.error());
               patch.name = *name;
               auto status = OptionalString(*body, "status");
               if (!status) return ErrorResponse(request, status.error());
               patch.status = *status;
               return Respond(request, api_keys.Update(actor, std::string(request.PathParam("id")), patch), 200,
                              ApiKeyJson);
             }));
}

}  // namespace portal::http
