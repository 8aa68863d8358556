// UsageService on the in-memory fakes (testing/): collecting from the analytics endpoints (or the
// reports without them) all or nothing, and reading usage attributed to whoever held the key and
// the organization that had the workspace at the end of each day, scoped to the caller.
#include "domain/usage_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kMarch1 = 1'740'787'200'000;  // 2025-03-01T00:00:00Z

UsageRow Row(std::string day, std::int64_t day_start, std::string key, std::string workspace, std::int64_t output,
             std::string cost) {
  UsageRow row;
  row.day = std::move(day);
  row.api_key_id = std::move(key);
  row.workspace_id = std::move(workspace);
  row.model = "claude-sonnet";
  row.day_start = day_start;
  row.day_end = day_start + kDayMs;
  row.output_tokens = output;
  row.requests = 1;
  row.cost_cents = std::move(cost);
  return row;
}

class UsageServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Links made on March 1st; on the 22nd the key moves from Alice to Bob.
    w.clock.now_ms = kMarch1;
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_a", "wrkspc_a", KeyValue(1));
    w.AddKey("apikey_b", "wrkspc_b", KeyValue(2));
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_b = ActorFor(w.AddUser("usr_admin_b", Role::kAdmin, "org_b", "apikey_b"));
    alice = ActorFor(w.AddUser("usr_alice", Role::kUser, "org_a", "apikey_a"));
    bob = ActorFor(w.AddUser("usr_bob", Role::kUser, "org_a"));
    w.clock.now_ms = kMarch1 + 21 * kDayMs + 3'600'000;  // 2025-03-22T01:00Z
    ASSERT_TRUE(w.store.Write([&](Tx& tx) -> Status {
      auto a = *tx.Users().FindById("usr_alice");
      a.api_key_id.reset();
      a.updated_at = w.clock.now_ms;
      if (auto s = tx.Users().Update(a); !s) return s;
      auto b = *tx.Users().FindById("usr_bob");
      b.api_key_id = "apikey_a";
      b.updated_at = w.clock.now_ms;
      return tx.Users().Update(b);
    }));
    w.clock.now_ms = kMarch1 + 23 * kDayMs;  // today: 2025-03-24
    const std::vector<UsageRow> rows = {
        Row("2025-03-20", kMarch1 + 19 * kDayMs, "apikey_a", "wrkspc_a", 100, "10.5"),
        Row("2025-03-23", kMarch1 + 22 * kDayMs, "apikey_a", "wrkspc_a", 300, "30"),
        Row("2025-03-23", kMarch1 + 22 * kDayMs, "apikey_b", "wrkspc_b", 50, "0.25"),
    };
    ASSERT_TRUE(w.store.Write([&](Tx& tx) { return tx.Usage().ReplaceDays("2025-03-01", "2025-03-24", rows); }));
  }

  static std::map<std::string, std::string> CostByGroup(const UsageReport& report) {
    std::map<std::string, std::string> out;
    for (const auto& group : report.groups) out[group.key.value_or("-")] = group.totals.cost_cents.ToString();
    return out;
  }
  UsageQuery Query(UsageGroupBy by) {
    UsageQuery query;
    query.from_day = "2025-03-01";
    query.to_day = "2025-03-24";
    query.group_by = by;
    return query;
  }

  testing::TestWorld w;
  Actor super, admin_b, alice, bob;
};

TEST_F(UsageServiceTest, UsageGoesToWhoeverHeldTheKeyAtTheEndOfThatDay) {
  auto by_user = w.usage.Query(super, Query(UsageGroupBy::kUser));
  ASSERT_TRUE(by_user) << by_user.error().message;
  EXPECT_EQ(CostByGroup(*by_user),
            (std::map<std::string, std::string>{{"usr_alice", "10.5"}, {"usr_bob", "30"}, {"usr_admin_b", "0.25"}}));
  EXPECT_EQ(by_user->totals.output_tokens, 450);
  EXPECT_EQ(by_user->groups[0].key, "usr_bob");  // by cost, descending
  EXPECT_EQ(by_user->groups[0].label, "Name of usr_bob <usr_bob@portal.test>");

  auto by_org = w.usage.Query(super, Query(UsageGroupBy::kOrganization));
  ASSERT_TRUE(by_org);
  EXPECT_EQ(CostByGroup(*by_org), (std::map<std::string, std::string>{{"org_a", "40.5"}, {"org_b", "0.25"}}));
}

TEST_F(UsageServiceTest, EachCallerSeesOnlyTheirShare) {
  auto own = w.usage.Query(alice, Query(UsageGroupBy::kApiKey));
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(CostByGroup(*own), (std::map<std::string, std::string>{{"apikey_a", "10.5"}}));
  auto admin = w.usage.Query(admin_b, Query(UsageGroupBy::kUser));
  ASSERT_TRUE(admin);
  EXPECT_EQ(CostByGroup(*admin), (std::map<std::string, std::string>{{"usr_admin_b", "0.25"}}));

  auto other_org = Query(UsageGroupBy::kUser);
  other_org.organization_id = "org_a";
  EXPECT_EQ(w.usage.Query(admin_b, other_org).error().code, ErrorCode::kNotFound);
  auto other_user = Query(UsageGroupBy::kUser);
  other_user.user_id = "usr_bob";
  EXPECT_EQ(w.usage.Query(alice, other_user).error().code, ErrorCode::kNotFound);
  auto other_key = Query(UsageGroupBy::kUser);
  other_key.api_key_id = "apikey_a";
  EXPECT_EQ(w.usage.Query(admin_b, other_key).error().code, ErrorCode::kNotFound);
  auto backwards = Query(UsageGroupBy::kUser);
  backwards.to_day = "2025-02-01";
  EXPECT_EQ(w.usage.Query(super, backwards).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(w.usage.Start(alice).error().code, ErrorCode::kForbidden);
}

TEST_F(UsageServiceTest, ACollectionRefetchesRecentDaysAndReplacesThem) {
  AnalyticsUsageRow usage{"2025-03-23T00:00:00Z", "apikey_a", "wrkspc_a", "claude-sonnet", 1, 2, 3, 400, 5};
  AnalyticsCostRow cost{"2025-03-23T00:00:00Z", "apikey_a", "wrkspc_a", "claude-sonnet", "41.125", "USD"};
  w.anthropic->analytics_usage = {usage};
  w.anthropic->analytics_cost = {cost};
  auto started = w.usage.Start(super);
  ASSERT_TRUE(started) << started.error().message;
  w.usage.WaitIdle();
  auto run = w.store.State().usage_runs.at(*started);
  EXPECT_EQ(run.status, "succeeded") << run.error;
  EXPECT_EQ(run.source, "analytics");
  EXPECT_EQ(run.from_day, "2025-03-21");  // two days before the latest stored day
  EXPECT_EQ(run.to_day, "2025-03-24");
  EXPECT_EQ(run.rows_written, 1);

  auto by_key = w.usage.Query(super, Query(UsageGroupBy::kApiKey));
  ASSERT_TRUE(by_key);
  // The 23rd was replaced (apikey_b's row of that day is gone: Anthropic no longer lists it); the
  // 20th, before the refetched range, stays.
  EXPECT_EQ(CostByGroup(*by_key), (std::map<std::string, std::string>{{"apikey_a", "51.625"}}));
  EXPECT_EQ(by_key->latest_run->id, *started);
}

TEST_F(UsageServiceTest, AFailedCollectionStoresNothingAndSaysWhy) {
  w.anthropic->analytics_usage = {{"2025-03-23T00:00:00Z", "apikey_a", "wrkspc_a", "m", 0, 0, 0, 999, 1}};
  w.anthropic->FailNext("ForEachAnalyticsCost",
                        std::move(Error::Unavailable("Anthropic is overloaded").WithApiCode("anthropic_overloaded")));
  auto started = w.usage.Start(super);
  ASSERT_TRUE(started);
  w.usage.WaitIdle();
  const auto& run = w.store.State().usage_runs.at(*started);
  EXPECT_EQ(run.status, "failed");
  EXPECT_EQ(run.error, "Anthropic is overloaded (anthropic_overloaded)");
  EXPECT_EQ(w.store.State().usage.size(), 3U);
  auto by_key = w.usage.Query(super, Query(UsageGroupBy::kApiKey));
  EXPECT_EQ(CostByGroup(*by_key), (std::map<std::string, std::string>{{"apikey_a", "40.5"}, {"apikey_b", "0.25"}}));
}

TEST_F(UsageServiceTest, WithoutTheAnalyticsEndpointsTheReportsAreUsed) {
  w.anthropic->FailNext("ForEachAnalyticsUsage", Error::NotFound("no analytics"));
  UsageBucket bucket{"2025-03-23T00:00:00Z", "2025-03-24T00:00:00Z", {}};
  UsageResult result;
  result.output_tokens = 70;
  result.api_key_id = "apikey_b";
  result.workspace_id = "wrkspc_b";
  result.model = "claude-sonnet";
  bucket.results.push_back(result);
  w.anthropic->usage_buckets = {bucket};
  auto started = w.usage.StartAs("sync");
  ASSERT_TRUE(started);
  w.usage.WaitIdle();
  const auto& run = w.store.State().usage_runs.at(*started);
  EXPECT_EQ(run.status, "succeeded") << run.error;
  EXPECT_EQ(run.source, "reports");
  auto by_key = w.usage.Query(super, Query(UsageGroupBy::kApiKey));
  ASSERT_TRUE(by_key);
  EXPECT_EQ(by_key->totals.output_tokens, 100 + 70);
}

}  // namespace
}  // namespace portal::domain
