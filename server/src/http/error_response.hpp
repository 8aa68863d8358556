#pragma once
// The one place an Error becomes an HTTP response (API.md error shape):
//   {"error": {"code": "snake_case", "message": "human text"}, "requestId": "…"}
// 5xx details go to the log with the request id, never to the client.

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace portal::http {

// The HTTP status that belongs to an error code.
int HttpStatus(ErrorCode code);

Response ErrorResponse(const Request& request, const Error& error);
// The same with `extra` members in the error object: a handler's rendering of what the error
// names by id (the candidates of an ambiguous match as full objects, say).
Response ErrorResponse(const Request& request, const Error& error, boost::json::object extra);

}  // namespace portal::http
