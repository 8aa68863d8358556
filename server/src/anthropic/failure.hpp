#pragma once
// How a call to Anthropic that failed becomes the Error an admin reads (pure functions: the client
// calls them, and their tests need no transport). The message says what happened in the admin's
// words; Anthropic's own text is added only where it tells the admin what to change (a 4xx the
// request caused: 400/422, 403, 404, 409), cut to 300 characters and with every secret redacted; a
// business error code (error.details.error_code) the portal knows replaces it with the portal's
// sentence. Everything else — 5xx bodies, request ids, retries — goes to Error::detail (the log).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "anthropic/retry_policy.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace portal::anthropic {

// The api_code prefix of Anthropic's business error codes ("anthropic_" + error_code).
inline constexpr std::string_view kBusinessCodePrefix = "anthropic_";

// An Error with its specific api code.
Error AnthropicError(ErrorCode code, std::string api_code, std::string message);
// " (retried N times)", or nothing.
std::string RetriedSuffix(int retries);
// `text` with the admin key, `extra_secret` and any other full-looking Anthropic key redacted
// (hints such as "sk-ant-api03-R2D...igAA" stay).
std::string RedactSecrets(std::string text, std::string_view admin_key, std::string_view extra_secret = {});

// What a failed call ended with.
struct FailedCall {
  std::string_view method;
  std::string_view path;  // without the query
  bool with_admin_key = true;
  std::string_view admin_key;
  std::string_view checked_key;  // the key value CheckApiKey presented (redacted too), or empty
  const Outcome& outcome;        // the last transport error, or a non-2xx answer
  int retries = 0;
  std::optional<std::chrono::milliseconds> refused_wait;  // the server wanted a longer wait than allowed
  TimePoint now;
};

Error MapCallFailure(const FailedCall& call);

}  // namespace portal::anthropic
