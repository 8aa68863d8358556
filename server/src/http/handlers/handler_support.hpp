#pragma once
// Small helpers every handler file uses (not Beast; Boost.JSON only).

#include <boost/json.hpp>
#include <functional>

#include "domain/auth_service.hpp"
#include "domain/policy.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"

namespace portal::http {

// Verifies the Bearer token of a request (401 otherwise).
Result<domain::Actor> RequireActor(domain::AuthService& auth, const Request& request);

// Wraps a handler that needs a logged-in caller.
using ActorHandler = std::function<Response(Request&, const domain::Actor&)>;
std::function<Response(Request&)> WithActor(domain::AuthService& auth, ActorHandler handler);

// Turns a Result into a response: the value via `to_json` on success, the error otherwise.
template <typename T, typename F>
Response Respond(const Request& request, const Result<T>& result, int status, F&& to_json) {
  if (!result) return ErrorResponse(request, result.error());
  return JsonResponse(status, to_json(*result));
}

boost::json::value UserJson(const domain::User& user, const std::optional<domain::Organization>& organization);

}  // namespace portal::http
