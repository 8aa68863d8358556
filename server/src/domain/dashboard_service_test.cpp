// DashboardService on the in-memory fakes (testing/): cards and counts scoped to the caller, drift
// alerts for active users whose key is no longer usable, limit drift and the last sync.
#include "domain/dashboard_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

class DashboardServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_ok", "wrkspc_a", KeyValue(1));
    w.AddKey("apikey_inactive", "wrkspc_a", KeyValue(2), true, ApiKeyStatus::kInactive);
    w.AddKey("apikey_b_gone", "wrkspc_b", KeyValue(3));
    auto gone = w.KeyRecord("apikey_b_gone");
    gone.vanished_at = w.clock.now_ms;
    w.store.Put(gone);
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    admin_b = ActorFor(w.AddUser("usr_admin_b", Role::kAdmin, "org_b", "apikey_b_gone"));
    user_ok = ActorFor(w.AddUser("usr_ok", Role::kUser, "org_a", "apikey_ok"));
    user_drift = ActorFor(w.AddUser("usr_drift", Role::kUser, "org_a", "apikey_inactive"));
    auto disabled = w.AddUser("usr_disabled", Role::kUser, "org_a");
    ASSERT_TRUE(w.store.Write([&](Tx& tx) -> Status {
      disabled.status = UserStatus::kDisabled;
      disabled.api_key_id = "apikey_missing";  // a key the portal does not know: "vanished"
      return tx.Users().Update(disabled);
    }));
  }

  static std::vector<std::string> AlertUsers(const Dashboard& dashboard) {
    std::vector<std::string> ids;
    ids.reserve(dashboard.alerts.size());
    for (const auto& alert : dashboard.alerts) ids.push_back(alert.user_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  testing::TestWorld w;
  Actor super, admin_a, admin_b, user_ok, user_drift;
};

TEST_F(DashboardServiceTest, ASuperAdminSeesEveryOrganizationAndEveryDrift) {
  auto dashboard = w.dashboard.Get(super);
  ASSERT_TRUE(dashboard) << dashboard.error().message;
  EXPECT_EQ(dashboard->counts.organizations, 2);
  EXPECT_EQ(dashboard->counts.users, 6);
  EXPECT_EQ(dashboard->counts.workspaces, 2);
  EXPECT_EQ(dashboard->counts.api_keys, 3);
  ASSERT_EQ(dashboard->organizations.size(), 2U);
  EXPECT_EQ(dashboard->organizations[0].member_count, 4);  // Alpha, disabled member included
  EXPECT_EQ(AlertUsers(*dashboard), (std::vector<std::string>{"usr_admin_b", "usr_drift"}));  // not the disabled one
  for (const auto& alert : dashboard->alerts) {
    EXPECT_EQ(alert.api_key.status, alert.user_id == "usr_admin_b" ? "vanished" : "inactive");
  }
  EXPECT_FALSE(dashboard->last_sync);
}

TEST_F(DashboardServiceTest, AnAdminSeesTheirOrganizationAndAUserOnlyThemselves) {
  auto admin = w.dashboard.Get(admin_a);
  ASSERT_TRUE(admin) << admin.error().message;
  ASSERT_EQ(admin->organizations.size(), 1U);
  EXPECT_EQ(admin->organizations[0].organization.id, "org_a");
  EXPECT_EQ(admin->counts.organizations, 1);
  EXPECT_EQ(admin->counts.users, 4);
  EXPECT_EQ(admin->counts.api_keys, 2);
  EXPECT_EQ(AlertUsers(*admin), (std::vector<std::string>{"usr_drift"}));

  auto fine = w.dashboard.Get(user_ok);
  ASSERT_TRUE(fine);
  EXPECT_TRUE(fine->alerts.empty());
  auto drifted = w.dashboard.Get(user_drift);
  ASSERT_TRUE(drifted);
  EXPECT_EQ(AlertUsers(*drifted), (std::vector<std::string>{"usr_drift"}));
}

TEST_F(DashboardServiceTest, LimitDriftAndTheLastSyncAreForAdministratorsOnly) {
  ASSERT_TRUE(w.store.Write([](Tx& tx) { return tx.Settings().Put("limits.drift", R"({"org_a":2,"org_b":1})", 0); }));
  auto run = w.sync.RunNow("manual", std::nullopt, "req-test");
  ASSERT_TRUE(run);
  auto super_view = w.dashboard.Get(super);
  ASSERT_TRUE(super_view);
  EXPECT_EQ(super_view->limit_alerts.size(), 2U);
  ASSERT_TRUE(super_view->last_sync);
  EXPECT_EQ(super_view->last_sync->id, run->id);
  auto admin_view = w.dashboard.Get(admin_a);
  ASSERT_EQ(admin_view->limit_alerts.size(), 1U);
  EXPECT_EQ(admin_view->limit_alerts[0].organization_name, "Alpha");
  EXPECT_EQ(admin_view->limit_alerts[0].changes, 2);
  ASSERT_TRUE(admin_view->last_sync);
  EXPECT_EQ(admin_view->last_sync->pages, 0);  // scoped to the organization
  auto user_view = w.dashboard.Get(user_ok);
  EXPECT_TRUE(user_view->limit_alerts.empty());
  EXPECT_FALSE(user_view->last_sync);
}

}  // namespace
}  // namespace portal::domain
