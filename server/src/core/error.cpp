#include "core/error.hpp"

namespace portal {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_request";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "upstream_unavailable";
    case ErrorCode::kUpstream: return "upstream_unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string_view ApiCode(const Error& error) {
  if (!error.api_code.empty()) return error.api_code;
  return ToString(error.code);
}

}  // namespace portal
