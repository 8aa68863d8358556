#include "http/json_body.hpp"

namespace portal::http {
namespace json = boost::json;

Result<json::object> ParseJsonObject(const Request& request) {
  if (request.body.empty()) return Fail(Error::InvalidArgument("the request body must be a JSON object"));
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 32;
  auto value = json::parse(request.body, ec, {}, options);
  if (ec) return Fail(Error::InvalidArgument("the request body is not valid JSON"));
  if (!value.is_object()) return Fail(Error::InvalidArgument("the request body must be a JSON object"));
  return std::move(value.as_object());
}

Result<std::optional<std::string>> OptionalString(const json::object& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::optional<std::string>{};
  if (!it->value().is_string()) {
    return Fail(Error::InvalidArgument("field '" + std::string(field) + "' must be a string"));
  }
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::string> RequiredString(const json::object& body, std::string_view field) {
  auto value = OptionalString(body, field);
  if (!value) return Fail(value.error());
  if (!*value) return Fail(Error::InvalidArgument("field '" + std::string(field) + "' is required"));
  return std::move(**value);
}

Result<std::optional<bool>> OptionalBool(const json::object& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::optional<bool>{};
  if (!it->value().is_bool()) {
    return Fail(Error::InvalidArgument("field '" + std::string(field) + "' must be true or false"));
  }
  return std::optional<bool>(it->value().as_bool());
}

std::string ToJson(const json::value& value) { return json::serialize(value); }

Response JsonResponse(int status, const json::value& value) { return Response::Json(status, json::serialize(value)); }

}  // namespace portal::http
