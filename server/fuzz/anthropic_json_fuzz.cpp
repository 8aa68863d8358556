// The Anthropic JSON codec: every answer the client parses, from a tolerant reader's point of view
// (anything may come back from upstream), and the request bodies it writes.
// Input: <selector byte> <JSON text>.

#include <boost/json/parse.hpp>

#include "anthropic/json_codec.hpp"
#include "fuzz_support.hpp"

using namespace portal;
using namespace portal::anthropic;

namespace {

template <typename T>
void Object(std::string_view json) {
  auto parsed = ParseObject<T>(json);
  if (!parsed) FUZZ_CHECK(parsed.error().code == ErrorCode::kUpstream);
}

template <typename T>
void Cursor(std::string_view json) {
  auto parsed = ParseCursorPage<T>(json);
  if (!parsed) return FUZZ_CHECK(parsed.error().code == ErrorCode::kUpstream);
  for (const auto& item : parsed->data) {
    if constexpr (requires { item.id; }) FUZZ_CHECK(!item.id.empty());
  }
}

template <typename T>
void Report(std::string_view json) {
  auto parsed = ParseReportPage<T>(json);
  if (!parsed) FUZZ_CHECK(parsed.error().code == ErrorCode::kUpstream);
}

// What the client writes is JSON that says what it was given.
void Encoders(std::string_view text) {
  if (!fuzz::IsUtf8(text)) return;
  const std::string value(text);
  auto body = boost::json::parse(EncodeWorkspaceCreate({value, value})).as_object();
  FUZZ_CHECK(body.at("name").as_string() == value && body.at("display_color").as_string() == value);
  body = boost::json::parse(EncodeApiKeyUpdate({value, domain::ApiKeyStatus::kInactive})).as_object();
  FUZZ_CHECK(body.at("name").as_string() == value && body.at("status").as_string() == "inactive");
  body = boost::json::parse(EncodeRateLimitChanges({{value, 5}, {value, std::nullopt}})).as_object();
  FUZZ_CHECK(body.at("limits").as_array().size() == 2);
  body = boost::json::parse(EncodeSpendLimit(value, value)).as_object();
  FUZZ_CHECK(body.at("scope").as_object().at("workspace_id").as_string() == value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto json = fuzz::AsText(data + 1, size - 1);
  switch (data[0] % 20) {
    case 0: Object<domain::OrganizationInfo>(json); break;
    case 1: Object<domain::Workspace>(json); break;
    case 2: Object<domain::WorkspaceMember>(json); break;
    case 3: Object<domain::ApiKey>(json); break;
    case 4: Object<domain::AdminUser>(json); break;
    case 5: Object<domain::Invite>(json); break;
    case 6: Object<DeletedObject>(json); break;
    case 7: Object<domain::RateLimitGroup>(json); break;
    case 8: Object<domain::SpendLimit>(json); break;
    case 9: Cursor<domain::Workspace>(json); break;
    case 10: Cursor<domain::WorkspaceMember>(json); break;
    case 11: Cursor<domain::ApiKey>(json); break;
    case 12: Cursor<domain::AdminUser>(json); break;
    case 13: Cursor<domain::Invite>(json); break;
    case 14: Report<domain::UsageBucket>(json); break;
    case 15: Report<domain::CostBucket>(json); break;
    case 16: Report<domain::RateLimitGroup>(json); break;
    case 17: Report<domain::AnalyticsUsageRow>(json); break;
    case 18: Report<domain::AnalyticsCostRow>(json); break;
    default:
      if (auto error = ParseErrorBody(json)) (void)error->error_code;
      Encoders(json);
      break;
  }
  return 0;
}
