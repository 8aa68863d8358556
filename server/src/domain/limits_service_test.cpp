// LimitsService on the in-memory fakes (testing/): rate and spend limits per customer
// organization, set at Anthropic first, never above the Anthropic organization's own limit, and
// the drift between what the portal set and what Anthropic has now.
#include "domain/limits_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;

class LimitsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a"));
    RateLimitGroup sonnet;
    sonnet.rate_limit_id = "rl_sonnet";
    sonnet.group_type = "model_group";
    sonnet.display_name = "Claude Sonnet";
    sonnet.limits = {{"requests_per_minute", 1000, std::nullopt, ""},
                     {"input_tokens_per_minute", 50000, std::nullopt, ""}};
    w.anthropic->organization_rate_limits = {sonnet};
    w.anthropic->ClearCalls();
  }

  static const LimitValueView* Value(const OrganizationLimitsView& view, const std::string& type) {
    for (const auto& group : view.workspaces.at(0).groups) {
      for (const auto& limit : group.limits) {
        if (limit.type == type) return &limit;
      }
    }
    return nullptr;
  }

  testing::TestWorld w;
  Actor super, admin_a, user_a;
};

TEST_F(LimitsServiceTest, AnAdminReadsTheirOrganizationsLimitsAndNobodyElses) {
  auto view = w.limits.Get(admin_a, "org_a");
  ASSERT_TRUE(view) << view.error().message;
  ASSERT_EQ(view->organization_limits.size(), 1U);
  ASSERT_EQ(view->workspaces.size(), 1U);
  EXPECT_EQ(view->workspaces[0].workspace_id, "wrkspc_a");
  const auto* rpm = Value(*view, "requests_per_minute");
  ASSERT_NE(rpm, nullptr);
  EXPECT_EQ(rpm->value, 1000);
  EXPECT_FALSE(rpm->overridden);
  EXPECT_TRUE(view->spend_limits_available);
  ASSERT_TRUE(view->workspaces[0].spend);
  EXPECT_FALSE(view->workspaces[0].spend->amount_cents);
  EXPECT_TRUE(view->drift.empty());

  EXPECT_EQ(w.limits.Get(admin_a, "org_b").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.limits.Get(user_a, "org_a").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.limits.Get(super, "org_nope").error().code, ErrorCode::kNotFound);
}

TEST_F(LimitsServiceTest, ARateLimitIsSetAtAnthropicFirstAndNeverAboveTheOrganizationsOwn) {
  const std::vector<RateLimitChange> half = {{"requests_per_minute", 500}};
  EXPECT_EQ(w.limits.SetRateLimits(admin_a, "org_a", "wrkspc_a", "rl_sonnet", half).error().code,
            ErrorCode::kForbidden);
  auto above = w.limits.SetRateLimits(super, "org_a", "wrkspc_a", "rl_sonnet", {{"requests_per_minute", 1001}});
  ASSERT_FALSE(above);
  EXPECT_EQ(above.error().api_code, "limit_above_organization");
  auto unknown = w.limits.SetRateLimits(super, "org_a", "wrkspc_a", "rl_sonnet", {{"bananas_per_minute", 1}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().api_code, "limit_type_unknown");
  EXPECT_EQ(w.limits.SetRateLimits(super, "org_a", "wrkspc_b", "rl_sonnet", half).error().api_code,
            "workspace_not_linked");
  EXPECT_EQ(w.anthropic->CallCount("SetWorkspaceRateLimits"), 0U);

  w.anthropic->FailNext("SetWorkspaceRateLimits", Error::Unavailable("down"));
  EXPECT_FALSE(w.limits.SetRateLimits(super, "org_a", "wrkspc_a", "rl_sonnet", half));
  EXPECT_TRUE(w.store.State().limit_settings.empty());

  auto set = w.limits.SetRateLimits(super, "org_a", "wrkspc_a", "rl_sonnet", half);
  ASSERT_TRUE(set) << set.error().message;
  const auto* rpm = Value(*set, "requests_per_minute");
  ASSERT_NE(rpm, nullptr);
  EXPECT_EQ(rpm->value, 500);
  EXPECT_TRUE(rpm->overridden);
  EXPECT_EQ(rpm->org_limit, 1000);
  ASSERT_EQ(w.store.State().limit_settings.size(), 1U);
  EXPECT_EQ(w.store.State().limit_settings.begin()->second.value, 500);
  EXPECT_EQ(w.store.AuditActions().back(), "organization.rate_limits_set");
  EXPECT_TRUE(set->drift.empty());
}

TEST_F(LimitsServiceTest, AChangeInTheConsoleShowsAsDriftAndIsRecordedForTheDashboard) {
  ASSERT_TRUE(w.limits.SetRateLimits(super, "org_a", "wrkspc_a", "rl_sonnet", {{"requests_per_minute", 500}}));
  w.anthropic->workspace_rate_limits["wrkspc_a"][0].limits[0].value = 700;  // changed in the Console
  auto view = w.limits.Get(admin_a, "org_a");
  ASSERT_TRUE(view);
  ASSERT_EQ(view->drift.size(), 1U);
  EXPECT_EQ(view->drift[0].expected, 500);
  EXPECT_EQ(view->drift[0].actual, 700);
  Result<std::map<std::string, std::int64_t>> recorded = std::map<std::string, std::int64_t>{};
  ASSERT_TRUE(w.store.Read([&](Tx& tx) -> Status {
    recorded = ReadLimitDrift(tx);
    return {};
  }));
  ASSERT_TRUE(recorded);
  EXPECT_EQ(*recorded, (std::map<std::string, std::int64_t>{{"org_a", 1}}));

  w.anthropic->workspace_rate_limits["wrkspc_a"][0].limits[0].value = 500;  // put back
  ASSERT_TRUE(w.limits.CheckDrift());
  ASSERT_TRUE(w.store.Read([&](Tx& tx) -> Status {
    recorded = ReadLimitDrift(tx);
    return {};
  }));
  EXPECT_TRUE(recorded->empty());
}

TEST_F(LimitsServiceTest, SpendLimitsInWholeCentsAndWhatHappensWithoutThePreview) {
  EXPECT_EQ(w.limits.SetSpendLimit(super, "org_a", "wrkspc_a", "12.50").error().code, ErrorCode::kInvalidArgument);
  auto set = w.limits.SetSpendLimit(super, "org_a", "wrkspc_a", "150000");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->workspaces[0].spend->amount_cents, "150000");
  EXPECT_EQ(w.store.AuditActions().back(), "organization.spend_limit_set");
  auto removed = w.limits.SetSpendLimit(super, "org_a", "wrkspc_a", std::nullopt);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(removed->workspaces[0].spend->amount_cents);
  EXPECT_EQ(w.anthropic->CallCount("DeleteSpendLimit"), 1U);

  w.anthropic->FailNext(
      "ForEachSpendLimit",
      std::move(Error::Forbidden("not enabled").WithApiCode("anthropic_spend_limits_admin_api_writes_not_enabled")));
  auto without = w.limits.Get(admin_a, "org_a");
  ASSERT_TRUE(without) << without.error().message;
  EXPECT_FALSE(without->spend_limits_available);
  EXPECT_EQ(without->spend_limits_unavailable_code, "anthropic_spend_limits_admin_api_writes_not_enabled");
  EXPECT_FALSE(without->workspaces[0].spend);
}

}  // namespace
}  // namespace portal::domain
