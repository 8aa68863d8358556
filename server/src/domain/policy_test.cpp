#include "domain/policy.hpp"

#include <gtest/gtest.h>

namespace portal::domain {
namespace {

Actor Make(Role role, std::optional<std::string> org) {
  Actor actor;
  actor.user_id = "usr_x";
  actor.role = role;
  actor.organization_id = std::move(org);
  return actor;
}

TEST(Policy, SuperAdminSeesEveryOrganization) {
  auto super = Make(Role::kSuperAdmin, std::nullopt);
  EXPECT_TRUE(RequireOrganizationAccess(super, "org_a"));
  EXPECT_TRUE(RequireOrganizationAccess(super, std::nullopt));
  EXPECT_TRUE(RequireOrganizationAdmin(super, "org_b"));
}

TEST(Policy, OtherTenantsObjectsAreNotFoundNotForbidden) {
  auto admin_a = Make(Role::kAdmin, "org_a");
  auto result = RequireOrganizationAccess(admin_a, "org_b");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(RequireOrganizationAccess(admin_a, std::nullopt));
  EXPECT_TRUE(RequireOrganizationAccess(admin_a, "org_a"));
}

TEST(Policy, UserMaySeeButNotManageOwnOrganization) {
  auto user_a = Make(Role::kUser, "org_a");
  EXPECT_TRUE(RequireOrganizationAccess(user_a, "org_a"));
  auto manage = RequireOrganizationAdmin(user_a, "org_a");
  ASSERT_FALSE(manage);
  EXPECT_EQ(manage.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(RequireOrganizationAdmin(user_a, "org_b").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace portal::domain
