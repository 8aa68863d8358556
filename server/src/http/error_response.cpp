#include "http/error_response.hpp"

#include <boost/json.hpp>

#include "core/log.hpp"

namespace portal::http {

Response ErrorResponse(const Request& request, const Error& error) {
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
  body["error"] = std::move(fields);
  body["requestId"] = request.request_id;
  auto response = Response::Json(status, boost::json::serialize(body));
  if (error.retry_after_seconds > 0) response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

}  // namespace portal::http
