// PromptService without a database: versioning, restore, rendering and the access rules, over an
// in-memory store (testing/memory_store.hpp; the SQL implementation has its own contract tests in
// storage/).
#include "domain/prompt_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/fakes.hpp"
#include "domain/testing/memory_store.hpp"

namespace portal::domain {
namespace {

using testing::FixedClock;
using testing::MemoryStore;

Actor MakeActor(std::string id, Role role, std::optional<std::string> org) {
  Actor a;
  a.user_id = std::move(id);
  a.role = role;
  a.organization_id = std::move(org);
  a.request_id = "req-test";
  return a;
}

class PromptServiceTest : public ::testing::Test {
 protected:
  Prompt MustCreate(const Actor& actor, PromptVisibility visibility, std::string content = "こんにちは {{name}}") {
    NewPrompt input;
    input.title = "挨拶";
    input.content = std::move(content);
    input.visibility = visibility;
    input.tags = {" demo ", "demo", "挨拶"};
    auto created = service.Create(actor, input);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? *created : Prompt{};
  }
  std::vector<std::string> Actions() const {
    std::vector<std::string> out;
    out.reserve(store.State().audit.size());
    for (auto& e : store.State().audit) out.push_back(e.action);
    return out;
  }

  MemoryStore store;
  FixedClock clock;
  PromptService service{store, clock};
  Actor super = MakeActor("usr_super", Role::kSuperAdmin, std::nullopt);
  Actor admin_a = MakeActor("usr_admin_a", Role::kAdmin, "org_a");
  Actor user_a = MakeActor("usr_user_a", Role::kUser, "org_a");
  Actor user_a2 = MakeActor("usr_user_a2", Role::kUser, "org_a");
  Actor admin_b = MakeActor("usr_admin_b", Role::kAdmin, "org_b");
};

TEST_F(PromptServiceTest, CreateStartsAtVersionOneInTheCallersOrganizationWithCleanTags) {
  auto p = MustCreate(admin_a, PromptVisibility::kOrganization);
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.organization_id, "org_a");
  EXPECT_EQ(p.owner_id, "usr_admin_a");
  EXPECT_EQ(p.tags, (std::vector<std::string>{"demo", "挨拶"}));
  EXPECT_EQ(Actions(), (std::vector<std::string>{"prompt.create"}));
  EXPECT_EQ(store.State().audit[0].organization_id, "org_a");
}

TEST_F(PromptServiceTest, EveryContentChangeIsANewVersionAndNothingIsOverwritten) {
  auto p = MustCreate(admin_a, PromptVisibility::kOrganization, "v1 {{x}}");
  PromptPatch patch;
  patch.content = "v2 {{x}}";
  patch.change_note = "二回目";
  auto v2 = service.Update(admin_a, p.id, patch);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  patch.content = "v3 {{x}}";
  patch.change_note.reset();
  ASSERT_EQ(service.Update(admin_a, p.id, patch)->version, 3);

  // Same content again: no empty version; metadata only: no version either.
  EXPECT_EQ(service.Update(admin_a, p.id, patch)->version, 3);
  PromptPatch rename;
  rename.title = "新しい題名";
  auto renamed = service.Update(admin_a, p.id, rename);
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->version, 3);
  EXPECT_EQ(renamed->title, "新しい題名");
  EXPECT_EQ(renamed->content, "v3 {{x}}");

  auto history = service.Versions(user_a, p.id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->prompt.version, 3);
  auto* versions = &history->versions;
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[0].content, "v1 {{x}}");
  EXPECT_EQ((*versions)[1].content, "v2 {{x}}");
  EXPECT_EQ((*versions)[1].note, "二回目");
  EXPECT_EQ((*versions)[2].author_id, "usr_admin_a");
}

TEST_F(PromptServiceTest, RestoreAppendsACopyOfTheOldVersion) {
  auto p = MustCreate(user_a, PromptVisibility::kPrivate, "first");
  PromptPatch patch;
  patch.content = "second";
  ASSERT_TRUE(service.Update(user_a, p.id, patch));
  auto restored = service.Restore(user_a, p.id, 1, "戻す");
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->version, 3);
  EXPECT_EQ(restored->content, "first");
  auto versions = service.Versions(user_a, p.id)->versions;
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[1].content, "second");
  EXPECT_EQ(versions[2].restored_from, 1);
  EXPECT_EQ(versions[2].note, "戻す");
  EXPECT_EQ(service.Get(user_a, p.id)->content, "first");
  EXPECT_EQ(service.Restore(user_a, p.id, 9).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Actions().back(), "prompt.restore");
}

TEST_F(PromptServiceTest, RenderFillsReportsMissingAndCountsEveryUse) {
  auto p = MustCreate(super, PromptVisibility::kPublic, "{{name}}様、{{topic}}について");
  auto first = service.Render(user_a, p.id, {{"name", "田中"}});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->content, "田中様、{{topic}}について");
  EXPECT_EQ(first->missing, (std::vector<std::string>{"topic"}));
  ASSERT_TRUE(service.Render(admin_b, p.id, {{"name", "a"}, {"topic", "b"}}));
  EXPECT_EQ(service.Get(super, p.id)->use_count, 2);
  EXPECT_EQ(service.Get(super, p.id)->updated_at, p.updated_at);
  EXPECT_EQ(Actions().back(), "prompt.render");
  EXPECT_EQ(store.State().audit.back().details_json.find("田中"), std::string::npos);  // values are not recorded
}

TEST_F(PromptServiceTest, ReadRulesByVisibility) {
  auto pub = MustCreate(admin_a, PromptVisibility::kPublic);
  auto org = MustCreate(admin_a, PromptVisibility::kOrganization);
  auto mine = MustCreate(user_a, PromptVisibility::kPrivate);
  for (const auto* actor : {&super, &admin_a, &user_a, &user_a2, &admin_b}) {
    EXPECT_TRUE(service.Get(*actor, pub.id)) << actor->user_id;
  }
  EXPECT_TRUE(service.Get(user_a2, org.id));
  EXPECT_EQ(service.Get(admin_b, org.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service.Get(user_a, mine.id));
  EXPECT_TRUE(service.Get(super, mine.id));
  EXPECT_EQ(service.Get(user_a2, mine.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service.Get(admin_a, mine.id).error().code, ErrorCode::kNotFound);  // private means private
  EXPECT_EQ(service.Render(admin_b, org.id, {}).error().code, ErrorCode::kNotFound);

  auto listed = service.List(user_a2, {});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->total, 2);
  EXPECT_EQ(service.List(super, {})->total, 3);
}

TEST_F(PromptServiceTest, WriteRulesByRole) {
  auto org = MustCreate(admin_a, PromptVisibility::kOrganization);
  auto pub_b = MustCreate(admin_b, PromptVisibility::kPublic);
  PromptPatch patch;
  patch.content = "changed";
  EXPECT_EQ(service.Update(user_a, org.id, patch).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service.Update(admin_a, pub_b.id, patch).error().code, ErrorCode::kForbidden);  // visible, not theirs
  EXPECT_EQ(service.Delete(admin_b, org.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service.Update(super, pub_b.id, patch));

  NewPrompt input;
  input.title = "t";
  input.content = "c";
  input.visibility = PromptVisibility::kPublic;
  EXPECT_EQ(service.Create(user_a, input).error().code, ErrorCode::kForbidden);
  input.visibility = PromptVisibility::kOrganization;
  input.organization_id = "org_b";
  EXPECT_EQ(service.Create(admin_a, input).error().code, ErrorCode::kNotFound);
  input.organization_id.reset();
  EXPECT_EQ(service.Create(super, input).error().code, ErrorCode::kInvalidArgument);  // organization of whom?

  auto mine = MustCreate(user_a, PromptVisibility::kPrivate);
  PromptPatch publish;
  publish.visibility = PromptVisibility::kPublic;
  EXPECT_EQ(service.Update(user_a, mine.id, publish).error().code, ErrorCode::kForbidden);
  PromptPatch move;
  move.organization_id = std::optional<std::string>("org_b");
  EXPECT_EQ(service.Update(admin_a, org.id, move).error().code, ErrorCode::kForbidden);
  PromptPatch stay;  // what an edit form sends back unchanged
  stay.organization_id = std::optional<std::string>("org_a");
  stay.content = "edited";
  EXPECT_TRUE(service.Update(admin_a, org.id, stay));
  EXPECT_TRUE(service.Delete(user_a, mine.id));
  EXPECT_EQ(service.Get(user_a, mine.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Actions().back(), "prompt.delete");
}

TEST_F(PromptServiceTest, InvalidInputIsRejectedWithClearMessages) {
  NewPrompt input;
  input.title = "";
  input.content = "c";
  EXPECT_EQ(service.Create(user_a, input).error().code, ErrorCode::kInvalidArgument);
  input.title = "t";
  input.content = "  \n";
  EXPECT_EQ(service.Create(user_a, input).error().message, "content must not be empty");
  input.content = "c";
  input.tags = {"a,b"};
  EXPECT_EQ(service.Create(user_a, input).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store.State().prompts.empty());
}

}  // namespace
}  // namespace portal::domain
