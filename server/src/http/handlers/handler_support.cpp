#include "http/handlers/handler_support.hpp"

#include <charconv>

#include "core/clock.hpp"

namespace portal::http {
namespace json = boost::json;

Result<std::string_view> BearerToken(const Request& request) {
  auto header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || !header.starts_with(kBearer)) {
    return Fail(Error::Unauthenticated("log in first: this endpoint needs an access token"));
  }
  return header.substr(kBearer.size());
}

Result<domain::Actor> RequireActor(domain::AuthService& auth, const Request& request) {
  auto token = BearerToken(request);
  if (!token) return Fail(token.error());
  return auth.Authenticate(*token, request.request_id);
}

std::function<Response(Request&)> WithActor(domain::AuthService& auth, ActorHandler handler) {
  return [&auth, handler = std::move(handler)](Request& request) -> Response {
    auto actor = RequireActor(auth, request);
    if (!actor) return ErrorResponse(request, actor.error());
    return handler(request, *actor);
  };
}

json::value ApiKeyBriefJson(const std::optional<domain::ApiKeyBrief>& api_key) {
  if (!api_key) return nullptr;
  return {{"id", api_key->id}, {"name", api_key->name}, {"hint", api_key->hint}, {"status", api_key->status}};
}

void AppendApiKeyBrief(std::string& out, const std::optional<domain::ApiKeyBrief>& api_key) {
  if (!api_key) {
    out += "null";
    return;
  }
  JsonObjectText brief(out);
  brief.String("id", api_key->id).String("name", api_key->name).String("hint", api_key->hint);
  brief.String("status", api_key->status).Close();
}

Result<domain::ListParams> ReadListParams(const Request& request) {
  domain::ListParams params;
  if (auto limit = request.Query("limit")) {
    int value = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || end != limit->data() + limit->size() || value < 1 || value > 500) {
      return Fail(Error::InvalidArgument("limit must be a whole number from 1 to 500"));
    }
    params.limit = value;
  }
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) params.cursor = *cursor;
  return params;
}

Result<std::optional<bool>> QueryBool(const Request& request, std::string_view name) {
  auto value = request.Query(name);
  if (!value) return std::optional<bool>();
  if (*value == "true") return std::optional<bool>(true);
  if (*value == "false") return std::optional<bool>(false);
  return Fail(Error::InvalidArgument(std::string(name) + " must be true or false"));
}

json::value UserJson(const domain::User& user, const std::optional<domain::Organization>& organization,
                     const std::optional<domain::ApiKeyBrief>& api_key) {
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
  out["apiKey"] = ApiKeyBriefJson(api_key);
  out["lastLoginAt"] =
      user.last_login_at ? json::value(FormatRfc3339Millis(*user.last_login_at)) : json::value(nullptr);
  out["mustChangePassword"] = user.must_change_password;
  out["createdAt"] = FormatRfc3339Millis(user.created_at);
  return out;
}

}  // namespace portal::http
