#pragma once
// Expected failures are values: Result<T> = std::expected<T, Error>.
// Error::message is safe to show to a client; Error::detail is for the log only.
// Neither may ever contain a secret (passwords, tokens, key values).

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal {

enum class ErrorCode {
  kInvalidArgument,  // 400 invalid_request
  kUnauthenticated,  // 401 unauthenticated
  kForbidden,        // 403 forbidden
  kNotFound,         // 404 not_found
  kConflict,         // 409 conflict
  kPayloadTooLarge,  // 413 payload_too_large
  kRateLimited,      // 429 rate_limited
  kUnavailable,      // 503 upstream_unavailable (or a local resource is exhausted)
  kUpstream,         // 502 upstream_unavailable
  kInternal,         // 500 internal
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // for the client
  std::string detail;   // for the log
  // A more specific snake_case code for the API (e.g. "no_matching_key"); empty = derive from code.
  std::string api_code;
  // Seconds a client should wait before retrying (429/503); 0 = not set.
  int retry_after_seconds = 0;
  // The request field the error is about ("email", "name"), so that a form shows it there; empty
  // when it concerns no single field. Rendered as error.details.field.
  std::string field;
  // The ids of the objects an ambiguous request could mean (several API keys sharing a hint);
  // the HTTP layer renders them.
  std::vector<std::string> candidates;

  static Error InvalidArgument(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }
  static Error Unauthenticated(std::string message = "authentication required") {
    return {ErrorCode::kUnauthenticated, std::move(message)};
  }
  static Error Forbidden(std::string message = "not allowed") { return {ErrorCode::kForbidden, std::move(message)}; }
  static Error NotFound(std::string message = "not found") { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message)}; }
  static Error Internal(std::string detail) { return {ErrorCode::kInternal, "internal error", std::move(detail)}; }

  Error&& WithApiCode(std::string api) && {
    api_code = std::move(api);
    return std::move(*this);
  }
  Error&& WithDetail(std::string text) && {
    detail = std::move(text);
    return std::move(*this);
  }
  Error&& WithField(std::string name) && {
    field = std::move(name);
    return std::move(*this);
  }
  Error&& WithCandidates(std::vector<std::string> ids) && {
    candidates = std::move(ids);
    return std::move(*this);
  }
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error error) { return std::unexpected<Error>(std::move(error)); }

// The snake_case code API.md uses for an error code (api_code wins when set).
std::string_view ApiCode(const Error& error);
std::string_view ToString(ErrorCode code);

}  // namespace portal
