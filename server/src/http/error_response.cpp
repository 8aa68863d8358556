#include "http/error_response.hpp"

#include <boost/json.hpp>

#include "core/log.hpp"

namespace portal::http {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kUpstream: return 502;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Request& request, const Error& error) { return ErrorResponse(request, error, {}); }

Response ErrorResponse(const Request& request, const Error& error, boost::json::object extra) {
  int status = HttpStatus(error.code);
  if (status >= 500) {
    log::Error("request_failed", {{"request_id", request.request_id},
                                  {"route", request.route},
                                  {"code", ApiCode(error)},
                                  {"detail", error.detail}});
  }
  boost::json::object body;
  boost::json::object fields{{"code", ApiCode(error)}, {"message", error.message}};
  if (!error.field.empty()) fields["details"] = {{"field", error.field}};
  for (auto& [key, value] : extra) fields[key] = std::move(value);
  body["error"] = std::move(fields);
  body["requestId"] = request.request_id;
  auto response = Response::Json(status, boost::json::serialize(body));
  if (error.retry_after_seconds > 0) response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

}  // namespace portal::http
