#include "emulator/emulator_state.hpp"
#include "emulator/emulator_limits.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "emulator/emulator_json.hpp"
#include "emulator/emulator_random.hpp"
#include "emulator/emulator_seed.hpp"

namespace portal::emulator {
namespace {

class FakeClock final : public Clock {
 public:
  TimePoint Now() const override { return now; }
  TimePoint now = FromUnixMillis(1'767'225'600'000);  // 2026-01-01T00:00:00Z
};

Micros ToMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

class EmulatorStateTest : public ::testing::Test {
 protected:
  Snapshot Generated(int workspaces = 3, int keys = 10, int users = 5) {
    return GenerateSnapshot({workspaces, keys, users, 7, ToMicros(clock.now)});
  }
  FakeClock clock;
};

PageRequest Limit(int limit) {
  PageRequest page;
  page.limit = limit;
  return page;
}

TEST_F(EmulatorStateTest, ApiKeyPagesWalkForwardAndBackWithFirstAndLastIds) {
  EmulatorState state(Generated(3, 10, 5), clock);
  auto first = state.ListApiKeys(Limit(4), {});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->data.size(), 4u);
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->first_id, first->data.front().id);
  EXPECT_EQ(first->last_id, first->data.back().id);

  std::set<std::string> seen;
  for (const auto& k : first->data) seen.insert(k.id);
  PageRequest next = Limit(4);
  next.after_id = first->last_id;
  auto second = state.ListApiKeys(next, {});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->data.size(), 4u);
  EXPECT_TRUE(second->has_more);
  for (const auto& k : second->data) seen.insert(k.id);
  next.after_id = second->last_id;
  auto third = state.ListApiKeys(next, {});
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->data.size(), 2u);
  EXPECT_FALSE(third->has_more);
  for (const auto& k : third->data) seen.insert(k.id);
  EXPECT_EQ(seen.size(), 10u);

  // before_id = the second page's first id gives back exactly the first page.
  PageRequest back = Limit(4);
  back.before_id = second->first_id;
  auto again = state.ListApiKeys(back, {});
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->data.size(), 4u);
  EXPECT_FALSE(again->has_more);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(again->data[i].id, first->data[i].id);

  // Before the third page with limit 2: the last two of the second page; more before them.
  back = Limit(2);
  back.before_id = third->first_id;
  auto tail = state.ListApiKeys(back, {});
  ASSERT_TRUE(tail.has_value());
  ASSERT_EQ(tail->data.size(), 2u);
  EXPECT_TRUE(tail->has_more);
  EXPECT_EQ(tail->data[1].id, second->data[3].id);
}

TEST_F(EmulatorStateTest, ListsAreNewestFirstAndDefaultToTwenty) {
  EmulatorState state(Generated(3, 30, 5), clock);
  auto page = state.ListApiKeys(PageRequest{}, {});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->data.size(), 20u);
  EXPECT_TRUE(page->has_more);
  EXPECT_GT(page->data.front().created_at, page->data.back().created_at);
  auto all = state.ListApiKeys(Limit(1000), {});
  EXPECT_EQ(all->data.size(), 30u);
  EXPECT_FALSE(all->has_more);
}

TEST_F(EmulatorStateTest, RejectsBadPageRequests) {
  EmulatorState state(Generated(), clock);
  EXPECT_EQ(state.ListApiKeys(Limit(0), {}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.ListApiKeys(Limit(1001), {}).error().code, ErrorCode::kInvalidArgument);
  PageRequest both = Limit(5);
  both.after_id = state.ApiKeys()[0].id;
  both.before_id = state.ApiKeys()[1].id;
  EXPECT_EQ(state.ListApiKeys(both, {}).error().code, ErrorCode::kInvalidArgument);
  PageRequest unknown = Limit(5);
  unknown.after_id = "apikey_01doesnotexist";
  EXPECT_EQ(state.ListApiKeys(unknown, {}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EmulatorStateTest, EmptyPageHasNullIds) {
  EmulatorState state(Generated(), clock);
  ApiKeyFilter filter;
  filter.created_by_user_id = "user_nobody";
  auto page = state.ListApiKeys(Limit(10), filter);
  ASSERT_TRUE(page.has_value());
  EXPECT_TRUE(page->data.empty());
  EXPECT_FALSE(page->has_more);
  EXPECT_FALSE(page->first_id.has_value());
  EXPECT_FALSE(page->last_id.has_value());
}

TEST_F(EmulatorStateTest, ApiKeyFiltersByStatusWorkspaceAndCreator) {
  auto snapshot = Generated(3, 20, 5);
  EmulatorState state(snapshot, clock);
  ApiKeyFilter inactive;
  inactive.status = "inactive";
  auto page = state.ListApiKeys(Limit(100), inactive);
  ASSERT_FALSE(page->data.empty());
  for (const auto& k : page->data) EXPECT_EQ(k.status, "inactive");

  ApiKeyFilter in_default;
  in_default.workspace_id = snapshot.default_workspace_id;
  page = state.ListApiKeys(Limit(100), in_default);
  ASSERT_FALSE(page->data.empty());
  for (const auto& k : page->data) EXPECT_FALSE(k.workspace_id.has_value());

  ApiKeyFilter in_first;
  in_first.workspace_id = snapshot.workspaces[0].id;
  page = state.ListApiKeys(Limit(100), in_first);
  ASSERT_FALSE(page->data.empty());
  for (const auto& k : page->data) EXPECT_EQ(k.workspace_id, snapshot.workspaces[0].id);

  ApiKeyFilter by_admin;
  by_admin.created_by_user_id = snapshot.users[0].id;
  page = state.ListApiKeys(Limit(100), by_admin);
  ASSERT_FALSE(page->data.empty());
  for (const auto& k : page->data) EXPECT_EQ(k.created_by, snapshot.users[0].id);

  ApiKeyFilter bad;
  bad.status = "deleted";
  EXPECT_EQ(state.ListApiKeys(Limit(10), bad).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EmulatorStateTest, GeneratedDataSpreadsKeysAndStatuses) {
  auto s = Generated(3, 10, 5);
  std::set<std::string> statuses;
  int in_default = 0;
  std::regex id_shape("apikey_01[1-9A-HJ-NP-Za-km-z]{22}");
  std::regex value_shape("sk-ant-api03-[A-Za-z0-9_-]{93}AA");
  for (const auto& k : s.api_keys) {
    statuses.insert(k.status);
    if (!k.workspace_id) ++in_default;
    EXPECT_TRUE(std::regex_match(k.id, id_shape)) << k.id;
    EXPECT_EQ(k.value.size(), 108u);
    EXPECT_TRUE(std::regex_match(k.value, value_shape)) << k.value;
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"active", "inactive", "archived"}));
  EXPECT_GT(in_default, 0);
  EXPECT_LT(in_default, 10);
  EXPECT_EQ(s.users[0].role, "admin");
  EXPECT_EQ(s.workspaces.size(), 3u);
  EXPECT_TRUE(s.workspaces[0].id.starts_with("wrkspc_01"));
  EXPECT_EQ(s.workspaces[0].id.size(), std::string("wrkspc_").size() + 24);
  EXPECT_EQ(PartialKeyHint(s.api_keys[0].value),
            s.api_keys[0].value.substr(0, 16) + "..." + s.api_keys[0].value.substr(104));
}

TEST_F(EmulatorStateTest, GenerationIsDeterministicPerSeed) {
  auto a = SnapshotToJsonText(GenerateSnapshot({3, 10, 5, 42, 0}));
  auto b = SnapshotToJsonText(GenerateSnapshot({3, 10, 5, 42, 0}));
  auto c = SnapshotToJsonText(GenerateSnapshot({3, 10, 5, 43, 0}));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST_F(EmulatorStateTest, CapsActiveWorkspacesAtOneHundred) {
  EmulatorState state(Generated(0, 0, 1), clock);
  std::string first_id;
  for (int i = 0; i < 100; ++i) {
    auto w = state.CreateWorkspace({"ws " + std::to_string(i), std::nullopt, std::nullopt, {}});
    ASSERT_TRUE(w.has_value()) << i << ": " << w.error().message;
    if (i == 0) first_id = w->id;
  }
  auto over = state.CreateWorkspace({"one too many", std::nullopt, std::nullopt, {}});
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, ErrorCode::kInvalidArgument);
  // Archived workspaces do not count.
  ASSERT_TRUE(state.ArchiveWorkspace(first_id).has_value());
  EXPECT_TRUE(state.CreateWorkspace({"now it fits", std::nullopt, std::nullopt, {}}).has_value());
}

TEST_F(EmulatorStateTest, ValidatesWorkspaceNameAndColor) {
  EmulatorState state(Generated(), clock);
  EXPECT_FALSE(state.CreateWorkspace({"", std::nullopt, std::nullopt, {}}).has_value());
  EXPECT_FALSE(state.CreateWorkspace({std::string(41, 'x'), std::nullopt, std::nullopt, {}}).has_value());
  EXPECT_TRUE(state.CreateWorkspace({std::string(40, 'x'), std::nullopt, std::nullopt, {}}).has_value());
  // 40 characters, more than 40 bytes.
  std::string umlauts;
  for (int i = 0; i < 40; ++i) umlauts += "\xC3\xA4";
  EXPECT_TRUE(state.CreateWorkspace({umlauts, std::nullopt, std::nullopt, {}}).has_value());
  EXPECT_FALSE(state.CreateWorkspace({"c", std::string("#12345"), std::nullopt, {}}).has_value());
  EXPECT_FALSE(state.CreateWorkspace({"c", std::string("123456#"), std::nullopt, {}}).has_value());
  auto ok = state.CreateWorkspace({"c", std::string("#a1B2c3"), std::nullopt, {}});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->display_color, "#a1B2c3");
  EXPECT_FALSE(ok->archived_at.has_value());
  EXPECT_FALSE(state.CreateWorkspace({"t", std::nullopt, std::nullopt, {{"anthropic-x", "1"}}}).has_value());
}

TEST_F(EmulatorStateTest, ArchivingAWorkspaceArchivesItsKeysPermanently) {
  auto snapshot = Generated(3, 12, 5);
  EmulatorState state(snapshot, clock);
  const auto ws = snapshot.workspaces[1].id;
  auto archived = state.ArchiveWorkspace(ws);
  ASSERT_TRUE(archived.has_value());
  ASSERT_TRUE(archived->archived_at.has_value());
  int keys_in_ws = 0;
  for (const auto& k : state.ApiKeys()) {
    if (k.workspace_id == ws) {
      ++keys_in_ws;
      EXPECT_EQ(k.status, "archived");
    }
  }
  EXPECT_GT(keys_in_ws, 0);
  // Other workspaces keep their active keys.
  bool other_active = false;
  for (const auto& k : state.ApiKeys()) other_active |= k.workspace_id != ws && k.status == "active";
  EXPECT_TRUE(other_active);

  // Idempotent, keeps the first archived_at; not listed unless asked; no more updates.
  clock.now += std::chrono::hours(1);
  EXPECT_EQ(state.ArchiveWorkspace(ws)->archived_at, archived->archived_at);
  auto listed = state.ListWorkspaces(Limit(100), {});
  for (const auto& w : listed->data) EXPECT_NE(w.id, ws);
  EXPECT_EQ(state.ListWorkspaces(Limit(100), {.include_archived = true})->data.size(), 3u);
  WorkspaceUpdate rename;
  rename.name = "again";
  EXPECT_EQ(state.UpdateWorkspace(ws, rename).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.AddMember(ws, snapshot.users[1].id, "workspace_user").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EmulatorStateTest, ArchivedKeyCannotChangeButInactiveIsReversible) {
  EmulatorState state(Generated(), clock);
  std::string active_id;
  for (const auto& k : state.ApiKeys()) {
    if (k.status == "active") {
      active_id = k.id;
      break;
    }
  }
  ApiKeyUpdate deactivate;
  deactivate.status = "inactive";
  EXPECT_EQ(state.UpdateApiKey(active_id, deactivate)->status, "inactive");
  ApiKeyUpdate activate;
  activate.status = "active";
  activate.name = "renamed";
  auto back = state.UpdateApiKey(active_id, activate);
  EXPECT_EQ(back->status, "active");
  EXPECT_EQ(back->name, "renamed");

  ApiKeyUpdate archive;
  archive.status = "archived";
  EXPECT_EQ(state.UpdateApiKey(active_id, archive)->status, "archived");
  EXPECT_EQ(state.UpdateApiKey(active_id, activate).error().code, ErrorCode::kInvalidArgument);
  ApiKeyUpdate rename;
  rename.name = "new name";
  EXPECT_EQ(state.UpdateApiKey(active_id, rename).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.GetApiKey(active_id)->name, "renamed");

  ApiKeyUpdate expired;
  expired.status = "expired";
  EXPECT_EQ(state.UpdateApiKey(state.ApiKeys()[0].id, expired).error().code, ErrorCode::kInvalidArgument);
  ApiKeyUpdate long_name;
  long_name.name = std::string(501, 'n');
  EXPECT_EQ(state.UpdateApiKey(state.ApiKeys()[0].id, long_name).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.GetApiKey("apikey_01missing").error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, DefaultWorkspaceIsNotListedAndCannotChange) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  auto def = state.GetWorkspace(snapshot.default_workspace_id);
  ASSERT_TRUE(def.has_value());
  EXPECT_EQ(def->name, "Default");
  auto listed = state.ListWorkspaces(Limit(100), {.include_archived = true});
  for (const auto& w : listed->data) EXPECT_NE(w.id, snapshot.default_workspace_id);
  EXPECT_EQ(state.ArchiveWorkspace(snapshot.default_workspace_id).error().code, ErrorCode::kInvalidArgument);
  WorkspaceUpdate rename;
  rename.name = "Mine";
  EXPECT_EQ(state.UpdateWorkspace(snapshot.default_workspace_id, rename).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.GetWorkspace("wrkspc_01unknown").error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, WorkspaceUpdateMergesTags) {
  EmulatorState state(Generated(), clock);
  auto w =
      state.CreateWorkspace({"tagged", std::nullopt, std::nullopt, {{"team", "research"}, {"cost-center", "4711"}}});
  WorkspaceUpdate update;
  update.tags = {{"env", std::string("sandbox")}, {"cost-center", std::nullopt}};
  auto updated = state.UpdateWorkspace(w->id, update);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->tags, (std::map<std::string, std::string>{{"env", "sandbox"}, {"team", "research"}}));
  EXPECT_EQ(updated->name, "tagged");
}

TEST_F(EmulatorStateTest, UsersCannotBecomeOrLoseAdminsThroughTheApi) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  const auto admin = snapshot.users[0].id;
  const auto dev = snapshot.users[1].id;
  EXPECT_EQ(state.UpdateUser(dev, "admin").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.UpdateUser(dev, "wizard").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.UpdateUser(dev, "billing")->role, "billing");
  EXPECT_EQ(state.DeleteUser(admin).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.UpdateUser("user_01missing", "user").error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, DeletingAUserRemovesMembershipsAndKeepsKeys) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  const auto& member = snapshot.members.front();
  auto keys_before = state.ApiKeys().size();
  ASSERT_TRUE(state.DeleteUser(member.user_id).has_value());
  EXPECT_EQ(state.GetUser(member.user_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(state.GetMember(member.workspace_id, member.user_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(state.ApiKeys().size(), keys_before);
  EXPECT_EQ(state.DeleteUser(member.user_id).error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, TheOnlyMemberCannotBeRemoved) {
  auto snapshot = Generated(1, 1, 1);
  snapshot.users[0].role = "developer";
  EmulatorState state(snapshot, clock);
  auto refused = state.DeleteUser(snapshot.users[0].id);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().api_code, "cannot_remove_last_member");
  EXPECT_TRUE(state.GetUser(snapshot.users[0].id).has_value());
}

TEST_F(EmulatorStateTest, RateLimitOverridesSpendLimitsAndSettingsSurviveTheStateFile) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  auto rate_limit = OrganizationRateLimits(snapshot.organization).front().id;
  const auto& workspace = snapshot.workspaces[0].id;
  ASSERT_TRUE(state.SetWorkspaceRateLimits(workspace, rate_limit, {{"requests_per_minute", 10}}).has_value());
  ASSERT_TRUE(state.SetSpendLimit(workspace, "monthly", "100").has_value());
  state.UpdateSettings({.spend_limits_enabled = false, .org_active_api_keys_limit = 3});
  auto reloaded = SnapshotFromJsonText(SnapshotToJsonText(state.Copy()), 7);
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  EXPECT_EQ(reloaded->rate_limit_overrides.at(workspace).at(rate_limit).at("requests_per_minute"), 10);
  ASSERT_EQ(reloaded->spend_limits.size(), 1u);
  EXPECT_EQ(reloaded->spend_limits[0].amount, "100");
  EXPECT_EQ(reloaded->spend_limits[0].workspace_id, workspace);
  EXPECT_FALSE(reloaded->settings.spend_limits_enabled);
  EXPECT_EQ(reloaded->settings.org_active_api_keys_limit, 3);
  // Amounts are canonical integers; leading zeros go.
  EmulatorState fresh(snapshot, clock);
  EXPECT_EQ(fresh.SetSpendLimit(std::nullopt, "monthly", "000120")->amount, "120");
  EXPECT_EQ(fresh.SetSpendLimit(std::nullopt, "monthly", "12.5").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EmulatorStateTest, UserEmailFilterIsCaseInsensitive) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  UserFilter filter;
  filter.email = snapshot.users[2].email;
  for (auto& c : *filter.email) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto page = state.ListUsers(Limit(20), filter);
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data[0].id, snapshot.users[2].id);
}

TEST_F(EmulatorStateTest, InvitesExpireAfterTwentyOneDaysAndRefuseDuplicates) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  auto invite = state.CreateInvite("someone@example.org", "developer");
  ASSERT_TRUE(invite.has_value());
  EXPECT_EQ(invite->status, "pending");
  EXPECT_EQ(invite->expires_at - invite->invited_at, 21 * kMicrosPerDay);
  EXPECT_EQ(state.CreateInvite("SOMEONE@example.org", "user").error().api_code, "invite_already_exists");
  EXPECT_EQ(state.CreateInvite(snapshot.users[1].email, "user").error().api_code, "already_member");
  EXPECT_EQ(state.CreateInvite("x@example.org", "admin").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.CreateInvite("not-an-email", "user").error().code, ErrorCode::kInvalidArgument);

  clock.now += std::chrono::hours(24 * 21 + 1);
  EXPECT_EQ(state.GetInvite(invite->id)->status, "expired");
  // An expired invite no longer blocks a new one.
  EXPECT_TRUE(state.CreateInvite("someone@example.org", "developer").has_value());
}

TEST_F(EmulatorStateTest, OnlyNonAcceptedInvitesCanBeDeleted) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  std::string accepted;
  for (const auto& i : snapshot.invites) {
    if (i.status == "accepted") accepted = i.id;
  }
  ASSERT_FALSE(accepted.empty());
  EXPECT_EQ(state.DeleteInvite(accepted).error().code, ErrorCode::kInvalidArgument);
  auto invite = state.CreateInvite("temp@example.org", "user");
  auto before = state.ListInvites(Limit(100))->data.size();
  ASSERT_TRUE(state.DeleteInvite(invite->id).has_value());
  EXPECT_EQ(state.ListInvites(Limit(100))->data.size(), before - 1);
  EXPECT_EQ(state.GetInvite(invite->id)->status, "deleted");
  EXPECT_EQ(state.DeleteInvite("invite_01missing").error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, WorkspaceMembersFollowTheRoleRules) {
  auto snapshot = Generated(3, 5, 8);
  EmulatorState state(snapshot, clock);
  const auto ws = snapshot.workspaces[2].id;
  std::string plain_user, billing_user;
  for (const auto& u : snapshot.users) {
    if (u.role == "billing") billing_user = u.id;
  }
  // A user who is not yet in ws.
  for (const auto& u : snapshot.users) {
    if (u.role == "admin" || u.role == "billing") continue;
    if (!state.GetMember(ws, u.id).has_value()) {
      plain_user = u.id;
      break;
    }
  }
  ASSERT_FALSE(plain_user.empty());
  ASSERT_FALSE(billing_user.empty());
  EXPECT_EQ(state.AddMember(ws, plain_user, "workspace_billing").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.AddMember(ws, snapshot.users[0].id, "workspace_user").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.AddMember(ws, billing_user, "workspace_user").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.AddMember(ws, "user_01missing", "workspace_user").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.AddMember("wrkspc_01missing", plain_user, "workspace_user").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(state.AddMember(snapshot.default_workspace_id, plain_user, "workspace_user").error().code,
            ErrorCode::kInvalidArgument);
  auto added = state.AddMember(ws, plain_user, "workspace_developer");
  ASSERT_TRUE(added.has_value());
  EXPECT_EQ(state.AddMember(ws, plain_user, "workspace_user").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(state.UpdateMember(ws, plain_user, "workspace_admin")->workspace_role, "workspace_admin");
  EXPECT_EQ(state.UpdateMember(ws, plain_user, "workspace_billing").error().code, ErrorCode::kInvalidArgument);

  // The cursor of a removed member still works (page walks survive deletes).
  auto page = state.ListMembers(ws, Limit(1));
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->first_id, plain_user);
  ASSERT_TRUE(state.RemoveMember(ws, plain_user).has_value());
  PageRequest next = Limit(10);
  next.after_id = plain_user;
  EXPECT_TRUE(state.ListMembers(ws, next).has_value());
  EXPECT_EQ(state.RemoveMember(ws, plain_user).error().code, ErrorCode::kNotFound);
}

TEST_F(EmulatorStateTest, SnapshotRoundTripsThroughJson) {
  auto snapshot = Generated();
  EmulatorState state(snapshot, clock);
  ASSERT_TRUE(state.DeleteUser(snapshot.users[1].id).has_value());
  ASSERT_TRUE(state.ArchiveWorkspace(snapshot.workspaces[0].id).has_value());
  auto text = SnapshotToJsonText(state.Copy());
  auto loaded = SnapshotFromJsonText(text, 99);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(SnapshotToJsonText(*loaded), text);
}

TEST_F(EmulatorStateTest, SavesEveryChangeAtomicallyToTheStateFile) {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / ("emulator_state_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto file = (dir / "state.json").string();
  std::string key_id;
  {
    EmulatorState state(Generated(), clock, file);
    key_id = state.ApiKeys()[0].id;
    ApiKeyUpdate rename;
    rename.name = "persisted name";
    ASSERT_TRUE(state.UpdateApiKey(key_id, rename).has_value());
  }
  EXPECT_TRUE(fs::exists(file));
  EXPECT_FALSE(fs::exists(file + ".tmp"));
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto loaded = SnapshotFromJsonText(text.str(), 1);
  ASSERT_TRUE(loaded.has_value());
  EmulatorState reloaded(*loaded, clock);
  EXPECT_EQ(reloaded.GetApiKey(key_id)->name, "persisted name");
  fs::remove_all(dir);
}

TEST_F(EmulatorStateTest, LoadsAMinimalSeedFile) {
  const char* seed = R"({
    "organization": {"name": "Acme"},
    "users": [{"email": "boss@acme.test", "role": "admin"}, {"email": "dev@acme.test", "name": "Dev", "role": "developer"}],
    "workspaces": [{"name": "Prod", "display_color": "#112233"}, {"name": "Old", "archived": true}],
    "members": [{"workspace": "Prod", "user": "dev@acme.test", "workspace_role": "workspace_developer"}],
    "api_keys": [{"name": "prod key", "workspace": "Prod", "created_by": "dev@acme.test"},
                 {"name": "default key", "status": "inactive"},
                 {"name": "fixed", "value": "sk-ant-api03-fixed", "workspace": "Old", "status": "archived"}],
    "invites": [{"email": "later@acme.test", "role": "user"}]
  })";
  auto loaded = SnapshotFromJsonText(seed, 5);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->organization.name, "Acme");
  ASSERT_EQ(loaded->users.size(), 2u);
  ASSERT_EQ(loaded->api_keys.size(), 3u);
  EXPECT_EQ(loaded->api_keys[0].workspace_id, loaded->workspaces[0].id);
  EXPECT_EQ(loaded->api_keys[0].created_by, loaded->users[1].id);
  EXPECT_FALSE(loaded->api_keys[1].workspace_id.has_value());
  EXPECT_EQ(loaded->api_keys[1].created_by, loaded->users[0].id);
  EXPECT_EQ(loaded->api_keys[2].value, "sk-ant-api03-fixed");
  EXPECT_TRUE(loaded->workspaces[1].archived_at.has_value());
  EXPECT_EQ(loaded->members[0].user_id, loaded->users[1].id);
  EXPECT_TRUE(loaded->api_keys[0].value.starts_with("sk-ant-api03-"));
  // Same seed file, same ids.
  EXPECT_EQ(SnapshotToJsonText(*SnapshotFromJsonText(seed, 5)), SnapshotToJsonText(*loaded));

  EXPECT_FALSE(SnapshotFromJsonText("{\"users\": [{\"name\": \"no email\"}]}", 1).has_value());
  EXPECT_FALSE(
      SnapshotFromJsonText("{\"api_keys\": [{\"workspace\": \"nope\"}], \"users\": [{\"email\": \"a@b.c\"}]}", 1)
          .has_value());
  EXPECT_FALSE(SnapshotFromJsonText("[1,2]", 1).has_value());
}

TEST(EmulatorTimeTest, FormatsAndParsesRfc3339) {
  auto t = ParseRfc3339("2024-10-30T23:58:27.427722Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatMicros(*t), "2024-10-30T23:58:27.427722Z");
  EXPECT_EQ(FormatSeconds(*ParseRfc3339("2025-08-01T02:00:00+02:00")), "2025-08-01T00:00:00Z");
  EXPECT_FALSE(ParseRfc3339("2025-02-30T00:00:00Z").has_value());
  EXPECT_FALSE(ParseRfc3339("yesterday").has_value());
  EXPECT_TRUE(IsIsoDate("2023-06-01"));
  EXPECT_TRUE(IsIsoDate("2026-10-21"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-6-01"));
  EXPECT_FALSE(IsIsoDate("latest"));
}

}  // namespace
}  // namespace portal::emulator

namespace portal::emulator {
namespace {

TEST(EmulatorStateScaleTest, WalksTwentyThousandKeysInPagesOfAThousand) {
  SystemClock clock;
  EmulatorState state(GenerateSnapshot({100, 20'000, 20, 3, 0}), clock);
  PageRequest page;
  page.limit = 1000;
  std::size_t seen = 0;
  int pages = 0;
  while (true) {
    auto result = state.ListApiKeys(page, {});
    ASSERT_TRUE(result.has_value());
    seen += result->data.size();
    ++pages;
    if (!result->has_more) break;
    page.after_id = result->last_id;
  }
  EXPECT_EQ(seen, 20'000u);
  EXPECT_EQ(pages, 20);
}

}  // namespace
}  // namespace portal::emulator
