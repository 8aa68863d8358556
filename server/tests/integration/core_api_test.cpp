// Organizations, users, keys on users, audit and dashboard over real HTTP,
// on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <set>

#include "integration/core_support.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }

// The item of a list response with the given id (null when absent).
json::value FindItem(const HttpResult& list, const std::string& id) {
  auto body = list.Json();
  if (!body.is_object()) return nullptr;
  for (const auto& item : body.at("items").as_array()) {
    if (Str(item.at("id")) == id) return item;
  }
  return nullptr;
}

class CoreApi : public CoreTest {};
PORTAL_INSTANTIATE_BACKENDS(CoreApi);

// The old portal kept a user's key in several places; switching the key in the edit form left
// them disagreeing. Here one PATCH changes the one reference and every view agrees at once.
TEST_P(CoreApi, SwitchingAUsersKeyInOnePatchShowsTheNewKeyInEveryView) {
  auto super = MakeSuperAdmin();
  auto org = CreateOrganization("株式会社サンプル");
  auto workspace = AddWorkspace(org);
  auto value_a = NewKeyValue(), value_b = NewKeyValue();
  auto key_a = AddKey(workspace, value_a), key_b = AddKey(workspace, value_b);
  auto user = CreateUser("tanaka@sample.example", domain::Role::kUser, org);

  auto assign_a = Call("PATCH", "/api/v1/users/" + user, super, json::serialize(json::object{{"apiKeyId", key_a}}));
  ASSERT_EQ(assign_a.status, 200) << assign_a.body;
  EXPECT_EQ(Str(assign_a.Json().at("apiKey").at("id")), key_a);

  auto switch_b = Call("PATCH", "/api/v1/users/" + user, super,
                       json::serialize(json::object{{"apiKeyId", key_b}, {"name", "田中 太郎"}}));
  ASSERT_EQ(switch_b.status, 200) << switch_b.body;
  EXPECT_EQ(Str(switch_b.Json().at("apiKey").at("id")), key_b);
  EXPECT_EQ(Str(switch_b.Json().at("apiKey").at("hint")), domain::MaskSecret(value_b));

  // The user list.
  auto listed = FindItem(Call("GET", "/api/v1/users", super), user);
  ASSERT_TRUE(listed.is_object());
  EXPECT_EQ(Str(listed.at("apiKey").at("id")), key_b);
  EXPECT_EQ(Str(listed.at("apiKey").at("hint")), domain::MaskSecret(value_b));
  // The one user row.
  auto row = Call("GET", "/api/v1/users/" + user, super).Json();
  EXPECT_EQ(Str(row.at("apiKey").at("id")), key_b);

  // The key list (when the API-key endpoints are there): B held by the user, A free.
  auto keys = Call("GET", "/api/v1/api-keys", super);
  if (keys.status != 404) {
    ASSERT_EQ(keys.status, 200) << keys.body;
    auto a = FindItem(keys, key_a), b = FindItem(keys, key_b);
    ASSERT_TRUE(a.is_object() && b.is_object()) << keys.body;
    EXPECT_TRUE(a.at("assignedUser").is_null()) << keys.body;
    EXPECT_EQ(Str(b.at("assignedUser").at("id")), user) << keys.body;
    EXPECT_EQ(Str(b.at("hint")), domain::MaskSecret(value_b));
  }

  // The client API: /me and /me/api-key.
  auto token = LoginCli("tanaka@sample.example").access;
  auto me = Call("GET", "/api/v1/me", token).Json();
  EXPECT_EQ(Str(me.at("apiKey").at("id")), key_b);
  EXPECT_EQ(Str(me.at("apiKey").at("hint")), domain::MaskSecret(value_b));
  auto secret = Call("GET", "/api/v1/me/api-key", token);
  ASSERT_EQ(secret.status, 200) << secret.body;
  EXPECT_EQ(Str(secret.Json().at("id")), key_b);
  EXPECT_EQ(Str(secret.Json().at("value")), value_b);

  // The storage agrees: exactly one user holds B, nobody holds A.
  auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
    auto holder = tx.Users().FindByApiKeyId(key_b);
    EXPECT_TRUE(holder && holder->id == user);
    EXPECT_FALSE(tx.Users().FindByApiKeyId(key_a));
    return {};
  });
  EXPECT_TRUE(read);
}

TEST_P(CoreApi, AssigningAKeyHeldBySomeoneElseIsAConflictNamingTheHolder) {
  auto super = MakeSuperAdmin();
  auto t = MakeTenant("テスト商事", "test-shoji");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/users/" + t.member, super, json::serialize(json::object{{"apiKeyId", t.key}})).status,
      200);
  auto taken =
      Call("PATCH", "/api/v1/users/" + t.user, t.admin_token, json::serialize(json::object{{"apiKeyId", t.key}}));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorCode(), "api_key_assigned");
  EXPECT_NE(taken.body.find(t.member_email), std::string::npos) << taken.body;

  // Unregistered, inactive and other-tenant keys are refused too.
  auto unregistered = AddKey(t.workspace, NewKeyValue(), "active", false);
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + t.user, super, json::serialize(json::object{{"apiKeyId", unregistered}}))
                .ErrorCode(),
            "api_key_not_registered");
  auto inactive = AddKey(t.workspace, NewKeyValue(), "inactive");
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + t.user, super, json::serialize(json::object{{"apiKeyId", inactive}}))
                .ErrorCode(),
            "api_key_not_active");
  auto other = MakeTenant("他社", "other");
  EXPECT_EQ(
      Call("PATCH", "/api/v1/users/" + t.user, t.admin_token, json::serialize(json::object{{"apiKeyId", other.key}}))
          .status,
      404);
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + t.user, super, json::serialize(json::object{{"apiKeyId", other.key}}))
                .ErrorCode(),
            "api_key_wrong_organization");
  // null unassigns.
  auto freed = Call("PATCH", "/api/v1/users/" + t.member, t.admin_token, R"({"apiKeyId":null})");
  ASSERT_EQ(freed.status, 200) << freed.body;
  EXPECT_TRUE(freed.Json().at("apiKey").is_null());
}

TEST_P(CoreApi, OrganizationsHaveComputedCountsAndCaseInsensitiveUniqueNames) {
  auto super = MakeSuperAdmin();
  auto created = Call("POST", "/api/v1/organizations", super, R"({"name":"Acme Corp","description":"顧客"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = Str(created.Json().at("id"));
  EXPECT_EQ(created.Json().at("memberCount"), 0);
  EXPECT_EQ(Call("POST", "/api/v1/organizations", super, R"({"name":"ACME corp"})").status, 409);
  EXPECT_EQ(Call("POST", "/api/v1/organizations", super, R"({"name":""})").status, 400);

  CreateUser("a@acme.example", domain::Role::kAdmin, id);
  CreateUser("b@acme.example", domain::Role::kUser, id);
  auto ws = AddWorkspace(id);
  AddKey(ws, NewKeyValue());
  AddWorkspace(id, true);  // archived: not in the workspace list, so not in its count either
  auto item = FindItem(Call("GET", "/api/v1/organizations", super), id);
  ASSERT_TRUE(item.is_object());
  EXPECT_EQ(item.at("memberCount"), 2);
  EXPECT_EQ(item.at("workspaceCount"), 1);
  EXPECT_EQ(item.at("archivedWorkspaceCount"), 1);
  EXPECT_EQ(item.at("apiKeyCount"), 1);
  auto listed = Call("GET", "/api/v1/workspaces?organizationId=" + id, super).Json();
  EXPECT_EQ(listed.at("total"), item.at("workspaceCount"));
  auto card = Call("GET", "/api/v1/dashboard", super).Json().at("organizations").as_array();
  for (const auto& c : card) {
    if (Str(c.at("id")) == id) {
      EXPECT_EQ(c.at("workspaceCount"), 1);
    }
  }

  auto admin = LoginCli("a@acme.example").access;
  auto own = Call("GET", "/api/v1/organizations", admin).Json();
  EXPECT_EQ(own.at("total"), 1);
  auto patched = Call("PATCH", "/api/v1/organizations/" + id, admin, R"({"description":"新しい説明"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Str(patched.Json().at("description")), "新しい説明");
  EXPECT_EQ(Call("POST", "/api/v1/organizations", admin, R"({"name":"Mine"})").status, 403);
}

TEST_P(CoreApi, DeletingAnOrganizationDisablesItsUsersRevokesSessionsAndUnlinksWorkspaces) {
  auto super = MakeSuperAdmin();
  auto t = MakeTenant("閉鎖予定", "closing");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/users/" + t.member, super, json::serialize(json::object{{"apiKeyId", t.key}})).status,
      200);
  auto refresh = LoginCli(t.user_email).refresh;

  auto deleted = Call("DELETE", "/api/v1/organizations/" + t.org + "?archiveWorkspaces=false", super);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  auto done = deleted.Json();
  EXPECT_EQ(done.at("usersDisabled"), 3);
  EXPECT_GE(done.at("sessionsRevoked").as_int64(), 3);
  EXPECT_EQ(done.at("workspacesUnlinked"), 1);
  EXPECT_EQ(done.at("workspacesArchived"), 0);
  EXPECT_EQ(done.at("keysUnassigned"), 1);

  EXPECT_EQ(Call("GET", "/api/v1/me", t.user_token).status, 401);
  EXPECT_EQ(client->Post("/api/v1/auth/refresh", json::serialize(json::object{{"refreshToken", refresh}})).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/organizations/" + t.org, super).status, 404);
  // The users remain (disabled), the name is free again, the key is free.
  auto user = Call("GET", "/api/v1/users/" + t.user, super).Json();
  EXPECT_EQ(Str(user.at("status")), "disabled");
  EXPECT_EQ(Call("POST", "/api/v1/organizations", super, R"({"name":"閉鎖予定"})").status, 201);
  auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
    EXPECT_FALSE(tx.Users().FindByApiKeyId(t.key));
    auto ws = tx.Workspaces().FindById(t.workspace);
    EXPECT_TRUE(ws && !ws->organization_id);
    return {};
  });
  EXPECT_TRUE(read);
  auto audit = Call("GET", "/api/v1/audit?action=organization.delete", super).Json();
  ASSERT_EQ(audit.at("total"), 1);
  EXPECT_EQ(audit.at("items").at(0).at("details").at("usersDisabled"), 3);
}

TEST_P(CoreApi, UsersAreCreatedWithAGeneratedPasswordShownOnceAndManagedWithinTheOrganization) {
  MakeSuperAdmin();  // an installation has one; everything below is the tenant's Admin's doing
  auto t = MakeTenant("株式会社サンプル", "sample");
  json::object body{{"name", "斎藤 次郎"},
                    {"email", "Saitou@Sample.example"},
                    {"role", "User"},
                    {"organizationId", t.org},
                    {"apiKeyId", t.key}};
  auto created = Call("POST", "/api/v1/users", t.admin_token, json::serialize(body));
  ASSERT_EQ(created.status, 201) << created.body;
  auto password = Str(created.Json().at("initialPassword"));
  EXPECT_EQ(password.size(), 16u);
  auto user = created.Json().at("user");
  EXPECT_EQ(Str(user.at("email")), "saitou@sample.example");
  EXPECT_EQ(Str(user.at("organizationName")), "株式会社サンプル");
  EXPECT_EQ(Str(user.at("apiKey").at("id")), t.key);
  auto id = Str(user.at("id"));
  EXPECT_EQ(user.at("mustChangePassword"), true);  // a generated password must be changed at first login
  auto session = LoginCli("saitou@sample.example", password);
  EXPECT_FALSE(session.access.empty());
  EXPECT_EQ(Call("GET", "/api/v1/me", session.access).Json().at("mustChangePassword"), true);
  // A common password is refused on its field; the user's own choice clears the flag.
  auto common = Call("POST", "/api/v1/me/password", session.access,
                     json::serialize(json::object{{"currentPassword", password}, {"newPassword", "Password2024!!"}}));
  EXPECT_EQ(common.status, 400) << common.body;
  EXPECT_EQ(common.ErrorCode(), "password_too_common");
  EXPECT_EQ(Str(common.Json().at("error").at("details").at("field")), "password");
  auto changed =
      Call("POST", "/api/v1/me/password", session.access,
           json::serialize(json::object{{"currentPassword", password}, {"newPassword", "my own long secret 7"}}));
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(Call("GET", "/api/v1/me", session.access).Json().at("mustChangePassword"), false);
  password = "my own long secret 7";
  EXPECT_EQ(Call("GET", "/api/v1/users/" + id, t.admin_token).Json().as_object().if_contains("initialPassword"),
            nullptr);

  // Duplicate email, SuperAdmin by an Admin, a User managing users.
  EXPECT_EQ(Call("POST", "/api/v1/users", t.admin_token, json::serialize(body)).status, 409);
  json::object super_body{{"name", "x"}, {"email", "x@x.example"}, {"role", "SuperAdmin"}};
  EXPECT_EQ(Call("POST", "/api/v1/users", t.admin_token, json::serialize(super_body)).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/users", t.user_token).status, 403);
  // An Admin cannot lock themselves out.
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + t.admin, t.admin_token, R"({"status":"disabled"})").status, 400);

  // Reset password: the old sessions end, the new password works.
  auto reset = Call("POST", "/api/v1/users/" + id + "/reset-password", t.admin_token);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(Call("GET", "/api/v1/me", session.access).status, 401);
  EXPECT_FALSE(LoginCli("saitou@sample.example", Str(reset.Json().at("temporaryPassword"))).access.empty());
  EXPECT_EQ(Call("GET", "/api/v1/users/" + id, t.admin_token).Json().at("mustChangePassword"), true);

  // Disabling revokes sessions; the list filters by status.
  auto again = LoginCli("saitou@sample.example", Str(reset.Json().at("temporaryPassword")));
  auto disabled = Call("PATCH", "/api/v1/users/" + id, t.admin_token, R"({"status":"disabled"})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Call("GET", "/api/v1/me", again.access).status, 401);
  auto filtered = Call("GET", "/api/v1/users?status=disabled&q=saitou", t.admin_token).Json();
  EXPECT_EQ(filtered.at("total"), 1);

  auto removed = Call("DELETE", "/api/v1/users/" + id, t.admin_token);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Str(removed.Json().at("apiKeyReleased")), t.key);
  EXPECT_EQ(Call("GET", "/api/v1/users/" + id, t.admin_token).status, 404);
}

// A pasted value whose hint two keys share is an error naming both keys (409 ambiguous_key, the
// candidates as keys), for registering and for replacing a leaked key alike; nothing is stored.
TEST_P(CoreApi, AnAmbiguousKeyValueIsAConflictListingItsCandidates) {
  auto super = MakeSuperAdmin();
  auto a = MakeTenant("Alpha", "alpha");
  const std::string first = "sk-ant-api03-TWN" + NewKeyValue().substr(16, 73) + "AAAA";
  std::string second = first;
  second[40] = second[40] == 'x' ? 'y' : 'x';
  const std::string k1 = AddKey(a.workspace, first, "active", false);
  const std::string k2 = AddKey(a.workspace, second, "active", false);
  for (const std::string& path : {std::string("/api/v1/api-keys/register"), "/api/v1/api-keys/" + a.key + "/replace"}) {
    auto r = Call("POST", path, super, json::serialize(json::object{{"value", first}}));
    EXPECT_EQ(r.status, 409) << path << " " << r.body;
    EXPECT_EQ(r.ErrorCode(), "ambiguous_key") << r.body;
    const auto body = r.Json();
    std::set<std::string> ids;
    for (const auto& c : body.at("error").at("candidates").as_array()) {
      ids.insert(Str(c.at("id")));
      EXPECT_FALSE(Str(c.at("hint")).empty());
    }
    EXPECT_EQ(ids, (std::set<std::string>{k1, k2})) << r.body;
    EXPECT_FALSE(body.at("requestId").as_string().empty());
    EXPECT_EQ(r.body.find(first), std::string::npos) << "the value is never echoed";
  }
  auto listed = Call("GET", "/api/v1/api-keys?registered=true", super);
  EXPECT_EQ(listed.body.find(k1), std::string::npos) << "nothing was registered";
}

TEST_P(CoreApi, OrganizationsAndWorkspacesAreSearchedOnTheServer) {
  auto super = MakeSuperAdmin();
  auto a = MakeTenant("Alpha Trading", "alpha");
  auto b = MakeTenant("Beta", "beta");
  auto names = [&](const std::string& path, const std::string& token) {
    auto response = Call("GET", path, token);
    EXPECT_EQ(response.status, 200) << path << " " << response.body;
    std::vector<std::string> out;
    const auto body = response.Json();
    for (const auto& item : body.at("items").as_array()) out.push_back(Str(item.at("name")));
    return out;
  };
  EXPECT_EQ(names("/api/v1/organizations?q=trad", super), std::vector<std::string>{"Alpha Trading"});
  EXPECT_EQ(names("/api/v1/organizations?q=" + b.org, super), std::vector<std::string>{"Beta"});
  EXPECT_TRUE(names("/api/v1/organizations?q=nothing", super).empty());
  // An Admin searches within what they see: their own organization.
  EXPECT_EQ(names("/api/v1/organizations?q=ALPHA", a.admin_token), std::vector<std::string>{"Alpha Trading"});
  EXPECT_TRUE(names("/api/v1/organizations?q=beta", a.admin_token).empty());

  const std::string suffix = a.workspace_name.substr(3);
  EXPECT_EQ(names("/api/v1/workspaces?q=" + suffix, super), std::vector<std::string>{a.workspace_name});
  EXPECT_EQ(names("/api/v1/workspaces?q=" + b.workspace, super), std::vector<std::string>{b.workspace_name});
  EXPECT_EQ(names("/api/v1/workspaces?q=" + suffix, a.admin_token), std::vector<std::string>{a.workspace_name});
  EXPECT_TRUE(names("/api/v1/workspaces?q=" + b.workspace, a.admin_token).empty());
  EXPECT_TRUE(names("/api/v1/workspaces?organizationId=" + b.org + "&q=" + suffix, super).empty());
}

TEST_P(CoreApi, AuditIsScopedByOrganizationAndDashboardFlagsDrift) {
  auto super = MakeSuperAdmin();
  auto a = MakeTenant("Alpha", "alpha");
  auto b = MakeTenant("Beta", "beta");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/users/" + a.member, a.admin_token, json::serialize(json::object{{"apiKeyId", a.key}}))
          .status,
      200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + b.member, b.admin_token, R"({"name":"Renamed"})").status, 200);

  auto own = Call("GET", "/api/v1/audit", a.admin_token);
  ASSERT_EQ(own.status, 200) << own.body;
  auto own_events = own.Json();
  for (const auto& event : own_events.at("items").as_array()) {
    EXPECT_EQ(Str(event.at("organizationId")), a.org);
    EXPECT_EQ(Str(event.at("organizationName")), "Alpha");
  }
  EXPECT_NE(own.body.find("user.update_api_key"), std::string::npos);
  // Events read like sentences: the actor and the target by name.
  bool named = false;
  for (const auto& event : own_events.at("items").as_array()) {
    if (Str(event.at("action")) != "user.update_api_key") continue;
    named = true;
    EXPECT_EQ(Str(event.at("actorName")), "テスト ユーザー");
    EXPECT_EQ(Str(event.at("actorId")), a.admin);
    EXPECT_EQ(Str(event.at("targetName")), "テスト ユーザー (" + a.member_email + ")");
  }
  EXPECT_TRUE(named) << own.body;
  // Details that name objects by id come with their names.
  for (const auto& event : own_events.at("items").as_array()) {
    if (Str(event.at("action")) != "user.update_api_key") continue;
    EXPECT_EQ(Str(event.at("details").at("apiKeyId")), a.key);
    EXPECT_NE(Str(event.at("detailNames").at("apiKeyId")).find('('), std::string::npos) << event;
    EXPECT_TRUE(event.at("hiddenDetails").as_array().empty());
  }
  // A workspace moved from Alpha to Beta: Beta's Admin reads that it came from another
  // organization, never Alpha's id or name; the SuperAdmin reads both names.
  const std::string moved = AddWorkspace(a.org);
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + moved, super, json::serialize(json::object{{"organizationId", b.org}}))
          .status,
      200);
  auto beta_sees = Call("GET", "/api/v1/audit?action=workspace.update", b.admin_token);
  ASSERT_EQ(beta_sees.status, 200) << beta_sees.body;
  const auto beta_events = beta_sees.Json();
  ASSERT_FALSE(beta_events.at("items").as_array().empty()) << beta_sees.body;
  const auto& move_event = beta_events.at("items").as_array()[0];
  EXPECT_TRUE(move_event.at("details").at("previousOrganizationId").is_null()) << move_event;
  EXPECT_EQ(move_event.at("hiddenDetails"), json::array{"previousOrganizationId"});
  EXPECT_EQ(Str(move_event.at("detailNames").at("organizationId")), "Beta");
  EXPECT_EQ(beta_sees.body.find(a.org), std::string::npos) << beta_sees.body;
  EXPECT_EQ(beta_sees.body.find("Alpha"), std::string::npos) << beta_sees.body;
  const auto super_events = Call("GET", "/api/v1/audit?action=workspace.update", super).Json();
  const auto& super_sees = super_events.at("items").as_array();
  ASSERT_FALSE(super_sees.empty());
  EXPECT_EQ(Str(super_sees[0].at("details").at("previousOrganizationId")), a.org);
  EXPECT_EQ(Str(super_sees[0].at("detailNames").at("previousOrganizationId")), "Alpha");
  EXPECT_TRUE(super_sees[0].at("hiddenDetails").as_array().empty());
  // A SuperAdmin's change in Alpha: Alpha's Admin reads the name, never the id of an account outside it.
  ASSERT_EQ(Call("PATCH", "/api/v1/organizations/" + a.org, super, R"({"description":"by the SuperAdmin"})").status,
            200);
  auto by_super = Call("GET", "/api/v1/audit?action=organization.update", a.admin_token).Json().at("items").as_array();
  ASSERT_FALSE(by_super.empty());
  EXPECT_TRUE(by_super[0].at("actorId").is_null());
  EXPECT_FALSE(by_super[0].at("actorName").is_null());
  EXPECT_EQ(Str(by_super[0].at("targetName")), "Alpha");
  EXPECT_EQ(Call("GET", "/api/v1/audit?organizationId=" + b.org, a.admin_token).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/audit", a.user_token).status, 403);
  auto all = Call("GET", "/api/v1/audit?limit=2", super).Json();
  EXPECT_EQ(all.at("items").as_array().size(), 2u);
  EXPECT_FALSE(all.at("nextCursor").is_null());

  // The key is disabled in the Console; the next sync records it.
  auto synced = portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto key = tx.ApiKeys().FindById(a.key);
    if (!key) return Fail(key.error());
    key->status = "inactive";
    return tx.ApiKeys().Upsert(*key);
  });
  ASSERT_TRUE(synced);
  auto dashboard = Call("GET", "/api/v1/dashboard", a.admin_token);
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  auto d = dashboard.Json();
  EXPECT_EQ(Str(d.at("user").at("role")), "Admin");
  ASSERT_EQ(d.at("organizations").as_array().size(), 1u);
  EXPECT_EQ(d.at("organizations").at(0).at("memberCount"), 3);
  ASSERT_EQ(d.at("alerts").as_array().size(), 1u);
  EXPECT_EQ(Str(d.at("alerts").at(0).at("user").at("id")), a.member);
  EXPECT_EQ(Str(d.at("alerts").at(0).at("apiKey").at("status")), "inactive");
  auto other = Call("GET", "/api/v1/dashboard", b.admin_token).Json();
  EXPECT_TRUE(other.at("alerts").as_array().empty());
  auto everything = Call("GET", "/api/v1/dashboard", super).Json();
  EXPECT_EQ(everything.at("counts").at("organizations"), 2);
  EXPECT_EQ(everything.at("alerts").as_array().size(), 1u);
}

// A workspace moved (or unlinked) must never leave a user holding a key of another customer: the
// move is refused naming the holders, or with unassignKeys their keys go in the same transaction.
TEST_P(CoreApi, MovingAWorkspaceWhoseKeysAreHeldIsRefusedOrTakesTheKeysAway) {
  auto super = MakeSuperAdmin();
  auto acme = MakeTenant("Acme", "acme");
  auto beta = MakeTenant("Beta", "beta");
  auto held = Call("PATCH", "/api/v1/users/" + acme.user, super, json::serialize(json::object{{"apiKeyId", acme.key}}));
  ASSERT_EQ(held.status, 200) << held.body;
  const auto audit_before = Call("GET", "/api/v1/audit?limit=500", super).Json().at("total").as_int64();

  for (const json::value& target : {json::value(beta.org), json::value(nullptr)}) {
    auto refused = Call("PATCH", "/api/v1/workspaces/" + acme.workspace, super,
                        json::serialize(json::object{{"organizationId", target}}));
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "workspace_keys_held");
    EXPECT_NE(refused.body.find(acme.user_email), std::string::npos) << refused.body;
  }
  // Nothing changed: the workspace is Acme's, the user holds the key, nothing was audited.
  EXPECT_EQ(Str(Call("GET", "/api/v1/workspaces/" + acme.workspace, super).Json().at("organizationId")), acme.org);
  EXPECT_EQ(Str(Call("GET", "/api/v1/users/" + acme.user, super).Json().at("apiKey").at("id")), acme.key);
  EXPECT_EQ(Call("GET", "/api/v1/audit?limit=500", super).Json().at("total").as_int64(), audit_before);
  // The Admin of Acme may not move it at all.
  EXPECT_EQ(Call("PATCH", "/api/v1/workspaces/" + acme.workspace, acme.admin_token,
                 json::serialize(json::object{{"organizationId", beta.org}, {"unassignKeys", true}}))
                .status,
            403);

  auto moved = Call("PATCH", "/api/v1/workspaces/" + acme.workspace, super,
                    json::serialize(json::object{{"organizationId", beta.org}, {"unassignKeys", true}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Str(moved.Json().at("organizationId")), beta.org);
  EXPECT_TRUE(Call("GET", "/api/v1/users/" + acme.user, super).Json().at("apiKey").is_null());
  EXPECT_EQ(Call("GET", "/api/v1/me/api-key", acme.user_token).status, 404);
  auto unassigned = Call("GET", "/api/v1/audit?action=user.key_unassigned", super).Json().at("items").as_array();
  ASSERT_EQ(unassigned.size(), 1u);
  EXPECT_EQ(Str(unassigned[0].at("targetId")), acme.user);
  // Acme's Admin no longer sees the workspace; Beta's does.
  EXPECT_EQ(Call("GET", "/api/v1/workspaces/" + acme.workspace, acme.admin_token).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/workspaces/" + acme.workspace, beta.admin_token).status, 200);
  // A key held by a user of the workspace's new organization does not stand in the way.
  auto beta_holds =
      Call("PATCH", "/api/v1/users/" + beta.user, super, json::serialize(json::object{{"apiKeyId", acme.key}}));
  ASSERT_EQ(beta_holds.status, 200) << beta_holds.body;
  EXPECT_EQ(Call("PATCH", "/api/v1/workspaces/" + acme.workspace, super,
                 json::serialize(json::object{{"organizationId", beta.org}}))
                .status,
            200);
}

// Conflicts and invalid input name their field (error.details.field), so that a form shows the
// message on that field instead of a generic conflict.
TEST_P(CoreApi, ConflictsAndBadFieldsNameTheirField) {
  auto super = MakeSuperAdmin();
  auto acme = MakeTenant("Acme", "acme");
  auto field_of = [](const HttpResult& r) {
    const auto body = r.Json();
    const auto* details = body.at("error").as_object().if_contains("details");
    return details ? Str(details->at("field")) : std::string();
  };
  auto email =
      Call("POST", "/api/v1/users", super,
           json::serialize(json::object{
               {"name", "Dup"}, {"email", "ADMIN@acme.example"}, {"role", "User"}, {"organizationId", acme.org}}));
  EXPECT_EQ(email.status, 409) << email.body;
  EXPECT_EQ(email.ErrorCode(), "email_taken");
  EXPECT_EQ(field_of(email), "email");
  auto org = Call("POST", "/api/v1/organizations", super, R"({"name":"acme"})");
  EXPECT_EQ(org.status, 409) << org.body;
  EXPECT_EQ(org.ErrorCode(), "organization_name_taken");
  EXPECT_EQ(field_of(org), "name");
  auto workspace = Call("POST", "/api/v1/workspaces", super,
                        json::serialize(json::object{{"name", acme.workspace_name}, {"organizationId", acme.org}}));
  EXPECT_EQ(workspace.status, 409) << workspace.body;
  EXPECT_EQ(workspace.ErrorCode(), "workspace_name_taken");
  EXPECT_EQ(field_of(workspace), "name");
  auto bad_email = Call("PATCH", "/api/v1/users/" + acme.member, super, R"({"email":"not-an-address"})");
  EXPECT_EQ(bad_email.status, 400);
  EXPECT_EQ(field_of(bad_email), "email");
  auto bad_name = Call("PATCH", "/api/v1/organizations/" + acme.org, super, R"({"name":""})");
  EXPECT_EQ(bad_name.status, 400);
  EXPECT_EQ(field_of(bad_name), "name");
  // An error about no single field has no details.
  EXPECT_EQ(field_of(Call("GET", "/api/v1/users/usr_missing", super)), "");
}

}  // namespace
}  // namespace portal::testing
