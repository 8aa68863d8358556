// The tenant isolation matrix (PRODUCT.md §5, API.md "another tenant's object answers 404"):
// every endpoint in kRows × {anonymous, User A, User B, Admin A, Admin B, SuperAdmin} ×
// {own object, another organization's object}, each against its expected status.
//
// A leak is a 2xx where 401/403/404 was expected, a body that reveals an object of another
// organization (any of its ids or its name) to an Admin or User, or a 403 where 404 was expected
// (it confirms that another tenant's object exists). Any other mismatch fails too.
//
// Adding an endpoint = adding one row. Placeholders in path and body:
//   {org} {member} {workspace} {apiKey}  objects of the target organization
//   {workspaceName} {keyValue}  the name of {workspace}; the secret of the target's registered key
//   {archivedWorkspace}  a new archived workspace of the target organization
//   {heldWorkspace}  a new workspace of the target organization whose key a new User of it holds
//   {syncRun}    a new finished sync run (sync runs belong to no organization)
//   {freshUser}  a new User created in the target organization for this case (destructive rows)
//   {freshOrg}   a new organization for a SuperAdmin or anonymous caller, else the target org
//   {unique}     a fresh unique string
//   {publicPrompt} {orgPrompt}  a new public / organization prompt of the target organization
//                (by its Admin); {privatePrompt} a new private prompt of its User
#include <gtest/gtest.h>

#include <array>
#include <iostream>

#include "core/clock.hpp"
#include "integration/core_support.hpp"

namespace portal::testing {
namespace {

enum Who { kAnonymous, kUser, kAdmin, kSuper };

struct Row {
  const char* method;
  const char* path;
  const char* body;
  std::array<int, 4> own;    // anonymous, User, Admin, SuperAdmin — on their own organization's object
  std::array<int, 4> other;  // … on another organization's object; {0,…} = no such variant
};

constexpr std::array<int, 4> kNone{0, 0, 0, 0};

// clang-format off
const Row kRows[] = {
  // Session (API.md "Setup and session").
  {"GET",    "/api/v1/setup",                                  "", {200, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/openapi.yaml",                           "", {200, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/me",                                     "", {401, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/me/api-key",                             "", {401, 404, 404, 404}, kNone},
  // Organizations.
  {"GET",    "/api/v1/organizations",                          "", {401, 200, 200, 200}, kNone},
  {"POST",   "/api/v1/organizations", R"({"name":"New {unique}"})", {401, 403, 403, 201}, kNone},
  {"GET",    "/api/v1/organizations/{org}",                    "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/organizations/{org}", R"({"description":"changed"})", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"DELETE", "/api/v1/organizations/{freshOrg}?archiveWorkspaces=false", "", {401, 403, 403, 200}, {401, 404, 404, 200}},
  // Users.
  {"GET",    "/api/v1/users",                                  "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/users?organizationId={org}",             "", {401, 403, 200, 200}, {401, 403, 404, 200}},
  {"POST",   "/api/v1/users",
             R"({"name":"New","email":"{unique}@new.example","role":"User","organizationId":"{org}"})",
                                                                   {401, 403, 201, 201}, {401, 403, 404, 201}},
  {"GET",    "/api/v1/users/{member}",                         "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/users/{member}", R"({"name":"Renamed"})",   {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/users/{freshUser}", R"({"apiKeyId":"{apiKey}"})", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/users/{member}/reset-password",          "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"DELETE", "/api/v1/users/{freshUser}",                      "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  // Audit and dashboard.
  {"GET",    "/api/v1/audit",                                  "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/audit?organizationId={org}",             "", {401, 403, 200, 200}, {401, 403, 404, 200}},
  {"GET",    "/api/v1/dashboard",                              "", {401, 200, 200, 200}, kNone},
  // The Anthropic side. No admin key is configured here, so nothing reaches
  // Anthropic: a request that would call it answers 503 anthropic_not_configured once every
  // check has passed, a sync run fails at once, and the settings PUT sends a key that is refused
  // before it would be verified. A User is refused by role (403) whatever the object, so the
  // answer reveals nothing about another tenant's objects.
  {"GET",    "/api/v1/settings/anthropic",                     "", {401, 403, 403, 200}, kNone},
  {"PUT",    "/api/v1/settings/anthropic", R"({"adminKey":"not-an-admin-key"})", {401, 403, 403, 400}, kNone},
  {"POST",   "/api/v1/sync",                                   "", {401, 403, 202, 202}, kNone},
  {"GET",    "/api/v1/sync/runs/latest",                       "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/sync/runs/{syncRun}",                    "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/workspaces",                             "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/workspaces?organizationId={org}&includeArchived=true", "", {401, 403, 200, 200}, {401, 403, 404, 200}},
  {"POST",   "/api/v1/workspaces", R"({"name":"ws {unique}","organizationId":"{org}"})", {401, 403, 503, 503}, {401, 403, 404, 503}},
  {"GET",    "/api/v1/workspaces/{workspace}",                 "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/workspaces/{workspace}", R"({"name":"{workspaceName}"})", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/workspaces/{workspace}", R"({"organizationId":"{org}"})", {401, 403, 403, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/workspaces/{archivedWorkspace}/archive", "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/workspaces/{workspace}/archive",         "", {401, 403, 503, 503}, {401, 404, 404, 503}},
  // Moving a workspace never leaves its key with a user of another organization: refused (409)
  // unless the keys go with unassignKeys.
  {"PATCH",  "/api/v1/workspaces/{heldWorkspace}", R"({"organizationId":"{freshOrg}"})", {401, 403, 403, 409}, {401, 404, 404, 409}},
  {"PATCH",  "/api/v1/workspaces/{heldWorkspace}", R"({"organizationId":null,"unassignKeys":true})", {401, 403, 403, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/api-keys",                               "", {401, 403, 200, 200}, kNone},
  {"GET",    "/api/v1/api-keys?organizationId={org}",          "", {401, 403, 200, 200}, {401, 403, 404, 200}},
  {"GET",    "/api/v1/api-keys/{apiKey}",                      "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/api-keys/{apiKey}", R"({"name":"renamed"})", {401, 403, 503, 503}, {401, 404, 404, 503}},
  // Retiring a key: archive, and the leaked-key replacement; both call Anthropic.
  {"POST",   "/api/v1/api-keys/{apiKey}/archive",              "", {401, 403, 503, 503}, {401, 404, 404, 503}},
  {"POST",   "/api/v1/api-keys/{apiKey}/replace", R"({"value":"{keyValue}"})", {401, 403, 503, 503}, {401, 404, 404, 503}},
  {"DELETE", "/api/v1/users/{freshUser}?archiveKey=true",      "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  // Another organization's key does not exist for an Admin: a sync is tried, then 404 no_matching_key.
  {"POST",   "/api/v1/api-keys/register", R"({"value":"{keyValue}"})", {401, 403, 503, 503}, {401, 403, 404, 503}},
  // Limits per organization: an Admin reads their own, only a SuperAdmin changes them.
  {"GET",    "/api/v1/organizations/{org}/limits",             "", {401, 403, 503, 503}, {401, 404, 404, 503}},
  {"PUT",    "/api/v1/organizations/{org}/limits/workspaces/{workspace}/rate-limits/rl_01any",
             R"({"limits":[{"type":"requests_per_minute","value":10}]})", {401, 403, 403, 503}, {401, 404, 404, 503}},
  {"PUT",    "/api/v1/organizations/{org}/limits/workspaces/{workspace}/spend-limit", R"({"amountCents":"100"})",
                                                                   {401, 403, 403, 503}, {401, 404, 404, 503}},
  // Usage and cost: everyone reads what is theirs (a User their own usage); another
  // organization or another organization's user is not found. Collecting is an Admin's.
  {"GET",    "/api/v1/usage",                                  "", {401, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/usage?groupBy=apiKey&format=csv",        "", {401, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/usage?organizationId={org}&groupBy=user", "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/usage?userId={member}&groupBy=model",    "", {401, 404, 200, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/usage?groupBy=workspace",                "", {401, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/usage?apiKeyId={apiKey}&groupBy=model",  "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/usage?workspaceId={workspace}&groupBy=apiKey", "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/usage/collect",                          "", {401, 403, 202, 202}, kNone},
  {"GET",    "/api/v1/usage/runs/latest",                      "", {401, 403, 200, 200}, kNone},
  // The import from the old portal: a SuperAdmin's alone (a dry run of an empty export here).
  {"POST",   "/api/v1/import/legacy-mongo", R"({"dryRun":true,"files":{}})", {401, 403, 403, 200}, kNone},
  // Prompts. A public prompt is readable by everyone but changed only by its own
  // organization; a private one is its owner's alone (not even their Admin's).
  {"GET",    "/api/v1/prompts",                                "", {401, 200, 200, 200}, kNone},
  {"GET",    "/api/v1/prompts?q=matrix&tag=matrix",            "", {401, 200, 200, 200}, kNone},
  {"POST",   "/api/v1/prompts", R"({"title":"Mine","content":"c {{x}}","visibility":"private"})", {401, 201, 201, 201}, kNone},
  {"POST",   "/api/v1/prompts", R"({"title":"Org","content":"c","visibility":"organization","organizationId":"{org}"})",
                                                                   {401, 403, 201, 201}, {401, 404, 404, 201}},
  {"POST",   "/api/v1/prompts", R"({"title":"Pub","content":"c","visibility":"public","organizationId":"{org}"})",
                                                                   {401, 403, 201, 201}, {401, 404, 404, 201}},
  {"GET",    "/api/v1/prompts/{publicPrompt}",                 "", {401, 200, 200, 200}, {401, 200, 200, 200}},
  {"GET",    "/api/v1/prompts/{orgPrompt}",                    "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/prompts/{privatePrompt}",                "", {401, 200, 404, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/prompts/{publicPrompt}", R"({"content":"v2 {{x}}","changeNote":"n"})", {401, 403, 200, 200}, {401, 403, 403, 200}},
  {"PATCH",  "/api/v1/prompts/{orgPrompt}", R"({"content":"v2 {{x}}"})",   {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"PATCH",  "/api/v1/prompts/{privatePrompt}", R"({"title":"Renamed"})",  {401, 200, 404, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/prompts/{publicPrompt}/versions",        "", {401, 200, 200, 200}, {401, 200, 200, 200}},
  {"GET",    "/api/v1/prompts/{orgPrompt}/versions",           "", {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"GET",    "/api/v1/prompts/{privatePrompt}/versions",       "", {401, 200, 404, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/prompts/{publicPrompt}/versions/1/restore", "", {401, 403, 200, 200}, {401, 403, 403, 200}},
  {"POST",   "/api/v1/prompts/{orgPrompt}/versions/1/restore", "", {401, 403, 200, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/prompts/{privatePrompt}/versions/1/restore", "", {401, 200, 404, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/prompts/{publicPrompt}/render", R"({"variables":{"x":"1"}})", {401, 200, 200, 200}, {401, 200, 200, 200}},
  {"POST",   "/api/v1/prompts/{orgPrompt}/render", R"({"variables":{"x":"1"}})",    {401, 200, 200, 200}, {401, 404, 404, 200}},
  {"POST",   "/api/v1/prompts/{privatePrompt}/render", R"({"variables":{"x":"1"}})", {401, 200, 404, 200}, {401, 404, 404, 200}},
  {"DELETE", "/api/v1/prompts/{publicPrompt}",                 "", {401, 403, 204, 204}, {401, 403, 403, 204}},
  {"DELETE", "/api/v1/prompts/{orgPrompt}",                    "", {401, 403, 204, 204}, {401, 404, 404, 204}},
  {"DELETE", "/api/v1/prompts/{privatePrompt}",                "", {401, 204, 404, 204}, {401, 404, 404, 204}},
};
// clang-format on

class TenantMatrix : public CoreTest {
 protected:
  void Configure(app::Config& config) override { config.log_level = "error"; }
};
PORTAL_INSTANTIATE_BACKENDS(TenantMatrix);

// A prompt of `tenant` written straight through the Store: public and organization
// prompts by its Admin, private ones by its User.
std::string AddPrompt(domain::Store& store, const Tenant& tenant, domain::PromptVisibility visibility) {
  domain::Prompt prompt;
  prompt.id = NewId("prm");
  prompt.title = "matrix prompt";
  prompt.tags = {"matrix"};
  prompt.content = "matrix {{x}}";
  prompt.visibility = visibility;
  prompt.organization_id = tenant.org;
  prompt.owner_id = visibility == domain::PromptVisibility::kPrivate ? tenant.user : tenant.admin;
  prompt.created_at = prompt.updated_at = 1;
  domain::PromptVersion first{prompt.id, 1, prompt.content, "", prompt.owner_id, std::nullopt, 1};
  auto written = store.Write([&](domain::Tx& tx) { return tx.Prompts().Insert(prompt, first); });
  EXPECT_TRUE(written) << (written ? "" : written.error().detail);
  return prompt.id;
}

// A finished sync run written straight through the Store.
std::string AddSyncRun(domain::Store& store) {
  const auto run = FinishedSyncRun();
  auto written = store.Write([&](domain::Tx& tx) { return tx.SyncRuns().Insert(run); });
  EXPECT_TRUE(written) << (written ? "" : written.error().detail);
  auto finished = store.Write([&](domain::Tx& tx) { return tx.SyncRuns().Update(run); });
  EXPECT_TRUE(finished) << (finished ? "" : finished.error().detail);
  return run.id;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST_P(TenantMatrix, NoEndpointLeaksAcrossOrganizations) {
  auto super = MakeSuperAdmin();
  Tenant tenants[2] = {MakeTenant("Alpha 株式会社", "alpha"), MakeTenant("Beta 商事", "beta")};
  // Usage of each tenant's key today, so that a usage answer that leaked another tenant's key,
  // workspace or organization would show it.
  const std::int64_t now_ms = ToUnixMillis(std::chrono::system_clock::now());
  const std::string today = FormatRfc3339Millis(now_ms).substr(0, 10);
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    std::vector<domain::UsageRow> rows;
    for (const auto& t : tenants) {
      domain::UsageRow row;
      row.day = today;
      row.day_start = now_ms - now_ms % 86'400'000;
      row.day_end = row.day_start + 86'400'000;
      row.api_key_id = t.key;
      row.workspace_id = t.workspace;
      row.model = "claude-sonnet-4-5";
      row.output_tokens = 1000;
      row.requests = 3;
      row.cost_cents = "12.5";
      rows.push_back(row);
    }
    for (const auto& t : tenants) {
      if (auto s = tx.Workspaces().SetOrganization(t.workspace, t.org); !s) return s;  // its link history
    }
    if (auto s = tx.Usage().ReplaceDays(today, today, rows); !s) return s;
    return tx.Usage().BackdateFirstLinks();
  }));
  {
    auto own = Call("GET", "/api/v1/usage?groupBy=organization", tenants[0].admin_token);
    ASSERT_EQ(own.status, 200) << own.body;
    ASSERT_NE(own.body.find(tenants[0].org), std::string::npos) << "the seeded usage is attributed: " << own.body;
  }
  struct Caller {
    const char* label;
    Who who;
    int tenant;  // the caller's organization (anonymous and SuperAdmin: A, arbitrarily)
    std::string token;
  };
  const Caller callers[] = {{"anonymous", kAnonymous, 0, ""},
                            {"User A", kUser, 0, tenants[0].user_token},
                            {"User B", kUser, 1, tenants[1].user_token},
                            {"Admin A", kAdmin, 0, tenants[0].admin_token},
                            {"Admin B", kAdmin, 1, tenants[1].admin_token},
                            {"SuperAdmin", kSuper, 0, super}};
  int cases = 0, leaks = 0, mismatches = 0, counter = 0;
  for (const auto& row : kRows) {
    for (const auto& caller : callers) {
      for (bool own : {true, false}) {
        const auto& expected_row = own ? row.own : row.other;
        if (expected_row == kNone) continue;
        const int expected = expected_row[caller.who];
        const Tenant& target = tenants[own ? caller.tenant : 1 - caller.tenant];
        const Tenant& foreign = tenants[1 - caller.tenant];  // what this caller must never see
        auto fill = [&](std::string text) {
          if (text.find("{freshUser}") != std::string::npos) {
            text = Replace(text, "{freshUser}",
                           CreateUser("fresh" + std::to_string(++counter) + "@" + target.org + ".example",
                                      domain::Role::kUser, target.org));
          }
          if (text.find("{freshOrg}") != std::string::npos) {
            bool fresh = caller.who == kSuper || caller.who == kAnonymous;
            text = Replace(text, "{freshOrg}",
                           fresh ? CreateOrganization("Fresh " + std::to_string(++counter)) : target.org);
          }
          if (text.find("{apiKey}") != std::string::npos)
            text = Replace(text, "{apiKey}", AddKey(target.workspace, NewKeyValue()));
          if (text.find("{heldWorkspace}") != std::string::npos) {
            const auto workspace = AddWorkspace(target.org);
            const auto key = AddKey(workspace, NewKeyValue());
            const auto holder = CreateUser("holder" + std::to_string(++counter) + "@" + target.org + ".example",
                                           domain::Role::kUser, target.org);
            auto held = portal->Store().Write([&](domain::Tx& tx) -> Status {
              auto user = tx.Users().FindById(holder);
              if (!user) return Fail(user.error());
              user->api_key_id = key;
              return tx.Users().Update(*user);
            });
            EXPECT_TRUE(held);
            text = Replace(text, "{heldWorkspace}", workspace);
          }
          if (text.find("{archivedWorkspace}") != std::string::npos) {
            text = Replace(text, "{archivedWorkspace}", AddWorkspace(target.org, true));
          }
          if (text.find("{syncRun}") != std::string::npos) {
            text = Replace(text, "{syncRun}", AddSyncRun(portal->Store()));
          }
          for (auto [name, visibility] : {std::pair{"{publicPrompt}", domain::PromptVisibility::kPublic},
                                          std::pair{"{orgPrompt}", domain::PromptVisibility::kOrganization},
                                          std::pair{"{privatePrompt}", domain::PromptVisibility::kPrivate}}) {
            if (text.find(name) != std::string::npos)
              text = Replace(text, name, AddPrompt(portal->Store(), target, visibility));
          }
          text = Replace(text, "{org}", target.org);
          text = Replace(text, "{member}", target.member);
          text = Replace(text, "{workspaceName}", target.workspace_name);
          text = Replace(text, "{keyValue}", target.key_value);
          text = Replace(text, "{workspace}", target.workspace);
          text = Replace(text, "{unique}", "u" + std::to_string(++counter) + NewId("").substr(1, 8));
          return text;
        };
        const std::string path = fill(row.path), body = fill(row.body);
        auto result = Call(row.method, path, caller.token, body);
        ++cases;
        std::string what =
            std::string(row.method) + " " + path + " as " + caller.label + (own ? " (own)" : " (other organization's)");
        bool leak = false;
        if (result.status != expected) {
          const bool denied_expected = expected == 401 || expected == 403 || expected == 404;
          if (denied_expected && result.status >= 200 && result.status < 300) leak = true;
          if (expected == 404 && result.status == 403) leak = true;
          ++mismatches;
          ADD_FAILURE() << what << ": expected " << expected << ", got " << result.status << " " << result.body;
        }
        if (caller.who != kSuper) {
          // Ids the request itself named may be echoed; anything else of the foreign tenant may not.
          for (const auto& secret_id : {foreign.org, foreign.admin, foreign.user, foreign.member, foreign.workspace,
                                        foreign.key, foreign.name, foreign.admin_email, foreign.member_email}) {
            if (path.find(secret_id) != std::string::npos || body.find(secret_id) != std::string::npos) continue;
            if (result.body.find(secret_id) != std::string::npos) {
              leak = true;
              ADD_FAILURE() << what << ": the response reveals " << secret_id << ": " << result.body;
            }
          }
        }
        if (leak) ++leaks;
      }
    }
  }
  std::cout << "[tenant matrix] " << cases << " cases, " << leaks << " leaks, " << mismatches << " mismatches\n";
  EXPECT_EQ(leaks, 0);
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace portal::testing
