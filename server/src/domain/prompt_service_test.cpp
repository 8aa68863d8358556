// PromptService without a database: versioning, restore, rendering and the access rules, over an
// in-memory PromptRepository (the SQL implementation has its own contract tests in storage/).
#include "domain/prompt_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace portal::domain {
namespace {

class FixedClock final : public Clock {
 public:
  TimePoint Now() const override { return FromUnixMillis(now_ms); }
  std::int64_t now_ms = 1'742'800'000'000;
};

struct PromptState {
  std::map<std::string, Prompt> prompts;  // content kept in versions, as in the database
  std::map<std::string, std::vector<PromptVersion>> versions;
  std::vector<AuditEvent> audit;
};

class MemoryPromptRepository final : public PromptRepository {
 public:
  explicit MemoryPromptRepository(PromptState& state) : s_(state) {}
  Status Insert(const Prompt& prompt, const PromptVersion& first) override {
    if (s_.prompts.contains(prompt.id)) return Fail(Error::Conflict("prompt id already exists"));
    s_.prompts[prompt.id] = prompt;
    s_.prompts[prompt.id].content.clear();
    s_.prompts[prompt.id].version = first.number;
    s_.versions[prompt.id] = {first};
    return {};
  }
  Result<Prompt> FindById(std::string_view id) override {
    auto it = s_.prompts.find(std::string(id));
    if (it == s_.prompts.end()) return Fail(Error::NotFound("prompt not found"));
    Prompt p = it->second;
    p.content = s_.versions[p.id][static_cast<std::size_t>(p.version - 1)].content;
    return p;
  }
  Result<Page<Prompt>> List(const PromptQuery& query) override {
    Page<Prompt> page;
    for (auto& [id, stored] : s_.prompts) {
      auto p = *FindById(id);
      bool visible =
          query.scope.everything || p.visibility == PromptVisibility::kPublic ||
          (p.visibility == PromptVisibility::kOrganization && p.organization_id == query.scope.organization_id) ||
          (p.visibility == PromptVisibility::kPrivate && p.owner_id == query.scope.user_id);
      if (!visible) continue;
      if (query.tag && std::find(p.tags.begin(), p.tags.end(), *query.tag) == p.tags.end()) continue;
      if (query.category && p.category != *query.category) continue;
      if (query.q && p.title.find(*query.q) == std::string::npos) continue;
      page.items.push_back(std::move(p));
    }
    std::reverse(page.items.begin(), page.items.end());
    page.total = static_cast<std::int64_t>(page.items.size());
    return page;
  }
  Status UpdateMetadata(const Prompt& prompt) override {
    auto& stored = s_.prompts.at(prompt.id);
    const int version = stored.version;
    const auto use_count = stored.use_count;
    stored = prompt;
    stored.content.clear();
    stored.version = version;
    stored.use_count = use_count;
    return {};
  }
  Status AppendVersion(const PromptVersion& version, std::int64_t updated_at) override {
    auto& stored = s_.prompts.at(version.prompt_id);
    if (stored.version != version.number - 1) return Fail(Error::Conflict("the prompt was changed meanwhile"));
    s_.versions[version.prompt_id].push_back(version);
    stored.version = version.number;
    stored.updated_at = updated_at;
    return {};
  }
  Result<std::vector<PromptVersion>> ListVersions(std::string_view prompt_id) override {
    return s_.versions[std::string(prompt_id)];
  }
  Result<PromptVersion> FindVersion(std::string_view prompt_id, int number) override {
    auto& list = s_.versions[std::string(prompt_id)];
    if (number < 1 || number > static_cast<int>(list.size())) return Fail(Error::NotFound("version not found"));
    return list[static_cast<std::size_t>(number - 1)];
  }
  Status IncrementUseCount(std::string_view id) override {
    ++s_.prompts.at(std::string(id)).use_count;
    return {};
  }
  Status Delete(std::string_view id) override {
    s_.prompts.erase(std::string(id));
    s_.versions.erase(std::string(id));
    return {};
  }

 private:
  PromptState& s_;
};

class MemoryAuditRepository final : public AuditRepository {
 public:
  explicit MemoryAuditRepository(PromptState& state) : s_(state) {}
  Status Append(const AuditEvent& event) override {
    s_.audit.push_back(event);
    return {};
  }
  Result<Page<AuditEvent>> List(const AuditQuery&) override { return Page<AuditEvent>{}; }

 private:
  PromptState& s_;
};

// Only Prompts() and Audit() are used by PromptService; anything else is a test bug.
class PromptOnlyTx final : public Tx {
 public:
  explicit PromptOnlyTx(PromptState& state) : prompts_(state), audit_(state) {}
  OrganizationRepository& Organizations() override { throw std::logic_error("not used"); }
  UserRepository& Users() override { throw std::logic_error("not used"); }
  SessionRepository& Sessions() override { throw std::logic_error("not used"); }
  AuditRepository& Audit() override { return audit_; }
  SettingsRepository& Settings() override { throw std::logic_error("not used"); }
  WorkspaceRepository& Workspaces() override { throw std::logic_error("not used"); }
  ApiKeyRepository& ApiKeys() override { throw std::logic_error("not used"); }
  SyncRunRepository& SyncRuns() override { throw std::logic_error("not used"); }
  PromptRepository& Prompts() override { return prompts_; }
  LegacyIdRepository& LegacyIds() override { throw std::logic_error("not used"); }
  LoginThrottleRepository& LoginThrottle() override { throw std::logic_error("not used"); }
  LimitSettingRepository& LimitSettings() override { throw std::logic_error("not used"); }
  UsageRepository& Usage() override { throw std::logic_error("not used"); }

 private:
  MemoryPromptRepository prompts_;
  MemoryAuditRepository audit_;
};

// Transactions by copy: a failed Write leaves the state as it was.
class MemoryStore final : public Store {
 public:
  Status Write(const std::function<Status(Tx&)>& fn) override {
    PromptState copy = state;
    PromptOnlyTx tx(copy);
    auto status = fn(tx);
    if (status) state = std::move(copy);
    return status;
  }
  Status Read(const std::function<Status(Tx&)>& fn) override {
    PromptOnlyTx tx(state);
    return fn(tx);
  }
  Status Ping() override { return {}; }
  std::string_view Backend() const override { return "memory"; }
  std::int64_t ErrorCount() const override { return 0; }
  PromptState state;
};

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
    out.reserve(store.state.audit.size());
    for (auto& e : store.state.audit) out.push_back(e.action);
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
  EXPECT_EQ(store.state.audit[0].organization_id, "org_a");
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
  EXPECT_EQ(store.state.audit.back().details_json.find("田中"), std::string::npos);  // values are not recorded
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
  EXPECT_TRUE(store.state.prompts.empty());
}

}  // namespace
}  // namespace portal::domain
