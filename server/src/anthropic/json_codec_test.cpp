#include "anthropic/json_codec.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace portal::anthropic {
namespace {

using domain::ApiKeyStatus;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(PORTAL_ANTHROPIC_FIXTURES) / name);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(AnthropicJson, OrganizationMe) {
  auto org = ParseObject<domain::OrganizationInfo>(Fixture("organization-me.json"));
  ASSERT_TRUE(org) << org.error().detail;
  EXPECT_EQ(org->id, "12345678-1234-5678-1234-567812345678");
  EXPECT_EQ(org->name, "Organization Name");
}

TEST(AnthropicJson, WorkspaceWithCurrentGenerationFields) {
  auto ws = ParseObject<domain::Workspace>(Fixture("workspace.json"));
  ASSERT_TRUE(ws) << ws.error().detail;
  EXPECT_EQ(ws->id, "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ");
  EXPECT_EQ(ws->name, "Workspace Name");
  EXPECT_EQ(ws->display_color, "#6C5BB9");
  EXPECT_EQ(ws->created_at, "2024-10-30T23:58:27.427722Z");
  EXPECT_EQ(ws->archived_at, "2024-11-01T23:59:27.427722Z");
  EXPECT_EQ(ws->tags.at("env"), "prod");
  EXPECT_EQ(ws->tags.at("team"), "platform");
  ASSERT_TRUE(ws->data_residency);
  EXPECT_TRUE(ws->data_residency->unrestricted);
  EXPECT_EQ(ws->data_residency->default_inference_geo, "global");
  EXPECT_EQ(ws->data_residency->workspace_geo, "us");
  EXPECT_EQ(ws->external_key_id, "ekey_01SDCCSbTxrXDpWc1phhtcfK");
}

TEST(AnthropicJson, ClassicWorkspaceWithoutNewFields) {
  auto ws = ParseObject<domain::Workspace>(
      R"({"id":"wrkspc_1","type":"workspace","name":"W","created_at":"2024-10-30T23:58:27.427722Z",)"
      R"("archived_at":null,"display_color":"#000000"})");
  ASSERT_TRUE(ws);
  EXPECT_FALSE(ws->archived_at);
  EXPECT_TRUE(ws->tags.empty());
  EXPECT_FALSE(ws->data_residency);
}

TEST(AnthropicJson, DataResidencyListOfGeos) {
  auto ws = ParseObject<domain::Workspace>(
      R"({"id":"wrkspc_1","data_residency":{"allowed_inference_geos":["us","global"],"default_inference_geo":"us"}})");
  ASSERT_TRUE(ws);
  ASSERT_TRUE(ws->data_residency);
  EXPECT_FALSE(ws->data_residency->unrestricted);
  EXPECT_EQ(ws->data_residency->allowed_inference_geos, (std::vector<std::string>{"us", "global"}));
}

TEST(AnthropicJson, ApiKeyCurrentShape) {
  auto key = ParseObject<domain::ApiKey>(Fixture("api-key-get.json"));
  ASSERT_TRUE(key) << key.error().detail;
  EXPECT_EQ(key->id, "apikey_01Rj2N8SVvo6BePZj99NhmiT");
  EXPECT_EQ(key->name, "Developer Key");
  EXPECT_EQ(key->status, ApiKeyStatus::kActive);
  EXPECT_EQ(key->partial_key_hint, "sk-ant-api03-R2D...igAA");
  EXPECT_EQ(key->workspace_id, "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ");
  ASSERT_TRUE(key->created_by);
  EXPECT_EQ(key->created_by->id, "user_01WCz1FkmYMm4gnmykNKUu3Q");
  EXPECT_EQ(key->created_by->type, "user");
  EXPECT_EQ(key->expires_at, "2024-10-30T23:58:27.427722Z");
  ASSERT_TRUE(key->scope);
  EXPECT_EQ(key->scope->type, "workspace");
  ASSERT_TRUE(key->principal);
  EXPECT_EQ(key->principal->type, "user_actor");
  EXPECT_EQ(key->principal->id, "user_01WCz1FkmYMm4gnmykNKUu3Q");
}

TEST(AnthropicJson, ApiKeysListClassic) {
  auto page = ParseCursorPage<domain::ApiKey>(Fixture("api-keys-list.json"));
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->last_id, "<string>");
  EXPECT_FALSE(page->data[0].expires_at);
  EXPECT_FALSE(page->data[0].scope);
}

TEST(AnthropicJson, ApiKeyNullsAndNewerValues) {
  auto key = ParseObject<domain::ApiKey>(
      R"({"id":"apikey_1","status":"suspended_in_2030","workspace_id":null,"created_by":null,)"
      R"("partial_key_hint":null,"principal":{"type":"service_account_actor","service_account_id":"svac_1"},)"
      R"("scope":{"type":"organization"},"brand_new_field":{"x":[1,2,3]}})");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, ApiKeyStatus::kUnknown);
  EXPECT_FALSE(key->workspace_id);
  EXPECT_FALSE(key->created_by);
  EXPECT_FALSE(key->partial_key_hint);
  EXPECT_EQ(key->principal->id, "svac_1");
  EXPECT_FALSE(key->scope->workspace_id);
}

TEST(AnthropicJson, UsersList) {
  auto page = ParseCursorPage<domain::AdminUser>(Fixture("users-list.json"));
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data[0].email, "user@emaildomain.com");
  EXPECT_EQ(page->data[0].name, "Jane Doe");
  EXPECT_EQ(page->data[0].role, "user");
  EXPECT_EQ(page->data[0].added_at, "2024-10-30T23:58:27.427722Z");
}

TEST(AnthropicJson, Invite) {
  auto invite = ParseObject<domain::Invite>(Fixture("invite-create.json"));
  ASSERT_TRUE(invite) << invite.error().detail;
  EXPECT_EQ(invite->id, "invite_015gWxCN9Hfg2QhZwTK7Mdeu");
  EXPECT_EQ(invite->status, "pending");
  EXPECT_EQ(invite->expires_at, "2024-11-20T23:58:27.427722Z");
  EXPECT_FALSE(invite->accepted_at);
}

TEST(AnthropicJson, DeletedObjects) {
  auto invite = ParseObject<DeletedObject>(Fixture("invite-delete.json"));
  ASSERT_TRUE(invite);
  EXPECT_EQ(invite->type, "invite_deleted");
  auto user = ParseObject<DeletedObject>(Fixture("user-remove.json"));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->id, "user_01WCz1FkmYMm4gnmykNKUu3Q");
  auto member = ParseObject<DeletedObject>(Fixture("workspace-member-delete.json"));
  ASSERT_TRUE(member);
  EXPECT_EQ(member->type, "workspace_member_deleted");
  EXPECT_EQ(member->id, "user_01WCz1FkmYMm4gnmykNKUu3Q");
}

TEST(AnthropicJson, WorkspaceMember) {
  auto member = ParseObject<domain::WorkspaceMember>(
      R"({"type":"workspace_member","user_id":"user_01WCz1FkmYMm4gnmykNKUu3Q",)"
      R"("workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ","workspace_role":"workspace_user"})");
  ASSERT_TRUE(member);
  EXPECT_EQ(member->workspace_role, "workspace_user");
}

TEST(AnthropicJson, UsageReport) {
  auto page = ParseReportPage<domain::UsageBucket>(Fixture("usage-report-messages.json"));
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->next_page, "page_MjAyNS0wNS0xNFQwMDowMDowMFo=");
  ASSERT_EQ(page->data.size(), 1u);
  const auto& bucket = page->data[0];
  EXPECT_EQ(bucket.starting_at, "2025-08-01T00:00:00Z");
  ASSERT_EQ(bucket.results.size(), 1u);
  const auto& r = bucket.results[0];
  EXPECT_EQ(r.uncached_input_tokens, 1500);
  EXPECT_EQ(r.cache_creation_1h_input_tokens, 1000);
  EXPECT_EQ(r.cache_creation_5m_input_tokens, 500);
  EXPECT_EQ(r.cache_read_input_tokens, 200);
  EXPECT_EQ(r.output_tokens, 500);
  EXPECT_EQ(r.web_search_requests, 10);
  EXPECT_EQ(r.model, "claude-sonnet-4-20250514");
  EXPECT_EQ(r.context_window, "0-200k");
  EXPECT_FALSE(r.inference_geo);
}

// A count too large for 64 bits (a case server/fuzz/anthropic_json_fuzz.cpp reaches) is never
// converted with undefined behaviour: it is ignored, like a count of the wrong type.
TEST(AnthropicJson, CountsThatDoNotFitIn64BitsAreIgnored) {
  auto page = ParseReportPage<domain::UsageBucket>(
      R"({"data":[{"starting_at":"a","ending_at":"b","results":[{"uncached_input_tokens":5.00184e22,)"
      R"("output_tokens":18446744073709551615,"cache_read_input_tokens":-1e300,"server_tool_use":)"
      R"({"web_search_requests":12.0}}]}],"has_more":false,"next_page":null})");
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->data.at(0).results.size(), 1u);
  const auto& r = page->data[0].results[0];
  EXPECT_EQ(r.uncached_input_tokens, 0);
  EXPECT_EQ(r.output_tokens, 0);
  EXPECT_EQ(r.cache_read_input_tokens, 0);
  EXPECT_EQ(r.web_search_requests, 12);
}

TEST(AnthropicJson, CostReport) {
  auto page = ParseReportPage<domain::CostBucket>(Fixture("cost-report.json"));
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->data.size(), 1u);
  const auto& r = page->data[0].results.at(0);
  EXPECT_EQ(r.currency, "USD");
  EXPECT_EQ(r.amount, "123.78912");
  EXPECT_EQ(r.token_type, "uncached_input_tokens");
  EXPECT_EQ(r.cost_type, "tokens");
}

TEST(AnthropicJson, ClaudeCodeReportIsAValidReportEnvelope) {
  // Not modelled in the domain yet; the envelope must still read (data/has_more/next_page).
  auto page = ParseReportPage<domain::CostBucket>(Fixture("claude-code-usage-report.json"));
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_FALSE(page->has_more);
  EXPECT_FALSE(page->next_page);
}

TEST(AnthropicJson, ErrorBody) {
  auto error = ParseErrorBody(Fixture("error-not-found.json"));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->type, "not_found_error");
  EXPECT_EQ(error->message, "The requested resource could not be found.");
  EXPECT_EQ(error->request_id, "req_011CSHoEeqs5C35K2UUqR7Fy");
  EXPECT_FALSE(ParseErrorBody("<html>bad gateway</html>"));
}

// Each of Anthropic's documented examples parses with the parser the client uses for it, and names
// its object; a new fixture must be added to the table.
TEST(AnthropicJson, EveryFixtureParsesWithItsOwnParser) {
  using Check = std::function<std::string(const std::string&)>;  // the parsed id, or "" on failure
  auto id_of = [](const auto& parsed) -> std::string {
    if (!parsed) return "";
    if constexpr (requires { parsed->id; }) {
      return parsed->id;
    } else {
      return parsed->data.empty() ? "" : "page";
    }
  };
  const std::map<std::string, Check> parsers = {
      {"organization-me.json", [&](const std::string& t) { return id_of(ParseObject<domain::OrganizationInfo>(t)); }},
      {"workspace.json", [&](const std::string& t) { return id_of(ParseObject<domain::Workspace>(t)); }},
      {"api-key-get.json", [&](const std::string& t) { return id_of(ParseObject<domain::ApiKey>(t)); }},
      {"api-keys-list.json", [&](const std::string& t) { return id_of(ParseCursorPage<domain::ApiKey>(t)); }},
      {"users-list.json", [&](const std::string& t) { return id_of(ParseCursorPage<domain::AdminUser>(t)); }},
      {"invite-create.json", [&](const std::string& t) { return id_of(ParseObject<domain::Invite>(t)); }},
      {"invite-delete.json", [&](const std::string& t) { return id_of(ParseObject<DeletedObject>(t)); }},
      {"user-remove.json", [&](const std::string& t) { return id_of(ParseObject<DeletedObject>(t)); }},
      {"workspace-member-delete.json", [&](const std::string& t) { return id_of(ParseObject<DeletedObject>(t)); }},
      {"usage-report-messages.json",
       [&](const std::string& t) { return id_of(ParseReportPage<domain::UsageBucket>(t)); }},
      {"claude-code-usage-report.json",
       [&](const std::string& t) { return ParseReportPage<domain::UsageBucket>(t) ? "envelope" : ""; }},
      {"cost-report.json", [&](const std::string& t) { return id_of(ParseReportPage<domain::CostBucket>(t)); }},
      {"error-not-found.json", [&](const std::string& t) { return ParseErrorBody(t) ? "error" : ""; }},
  };
  int fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(PORTAL_ANTHROPIC_FIXTURES)) {
    if (entry.path().extension() != ".json") continue;
    ++fixtures;
    const std::string name = entry.path().filename().string();
    auto parser = parsers.find(name);
    ASSERT_NE(parser, parsers.end()) << name << " has no parser in this test";
    EXPECT_NE(parser->second(Fixture(name)), "") << name;
  }
  EXPECT_EQ(fixtures, static_cast<int>(parsers.size())) << "the fixtures in " << PORTAL_ANTHROPIC_FIXTURES;
  // And the parsers are not so tolerant that anything passes: an error is no object, a page no error.
  EXPECT_EQ(parsers.at("workspace.json")(Fixture("error-not-found.json")), "");
  EXPECT_EQ(parsers.at("error-not-found.json")(Fixture("api-keys-list.json")), "");
}

TEST(AnthropicJson, MalformedBodiesAreErrorsWithoutTheBody) {
  auto bad = ParseCursorPage<domain::ApiKey>("{\"data\": [ {\"id\": \"apikey_1\"}, ");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kUpstream);
  EXPECT_EQ(bad.error().api_code, "anthropic_bad_response");
  EXPECT_EQ(bad.error().detail.find("apikey_1"), std::string::npos);
  EXPECT_FALSE(ParseCursorPage<domain::ApiKey>(R"({"has_more":false})"));
  EXPECT_FALSE(ParseObject<domain::ApiKey>(R"({"name":"no id"})"));
  EXPECT_FALSE(ParseObject<domain::ApiKey>(R"([1,2])"));
}

TEST(AnthropicJson, EncodesOnlySetFields) {
  EXPECT_EQ(EncodeApiKeyUpdate({std::nullopt, ApiKeyStatus::kInactive}), R"({"status":"inactive"})");
  EXPECT_EQ(EncodeWorkspaceUpdate({"Näme \"q\"", std::nullopt}), R"({"name":"Näme \"q\""})");
  EXPECT_EQ(EncodeWorkspaceCreate({"W", "#112233"}), R"({"name":"W","display_color":"#112233"})");
}

}  // namespace
}  // namespace portal::anthropic
