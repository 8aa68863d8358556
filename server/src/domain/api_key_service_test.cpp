// ApiKeyService on the in-memory fakes (testing/): registering a pasted key (R-K2) above all —
// matched by its hint, checked with Anthropic, sealed under the key id, audited without the value
// — and the other operations' rules.
#include "domain/api_key_service.hpp"

#include <gtest/gtest.h>

#include "domain/masking.hpp"
#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

class ApiKeyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_a", "wrkspc_a", KeyValue(1), /*registered=*/false);
    w.AddKey("apikey_b", "wrkspc_b", KeyValue(2), /*registered=*/false);
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a"));
    w.anthropic->ClearCalls();
    audit_before = w.store.State().audit.size();
  }

  std::vector<std::string> NewAuditActions() {
    auto all = w.store.AuditActions();
    return {all.begin() + static_cast<std::ptrdiff_t>(audit_before), all.end()};
  }
  // No event, no Anthropic call and no error message holds the value.
  void ExpectValueNowhere(const std::string& value) {
    for (const auto& event : w.store.State().audit) {
      EXPECT_EQ(event.details_json.find(value), std::string::npos) << event.action;
    }
    for (const auto& call : w.anthropic->Calls()) EXPECT_EQ(call.find(value), std::string::npos) << call;
    for (const auto& [id, key] : w.store.State().api_keys) {
      if (key.secret_sealed) {
        EXPECT_EQ(key.secret_sealed->find(value), std::string::npos) << id;
      }
    }
  }
  std::size_t SyncCalls() const { return w.anthropic->CallCount("ForEachApiKey"); }

  testing::TestWorld w;
  Actor super, admin_a, user_a;
  std::size_t audit_before = 0;
};

TEST_F(ApiKeyServiceTest, RegisterMatchesByHintChecksWithAnthropicAndSealsUnderTheKeyId) {
  const auto value = KeyValue(1);
  auto registered = w.api_keys.Register(admin_a, value);
  ASSERT_TRUE(registered) << registered.error().message;
  EXPECT_EQ(registered->key.id, "apikey_a");
  EXPECT_EQ(registered->organization_id, "org_a");
  EXPECT_EQ(w.anthropic->Calls(), (std::vector<std::string>{"CheckApiKey"}));  // known key: no sync

  auto stored = w.KeyRecord("apikey_a");
  ASSERT_TRUE(stored.secret_sealed);
  EXPECT_EQ(stored.secret_registered_at, w.clock.now_ms);
  EXPECT_EQ(*w.vault.Open(*stored.secret_sealed, "apikey_a"), value);
  EXPECT_FALSE(w.vault.Open(*stored.secret_sealed, "apikey_b"));  // bound to its row

  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"api_key.secret_register"}));
  const auto& event = w.store.State().audit.back();
  EXPECT_EQ(event.target_id, "apikey_a");
  EXPECT_EQ(event.organization_id, "org_a");
  EXPECT_NE(event.details_json.find(MaskSecret(value)), std::string::npos) << event.details_json;
  ExpectValueNowhere(value);
}

TEST_F(ApiKeyServiceTest, AnUnknownHintSyncsOnceThenAnswersNoMatchingKey) {
  const auto value = KeyValue(9);
  auto registered = w.api_keys.Register(admin_a, value);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(registered.error().api_code, "no_matching_key");
  EXPECT_NE(registered.error().message.find(MaskSecret(value)), std::string::npos);
  EXPECT_EQ(registered.error().message.find(value), std::string::npos);
  EXPECT_EQ(SyncCalls(), 1U);
  EXPECT_EQ(w.anthropic->CallCount("CheckApiKey"), 0U);
  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"anthropic.sync"}));
  for (const auto& [id, key] : w.store.State().api_keys) EXPECT_FALSE(key.secret_sealed) << id;
}

TEST_F(ApiKeyServiceTest, AKeyCreatedInTheConsoleSinceTheLastSyncIsFoundByThatOneSync) {
  const auto value = KeyValue(7);
  ApiKey fresh;
  fresh.id = "apikey_new";
  fresh.name = "made in the Console";
  fresh.status = ApiKeyStatus::kActive;
  fresh.partial_key_hint = MaskSecret(value);
  fresh.workspace_id = "wrkspc_a";
  fresh.created_at = "2025-03-01T00:00:00Z";
  w.anthropic->keys.push_back(fresh);
  w.anthropic->valid_key_values.insert(value);

  auto registered = w.api_keys.Register(admin_a, value);
  ASSERT_TRUE(registered) << registered.error().message;
  EXPECT_EQ(registered->key.id, "apikey_new");
  EXPECT_EQ(SyncCalls(), 1U);
  EXPECT_TRUE(w.KeyRecord("apikey_new").secret_sealed);
  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"anthropic.sync", "api_key.secret_register"}));
  ExpectValueNowhere(value);
}

TEST_F(ApiKeyServiceTest, AKeyAnthropicRejectsIsNotStored) {
  w.anthropic->valid_key_values.clear();
  auto registered = w.api_keys.Register(admin_a, KeyValue(1));
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(registered.error().api_code, "key_rejected");
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);
  EXPECT_TRUE(NewAuditActions().empty());

  // Anthropic unreachable: its error, nothing stored either.
  w.anthropic->FailNext("CheckApiKey", Error::Unavailable("Anthropic is unavailable"));
  auto unreachable = w.api_keys.Register(admin_a, KeyValue(1));
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);
  EXPECT_TRUE(NewAuditActions().empty());
}

TEST_F(ApiKeyServiceTest, AnAmbiguousHintNamesItsCandidatesAndChecksNothing) {
  w.AddKey("apikey_twin1", "wrkspc_a", KeyValue(5, 'm'), /*registered=*/false);
  w.AddKey("apikey_twin2", "wrkspc_a", KeyValue(5, 'q'), /*registered=*/false);
  w.anthropic->ClearCalls();
  auto registered = w.api_keys.Register(admin_a, KeyValue(5, 'q'));
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::kConflict);
  EXPECT_EQ(registered.error().api_code, "ambiguous_key");
  EXPECT_EQ(registered.error().candidates, (std::vector<std::string>{"apikey_twin1", "apikey_twin2"}));
  EXPECT_TRUE(w.anthropic->Calls().empty());
  EXPECT_FALSE(w.KeyRecord("apikey_twin2").secret_sealed);
}

TEST_F(ApiKeyServiceTest, AnAdminCannotRegisterAnotherOrganizationsKey) {
  auto registered = w.api_keys.Register(admin_a, KeyValue(2));
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().api_code, "no_matching_key");  // it does not exist for them
  EXPECT_EQ(w.anthropic->CallCount("CheckApiKey"), 0U);
  EXPECT_FALSE(w.KeyRecord("apikey_b").secret_sealed);

  auto by_super = w.api_keys.Register(super, KeyValue(2));
  ASSERT_TRUE(by_super) << by_super.error().message;
  EXPECT_TRUE(w.KeyRecord("apikey_b").secret_sealed);
}

TEST_F(ApiKeyServiceTest, RegisterRefusesUsersMalformedValuesAndASealedVaultBeforeAnyCall) {
  EXPECT_EQ(w.api_keys.Register(user_a, KeyValue(1)).error().code, ErrorCode::kForbidden);
  for (const std::string& bad : std::vector<std::string>{std::string(), "sk-ant-admin01-" + std::string(40, 'x'),
                                                         KeyValue(1) + "!", std::string("sk-ant-api03-short")}) {
    auto registered = w.api_keys.Register(admin_a, bad);
    ASSERT_FALSE(registered) << bad;
    EXPECT_EQ(registered.error().code, ErrorCode::kInvalidArgument) << bad;
  }
  w.vault.sealed = true;
  EXPECT_EQ(w.api_keys.Register(admin_a, KeyValue(1)).error().api_code, "vault_sealed");
  EXPECT_TRUE(w.anthropic->Calls().empty());
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);
  EXPECT_TRUE(NewAuditActions().empty());
}

TEST_F(ApiKeyServiceTest, RegisterStoresTheSecretAndItsAuditEventTogetherOrNeither) {
  w.store.FailNext("audit.append", Error::Internal("disk full"));
  auto registered = w.api_keys.Register(admin_a, KeyValue(1));
  ASSERT_FALSE(registered);
  EXPECT_EQ(w.store.Calls("api_keys.set_secret"), 1);
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);
}

// --- the other operations ------------------------------------------------------------------------

TEST_F(ApiKeyServiceTest, RevealOwnKeyGivesTheHolderTheValueAndAuditsIt) {
  w.AddKey("apikey_held", "wrkspc_a", KeyValue(11));
  w.AddUser("usr_holder", Role::kUser, "org_a", "apikey_held");
  auto holder = ActorFor(*w.FindUser("usr_holder"));
  auto revealed = w.api_keys.RevealOwnKey(holder);
  ASSERT_TRUE(revealed) << revealed.error().message;
  EXPECT_EQ(revealed->value, KeyValue(11));
  EXPECT_EQ(revealed->key.id, "apikey_held");
  EXPECT_EQ(w.store.State().audit.back().action, "api_key.secret_read");
  ExpectValueNowhere(KeyValue(11));

  EXPECT_EQ(w.api_keys.RevealOwnKey(user_a).error().code, ErrorCode::kNotFound);  // holds none
  w.store.FailNext("audit.append", Error::Internal("disk full"));
  EXPECT_FALSE(w.api_keys.RevealOwnKey(holder));  // no audit, no secret
}

TEST_F(ApiKeyServiceTest, UpdateGoesThroughAnthropicFirst) {
  ApiKeyPatch patch;
  patch.status = "inactive";
  w.anthropic->FailNext(Error::Unavailable("down"));
  EXPECT_FALSE(w.api_keys.Update(admin_a, "apikey_a", patch));
  EXPECT_EQ(w.KeyRecord("apikey_a").status, "active");
  auto updated = w.api_keys.Update(admin_a, "apikey_a", patch);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->key.status, "inactive");
  EXPECT_EQ(w.store.State().audit.back().action, "api_key.update");
  patch.status = "archived";  // only Archive archives
  EXPECT_EQ(w.api_keys.Update(admin_a, "apikey_a", patch).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(w.api_keys.Update(admin_a, "apikey_b", patch).error().code, ErrorCode::kNotFound);
}

TEST_F(ApiKeyServiceTest, ArchiveErasesTheSecretAndUnassignsTheHolder) {
  w.AddKey("apikey_held", "wrkspc_a", KeyValue(11));
  w.AddUser("usr_holder", Role::kUser, "org_a", "apikey_held");
  w.anthropic->ClearCalls();
  auto archived = w.api_keys.Archive(admin_a, "apikey_held");
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_EQ(w.anthropic->Calls(), (std::vector<std::string>{"UpdateApiKey apikey_held status=archived"}));
  auto key = w.KeyRecord("apikey_held");
  EXPECT_EQ(key.status, "archived");
  EXPECT_FALSE(key.secret_sealed);
  EXPECT_FALSE(w.FindUser("usr_holder")->api_key_id);
  EXPECT_FALSE(archived->holder);
  // Archived already: cleaned up again without calling Anthropic.
  EXPECT_TRUE(w.api_keys.Archive(admin_a, "apikey_held"));
  EXPECT_EQ(w.anthropic->CallCount("UpdateApiKey"), 1U);
}

TEST_F(ApiKeyServiceTest, ReplaceGivesTheHolderTheNewKeyAllOrNothing) {
  w.AddKey("apikey_leaked", "wrkspc_a", KeyValue(11));
  w.AddUser("usr_holder", Role::kUser, "org_a", "apikey_leaked");
  w.anthropic->ClearCalls();
  EXPECT_EQ(w.api_keys.Replace(admin_a, "apikey_leaked", KeyValue(11)).error().api_code, "replacement_is_same_key");
  EXPECT_EQ(w.api_keys.Replace(super, "apikey_leaked", KeyValue(2)).error().api_code, "api_key_wrong_organization");

  w.anthropic->FailNext("UpdateApiKey", Error::Unavailable("down"));
  EXPECT_FALSE(w.api_keys.Replace(admin_a, "apikey_leaked", KeyValue(1)));
  EXPECT_EQ(w.FindUser("usr_holder")->api_key_id, "apikey_leaked");
  EXPECT_FALSE(w.KeyRecord("apikey_a").secret_sealed);

  auto replaced = w.api_keys.Replace(admin_a, "apikey_leaked", KeyValue(1));
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(w.FindUser("usr_holder")->api_key_id, "apikey_a");
  EXPECT_TRUE(w.KeyRecord("apikey_a").secret_sealed);
  EXPECT_EQ(w.KeyRecord("apikey_leaked").status, "archived");
  EXPECT_FALSE(w.KeyRecord("apikey_leaked").secret_sealed);
  EXPECT_EQ(w.store.State().audit.back().action, "api_key.replace");
  ExpectValueNowhere(KeyValue(1));
}

TEST_F(ApiKeyServiceTest, ListAndGetAreScopedToTheAdminsOrganization) {
  auto listed = w.api_keys.List(admin_a, {});
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->items.size(), 1U);
  EXPECT_EQ(listed->items[0].key.id, "apikey_a");
  EXPECT_EQ(w.api_keys.Get(admin_a, "apikey_b").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.api_keys.Get(user_a, "apikey_a").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(w.api_keys.List(super, {})->total, 2);
}

}  // namespace
}  // namespace portal::domain
