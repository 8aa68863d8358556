// SetupService on the in-memory fakes (testing/): the first SuperAdmin, once; an admin key is
// verified with Anthropic before anything is created, stored sealed once the SuperAdmin exists,
// and the first sync starts.
#include "domain/setup_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

const std::string kAdminKey = "sk-ant-admin01-" + std::string(40, 'k') + "QQQQ";

class SetupServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A portal that was never set up: no user, no admin key.
    w.store.State().settings.clear();
  }

  SetupInput Input(std::optional<std::string> admin_key = std::nullopt) {
    return {"First Admin", "first@example.com", "a sufficiently long passphrase 42", std::move(admin_key),
            "web",         "req-setup"};
  }

  testing::TestWorld w;
};

TEST_F(SetupServiceTest, WithoutAKeyTheFirstSuperAdminIsCreatedOnce) {
  auto state = w.setup.State();
  ASSERT_TRUE(state);
  EXPECT_TRUE(state->needed);
  EXPECT_FALSE(state->anthropic_configured);

  auto pair = w.setup.Run(Input());
  ASSERT_TRUE(pair) << pair.error().message;
  EXPECT_EQ(pair->user.role, Role::kSuperAdmin);
  EXPECT_FALSE(pair->access_token.empty());
  EXPECT_TRUE(w.anthropic->Calls().empty());
  EXPECT_TRUE(w.store.State().sync_runs.empty());
  EXPECT_FALSE(w.setup.State()->needed);

  auto again = w.setup.Run(Input());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto with_key = w.setup.Run(Input(kAdminKey));
  ASSERT_FALSE(with_key);
  EXPECT_EQ(with_key.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(w.anthropic->Calls().empty());  // refused before asking Anthropic
  EXPECT_EQ(w.store.State().users.size(), 1U);
}

TEST_F(SetupServiceTest, AKeyAnthropicRejectsCreatesNothing) {
  w.anthropic->FailNext(
      "GetOrganization",
      std::move(Error{ErrorCode::kUpstream, "Anthropic rejected the admin key"}.WithApiCode("anthropic_auth_failed")));
  auto pair = w.setup.Run(Input(kAdminKey));
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(pair.error().api_code, "admin_key_rejected");
  EXPECT_TRUE(w.store.State().users.empty());
  EXPECT_TRUE(w.store.State().settings.empty());
  EXPECT_TRUE(w.setup.State()->needed);
}

TEST_F(SetupServiceTest, AnAcceptedKeyIsStoredSealedAndTheFirstSyncStarts) {
  Workspace upstream;
  upstream.id = "wrkspc_1";
  upstream.name = "one";
  upstream.created_at = "2025-01-01T00:00:00Z";
  w.anthropic->workspaces.push_back(upstream);
  auto pair = w.setup.Run(Input(kAdminKey));
  ASSERT_TRUE(pair) << pair.error().message;
  w.sync.WaitIdle();

  const auto& settings = w.store.State().settings;
  ASSERT_TRUE(settings.contains(std::string(kAdminKeySetting)));
  const auto& sealed = settings.at(std::string(kAdminKeySetting));
  EXPECT_EQ(sealed.find(kAdminKey), std::string::npos);
  EXPECT_EQ(*w.vault.Open(sealed, kAdminKeySetting), kAdminKey);
  EXPECT_EQ(settings.at(std::string(kOrganizationIdSetting)), w.anthropic->organization.id);
  EXPECT_TRUE(w.setup.State()->anthropic_configured);

  ASSERT_EQ(w.store.State().sync_runs.size(), 1U);
  const auto& run = w.store.State().sync_runs.begin()->second;
  EXPECT_EQ(run.trigger, "setup");
  EXPECT_EQ(run.actor_id, pair->user.id);
  EXPECT_EQ(run.status, "succeeded");
  EXPECT_TRUE(w.store.State().workspaces.contains("wrkspc_1"));
  for (const auto& event : w.store.State().audit) {
    EXPECT_EQ(event.details_json.find(kAdminKey), std::string::npos) << event.action;
  }
  auto actions = w.store.AuditActions();
  EXPECT_EQ(actions.front(), "setup.complete");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "anthropic.settings_update"), actions.end());
}

}  // namespace
}  // namespace portal::domain
