// The prompt library over real HTTP on SQLite and PostgreSQL: versioning, restore,
// rendering and use counts, search, validation and the audit trail. The access matrix by role
// and tenant is in tenant_matrix_test.cpp (the prompt rows).
#include <gtest/gtest.h>

#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;

class PromptApi : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org_a = CreateOrganization("Alpha");
    org_b = CreateOrganization("Beta");
    CreateUser("admin-a@example.com", domain::Role::kAdmin, org_a);
    CreateUser("user-a@example.com", domain::Role::kUser, org_a);
    CreateUser("user-b@example.com", domain::Role::kUser, org_b);
    admin_a = Bearer(LoginCli("admin-a@example.com").access);
    user_a = Bearer(LoginCli("user-a@example.com").access);
    user_b = Bearer(LoginCli("user-b@example.com").access);
  }

  HttpResult Send(const std::string& method, const std::string& path, const json::value& body,
                  const std::string& auth) {
    return client->Send(method, path, body.is_null() ? "" : json::serialize(body), {auth});
  }

  std::string org_a, org_b, admin_a, user_a, user_b;
};
PORTAL_INSTANTIATE_BACKENDS(PromptApi);

TEST_P(PromptApi, CreateEditTwiceRestoreAndRender) {
  json::object body{{"title", "挨拶"},          {"description", "テスト"},    {"category", "営業"},
                    {"tags", {"mail", "挨拶"}}, {"content", "{{name}}様 v1"}, {"visibility", "organization"},
                    {"changeNote", "最初"}};
  auto created = Send("POST", "/api/v1/prompts", body, admin_a);
  ASSERT_EQ(created.status, 201) << created.body;
  auto prompt = created.Json().as_object();
  const std::string id(prompt["id"].as_string());
  EXPECT_EQ(prompt["version"], 1);
  EXPECT_EQ(prompt["organizationId"], json::value(org_a));
  EXPECT_EQ(prompt["organizationName"], "Alpha");
  EXPECT_EQ(prompt["variables"], (json::array{"name"}));
  EXPECT_EQ(prompt["canEdit"], true);
  const std::string path = "/api/v1/prompts/" + id;

  auto v2 = Send("PATCH", path, json::object{{"content", "{{name}}様 v2"}, {"changeNote", "二回目"}}, admin_a);
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(v2.Json().at("version"), 2);
  auto v3 = Send("PATCH", path, json::object{{"content", "{{name}}様 v3 {{extra}}"}, {"title", "挨拶 改"}}, admin_a);
  ASSERT_EQ(v3.status, 200) << v3.body;
  EXPECT_EQ(v3.Json().at("version"), 3);
  EXPECT_EQ(v3.Json().at("title"), "挨拶 改");

  auto restored = Send("POST", path + "/versions/1/restore", nullptr, admin_a);
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.Json().at("version"), 4);
  EXPECT_EQ(restored.Json().at("content"), "{{name}}様 v1");

  auto versions = client->Get(path + "/versions", {user_a});
  ASSERT_EQ(versions.status, 200) << versions.body;
  const auto history = versions.Json();
  const auto& items = history.at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(versions.Json().at("total"), 4);
  EXPECT_EQ(items[0].at("note"), "最初");
  EXPECT_EQ(items[1].at("content"), "{{name}}様 v2");
  EXPECT_EQ(items[2].at("content"), "{{name}}様 v3 {{extra}}");
  EXPECT_EQ(items[3].at("restoredFrom"), 1);
  EXPECT_EQ(Send("POST", path + "/versions/9/restore", nullptr, admin_a).status, 404);
  EXPECT_EQ(Send("POST", path + "/versions/x/restore", nullptr, admin_a).status, 404);

  auto rendered =
      Send("POST", path + "/render", json::object{{"variables", {{"name", "田中"}, {"unused", 1}}}}, user_a);
  ASSERT_EQ(rendered.status, 200) << rendered.body;
  EXPECT_EQ(rendered.Json().at("content"), "田中様 v1");
  EXPECT_EQ(rendered.Json().at("missing"), json::array{});
  auto missing = Send("POST", path + "/render", json::object{}, user_a);
  EXPECT_EQ(missing.Json().at("missing"), (json::array{"name"}));
  EXPECT_EQ(client->Get(path, {user_a}).Json().at("useCount"), 2);
  EXPECT_EQ(client->Get(path, {user_a}).Json().at("canEdit"), false);

  auto audit = portal->Store().Read([&](domain::Tx& tx) -> Status {
    domain::AuditQuery query;
    auto page = tx.Audit().List(query);
    if (!page) return Fail(page.error());
    std::vector<std::string> actions;
    for (auto& e : page->items) {
      if (e.target_id == id) actions.push_back(e.action);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"prompt.render", "prompt.render", "prompt.restore", "prompt.update",
                                                 "prompt.update", "prompt.create"}));
    return {};
  });
  EXPECT_TRUE(audit);

  EXPECT_EQ(client->Send("DELETE", path, "", {admin_a}).status, 204);
  EXPECT_EQ(client->Get(path, {admin_a}).status, 404);
}

TEST_P(PromptApi, ListSearchesFiltersAndPagesWhatTheCallerMaySee) {
  for (int i = 0; i < 3; ++i) {
    json::object body{{"title", "公開 " + std::to_string(i)},
                      {"content", "本文"},
                      {"visibility", "public"},
                      {"category", i == 0 ? "LP" : "other"},
                      {"tags", {i == 2 ? "x" : "lp"}}};
    ASSERT_EQ(Send("POST", "/api/v1/prompts", body, admin_a).status, 201);
  }
  ASSERT_EQ(Send("POST", "/api/v1/prompts",
                 json::object{{"title", "秘密のメモ"}, {"content", "secret"}, {"visibility", "private"}}, user_a)
                .status,
            201);

  auto mine = client->Get("/api/v1/prompts", {user_a});
  EXPECT_EQ(mine.Json().at("total"), 4);
  auto theirs = client->Get("/api/v1/prompts", {user_b});
  EXPECT_EQ(theirs.Json().at("total"), 3);
  const auto their_page = theirs.Json();
  for (const auto& item : their_page.at("items").as_array()) {
    EXPECT_EQ(item.at("organizationId"), nullptr);  // another tenant's ids stay hidden
    EXPECT_EQ(item.at("organizationName"), nullptr);
    EXPECT_EQ(item.at("ownerName"), nullptr);  // and whose it is
    EXPECT_EQ(item.at("canEdit"), false);
  }
  // The owner of the private prompt is named to those who may see whose it is.
  auto own = client->Get("/api/v1/prompts?q=%E7%A7%98%E5%AF%86", {user_a}).Json().at("items").as_array();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_FALSE(own[0].at("ownerName").is_null());
  EXPECT_EQ(client->Get("/api/v1/prompts?q=%E7%A7%98%E5%AF%86", {user_b}).Json().at("total"), 0);
  EXPECT_EQ(client->Get("/api/v1/prompts?q=%E7%A7%98%E5%AF%86", {user_a}).Json().at("total"), 1);
  EXPECT_EQ(client->Get("/api/v1/prompts?category=LP", {user_b}).Json().at("total"), 1);
  EXPECT_EQ(client->Get("/api/v1/prompts?tag=lp", {user_b}).Json().at("total"), 2);

  auto first = client->Get("/api/v1/prompts?limit=2", {user_a});
  ASSERT_EQ(first.Json().at("items").as_array().size(), 2u);
  std::string cursor(first.Json().at("nextCursor").as_string());
  auto second = client->Get("/api/v1/prompts?limit=2&cursor=" + cursor, {user_a});
  EXPECT_EQ(second.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(second.Json().at("nextCursor"), nullptr);
  EXPECT_EQ(client->Get("/api/v1/prompts?limit=0", {user_a}).status, 400);
}

TEST_P(PromptApi, InvalidInputAnswersClear400s) {
  auto post = [&](json::object body) { return Send("POST", "/api/v1/prompts", std::move(body), admin_a); };
  EXPECT_EQ(post({{"title", "t"}, {"content", "c"}}).ErrorCode(), "invalid_request");  // no visibility
  EXPECT_EQ(post({{"title", "t"}, {"content", "c"}, {"visibility", "everyone"}}).status, 400);
  EXPECT_EQ(post({{"title", ""}, {"content", "c"}, {"visibility", "public"}}).status, 400);
  EXPECT_EQ(post({{"title", "t"}, {"content", " "}, {"visibility", "public"}}).status, 400);
  EXPECT_EQ(post({{"title", "t"}, {"content", "c"}, {"visibility", "public"}, {"tags", "lp"}}).status, 400);
  EXPECT_EQ(post({{"title", "t"}, {"content", "c"}, {"visibility", "public"}, {"tags", {1}}}).status, 400);
  auto created = post({{"title", "t"}, {"content", "c"}, {"visibility", "public"}});
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/prompts/" + std::string(created.Json().at("id").as_string());
  EXPECT_EQ(Send("POST", path + "/render", json::object{{"variables", {{"a", {{"b", 1}}}}}}, admin_a).status, 400);
  EXPECT_EQ(Send("POST", path + "/render", json::object{{"variables", "x"}}, admin_a).status, 400);
  EXPECT_EQ(Send("PATCH", path, json::object{{"organizationId", org_b}}, admin_a).status, 403);
  EXPECT_EQ(client->Send("POST", path + "/render", "{not json", {admin_a}).status, 400);
}

TEST_P(PromptApi, DemoDataHasTheLinkedLandingPageTemplatesOncePerDatabase) {
  ASSERT_TRUE(portal->SeedDemo());
  ASSERT_TRUE(portal->SeedDemo());  // a restart in demo mode adds nothing
  std::vector<domain::Prompt> prompts;
  auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
    domain::PromptQuery query;
    query.scope.everything = true;
    auto page = tx.Prompts().List(query);
    if (!page) return Fail(page.error());
    prompts = page->items;
    return {};
  });
  ASSERT_TRUE(read);
  int lp_steps = 0, org_only = 0;
  for (const auto& p : prompts) {
    if (p.visibility == domain::PromptVisibility::kPublic && p.category == "ランディングページ") ++lp_steps;
    if (p.visibility == domain::PromptVisibility::kOrganization) ++org_only;
  }
  EXPECT_EQ(lp_steps, 3);
  EXPECT_EQ(org_only, 2);
  EXPECT_EQ(prompts.size(), 5u);
}

}  // namespace
}  // namespace portal::testing
