#include "anthropic/failure.hpp"

#include <cctype>
#include <cmath>

#include "anthropic/json_codec.hpp"

namespace portal::anthropic {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kMaxUpstreamMessage = 300;

// Anthropic's business error codes (error.details.error_code) the portal names for an admin:
// api_code kBusinessCodePrefix + code, and the message (the status still decides the ErrorCode).
struct KnownErrorCode {
  std::string_view code;
  std::string_view message;
};

constexpr KnownErrorCode kKnownErrorCodes[] = {
    {"already_member", "this email address already belongs to a member of the Anthropic organization"},
    {"invite_already_exists", "a pending invitation already exists for this email address"},
    {"cannot_remove_last_member", "the Anthropic organization's only member cannot be removed"},
    {"concurrent_membership_change", "another change to this member is in progress at Anthropic; try again"},
    {"org_member_limit_exceeded", "the Anthropic organization has reached its member limit (pending invites count)"},
    {"workspace_member_limit_exceeded", "the workspace has reached its member limit"},
    {"email_domain_not_allowed", "Anthropic does not allow invitations to this email domain"},
    {"cannot_invite_emails_with_unverified_domains", "Anthropic only invites addresses of verified domains"},
    {"org_api_key_limit_exceeded", "the Anthropic organization already has its maximum number of active API keys"},
    {"workspace_api_key_limit_exceeded", "the workspace already has its maximum number of active API keys"},
    {"workspace_created_incomplete", "Anthropic created the workspace but did not finish setting it up"},
    {"change_outcome_unknown", "Anthropic could not confirm the change; it may not have been applied"},
    {"sandbox_egress_restricted", "Anthropic refuses Admin API requests from this network"},
    {"spend_limits_admin_api_writes_not_enabled",
     "this Anthropic organization cannot manage spend limits through the Admin API; use the Anthropic Console"},
    {"organization_type_not_supported", "this kind of Anthropic organization does not support the request"},
    {"user_profile_not_found", "Anthropic does not know this user profile"},
    {"workspace_policy_violation", "the request breaks the organization's workspace policy at Anthropic"},
    {"storage_attached_during_archive", "storage was attached to the workspace while it was being archived; try again"},
};

const KnownErrorCode* FindKnownErrorCode(std::string_view code) {
  for (const auto& known : kKnownErrorCodes) {
    if (known.code == code) return &known;
  }
  return nullptr;
}

}  // namespace

Error AnthropicError(ErrorCode code, std::string api_code, std::string message) {
  Error error{code, std::move(message)};
  error.api_code = std::move(api_code);
  return error;
}

std::string RetriedSuffix(int retries) {
  if (retries <= 0) return "";
  return " (retried " + std::to_string(retries) + (retries == 1 ? " time)" : " times)");
}

std::string RedactSecrets(std::string text, std::string_view admin_key, std::string_view extra_secret) {
  auto scrub = [&text](std::string_view secret) {
    if (secret.size() < 4) return;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), "[redacted]");
    }
  };
  scrub(admin_key);
  scrub(extra_secret);
  // Any other full-looking Anthropic key: keep the prefix, drop the rest.
  constexpr std::string_view kPrefix = "sk-ant-";
  for (auto pos = text.find(kPrefix); pos != std::string::npos; pos = text.find(kPrefix, pos + kPrefix.size())) {
    std::size_t end = pos + kPrefix.size();
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' || text[end] == '_')) {
      ++end;
    }
    // Hints such as "sk-ant-api03-R2D...igAA" stop at the dots and are short: leave them.
    if (end - pos > 24) text.replace(pos, end - pos, "sk-ant-[redacted]");
  }
  return text;
}

Error MapCallFailure(const FailedCall& call) {
  std::string where = "anthropic " + std::string(call.method) + " " + std::string(call.path) + ": ";
  const std::string retried = RetriedSuffix(call.retries);

  if (!call.outcome) {
    const TransportError& failure = call.outcome.error();
    Error error;
    switch (failure.kind) {
      case TransportFailure::kConnect:
        error = AnthropicError(ErrorCode::kUnavailable, "anthropic_unreachable",
                               "could not connect to Anthropic" + retried);
        break;
      case TransportFailure::kTimeout:
        error =
            AnthropicError(ErrorCode::kUnavailable, "anthropic_timeout", "Anthropic did not answer in time" + retried);
        break;
      case TransportFailure::kReset:
        error = AnthropicError(ErrorCode::kUnavailable, "anthropic_connection_lost",
                               "the connection to Anthropic broke off" + retried);
        break;
      case TransportFailure::kTls:
        error =
            AnthropicError(ErrorCode::kUpstream, "anthropic_tls", "Anthropic's TLS certificate could not be verified");
        break;
      case TransportFailure::kCancelled:
        error = AnthropicError(ErrorCode::kUnavailable, "portal_stopping",
                               "the portal is stopping; the call to Anthropic was abandoned");
        break;
      case TransportFailure::kOther:
        error = AnthropicError(ErrorCode::kUpstream, "anthropic_request_failed",
                               "the request to Anthropic could not be made");
        break;
    }
    error.detail = RedactSecrets(where + failure.detail + " after " + std::to_string(call.retries) + " retries",
                                 call.admin_key, call.checked_key);
    return error;
  }

  const HttpResponse& response = *call.outcome;
  const int status = response.status;
  const auto body = ParseErrorBody(response.body);
  std::string upstream_message =
      body ? RedactSecrets(body->message.substr(0, kMaxUpstreamMessage), call.admin_key, call.checked_key)
           : std::string();
  auto with_upstream = [&upstream_message](const std::string& message) {
    return upstream_message.empty() ? message : message + ": " + upstream_message;
  };
  const std::string key_name = call.with_admin_key ? "the admin key" : "the key";

  Error error;
  if (status == 400 || status == 422) {
    error = AnthropicError(ErrorCode::kInvalidArgument, "anthropic_invalid_request",
                           with_upstream("Anthropic rejected the request"));
  } else if (status == 401) {
    error = AnthropicError(ErrorCode::kUpstream, "anthropic_auth_failed", key_name + " was rejected by Anthropic");
  } else if (status == 402) {
    error = AnthropicError(ErrorCode::kUpstream, "anthropic_billing",
                           "Anthropic reported a billing problem with the organization");
  } else if (status == 403) {
    error = AnthropicError(ErrorCode::kForbidden, "anthropic_permission_denied",
                           with_upstream(key_name + " is not allowed to do this at Anthropic"));
  } else if (status == 404) {
    error = AnthropicError(ErrorCode::kNotFound, "anthropic_not_found", with_upstream("not found at Anthropic"));
  } else if (status == 409) {
    error = AnthropicError(ErrorCode::kConflict, "anthropic_conflict",
                           with_upstream("Anthropic reported a conflict") + retried);
  } else if (status == 413) {
    error =
        AnthropicError(ErrorCode::kPayloadTooLarge, "anthropic_too_large", "the request was too large for Anthropic");
  } else if (status == 429) {
    error = AnthropicError(ErrorCode::kRateLimited, "anthropic_rate_limited",
                           "Anthropic rate-limited the portal" + retried);
  } else if (status == 529) {
    error = AnthropicError(ErrorCode::kUnavailable, "anthropic_overloaded",
                           "Anthropic is overloaded (retried " + std::to_string(call.retries) +
                               (call.retries == 1 ? " time)" : " times)"));
  } else if (status == 408 || status == 504) {
    error = AnthropicError(ErrorCode::kUnavailable, "anthropic_timeout", "Anthropic did not answer in time" + retried);
  } else if (status >= 500) {
    error = AnthropicError(ErrorCode::kUpstream, "anthropic_server_error",
                           "Anthropic had an internal error (HTTP " + std::to_string(status) + ")" + retried);
  } else {
    error = AnthropicError(ErrorCode::kUpstream, "anthropic_unexpected_status",
                           "Anthropic answered with an unexpected HTTP " + std::to_string(status));
  }

  if (body && body->error_code) {
    if (const auto* known = FindKnownErrorCode(*body->error_code)) {
      error.api_code = std::string(kBusinessCodePrefix).append(known->code);
      error.message = std::string(known->message);
    }
  }

  if (auto wait = call.refused_wait ? call.refused_wait : ServerRequestedWait(response, call.now)) {
    error.retry_after_seconds = static_cast<int>(std::ceil(static_cast<double>(wait->count()) / 1000.0));
    if (call.refused_wait) {
      error.message += "; Anthropic asked to wait " + std::to_string(error.retry_after_seconds) + " s before retrying";
    }
  }

  std::string request_id;
  if (body && body->request_id) request_id = *body->request_id;
  if (request_id.empty()) request_id = std::string(response.Header("request-id").value_or(""));
  error.detail =
      RedactSecrets(where + "HTTP " + std::to_string(status) + " " + (body ? body->type : "(no error body)") +
                        (body && body->error_code ? " error_code=" + *body->error_code : "") +
                        (upstream_message.empty() ? "" : " \"" + upstream_message + "\"") + " request-id=" +
                        (request_id.empty() ? "-" : request_id) + " after " + std::to_string(call.retries) + " retries",
                    call.admin_key, call.checked_key);
  return error;
}

}  // namespace portal::anthropic
