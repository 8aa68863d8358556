// The Anthropic connection (API.md "Anthropic connection"): the admin key is verified before it
// is saved and only ever shown masked.
#include "http/handlers/anthropic_settings_handlers.hpp"

#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value SettingsJson(const domain::AnthropicSettingsView& view) {
  json::object out{{"configured", view.configured}, {"baseUrl", view.base_url}};
  out["adminKeyHint"] = view.configured ? json::value(view.admin_key_hint) : json::value(nullptr);
  if (view.organization) {
    out["organization"] = json::object{{"id", view.organization->id}, {"name", view.organization->name}};
  } else {
    out["organization"] = nullptr;
  }
  return out;
}

}  // namespace

void AddAnthropicSettingsRoutes(Router& router, domain::AuthService& auth, domain::AnthropicConnection& connection) {
  router.Add(Method::kGet, "/api/v1/settings/anthropic",
             WithActor(auth, [&connection](Request& request, const domain::Actor& actor) {
               return Respond(request, connection.Get(actor), 200, SettingsJson);
             }));
  router.Add(Method::kPut, "/api/v1/settings/anthropic",
             WithActor(auth, [&connection](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto key = RequiredString(*body, "adminKey");
               if (!key) return ErrorResponse(request, key.error());
               auto base_url = OptionalString(*body, "baseUrl");
               if (!base_url) return ErrorResponse(request, base_url.error());
               return Respond(request, connection.Put(actor, *key, *base_url), 200, SettingsJson);
             }));
}

}  // namespace portal::http
