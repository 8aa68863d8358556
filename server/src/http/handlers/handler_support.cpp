#include "http/handlers/handler_support.hpp"

#include "core/clock.hpp"

namespace portal::http {
namespace json = boost::json;

Result<domain::Actor> RequireActor(domain::AuthService& auth, const Request& request) {
  auto header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || !header.starts_with(kBearer)) {
    return Fail(Error::Unauthenticated("log in first: this endpoint needs an access token"));
  }
  return auth.Authenticate(header.substr(kBearer.size()), request.request_id);
}

std::function<Response(Request&)> WithActor(domain::AuthService& auth, ActorHandler handler) {
  return [&auth, handler = std::move(handler)](Request& request) -> Response {
    auto actor = RequireActor(auth, request);
    if (!actor) return ErrorResponse(request, actor.error());
    return handler(request, *actor);
  };
}

json::value UserJson(const domain::User& user, const std::optional<domain::Organization>& organization) {
  json::object out;
  out["id"] = user.id;
  out["name"] = user.name;
  out["email"] = user.email;
  out["role"] = std::string(domain::ToString(user.role));
  out["status"] = std::string(domain::ToString(user.status));
  if (organization) {
    out["organization"] = {{"id", organization->id}, {"name", organization->name}};
  } else {
    out["organization"] = nullptr;
  }
  out["apiKey"] = nullptr;  // keys arrive with the core (issue 4)
  out["lastLoginAt"] = user.last_login_at ? json::value(FormatRfc3339Millis(*user.last_login_at)) : json::value(nullptr);
  out["createdAt"] = FormatRfc3339Millis(user.created_at);
  return out;
}

}  // namespace portal::http
