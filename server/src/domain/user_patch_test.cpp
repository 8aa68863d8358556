// ApplyUserPatch: the rules of changing a user, without a store.
#include <gtest/gtest.h>

#include "domain/user_service.hpp"

namespace portal::domain {
namespace {

User Member(std::string id = "usr_member") {
  User user;
  user.id = std::move(id);
  user.name = "伊藤";
  user.email = "ito@example.jp";
  user.role = Role::kUser;
  user.organization_id = "org_a";
  user.api_key_id = "apikey_01A";
  return user;
}

Actor As(Role role, std::string user_id = "usr_actor", std::optional<std::string> org = "org_a") {
  Actor actor;
  actor.user_id = std::move(user_id);
  actor.role = role;
  actor.organization_id = std::move(org);
  return actor;
}

// A nullable field that is present: set to `value` (nullopt = set to null).
std::optional<std::optional<std::string>> Set(std::optional<std::string> value) {
  return std::optional<std::optional<std::string>>(std::in_place, std::move(value));
}

std::string CodeOf(const Result<User>& result) {
  return result ? std::string("ok") : std::string(ApiCode(result.error()));
}

TEST(ApplyUserPatch, NameAndEmailAreTrimmedNormalizedAndValidated) {
  auto next = ApplyUserPatch(As(Role::kAdmin), Member(), {.name = "  伊藤 さくら ", .email = "Sakura@Example.JP"});
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->name, "伊藤 さくら");
  EXPECT_EQ(next->email, "sakura@example.jp");
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kAdmin), Member(), {.name = "   "})), "invalid_request");
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kAdmin), Member(), {.email = "not an email"})), "invalid_email");
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kAdmin), Member(), {.name = "a\u202Eb"})), "invalid_request");
}

TEST(ApplyUserPatch, OnlyASuperAdminMakesASuperAdminWhoBelongsToNoOrganization) {
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kAdmin), Member(), {.role = Role::kSuperAdmin})), "forbidden");
  // Promoted, the user leaves the organization and so must leave its key, in the same change.
  EXPECT_EQ(
      CodeOf(ApplyUserPatch(As(Role::kSuperAdmin, "usr_root", std::nullopt), Member(), {.role = Role::kSuperAdmin})),
      "api_key_wrong_organization");
  auto promoted = ApplyUserPatch(As(Role::kSuperAdmin, "usr_root", std::nullopt), Member(),
                                 {.role = Role::kSuperAdmin, .api_key_id = Set(std::nullopt)});
  ASSERT_TRUE(promoted) << promoted.error().message;
  EXPECT_FALSE(promoted->organization_id) << "a SuperAdmin belongs to no organization";
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kSuperAdmin, "usr_root", std::nullopt), Member(),
                                  {.role = Role::kSuperAdmin, .organization_id = Set("org_a")})),
            "invalid_request");
  User super = Member();
  super.role = Role::kSuperAdmin;
  super.organization_id.reset();
  super.api_key_id.reset();
  EXPECT_EQ(CodeOf(ApplyUserPatch(As(Role::kSuperAdmin, "usr_root", std::nullopt), super, {.role = Role::kUser})),
            "invalid_request")
      << "an Admin or User needs an organization";
}

TEST(ApplyUserPatch, NobodyDisablesOrMovesThemselvesOrChangesTheirOwnRole) {
  const User me = Member("usr_me");
  const Actor self = As(Role::kAdmin, "usr_me");
  EXPECT_EQ(CodeOf(ApplyUserPatch(self, me, {.status = UserStatus::kDisabled})), "self_change_refused");
  EXPECT_EQ(CodeOf(ApplyUserPatch(self, me, {.role = Role::kUser})), "ok") << "already a User: no change";
  User admin = me;
  admin.role = Role::kAdmin;
  EXPECT_EQ(CodeOf(ApplyUserPatch(self, admin, {.role = Role::kUser})), "self_change_refused");
  EXPECT_EQ(CodeOf(ApplyUserPatch(self, me, {.organization_id = Set("org_b"), .api_key_id = Set(std::nullopt)})),
            "self_change_refused");
  EXPECT_EQ(CodeOf(ApplyUserPatch(self, me, {.name = "新しい名前"})), "ok");
}

TEST(ApplyUserPatch, AKeptKeyDoesNotFollowItsHolderIntoAnotherOrganization) {
  const Actor super = As(Role::kSuperAdmin, "usr_root", std::nullopt);
  EXPECT_EQ(CodeOf(ApplyUserPatch(super, Member(), {.organization_id = Set("org_b")})), "api_key_wrong_organization");
  auto without = ApplyUserPatch(super, Member(), {.organization_id = Set("org_b"), .api_key_id = Set(std::nullopt)});
  ASSERT_TRUE(without);
  EXPECT_EQ(without->organization_id, "org_b");
  EXPECT_FALSE(without->api_key_id);
  auto other = ApplyUserPatch(super, Member(), {.organization_id = Set("org_b"), .api_key_id = Set("apikey_01B")});
  ASSERT_TRUE(other) << "a key of the new organization in the same change (checked against the store later)";
  EXPECT_EQ(other->api_key_id, "apikey_01B");
}

TEST(ApplyUserPatch, RetiringAKeyNeedsOneAndArchivingTakesItAway) {
  const Actor admin = As(Role::kAdmin);
  User keyless = Member();
  keyless.api_key_id.reset();
  EXPECT_EQ(CodeOf(ApplyUserPatch(admin, keyless, {.retire_key = KeyRetirement::kDeactivate})), "invalid_request");
  auto deactivated = ApplyUserPatch(admin, Member(), {.retire_key = KeyRetirement::kDeactivate});
  ASSERT_TRUE(deactivated);
  EXPECT_EQ(deactivated->api_key_id, "apikey_01A") << "a deactivated key stays with its holder";
  auto archived = ApplyUserPatch(admin, Member(), {.retire_key = KeyRetirement::kArchive});
  ASSERT_TRUE(archived);
  EXPECT_FALSE(archived->api_key_id);
  EXPECT_EQ(
      CodeOf(ApplyUserPatch(admin, Member(), {.api_key_id = Set("apikey_01B"), .retire_key = KeyRetirement::kArchive})),
      "invalid_request");
}

TEST(ApplyUserPatch, AbsentFieldsStayAsTheyAre) {
  auto next = ApplyUserPatch(As(Role::kAdmin), Member(), {});
  ASSERT_TRUE(next);
  const User before = Member();
  EXPECT_EQ(next->name, before.name);
  EXPECT_EQ(next->email, before.email);
  EXPECT_EQ(next->role, before.role);
  EXPECT_EQ(next->organization_id, before.organization_id);
  EXPECT_EQ(next->status, before.status);
  EXPECT_EQ(next->api_key_id, before.api_key_id);
}

}  // namespace
}  // namespace portal::domain
