// OrganizationService on the in-memory fakes (testing/): who may do what, computed counts, and
// deletion (members disabled and unassigned, sessions revoked, workspaces unlinked or first
// archived in Anthropic, the organization soft-deleted).
#include "domain/organization_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

class OrganizationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a1", "alpha-one", "org_a");
    w.AddWorkspace("wrkspc_a2", "alpha-two", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_a", "wrkspc_a1", KeyValue(1));
    w.AddKey("apikey_a2", "wrkspc_a2", KeyValue(2));
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    admin_b = ActorFor(w.AddUser("usr_admin_b", Role::kAdmin, "org_b"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a", "apikey_a"));
    w.AddSession("ses_user_a", "usr_user_a");
    w.AddSession("ses_admin_a", "usr_admin_a");
    w.AddSession("ses_admin_b", "usr_admin_b");
    w.anthropic->ClearCalls();
  }

  testing::TestWorld w;
  Actor super, admin_a, admin_b, user_a;
};

TEST_F(OrganizationServiceTest, OnlyASuperAdminCreatesAndNamesAreUniqueIgnoringCase) {
  OrganizationInput input;
  input.name = "  Gamma  ";
  input.description = "third";
  auto created = w.organizations.Create(super, input);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->organization.name, "Gamma");
  EXPECT_EQ(w.store.AuditActions().back(), "organization.create");
  EXPECT_EQ(w.organizations.Create(admin_a, input).error().code, ErrorCode::kForbidden);
  input.name = "ALPHA";
  auto taken = w.organizations.Create(super, input);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  input.name.reset();
  EXPECT_EQ(w.organizations.Create(super, input).error().code, ErrorCode::kInvalidArgument);

  bool made = true;
  OrganizationInput existing;
  existing.name = "beta";
  auto found = w.organizations.FindOrCreate(super, existing, made);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "org_b");
  EXPECT_FALSE(made);
}

TEST_F(OrganizationServiceTest, CountsAreComputedAndOthersSeeOnlyTheirOwn) {
  auto alpha = w.organizations.Get(admin_a, "org_a");
  ASSERT_TRUE(alpha) << alpha.error().message;
  EXPECT_EQ(alpha->member_count, 2);
  EXPECT_EQ(alpha->workspace_count, 2);
  EXPECT_EQ(alpha->archived_workspace_count, 0);
  EXPECT_EQ(alpha->api_key_count, 2);
  EXPECT_TRUE(w.organizations.Get(user_a, "org_a"));
  EXPECT_EQ(w.organizations.Get(admin_a, "org_b").error().code, ErrorCode::kNotFound);

  auto own = w.organizations.List(admin_a, {});
  ASSERT_TRUE(own);
  ASSERT_EQ(own->items.size(), 1U);
  EXPECT_EQ(own->items[0].organization.id, "org_a");
  auto all = w.organizations.List(super, {});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->items.size(), 2U);
  EXPECT_EQ(all->items[0].organization.name, "Alpha");  // by name
  EXPECT_EQ(all->items[1].member_count, 1);
}

TEST_F(OrganizationServiceTest, AnAdminRenamesTheirOwnOrganizationOnly) {
  OrganizationInput input;
  input.name = "Alpha Corp";
  auto renamed = w.organizations.Update(admin_a, "org_a", input);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(w.store.State().organizations.at("org_a").organization.name, "Alpha Corp");
  EXPECT_EQ(w.organizations.Update(admin_a, "org_b", input).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.organizations.Update(user_a, "org_a", input).error().code, ErrorCode::kForbidden);
  input.name = "beta";
  EXPECT_EQ(w.organizations.Update(super, "org_a", input).error().code, ErrorCode::kConflict);
}

TEST_F(OrganizationServiceTest, DeletingOffBoardsTheMembersUnlinksTheWorkspacesAndFreesTheName) {
  EXPECT_EQ(w.organizations.Delete(admin_a, "org_a", false).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.organizations.Delete(admin_b, "org_a", false).error().code, ErrorCode::kNotFound);

  auto done = w.organizations.Delete(super, "org_a", false);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->users_disabled, 2);
  EXPECT_EQ(done->keys_unassigned, 1);
  EXPECT_EQ(done->sessions_revoked, 2);
  EXPECT_EQ(done->workspaces_unlinked, 2);
  EXPECT_EQ(done->workspaces_archived, 0);
  EXPECT_TRUE(w.anthropic->Calls().empty());

  const auto& state = w.store.State();
  EXPECT_EQ(state.users.at("usr_user_a").status, UserStatus::kDisabled);
  EXPECT_EQ(state.users.at("usr_user_a").organization_id, "org_a");  // still points at the row
  EXPECT_FALSE(state.users.at("usr_user_a").api_key_id);
  EXPECT_EQ(state.sessions.at("ses_user_a").revoked_reason, "organization_deleted");
  EXPECT_FALSE(state.sessions.at("ses_admin_b").revoked_at);
  EXPECT_FALSE(state.workspaces.at("wrkspc_a1").organization_id);
  EXPECT_EQ(state.workspaces.at("wrkspc_b").organization_id, "org_b");
  EXPECT_EQ(w.store.AuditActions().back(), "organization.delete");
  EXPECT_EQ(w.organizations.Get(super, "org_a").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.organizations.List(super, {})->total, 1);
  EXPECT_EQ(w.organizations.Delete(super, "org_a", false).error().code, ErrorCode::kNotFound);
  OrganizationInput again;
  again.name = "Alpha";
  EXPECT_TRUE(w.organizations.Create(super, again));
}

TEST_F(OrganizationServiceTest, ArchivingComesFirstAndAnUpstreamFailureLeavesTheOrganization) {
  w.anthropic->FailNext("ArchiveWorkspace", Error::Unavailable("down"));
  auto first = w.organizations.Delete(super, "org_a", true);
  ASSERT_FALSE(first);
  EXPECT_NE(first.error().message.find("0 of 2 archived so far"), std::string::npos) << first.error().message;
  EXPECT_TRUE(w.organizations.Get(super, "org_a"));
  EXPECT_EQ(w.store.State().users.at("usr_user_a").status, UserStatus::kActive);

  auto done = w.organizations.Delete(super, "org_a", true);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->workspaces_archived, 2);
  EXPECT_EQ(w.anthropic->CallCount("ArchiveWorkspace"), 3U);
  EXPECT_TRUE(w.store.State().workspaces.at("wrkspc_a1").archived_at);
  EXPECT_EQ(w.KeyRecord("apikey_a").status, "archived");
  EXPECT_FALSE(w.store.State().workspaces.at("wrkspc_b").archived_at);
}

}  // namespace
}  // namespace portal::domain
