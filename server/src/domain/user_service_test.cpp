// UserService on the in-memory fakes (testing/): off-boarding (Delete with each KeyRetirement),
// Create, Update, ResetPassword and who may see whom. ApplyUserPatch alone is user_patch_test.cpp.
#include "domain/user_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/world.hpp"

namespace portal::domain {
namespace {

using testing::ActorFor;
using testing::KeyValue;

Error UpstreamDown() {
  return std::move(Error::Unavailable("Anthropic is unavailable").WithApiCode("anthropic_unavailable"));
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class UserServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.AddOrganization("org_a", "Alpha");
    w.AddOrganization("org_b", "Beta");
    w.AddWorkspace("wrkspc_a", "alpha-main", "org_a");
    w.AddWorkspace("wrkspc_b", "beta-main", "org_b");
    w.AddKey("apikey_alice", "wrkspc_a", KeyValue(1));
    w.AddKey("apikey_free", "wrkspc_a", KeyValue(2));
    w.AddKey("apikey_beta", "wrkspc_b", KeyValue(3));
    w.AddKey("apikey_unregistered", "wrkspc_a", KeyValue(4), /*registered=*/false);
    super = ActorFor(w.AddUser("usr_super", Role::kSuperAdmin, std::nullopt));
    admin_a = ActorFor(w.AddUser("usr_admin_a", Role::kAdmin, "org_a"));
    admin_b = ActorFor(w.AddUser("usr_admin_b", Role::kAdmin, "org_b"));
    user_a = ActorFor(w.AddUser("usr_user_a", Role::kUser, "org_a"));
    w.AddUser("usr_alice", Role::kUser, "org_a", "apikey_alice");
    w.AddSession("ses_alice_1", "usr_alice");
    w.AddSession("ses_alice_2", "usr_alice");
    // An expired session keeps its history: it is not counted as revoked.
    Session expired{"ses_alice_old", "usr_alice", "web", 1, 2, std::nullopt, ""};
    w.store.Put(expired);
    w.AddSession("ses_user_a", "usr_user_a");
    w.anthropic->ClearCalls();
    writes_before = w.store.Writes();
    audit_before = w.store.State().audit.size();
  }

  const Session& SessionOf(const std::string& id) { return w.store.State().sessions.at(id); }
  const AuditEvent& LastAudit() { return w.store.State().audit.back(); }
  std::vector<std::string> NewAuditActions() {
    auto all = w.store.AuditActions();
    return {all.begin() + static_cast<std::ptrdiff_t>(audit_before), all.end()};
  }
  // Alice, her key and her sessions exactly as SetUp left them; no audit event, no write.
  void ExpectNothingChanged() {
    auto alice = w.FindUser("usr_alice");
    ASSERT_TRUE(alice);
    EXPECT_EQ(alice->api_key_id, "apikey_alice");
    EXPECT_EQ(alice->status, UserStatus::kActive);
    EXPECT_FALSE(SessionOf("ses_alice_1").revoked_at);
    EXPECT_FALSE(SessionOf("ses_alice_2").revoked_at);
    auto key = w.KeyRecord("apikey_alice");
    EXPECT_EQ(key.status, "active");
    EXPECT_TRUE(key.secret_sealed);
    EXPECT_EQ(w.store.State().audit.size(), audit_before);
    EXPECT_EQ(w.store.Writes(), writes_before);
  }

  testing::TestWorld w;
  Actor super, admin_a, admin_b, user_a;
  std::int64_t writes_before = 0;
  std::size_t audit_before = 0;
};

// --- Delete (off-boarding) -------------------------------------------------------------------

TEST_F(UserServiceTest, DeleteKeepingTheKeyRevokesSessionsReleasesTheKeyAndNeverCallsAnthropic) {
  auto done = w.users.Delete(admin_a, "usr_alice", KeyRetirement::kKeep);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->sessions_revoked, 2);
  EXPECT_EQ(done->api_key_released, "apikey_alice");
  EXPECT_FALSE(done->key_deactivated);
  EXPECT_FALSE(done->key_archived);

  EXPECT_FALSE(w.FindUser("usr_alice"));
  // Revoked, then gone with the user (the sessions' foreign key cascades); nobody else's.
  for (const auto* id : {"ses_alice_1", "ses_alice_2", "ses_alice_old"}) {
    EXPECT_FALSE(w.store.State().sessions.contains(id)) << id;
  }
  EXPECT_FALSE(SessionOf("ses_user_a").revoked_at);
  auto key = w.KeyRecord("apikey_alice");
  EXPECT_EQ(key.status, "active");
  EXPECT_TRUE(key.secret_sealed);  // kept: the key can be given to someone else
  EXPECT_TRUE(w.anthropic->Calls().empty());

  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"user.delete"}));
  const auto& event = LastAudit();
  EXPECT_EQ(event.actor_id, "usr_admin_a");
  EXPECT_EQ(event.target_id, "usr_alice");
  EXPECT_EQ(event.organization_id, "org_a");
  EXPECT_TRUE(Contains(event.details_json, R"("apiKeyReleased":"apikey_alice")")) << event.details_json;
  EXPECT_TRUE(Contains(event.details_json, R"("keyDeactivated":false)")) << event.details_json;
  EXPECT_TRUE(Contains(event.details_json, R"("sessionsRevoked":2)")) << event.details_json;
}

TEST_F(UserServiceTest, DeleteDeactivatingTheKeyCallsAnthropicBeforeChangingAnythingLocally) {
  bool user_present_at_call = false;
  bool sessions_live_at_call = false;
  w.anthropic->on_call = [&](const std::string&) {
    user_present_at_call = w.store.State().users.contains("usr_alice");
    sessions_live_at_call = !w.store.State().sessions.at("ses_alice_1").revoked_at;
  };
  auto done = w.users.Delete(admin_a, "usr_alice", KeyRetirement::kDeactivate);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->key_deactivated);
  EXPECT_FALSE(done->key_archived);
  EXPECT_EQ(w.anthropic->Calls(), (std::vector<std::string>{"UpdateApiKey apikey_alice status=inactive"}));
  EXPECT_TRUE(user_present_at_call);
  EXPECT_TRUE(sessions_live_at_call);

  EXPECT_EQ(w.anthropic->Key("apikey_alice")->status, ApiKeyStatus::kInactive);
  auto key = w.KeyRecord("apikey_alice");
  EXPECT_EQ(key.status, "inactive");
  EXPECT_TRUE(key.secret_sealed);  // reversible: the secret stays
  EXPECT_FALSE(w.FindUser("usr_alice"));
  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"api_key.deactivate", "user.delete"}));
  EXPECT_TRUE(Contains(LastAudit().details_json, R"("keyDeactivated":true)")) << LastAudit().details_json;
}

TEST_F(UserServiceTest, DeleteArchivingTheKeyArchivesItUpstreamAndErasesItsSecret) {
  auto done = w.users.Delete(admin_a, "usr_alice", KeyRetirement::kArchive);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->key_archived);
  EXPECT_FALSE(done->key_deactivated);
  EXPECT_EQ(w.anthropic->Calls(), (std::vector<std::string>{"UpdateApiKey apikey_alice status=archived"}));
  auto key = w.KeyRecord("apikey_alice");
  EXPECT_EQ(key.status, "archived");
  EXPECT_FALSE(key.secret_sealed);
  EXPECT_FALSE(key.secret_registered_at);
  EXPECT_FALSE(w.FindUser("usr_alice"));
  EXPECT_EQ(NewAuditActions(), (std::vector<std::string>{"api_key.archive", "user.delete"}));
  const auto& archive = w.store.State().audit[audit_before];
  EXPECT_TRUE(Contains(archive.details_json, R"("reason":"offboarding")")) << archive.details_json;
  EXPECT_TRUE(Contains(archive.details_json, R"("secretErased":true)")) << archive.details_json;
  EXPECT_TRUE(Contains(LastAudit().details_json, R"("keyArchived":true)")) << LastAudit().details_json;
}

TEST_F(UserServiceTest, WhenAnthropicFailsDeleteChangesNothingLocally) {
  for (auto how : {KeyRetirement::kDeactivate, KeyRetirement::kArchive}) {
    w.anthropic->FailNext("UpdateApiKey", UpstreamDown());
    auto done = w.users.Delete(admin_a, "usr_alice", how);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(done.error().api_code, "anthropic_unavailable");
    ExpectNothingChanged();
  }
  EXPECT_EQ(w.anthropic->CallCount("UpdateApiKey apikey_alice"), 2U);
  EXPECT_EQ(w.anthropic->Key("apikey_alice")->status, ApiKeyStatus::kActive);
}

TEST_F(UserServiceTest, ALocalFailureHalfwayThroughDeleteChangesNothing) {
  w.store.FailNext("audit.append", Error::Internal("disk full"));
  auto done = w.users.Delete(admin_a, "usr_alice", KeyRetirement::kKeep);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::kInternal);
  EXPECT_EQ(w.store.Calls("users.delete"), 1);  // it got that far, then rolled back
  ExpectNothingChanged();
}

TEST_F(UserServiceTest, AnAdminOfAnotherOrganizationCannotFindTheUserToDelete) {
  for (auto how : {KeyRetirement::kKeep, KeyRetirement::kDeactivate, KeyRetirement::kArchive}) {
    auto done = w.users.Delete(admin_b, "usr_alice", how);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::kNotFound);
  }
  EXPECT_TRUE(w.anthropic->Calls().empty());
  ExpectNothingChanged();
  // The same answer as for an id that does not exist: no probing of other tenants.
  EXPECT_EQ(w.users.Delete(admin_b, "usr_nobody", KeyRetirement::kKeep).error().code, ErrorCode::kNotFound);
}

TEST_F(UserServiceTest, NobodyDeletesThemselvesAndAUserDeletesNobody) {
  for (const auto* actor : {&super, &admin_a}) {
    auto done = w.users.Delete(*actor, actor->user_id, KeyRetirement::kKeep);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(done.error().api_code, "self_change_refused");
    EXPECT_TRUE(w.FindUser(actor->user_id));
  }
  auto by_user = w.users.Delete(user_a, "usr_alice", KeyRetirement::kArchive);
  ASSERT_FALSE(by_user);
  EXPECT_EQ(by_user.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(w.anthropic->Calls().empty());
  ExpectNothingChanged();
}

TEST_F(UserServiceTest, ASuperAdminDeletesAnyonesUser) {
  auto done = w.users.Delete(super, "usr_admin_b", KeyRetirement::kDeactivate);  // holds no key
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_FALSE(done->api_key_released);
  EXPECT_FALSE(done->key_deactivated);
  EXPECT_TRUE(w.anthropic->Calls().empty());
  EXPECT_FALSE(w.FindUser("usr_admin_b"));
  EXPECT_EQ(LastAudit().organization_id, "org_b");
}

// --- Create ----------------------------------------------------------------------------------

TEST_F(UserServiceTest, CreateWithAGeneratedPasswordMustChangeItAndNeverAuditsIt) {
  CreateUserRequest request;
  request.name = "  Carol  ";
  request.email = " Carol@Example.COM ";
  request.organization_id = "org_a";
  request.api_key_id = "apikey_free";
  auto created = w.users.Create(admin_a, request);
  ASSERT_TRUE(created) << created.error().message;
  ASSERT_TRUE(created->initial_password);
  const auto& user = created->user.user;
  EXPECT_EQ(user.name, "Carol");
  EXPECT_EQ(user.email, "carol@example.com");
  EXPECT_TRUE(user.must_change_password);
  EXPECT_EQ(user.password_hash, "hash:" + *created->initial_password);
  EXPECT_EQ(created->user.organization_name, "Alpha");
  ASSERT_TRUE(created->user.api_key);
  EXPECT_EQ(created->user.api_key->id, "apikey_free");
  EXPECT_EQ(w.FindUser(user.id)->api_key_id, "apikey_free");
  EXPECT_EQ(LastAudit().action, "user.create");
  EXPECT_TRUE(Contains(LastAudit().details_json, R"("passwordGenerated":true)"));
  EXPECT_FALSE(Contains(LastAudit().details_json, *created->initial_password));
}

TEST_F(UserServiceTest, CreateWithAChosenPasswordNeedsNoChange) {
  CreateUserRequest request;
  request.name = "Dave";
  request.email = "dave@example.com";
  request.organization_id = "org_a";
  request.password = "a sufficiently long passphrase 42";
  auto created = w.users.Create(admin_a, request);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_FALSE(created->initial_password);
  EXPECT_FALSE(created->user.user.must_change_password);
}

TEST_F(UserServiceTest, CreateRefusesWhatTheRulesForbidAndWritesNothing) {
  CreateUserRequest request;
  request.name = "Eve";
  request.email = "eve@example.com";
  request.organization_id = "org_a";
  auto code_of = [&](const Actor& actor, const CreateUserRequest& r) {
    auto created = w.users.Create(actor, r);
    return created ? std::string("ok") : std::string(ToString(created.error().code)) + "/" + created.error().api_code;
  };
  EXPECT_EQ(code_of(user_a, request), "forbidden/");
  auto other = request;
  other.organization_id = "org_b";
  EXPECT_EQ(code_of(admin_a, other), "not_found/");
  auto superadmin = request;
  superadmin.role = Role::kSuperAdmin;
  superadmin.organization_id.reset();
  EXPECT_EQ(code_of(admin_a, superadmin), "forbidden/");
  auto no_org = request;
  no_org.organization_id.reset();
  EXPECT_EQ(code_of(super, no_org), "invalid_request/");
  auto taken = request;
  taken.email = "USR_ALICE@portal.test";
  EXPECT_EQ(code_of(admin_a, taken), "conflict/email_taken");
  auto held = request;
  held.api_key_id = "apikey_alice";
  EXPECT_EQ(code_of(admin_a, held), "conflict/api_key_assigned");
  auto unregistered = request;
  unregistered.api_key_id = "apikey_unregistered";
  EXPECT_EQ(code_of(admin_a, unregistered), "invalid_request/api_key_not_registered");
  auto foreign_key = request;
  foreign_key.api_key_id = "apikey_beta";
  EXPECT_EQ(code_of(admin_a, foreign_key), "not_found/api_key_not_found");  // not even visible
  EXPECT_EQ(code_of(super, foreign_key), "invalid_request/api_key_wrong_organization");
  w.hasher.unavailable = true;
  EXPECT_EQ(code_of(admin_a, request), "upstream_unavailable/");
  EXPECT_EQ(w.store.Writes(), writes_before);
}

// --- Update ----------------------------------------------------------------------------------

TEST_F(UserServiceTest, DisablingAUserRevokesEverySession) {
  UserPatch patch;
  patch.status = UserStatus::kDisabled;
  auto updated = w.users.Update(admin_a, "usr_alice", patch);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->user.status, UserStatus::kDisabled);
  EXPECT_EQ(SessionOf("ses_alice_1").revoked_reason, "user_disabled");
  EXPECT_TRUE(SessionOf("ses_alice_2").revoked_at);
  EXPECT_EQ(LastAudit().action, "user.update");
  EXPECT_TRUE(Contains(LastAudit().details_json, R"("sessionsRevoked":2)")) << LastAudit().details_json;
  EXPECT_TRUE(w.anthropic->Calls().empty());
}

TEST_F(UserServiceTest, MovingAKeyBetweenUsersIsRefusedWhileItIsHeld) {
  UserPatch patch;
  patch.api_key_id = std::optional<std::string>("apikey_alice");
  auto refused = w.users.Update(admin_a, "usr_user_a", patch);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().api_code, "api_key_assigned");
  EXPECT_TRUE(Contains(refused.error().message, "usr_alice@portal.test"));  // the holder is visible to this admin

  patch.api_key_id = std::optional<std::string>("apikey_free");
  auto assigned = w.users.Update(admin_a, "usr_user_a", patch);
  ASSERT_TRUE(assigned) << assigned.error().message;
  EXPECT_EQ(w.FindUser("usr_user_a")->api_key_id, "apikey_free");
  EXPECT_EQ(LastAudit().action, "user.update_api_key");
}

TEST_F(UserServiceTest, UpdateRetiringTheKeyCallsAnthropicFirstAndChangesNothingWhenItFails) {
  UserPatch patch;
  patch.retire_key = KeyRetirement::kDeactivate;
  w.anthropic->FailNext(UpstreamDown());
  auto failed = w.users.Update(admin_a, "usr_alice", patch);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  ExpectNothingChanged();

  auto updated = w.users.Update(admin_a, "usr_alice", patch);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(w.KeyRecord("apikey_alice").status, "inactive");
  EXPECT_EQ(w.FindUser("usr_alice")->api_key_id, "apikey_alice");  // deactivated, still theirs
  EXPECT_TRUE(Contains(LastAudit().details_json, R"("keyDeactivated":"apikey_alice")")) << LastAudit().details_json;
}

TEST_F(UserServiceTest, AnAdminCannotMoveAUserIntoAnotherOrganization) {
  UserPatch patch;
  patch.organization_id = std::optional<std::string>("org_b");
  patch.api_key_id = std::optional<std::string>();  // the key stays behind
  auto moved = w.users.Update(admin_a, "usr_alice", patch);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, ErrorCode::kNotFound);
  auto by_super = w.users.Update(super, "usr_alice", patch);
  ASSERT_TRUE(by_super) << by_super.error().message;
  EXPECT_EQ(w.FindUser("usr_alice")->organization_id, "org_b");
  EXPECT_FALSE(w.FindUser("usr_alice")->api_key_id);
}

// --- ResetPassword, Get, List ------------------------------------------------------------------

TEST_F(UserServiceTest, ResetPasswordSetsANewOneEndsEverySessionAndAuditsWithoutIt) {
  auto password = w.users.ResetPassword(admin_a, "usr_alice");
  ASSERT_TRUE(password) << password.error().message;
  auto alice = w.FindUser("usr_alice");
  EXPECT_EQ(alice->password_hash, "hash:" + *password);
  EXPECT_TRUE(alice->must_change_password);
  EXPECT_EQ(SessionOf("ses_alice_1").revoked_reason, "password_reset");
  EXPECT_TRUE(SessionOf("ses_alice_2").revoked_at);
  EXPECT_EQ(LastAudit().action, "user.password_reset");
  EXPECT_FALSE(Contains(LastAudit().details_json, *password));

  auto foreign = w.users.ResetPassword(admin_b, "usr_alice");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.FindUser("usr_alice")->password_hash, "hash:" + *password);
}

TEST_F(UserServiceTest, AdminsSeeOnlyTheirOrganizationsUsers) {
  auto own = w.users.Get(admin_a, "usr_alice");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->organization_name, "Alpha");
  ASSERT_TRUE(own->api_key);
  EXPECT_EQ(own->api_key->status, "active");
  EXPECT_EQ(w.users.Get(admin_b, "usr_alice").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.users.Get(user_a, "usr_alice").error().code, ErrorCode::kForbidden);

  auto listed = w.users.List(admin_a, {});
  ASSERT_TRUE(listed);
  std::vector<std::string> ids;
  for (const auto& view : listed->items) ids.push_back(view.user.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"usr_user_a", "usr_alice", "usr_admin_a"}));  // newest first
  UserQuery other;
  other.organization_id = "org_b";
  EXPECT_EQ(w.users.List(admin_a, other).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.users.List(super, {})->total, 5);
}

}  // namespace
}  // namespace portal::domain
