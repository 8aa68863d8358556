// WorkspaceService on the in-memory fakes (testing/): created, renamed and archived through
// Anthropic first; linked by a SuperAdmin without leaving a key outside its holder's organization.
#include "domain/workspace_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

class WorkspaceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_a", "wrkspc_a", KeyValue(1));
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a", "apikey_a"));
    w.anthropic->ClearCalls();
  }

  testing::TestWorld w;
  Actor super, admin_a, user_a;
};

TEST_F(WorkspaceServiceTest, CreateAsksAnthropicThenRecordsTheWorkspaceInTheAdminsOrganization) {
  auto created = w.workspaces.Create(admin_a, "alpha-two", std::nullopt);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(w.anthropic->Calls(), (std::vector<std::string>{"CreateWorkspace alpha-two"}));
  EXPECT_EQ(created->workspace.organization_id, "org_a");
  EXPECT_TRUE(w.store.State().workspaces.contains(created->workspace.id));
  EXPECT_EQ(w.store.AuditActions().back(), "workspace.create");

  EXPECT_EQ(w.workspaces.Create(admin_a, "x", "org_b").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.workspaces.Create(user_a, "x", std::nullopt).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.workspaces.Create(admin_a, std::string(41, 'x'), std::nullopt).error().code, ErrorCode::kInvalidArgument);
  auto taken = w.workspaces.Create(admin_a, "ALPHA-MAIN", std::nullopt);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().api_code, "workspace_name_taken");
  EXPECT_EQ(w.anthropic->CallCount("CreateWorkspace"), 1U);  // refusals ask Anthropic nothing

  const auto workspaces = w.store.State().workspaces.size();
  w.anthropic->FailNext(Error::Unavailable("down"));
  EXPECT_FALSE(w.workspaces.Create(admin_a, "alpha-three", std::nullopt));
  EXPECT_EQ(w.store.State().workspaces.size(), workspaces);
}

TEST_F(WorkspaceServiceTest, RenameGoesThroughAnthropicAndOnlyASuperAdminLinks) {
  WorkspacePatch rename;
  rename.name = "alpha-renamed";
  w.anthropic->FailNext(Error::Unavailable("down"));
  EXPECT_FALSE(w.workspaces.Update(admin_a, "wrkspc_a", rename));
  EXPECT_EQ(w.store.State().workspaces.at("wrkspc_a").name, "alpha-main");
  auto renamed = w.workspaces.Update(admin_a, "wrkspc_a", rename);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->workspace.name, "alpha-renamed");
  EXPECT_EQ(w.anthropic->FindWorkspace("wrkspc_a")->name, "alpha-renamed");

  WorkspacePatch link;
  link.organization_id = std::optional<std::string>("org_b");
  EXPECT_EQ(w.workspaces.Update(admin_a, "wrkspc_a", link).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.workspaces.Update(admin_a, "wrkspc_b", rename).error().code, ErrorCode::kNotFound);
}

TEST_F(WorkspaceServiceTest, AMoveNeverLeavesAKeyOutsideItsHoldersOrganization) {
  WorkspacePatch move;
  move.organization_id = std::optional<std::string>("org_b");
  auto refused = w.workspaces.Update(super, "wrkspc_a", move);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().api_code, "workspace_keys_held");
  EXPECT_EQ(w.store.State().workspaces.at("wrkspc_a").organization_id, "org_a");
  EXPECT_EQ(w.FindUser("usr_user_a")->api_key_id, "apikey_a");

  move.unassign_keys = true;
  auto moved = w.workspaces.Update(super, "wrkspc_a", move);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->workspace.organization_id, "org_b");
  EXPECT_FALSE(w.FindUser("usr_user_a")->api_key_id);
  auto actions = w.store.AuditActions();
  ASSERT_GE(actions.size(), 2U);
  EXPECT_EQ(actions[actions.size() - 2], "user.key_unassigned");
  EXPECT_EQ(actions.back(), "workspace.update");
  EXPECT_TRUE(w.anthropic->Calls().empty());  // a link is the portal's alone
}

TEST_F(WorkspaceServiceTest, ArchiveIsAnthropicsFirstThenTheWorkspaceAndItsKeysLocally) {
  w.anthropic->FailNext("ArchiveWorkspace", Error::Unavailable("down"));
  EXPECT_FALSE(w.workspaces.Archive(admin_a, "wrkspc_a"));
  EXPECT_FALSE(w.store.State().workspaces.at("wrkspc_a").archived_at);
  EXPECT_EQ(w.KeyRecord("apikey_a").status, "active");

  auto archived = w.workspaces.Archive(admin_a, "wrkspc_a");
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->workspace.archived_at);
  EXPECT_EQ(w.KeyRecord("apikey_a").status, "archived");
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);          // it can never be used again
  EXPECT_EQ(w.FindUser("usr_user_a")->api_key_id, "apikey_a");  // kept, so the dashboard flags it (R-X3)
  EXPECT_EQ(w.store.AuditActions().back(), "workspace.archive");
  EXPECT_TRUE(w.workspaces.Archive(admin_a, "wrkspc_a"));  // again: nothing to do
  EXPECT_EQ(w.anthropic->CallCount("ArchiveWorkspace"), 2U);
  EXPECT_EQ(w.workspaces.Archive(admin_a, "wrkspc_b").error().code, ErrorCode::kNotFound);
}

TEST_F(WorkspaceServiceTest, ListsAreScopedAndHideArchivedUnlessAsked) {
  auto own = w.workspaces.List(admin_a, {});
  ASSERT_TRUE(own);
  ASSERT_EQ(own->items.size(), 1U);
  EXPECT_EQ(own->items[0].api_key_count, 1);
  WorkspaceQuery other;
  other.organization_id = "org_b";
  EXPECT_EQ(w.workspaces.List(admin_a, other).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.workspaces.List(user_a, {}).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(w.workspaces.Archive(super, "wrkspc_b"));
  EXPECT_EQ(w.workspaces.List(super, {})->total, 1);
  WorkspaceQuery archived;
  archived.include_archived = true;
  EXPECT_EQ(w.workspaces.List(super, archived)->total, 2);
}

}  // namespace
}  // namespace portal::domain
