// Setup, login, refresh, logout, /me and password change (API.md "Setup and session").
#include "http/handlers/session_handlers.hpp"

#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

constexpr std::string_view kRefreshCookie = "portal_refresh";
constexpr std::string_view kRefreshCookiePath = "/api/v1/auth";

std::string RefreshCookie(const std::string& token, std::int64_t max_age, bool secure) {
  std::string cookie = std::string(kRefreshCookie) + "=" + token + "; Path=" + std::string(kRefreshCookiePath) +
                       "; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

// A request authenticated by the refresh cookie must also carry a header a cross-site form
// cannot set (CSRF).
bool HasCsrfHeader(const Request& request) { return !request.Header("x-requested-with").empty(); }

Result<std::string> ClientKind(const json::object& body) {
  auto client = OptionalString(body, "client");
  if (!client) return Fail(client.error());
  std::string kind = client->value_or("web");
  if (kind != "web" && kind != "cli") return Fail(Error::InvalidArgument("field 'client' must be \"web\" or \"cli\""));
  return kind;
}

Response TokenResponse(const Request& request, domain::AuthService& auth, const domain::TokenPair& pair,
                       const std::string& client, int status, bool secure_cookies) {
  auto profile = auth.GetProfile(pair.user.id);
  if (!profile) return ErrorResponse(request, profile.error());
  json::object out;
  out["accessToken"] = pair.access_token;
  out["expiresIn"] = pair.expires_in;
  out["tokenType"] = "Bearer";
  out["user"] = UserJson(profile->user, profile->organization, profile->api_key);
  if (client == "cli") out["refreshToken"] = pair.refresh_token;
  auto response = JsonResponse(status, out);
  if (client == "web") {
    response.SetHeader("Set-Cookie", RefreshCookie(pair.refresh_token, 30LL * 24 * 3600, secure_cookies));
  }
  return response;
}

}  // namespace

void AddSessionRoutes(Router& router, domain::AuthService& auth, domain::SetupService& setup,
                      const SessionRouteOptions& options) {
  router.Add(Method::kGet, "/api/v1/setup", [&setup, options](Request& request) {
    auto state = setup.State();
    if (!state) return ErrorResponse(request, state.error());
    json::object out{
        {"needed", state->needed}, {"anthropicConfigured", state->anthropic_configured}, {"demo", options.demo}};
    return JsonResponse(200, out);
  });

  router.Add(
      Method::kPost, "/api/v1/setup",
      [&auth, &setup, options](Request& request) {
        auto body = ParseJsonObject(request);
        if (!body) return ErrorResponse(request, body.error());
        auto name = RequiredString(*body, "name");
        if (!name) return ErrorResponse(request, name.error());
        auto email = RequiredString(*body, "email");
        if (!email) return ErrorResponse(request, email.error());
        auto password = RequiredString(*body, "password");
        if (!password) return ErrorResponse(request, password.error());
        auto admin_key = OptionalString(*body, "anthropicAdminKey");
        if (!admin_key) return ErrorResponse(request, admin_key.error());
        auto client = ClientKind(*body);
        if (!client) return ErrorResponse(request, client.error());
        auto pair = setup.Run({*name, *email, *password, *admin_key, *client, request.request_id});
        if (!pair) return ErrorResponse(request, pair.error());
        return TokenResponse(request, auth, *pair, *client, 201, options.secure_cookies);
      },
      Dispatch::kHeavy);

  router.Add(
      Method::kPost, "/api/v1/auth/login",
      [&auth, options](Request& request) {
        auto body = ParseJsonObject(request);
        if (!body) return ErrorResponse(request, body.error());
        auto email = RequiredString(*body, "email");
        if (!email) return ErrorResponse(request, email.error());
        auto password = RequiredString(*body, "password");
        if (!password) return ErrorResponse(request, password.error());
        auto client = ClientKind(*body);
        if (!client) return ErrorResponse(request, client.error());
        domain::LoginInput input{*email, *password, *client, request.remote_address, request.request_id};
        auto pair = auth.Login(input);
        if (!pair) return ErrorResponse(request, pair.error());
        return TokenResponse(request, auth, *pair, *client, 200, options.secure_cookies);
      },
      Dispatch::kHeavy);

  router.Add(Method::kPost, "/api/v1/auth/refresh", [&auth, options](Request& request) {
    std::string token;
    std::string client = "cli";
    if (!request.body.empty()) {
      auto body = ParseJsonObject(request);
      if (!body) return ErrorResponse(request, body.error());
      auto from_body = OptionalString(*body, "refreshToken");
      if (!from_body) return ErrorResponse(request, from_body.error());
      if (*from_body) token = **from_body;
    }
    if (token.empty()) {
      auto cookie = request.Cookie(kRefreshCookie);
      if (cookie) {
        if (!HasCsrfHeader(request)) {
          return ErrorResponse(request,
                               Error::Forbidden("missing X-Requested-With header").WithApiCode("csrf_check_failed"));
        }
        token = *cookie;
        client = "web";
      }
    }
    auto pair = auth.Refresh(token, request.request_id);
    if (!pair) {
      auto response = ErrorResponse(request, pair.error());
      if (client == "web") response.SetHeader("Set-Cookie", RefreshCookie("", 0, options.secure_cookies));
      return response;
    }
    return TokenResponse(request, auth, *pair, client, 200, options.secure_cookies);
  });

  router.Add(Method::kPost, "/api/v1/auth/logout", [&auth, options](Request& request) {
    std::optional<domain::Actor> actor;
    if (auto verified = RequireActor(auth, request)) actor = std::move(*verified);
    std::optional<std::string> token;
    if (!actor) {
      if (!request.body.empty()) {
        auto body = ParseJsonObject(request);
        if (!body) return ErrorResponse(request, body.error());
        auto from_body = OptionalString(*body, "refreshToken");
        if (!from_body) return ErrorResponse(request, from_body.error());
        token = *from_body;
      }
      if (!token) {
        token = request.Cookie(kRefreshCookie);
        if (token && !HasCsrfHeader(request)) {
          return ErrorResponse(request,
                               Error::Forbidden("missing X-Requested-With header").WithApiCode("csrf_check_failed"));
        }
      }
    }
    auto done = auth.Logout(actor, token, request.request_id);
    if (!done) return ErrorResponse(request, done.error());
    auto response = Response::NoContent();
    response.SetHeader("Set-Cookie", RefreshCookie("", 0, options.secure_cookies));
    return response;
  });

  // Authenticates and loads the profile in one database round (the hottest endpoint).
  router.Add(
      Method::kGet, "/api/v1/me",
      [&auth](Request& request) {
        auto token = BearerToken(request);
        if (!token) return ErrorResponse(request, token.error());
        domain::Profile profile;
        auto actor = auth.Authenticate(*token, request.request_id, &profile);
        if (!actor) return ErrorResponse(request, actor.error());
        return JsonResponse(200, UserJson(profile.user, profile.organization, profile.api_key));
      },
      Dispatch::kRead);

  router.Add(Method::kPost, "/api/v1/me/password",
             WithActor(auth,
                       [&auth](Request& request, const domain::Actor& actor) {
                         auto body = ParseJsonObject(request);
                         if (!body) return ErrorResponse(request, body.error());
                         auto current = RequiredString(*body, "currentPassword");
                         if (!current) return ErrorResponse(request, current.error());
                         auto next = RequiredString(*body, "newPassword");
                         if (!next) return ErrorResponse(request, next.error());
                         auto done = auth.ChangePassword(actor, *current, *next);
                         if (!done) return ErrorResponse(request, done.error());
                         return Response::NoContent();
                       }),
             Dispatch::kHeavy);
}

}  // namespace portal::http
