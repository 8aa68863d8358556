#pragma once
// Reading JSON request bodies with clear 400s (Boost.JSON; not Beast, so handlers may include it).

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace portal::http {

// The body as a JSON object; 400 `invalid_request` for empty, malformed or non-object bodies.
Result<boost::json::object> ParseJsonObject(const Request& request);

// A string field: absent → nullopt (or 400 when required); another type → 400 naming the field.
Result<std::optional<std::string>> OptionalString(const boost::json::object& body, std::string_view field);
Result<std::string> RequiredString(const boost::json::object& body, std::string_view field);
Result<std::optional<bool>> OptionalBool(const boost::json::object& body, std::string_view field);

// JSON text of a value (compact).
std::string ToJson(const boost::json::value& value);
Response JsonResponse(int status, const boost::json::value& value);

}  // namespace portal::http
