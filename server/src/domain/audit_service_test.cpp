// AuditService on the in-memory fakes (testing/): who reads which events, newest first and paged,
// with names looked up now and another organization's objects hidden from an Admin.
#include "domain/audit_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

class AuditServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_b", "wrkspc_b", KeyValue(2));
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    admin_b = ActorFor(w.AddUser("usr_admin_b", Role::kAdmin, "org_b"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a"));
    // Ids in time order, as NewId makes them.
    Append("aud_01", "usr_super", "organization.create", "organization", "org_a", "org_a",
           AuditDetails().Add("name", "Alpha").Json());
    Append("aud_02", "usr_super", "user.update", "user", "usr_user_a", "org_a",
           AuditDetails().Add("organizationId", "org_a").Add("previousOrganizationId", "org_b").Json());
    Append("aud_03", "usr_admin_b", "api_key.update", "api_key", "apikey_b", "org_b", "{}");
    Append("aud_04", "usr_admin_a", "user.update_api_key", "user", "usr_user_a", "org_a",
           AuditDetails().Add("apiKeyId", "apikey_b").Json());
    Append("aud_05", "usr_gone", "user.delete", "user", "usr_gone", "org_a", "{}");
  }

  void Append(std::string id, std::string actor, std::string action, std::string type, std::string target,
              std::string org, std::string details) {
    AuditEvent event = MakeAuditEvent(std::move(actor), std::move(action), std::move(type), std::move(target),
                                      std::move(org), "req-test", w.clock.now_ms, std::move(details));
    event.id = std::move(id);
    ASSERT_TRUE(w.store.Write([&](Tx& tx) { return tx.Audit().Append(event); }));
  }

  static std::vector<std::string> Ids(const Page<AuditEntry>& page) {
    std::vector<std::string> ids;
    ids.reserve(page.items.size());
    for (const auto& entry : page.items) ids.push_back(entry.event.id);
    return ids;
  }

  testing::TestWorld w;
  Actor super, admin_a, admin_b, user_a;
};

TEST_F(AuditServiceTest, ASuperAdminReadsEverythingNewestFirstPageByPage) {
  AuditQuery query;
  query.page.limit = 2;
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = w.audit.List(super, query);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->total, 5);
    for (auto& id : Ids(*page)) seen.push_back(id);
    if (!page->next_cursor) break;
    query.page.cursor = page->next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"aud_05", "aud_04", "aud_03", "aud_02", "aud_01"}));
}

TEST_F(AuditServiceTest, AnAdminReadsTheirOrganizationsEventsAndAUserNone) {
  auto page = w.audit.List(admin_a, {});
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(Ids(*page), (std::vector<std::string>{"aud_05", "aud_04", "aud_02", "aud_01"}));
  AuditQuery other;
  other.organization_id = "org_b";
  EXPECT_EQ(w.audit.List(admin_a, other).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.audit.List(user_a, {}).error().code, ErrorCode::kForbidden);
  AuditQuery by_action;
  by_action.action = "api_key.update";
  EXPECT_EQ(Ids(*w.audit.List(admin_b, by_action)), (std::vector<std::string>{"aud_03"}));
  EXPECT_TRUE(w.audit.List(admin_a, by_action)->items.empty());
}

TEST_F(AuditServiceTest, NamesAreLookedUpAndAnotherOrganizationsObjectsAreHiddenFromAnAdmin) {
  auto as_super = w.audit.List(super, {});
  ASSERT_TRUE(as_super);
  const auto& move = as_super->items[3];  // aud_02
  ASSERT_EQ(move.event.id, "aud_02");
  EXPECT_EQ(move.actor_name, "Name of usr_super");
  EXPECT_EQ(move.target_name, "Name of usr_user_a (usr_user_a@portal.test)");
  EXPECT_EQ(move.detail_names.at("organizationId"), "Alpha");
  EXPECT_EQ(move.detail_names.at("previousOrganizationId"), "Beta");
  EXPECT_TRUE(move.hidden_details.empty());
  EXPECT_FALSE(as_super->items[0].target_name);  // a deleted user has no name any more

  auto as_admin = w.audit.List(admin_a, {});
  ASSERT_TRUE(as_admin);
  const auto& seen = as_admin->items[2];  // aud_02
  ASSERT_EQ(seen.event.id, "aud_02");
  EXPECT_FALSE(seen.event.actor_id);  // a SuperAdmin is outside the organization: name only
  EXPECT_EQ(seen.actor_name, "Name of usr_super");
  EXPECT_EQ(seen.detail_names.at("organizationId"), "Alpha");
  EXPECT_EQ(seen.hidden_details, (std::vector<std::string>{"previousOrganizationId"}));
  EXPECT_NE(seen.event.details_json.find(R"("previousOrganizationId":null)"), std::string::npos)
      << seen.event.details_json;
  EXPECT_EQ(seen.event.details_json.find("org_b"), std::string::npos);
  const auto& key = as_admin->items[1];  // aud_04: a key of org_b's workspace
  EXPECT_EQ(key.hidden_details, (std::vector<std::string>{"apiKeyId"}));
  EXPECT_EQ(key.event.details_json.find("apikey_b"), std::string::npos);
  EXPECT_EQ(key.event.actor_id, "usr_admin_a");
}

}  // namespace
}  // namespace portal::domain
