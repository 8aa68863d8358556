#pragma once
// Small helpers every handler file uses (not Beast; Boost.JSON only).

#include <boost/json.hpp>
#include <functional>

#include "domain/auth_service.hpp"
#include "domain/key_brief.hpp"
#include "domain/policy.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/json_text.hpp"
#include "http/message.hpp"

namespace portal::http {

// The token of an `Authorization: Bearer …` header (401 when absent).
Result<std::string_view> BearerToken(const Request& request);
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

boost::json::value UserJson(const domain::User& user, const std::optional<domain::Organization>& organization,
                            const std::optional<domain::ApiKeyBrief>& api_key = std::nullopt);

// {id, name, hint, status} or null: a user's key as every view shows it (never the secret).
boost::json::value ApiKeyBriefJson(const std::optional<domain::ApiKeyBrief>& api_key);
// The same, appended to `out` as JSON text.
void AppendApiKeyBrief(std::string& out, const std::optional<domain::ApiKeyBrief>& api_key);

// `limit` (1–500, default 50) and `cursor` query parameters; 400 for a bad limit.
Result<domain::ListParams> ReadListParams(const Request& request);
// A boolean query parameter ("true"/"false"); absent → nullopt; anything else → 400.
Result<std::optional<bool>> QueryBool(const Request& request, std::string_view name);

// {"items": [...], "nextCursor": …, "total": N, "totalExact": bool} (false: N or more)
template <typename T, typename F>
boost::json::value PageJson(const domain::Page<T>& page, F&& item_json) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(item_json(item));
  boost::json::object out;
  out["items"] = std::move(items);
  out["nextCursor"] = page.next_cursor ? boost::json::value(*page.next_cursor) : boost::json::value(nullptr);
  out["total"] = page.total;
  out["totalExact"] = page.total_exact;
  return out;
}

// A page as PageJson renders it, answered 200, for a list whose rows write themselves as JSON
// text (`append_item(body, item)`): the body is written once, with no JSON values built for it.
template <typename T, typename F>
Response RespondPage(const Request& request, const Result<domain::Page<T>>& result, F&& append_item) {
  if (!result) return ErrorResponse(request, result.error());
  std::string body;
  body.reserve(128 + 384 * result->items.size());
  JsonObjectText page(body);
  std::string& items = page.Member("items");
  items.push_back('[');
  for (std::size_t i = 0; i < result->items.size(); ++i) {
    if (i > 0) items.push_back(',');
    append_item(items, result->items[i]);
  }
  items.push_back(']');
  page.NullableString("nextCursor", result->next_cursor)
      .Int("total", result->total)
      .Bool("totalExact", result->total_exact);
  page.Close();
  return Response::Json(200, std::move(body));
}

}  // namespace portal::http
