// MapCallFailure: what an admin reads for each way a call to Anthropic can fail, without a
// transport (the client's tests cover the calls themselves).
#include "anthropic/failure.hpp"

#include <gtest/gtest.h>

#include <string>

namespace portal::anthropic {
namespace {

constexpr std::string_view kAdminKey = "sk-ant-admin01-SECRETSECRETSECRETSECRETSECRETSECRETSECRET-AAAA";

HttpResponse Answer(int status, std::string body = "", Headers headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

std::string ErrorBody(std::string_view type, std::string_view message, std::string_view error_code = "") {
  std::string details = error_code.empty() ? "" : R"(,"details":{"error_code":")" + std::string(error_code) + "\"}";
  return R"({"type":"error","error":{"type":")" + std::string(type) + R"(","message":")" + std::string(message) + "\"" +
         details + R"(},"request_id":"req_011"})";
}

Error Map(const Outcome& outcome, int retries = 0, bool with_admin_key = true, std::string_view checked = {}) {
  return MapCallFailure({.method = "GET",
                         .path = "/v1/organizations/api_keys",
                         .with_admin_key = with_admin_key,
                         .admin_key = kAdminKey,
                         .checked_key = checked,
                         .outcome = outcome,
                         .retries = retries,
                         .refused_wait = std::nullopt,
                         .now = TimePoint{}});
}

TEST(MapCallFailure, EachStatusHasItsCodeAndAnAdminsSentence) {
  struct Case {
    int status;
    ErrorCode code;
    std::string_view api_code;
  };
  const Case cases[] = {
      {400, ErrorCode::kInvalidArgument, "anthropic_invalid_request"},
      {401, ErrorCode::kUpstream, "anthropic_auth_failed"},
      {402, ErrorCode::kUpstream, "anthropic_billing"},
      {403, ErrorCode::kForbidden, "anthropic_permission_denied"},
      {404, ErrorCode::kNotFound, "anthropic_not_found"},
      {409, ErrorCode::kConflict, "anthropic_conflict"},
      {413, ErrorCode::kPayloadTooLarge, "anthropic_too_large"},
      {422, ErrorCode::kInvalidArgument, "anthropic_invalid_request"},
      {429, ErrorCode::kRateLimited, "anthropic_rate_limited"},
      {500, ErrorCode::kUpstream, "anthropic_server_error"},
      {504, ErrorCode::kUnavailable, "anthropic_timeout"},
      {529, ErrorCode::kUnavailable, "anthropic_overloaded"},
      {302, ErrorCode::kUpstream, "anthropic_unexpected_status"},
  };
  for (const auto& c : cases) {
    const Outcome outcome = Answer(c.status, ErrorBody("some_error", "upstream words"));
    Error error = Map(outcome);
    EXPECT_EQ(error.code, c.code) << c.status;
    EXPECT_EQ(error.api_code, c.api_code) << c.status;
    EXPECT_FALSE(error.message.empty()) << c.status;
    EXPECT_NE(error.detail.find("HTTP " + std::to_string(c.status)), std::string::npos) << error.detail;
    EXPECT_NE(error.detail.find("request-id=req_011"), std::string::npos) << error.detail;
  }
}

TEST(MapCallFailure, AnthropicsTextIsShownOnlyWhereItTellsTheAdminWhatToChange) {
  for (int status : {400, 403, 404, 409, 422}) {
    const Outcome outcome = Answer(status, ErrorBody("invalid_request_error", "name: too long"));
    EXPECT_NE(Map(outcome).message.find("name: too long"), std::string::npos) << status;
  }
  for (int status : {401, 429, 500, 529}) {
    const Outcome outcome = Answer(status, ErrorBody("api_error", "internal trace 0xdeadbeef"));
    Error error = Map(outcome);
    EXPECT_EQ(error.message.find("0xdeadbeef"), std::string::npos) << status << ": " << error.message;
    EXPECT_NE(error.detail.find("0xdeadbeef"), std::string::npos) << "kept for the log";
  }
  // Cut to 300 characters.
  const Outcome longer = Answer(400, ErrorBody("invalid_request_error", std::string(1000, 'x')));
  EXPECT_LT(Map(longer).message.size(), 400u);
}

TEST(MapCallFailure, NoSecretReachesTheMessageOrTheLog) {
  const std::string checked = "sk-ant-api03-" + std::string(80, 'C') + "AA";
  const std::string other = "sk-ant-api03-" + std::string(80, 'O') + "AA";
  const Outcome outcome = Answer(400, ErrorBody("invalid_request_error", std::string(kAdminKey) + " " + checked + " " +
                                                                             other + " sk-ant-api03-R2D...igAA"));
  Error error = Map(outcome, 0, false, checked);
  for (const std::string& text : {error.message, error.detail}) {
    EXPECT_EQ(text.find(kAdminKey), std::string::npos) << text;
    EXPECT_EQ(text.find(checked), std::string::npos) << text;
    EXPECT_EQ(text.find(other), std::string::npos) << text;
    EXPECT_NE(text.find("sk-ant-api03-R2D...igAA"), std::string::npos) << "a hint stays: " << text;
  }
  // The key checked is named as such, not as the admin key.
  const Outcome forbidden = Answer(403, ErrorBody("permission_error", "no"));
  EXPECT_NE(Map(forbidden, 0, false, checked).message.find("the key is not allowed"), std::string::npos);
  EXPECT_NE(Map(forbidden).message.find("the admin key is not allowed"), std::string::npos);
}

TEST(MapCallFailure, AKnownBusinessCodeBecomesThePortalsSentence) {
  const Outcome outcome =
      Answer(400, ErrorBody("invalid_request_error", "raw words", "workspace_api_key_limit_exceeded"));
  Error error = Map(outcome);
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.api_code, "anthropic_workspace_api_key_limit_exceeded");
  EXPECT_EQ(error.message, "the workspace already has its maximum number of active API keys");
  EXPECT_NE(error.detail.find("error_code=workspace_api_key_limit_exceeded"), std::string::npos);
  // An unknown code keeps the status's mapping.
  const Outcome unknown = Answer(400, ErrorBody("invalid_request_error", "raw words", "brand_new_code"));
  EXPECT_EQ(Map(unknown).api_code, "anthropic_invalid_request");
}

TEST(MapCallFailure, TransportFailuresSayWhatHappenedAndHowOftenItWasTried) {
  struct Case {
    TransportFailure kind;
    ErrorCode code;
    std::string_view api_code;
  };
  const Case cases[] = {
      {TransportFailure::kConnect, ErrorCode::kUnavailable, "anthropic_unreachable"},
      {TransportFailure::kTimeout, ErrorCode::kUnavailable, "anthropic_timeout"},
      {TransportFailure::kReset, ErrorCode::kUnavailable, "anthropic_connection_lost"},
      {TransportFailure::kTls, ErrorCode::kUpstream, "anthropic_tls"},
      {TransportFailure::kCancelled, ErrorCode::kUnavailable, "portal_stopping"},
      {TransportFailure::kOther, ErrorCode::kUpstream, "anthropic_request_failed"},
  };
  for (const auto& c : cases) {
    const Outcome outcome = std::unexpected(TransportError{c.kind, true, "curl said something"});
    Error error = Map(outcome, 2);
    EXPECT_EQ(error.code, c.code);
    EXPECT_EQ(error.api_code, c.api_code);
    EXPECT_NE(error.detail.find("curl said something after 2 retries"), std::string::npos) << error.detail;
  }
  const Outcome timeout = std::unexpected(TransportError{TransportFailure::kTimeout, true, ""});
  EXPECT_NE(Map(timeout, 2).message.find("(retried 2 times)"), std::string::npos);
  EXPECT_EQ(Map(timeout, 0).message.find("retried"), std::string::npos);
}

TEST(MapCallFailure, AWaitAnthropicAskedForIsPassedOnAsRetryAfter) {
  const Outcome outcome = Answer(429, ErrorBody("rate_limit_error", "slow down"), {{"retry-after", "7"}});
  EXPECT_EQ(Map(outcome).retry_after_seconds, 7);
  FailedCall refused{.method = "GET",
                     .path = "/v1/organizations/api_keys",
                     .admin_key = kAdminKey,
                     .outcome = outcome,
                     .retries = 1,
                     .refused_wait = std::chrono::milliseconds(90'500),
                     .now = TimePoint{}};
  Error error = MapCallFailure(refused);
  EXPECT_EQ(error.retry_after_seconds, 91);
  EXPECT_NE(error.message.find("Anthropic asked to wait 91 s"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace portal::anthropic
