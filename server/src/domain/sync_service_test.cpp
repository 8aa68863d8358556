// SyncService on the in-memory fakes (testing/): everything Anthropic lists, applied in one
// transaction; only what changed is written; keys gone upstream are marked vanished, never dropped.
#include "domain/sync_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

Workspace UpstreamWorkspace(std::string id, std::string name, std::optional<std::string> archived_at = std::nullopt) {
  Workspace w;
  w.id = std::move(id);
  w.name = std::move(name);
  w.display_color = "#112233";
  w.created_at = "2025-01-01T00:00:00Z";
  w.archived_at = std::move(archived_at);
  return w;
}

ApiKey UpstreamKey(std::string id, std::optional<std::string> workspace_id, ApiKeyStatus status) {
  ApiKey k;
  k.id = std::move(id);
  k.name = "name of " + k.id;
  k.status = status;
  k.partial_key_hint = "sk-ant-api03-" + k.id.substr(k.id.size() - 3) + "...AAAA";
  k.workspace_id = std::move(workspace_id);
  k.created_at = "2025-02-01T00:00:00Z";
  return k;
}

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    auto& upstream = *w.anthropic;
    upstream.workspaces = {UpstreamWorkspace("wrkspc_1", "one"), UpstreamWorkspace("wrkspc_2", "two"),
                           UpstreamWorkspace("wrkspc_old", "old", "2025-02-02T00:00:00Z")};
    upstream.keys = {UpstreamKey("apikey_001", "wrkspc_1", ApiKeyStatus::kActive),
                     UpstreamKey("apikey_002", "wrkspc_1", ApiKeyStatus::kInactive),
                     UpstreamKey("apikey_003", "wrkspc_old", ApiKeyStatus::kArchived),
                     UpstreamKey("apikey_004", "wrkspc_default", ApiKeyStatus::kExpired)};
  }

  SyncRun MustSync() {
    auto run = w.sync.RunNow("manual", super.user_id, "req-test");
    EXPECT_TRUE(run) << (run ? "" : run.error().message);
    return run ? *run : SyncRun{};
  }

  testing::TestWorld w;
  Actor super, admin_a;
};

TEST_F(SyncServiceTest, ASyncImportsEveryWorkspaceAndEveryKeyOfEveryStatus) {
  auto run = MustSync();
  EXPECT_EQ(run.status, "succeeded");
  EXPECT_EQ(run.workspaces, 3);
  EXPECT_EQ(run.api_keys, 4);
  EXPECT_EQ(run.pages, 4);  // page_size 2: 2 pages of workspaces, 2 of keys
  EXPECT_EQ(run.vanished, 0);
  const auto& state = w.store.State();
  ASSERT_EQ(state.workspaces.size(), 3U);
  EXPECT_EQ(state.workspaces.at("wrkspc_old").archived_at, "2025-02-02T00:00:00Z");
  ASSERT_EQ(state.api_keys.size(), 4U);
  EXPECT_EQ(state.api_keys.at("apikey_002").status, "inactive");
  EXPECT_EQ(state.api_keys.at("apikey_003").status, "archived");
  EXPECT_EQ(state.api_keys.at("apikey_001").synced_at, run.started_at);
  // A key in a workspace the list does not show (the Default Workspace) belongs to none.
  EXPECT_FALSE(state.api_keys.at("apikey_004").workspace_id);
  EXPECT_EQ(w.store.AuditActions().back(), "anthropic.sync");
}

TEST_F(SyncServiceTest, ASyncInWhichNothingChangedWritesNothing) {
  MustSync();
  const auto before = w.store.State();
  const auto workspace_upserts = w.store.Calls("workspaces.upsert");
  w.clock.now_ms += 60'000;  // a rewrite would show as a new synced_at
  auto run = MustSync();
  EXPECT_EQ(run.status, "succeeded");
  EXPECT_EQ(w.store.Calls("workspaces.upsert"), workspace_upserts);
  for (const auto& [id, key] : w.store.State().api_keys) {
    EXPECT_EQ(key.synced_at, before.api_keys.at(id).synced_at) << id;
  }
  for (const auto& [id, workspace] : w.store.State().workspaces) {
    EXPECT_EQ(workspace.synced_at, before.workspaces.at(id).synced_at) << id;
  }

  // One key renamed upstream: that key, and only it, is written.
  w.anthropic->keys[1].name = "renamed";
  w.clock.now_ms += 60'000;
  auto renamed = MustSync();
  const auto& keys = w.store.State().api_keys;
  EXPECT_EQ(keys.at("apikey_002").name, "renamed");
  EXPECT_EQ(keys.at("apikey_002").synced_at, renamed.started_at);
  EXPECT_EQ(keys.at("apikey_001").synced_at, before.api_keys.at("apikey_001").synced_at);
}

// Keys are compared with what the store held when the sync began, as they arrive: a key the
// portal changes while the sync fetches (here archived by an administrator) is left as the portal
// wrote it, not put back to what Anthropic listed a moment before.
TEST_F(SyncServiceTest, AKeyThePortalChangesWhileASyncFetchesKeepsThePortalsChange) {
  MustSync();
  w.anthropic->on_call = [&](const std::string& call) {
    if (call.rfind("ForEachApiKey", 0) != 0) return;
    ASSERT_TRUE(w.store.Write([&](Tx& tx) {
      auto key = tx.ApiKeys().FindById("apikey_001");
      if (!key) return Status(Fail(key.error()));
      key->status = "archived";
      return tx.ApiKeys().Upsert(*key);
    }));
  };
  w.clock.now_ms += 60'000;
  auto run = MustSync();
  w.anthropic->on_call = nullptr;
  EXPECT_EQ(run.status, "succeeded");
  EXPECT_EQ(run.api_keys, 4);  // every key listed is counted, written or not
  EXPECT_EQ(w.KeyRecord("apikey_001").status, "archived");
  // Once Anthropic lists it differently from before, the sync writes what it lists.
  w.anthropic->keys[0].status = ApiKeyStatus::kInactive;
  MustSync();
  EXPECT_EQ(w.KeyRecord("apikey_001").status, "inactive");
}

TEST_F(SyncServiceTest, AKeyGoneUpstreamIsMarkedVanishedKeepsItsSecretAndComesBack) {
  MustSync();
  ASSERT_TRUE(w.store.Write([&](Tx& tx) {
    return tx.ApiKeys().SetSecret("apikey_001", *w.vault.Seal(KeyValue(1), "apikey_001"), w.clock.now_ms);
  }));
  w.AddUser("usr_holder", Role::kUser, "org_a", "apikey_001");
  const auto gone = w.anthropic->keys[0];
  w.anthropic->keys.erase(w.anthropic->keys.begin());
  w.clock.now_ms += 60'000;
  auto run = MustSync();
  EXPECT_EQ(run.vanished, 1);
  auto key = w.KeyRecord("apikey_001");
  EXPECT_EQ(key.vanished_at, w.clock.now_ms);
  EXPECT_TRUE(key.secret_sealed);
  EXPECT_EQ(w.FindUser("usr_holder")->api_key_id, "apikey_001");  // never dropped, never unassigned

  w.clock.now_ms += 60'000;
  EXPECT_EQ(MustSync().vanished, 0);  // already marked: not counted again
  EXPECT_EQ(w.KeyRecord("apikey_001").vanished_at, w.clock.now_ms - 60'000);

  w.anthropic->keys.push_back(gone);
  MustSync();
  EXPECT_FALSE(w.KeyRecord("apikey_001").vanished_at);
  EXPECT_TRUE(w.KeyRecord("apikey_001").secret_sealed);
}

TEST_F(SyncServiceTest, AFailureHalfwayChangesNothingAndIsRecordedOnTheRun) {
  MustSync();
  const auto before = w.store.State();
  w.anthropic->workspaces.push_back(UpstreamWorkspace("wrkspc_new", "new"));
  w.anthropic->keys.erase(w.anthropic->keys.begin());  // would vanish
  w.anthropic->FailNext("ForEachApiKey",
                        std::move(Error::Unavailable("Anthropic is overloaded").WithApiCode("anthropic_overloaded")));
  auto run = w.sync.RunNow("manual", super.user_id, "req-test");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "failed");
  EXPECT_EQ(run->error, "Anthropic is overloaded (anthropic_overloaded)");
  EXPECT_FALSE(w.store.State().workspaces.contains("wrkspc_new"));
  EXPECT_FALSE(w.KeyRecord("apikey_001").vanished_at);
  EXPECT_EQ(w.store.State().api_keys.size(), before.api_keys.size());
  EXPECT_EQ(w.store.AuditActions().back(), "anthropic.sync_failed");
}

TEST_F(SyncServiceTest, TheLinkToAPortalOrganizationIsThePortalsAndSurvivesASync) {
  MustSync();
  ASSERT_TRUE(w.store.Write([](Tx& tx) { return tx.Workspaces().SetOrganization("wrkspc_1", "org_a"); }));
  w.anthropic->workspaces[0].name = "one renamed";
  MustSync();
  const auto& workspace = w.store.State().workspaces.at("wrkspc_1");
  EXPECT_EQ(workspace.name, "one renamed");
  EXPECT_EQ(workspace.organization_id, "org_a");
}

TEST_F(SyncServiceTest, AnAdminSeesTheRunAsItConcernsTheirOrganization) {
  auto started = w.sync.Start(admin_a);
  ASSERT_TRUE(started) << started.error().message;
  w.sync.WaitIdle();
  ASSERT_TRUE(w.store.Write([](Tx& tx) { return tx.Workspaces().SetOrganization("wrkspc_1", "org_a"); }));
  auto as_admin = w.sync.Get(admin_a, *started);
  ASSERT_TRUE(as_admin);
  EXPECT_EQ(as_admin->actor_id, "usr_admin_a");
  EXPECT_EQ(as_admin->workspaces, 1);
  EXPECT_EQ(as_admin->api_keys, 2);
  EXPECT_EQ(as_admin->pages, 0);
  auto as_super = w.sync.Get(super, *started);
  EXPECT_EQ(as_super->workspaces, 3);
  EXPECT_EQ(as_super->pages, 4);
  auto user = ActorFor(w.AddUser("usr_user", Role::kUser, "org_a"));
  EXPECT_EQ(w.sync.Start(user).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.sync.Latest(user).error().code, ErrorCode::kForbidden);
}

TEST_F(SyncServiceTest, ARunACrashCutOffIsMarkedFailed) {
  SyncRun stale;
  stale.id = "syn_stale";
  stale.trigger = "periodic";
  stale.started_at = 1;
  ASSERT_TRUE(w.store.Write([&](Tx& tx) { return tx.SyncRuns().Insert(stale); }));
  ASSERT_TRUE(w.sync.RecoverInterrupted());
  const auto& run = w.store.State().sync_runs.at("syn_stale");
  EXPECT_EQ(run.status, "failed");
  EXPECT_EQ(run.finished_at, w.clock.now_ms);
  EXPECT_FALSE(run.error.empty());
}

}  // namespace
}  // namespace portal::domain
