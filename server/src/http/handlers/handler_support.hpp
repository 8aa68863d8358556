#pragma once
// Small helpers every handler file uses (not Beast; Boost.JSON only).

#include <boost/json.hpp>
#include <functional>

#include "domain/auth_service.hpp"
#include "domain/key_brief.hpp"
#include "domain/policy.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
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
boost::json::value ApiKeyBriefJson(const std::optional<domain::ApiKeyBrief>& api_key,
                                   boost::json::storage_ptr storage = {});

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

// A page as PageJson renders it, answered 200, for a list whose rows render themselves into the
// storage given (`item_json(item, storage)`): every value of the page lives in one monotonic
// buffer, released at once after serialising, instead of a few allocations per row.
template <typename T, typename F>
Response RespondPage(const Request& request, const Result<domain::Page<T>>& result, F&& item_json) {
  if (!result) return ErrorResponse(request, result.error());
  unsigned char buffer[16 * 1024];
  boost::json::monotonic_resource resource(buffer, sizeof buffer);
  boost::json::storage_ptr storage(&resource);
  boost::json::array items(storage);
  items.reserve(result->items.size());
  for (const auto& item : result->items) items.push_back(item_json(item, storage));
  boost::json::object out({{"items", std::move(items)},
                           {"nextCursor", result->next_cursor ? boost::json::value_ref(*result->next_cursor)
                                                              : boost::json::value_ref(nullptr)},
                           {"total", result->total},
                           {"totalExact", result->total_exact}},
                          0, storage);
  return JsonResponse(200, out);
}

}  // namespace portal::http
