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
                   {"workspaceName", OptionalJson(view.workspace_name)},
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

// A registered (or replacing) key, or the error; an ambiguous match (409 ambiguous_key) lists its
// candidates as keys (AmbiguousKeyError).
Response KeyOrError(const Request& request, const domain::Actor& actor, domain::ApiKeyService& api_keys,
                    const Result<domain::ApiKeyView>& result) {
  if (result) return JsonResponse(200, ApiKeyJson(*result));
  const Error& error = result.error();
  if (error.candidates.empty()) return ErrorResponse(request, error);
  json::array candidates;
  for (const auto& id : error.candidates) {
    if (auto view = api_keys.Get(actor, id)) candidates.push_back(ApiKeyJson(*view));
  }
  return ErrorResponse(request, error, {{"candidates", std::move(candidates)}});
}

}  // namespace

void AddApiKeyRoutes(Router& router, domain::AuthService& auth, domain::ApiKeyService& api_keys) {
  router.Add(Method::kGet, "/api/v1/api-keys",
             WithActor(auth,
                       [&api_keys](Request& request, const domain::Actor& actor) {
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
                       }),
             Dispatch::kPage);

  router.Add(Method::kPost, "/api/v1/api-keys/register",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto value = RequiredString(*body, "value");
               if (!value) return ErrorResponse(request, value.error());
               return KeyOrError(request, actor, api_keys, api_keys.Register(actor, *value));
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
               return KeyOrError(request, actor, api_keys,
                                 api_keys.Replace(actor, std::string(request.PathParam("id")), *value));
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
