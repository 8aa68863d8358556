// The PromptRepository contract on SQLite and, when PORTAL_TEST_DATABASE_URL is set,
// PostgreSQL: versions are appended only, the current content follows the current version,
// visibility scopes and filters are applied in SQL, use counts are atomic.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/repositories.hpp"
#include "storage/store.hpp"
#include "storage/testing.hpp"

namespace portal::storage {
namespace {

using domain::Prompt;
using domain::PromptQuery;
using domain::PromptVersion;
using domain::PromptVisibility;
using domain::Tx;

constexpr std::int64_t kNow = 1'742'800'000'000;

std::string IdAt(std::string_view prefix, int n) {
  const std::string digits = std::to_string(n);
  std::string id(prefix);
  id.append(1, '_').append(10 - digits.size(), '0').append(digits);
  return id;
}

class PromptRepositoryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !TemporaryDatabase::PostgresAvailable()) {
      GTEST_SKIP() << "PostgreSQL run skipped: set PORTAL_TEST_DATABASE_URL";
    }
    auto db = TemporaryDatabase::Create(GetParam());
    ASSERT_TRUE(db) << db.error().message << ": " << db.error().detail;
    db_.emplace(std::move(*db));
    auto store = OpenStore({.url = db_->Url()});
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto applied = Migrate(*store_);
    ASSERT_TRUE(applied) << applied.error().detail;
    Write([&](Tx& tx) {
      for (int n : {1, 2}) {
        ASSERT_TRUE(tx.Organizations().Insert({IdAt("org", n), "Org " + std::to_string(n), "", kNow, kNow}));
      }
      for (int n : {1, 2, 3}) {
        domain::User user;
        user.id = IdAt("usr", n);
        user.email = "u" + std::to_string(n) + "@example.com";
        user.name = "U";
        user.password_hash = "$argon2id$x";
        user.organization_id = IdAt("org", n == 3 ? 2 : 1);
        user.created_at = user.updated_at = kNow;
        ASSERT_TRUE(tx.Users().Insert(user));
      }
    });
  }

  void Write(const std::function<void(Tx&)>& fn) {
    auto status = store_->Write([&](Tx& tx) -> Status {
      fn(tx);
      return {};
    });
    ASSERT_TRUE(status) << status.error().message << ": " << status.error().detail;
  }

  static Prompt MakePrompt(int n, PromptVisibility visibility, std::optional<std::string> org,
                           std::optional<std::string> owner, std::string content = "本文 {{x}}") {
    Prompt p;
    p.id = IdAt("prm", n);
    p.title = "Prompt " + std::to_string(n);
    p.description = "説明";
    p.category = "copywriting";
    p.tags = {"lp", "日本語"};
    p.content = std::move(content);
    p.visibility = visibility;
    p.organization_id = std::move(org);
    p.owner_id = std::move(owner);
    p.created_at = p.updated_at = kNow + n;
    return p;
  }
  static PromptVersion FirstVersion(const Prompt& p) {
    return {p.id, 1, p.content, "最初", p.owner_id, std::nullopt, p.created_at};
  }
  void Insert(const Prompt& p) {
    Write([&](Tx& tx) {
      auto ok = tx.Prompts().Insert(p, FirstVersion(p));
      ASSERT_TRUE(ok) << ok.error().message << ": " << ok.error().detail;
    });
  }
  domain::Page<Prompt> List(PromptQuery query) {
    domain::Page<Prompt> page;
    auto read = store_->Read([&](Tx& tx) -> Status {
      auto found = tx.Prompts().List(query);
      if (!found) return Fail(found.error());
      page = std::move(*found);
      return {};
    });
    EXPECT_TRUE(read) << read.error().detail;
    return page;
  }
  static std::vector<std::string> Ids(const domain::Page<Prompt>& page) {
    std::vector<std::string> ids;
    ids.reserve(page.items.size());
    for (auto& p : page.items) ids.push_back(p.id);
    return ids;
  }

  std::optional<TemporaryDatabase> db_;
  std::unique_ptr<domain::Store> store_;
};

TEST_P(PromptRepositoryTest, InsertFindRoundTripsEveryField) {
  Insert(MakePrompt(1, PromptVisibility::kOrganization, IdAt("org", 1), IdAt("usr", 1)));
  Write([&](Tx& tx) {
    auto p = tx.Prompts().FindById(IdAt("prm", 1));
    ASSERT_TRUE(p) << p.error().detail;
    EXPECT_EQ(p->title, "Prompt 1");
    EXPECT_EQ(p->description, "説明");
    EXPECT_EQ(p->category, "copywriting");
    EXPECT_EQ(p->tags, (std::vector<std::string>{"lp", "日本語"}));
    EXPECT_EQ(p->content, "本文 {{x}}");
    EXPECT_EQ(p->version, 1);
    EXPECT_EQ(p->visibility, PromptVisibility::kOrganization);
    EXPECT_EQ(p->organization_id, IdAt("org", 1));
    EXPECT_EQ(p->owner_id, IdAt("usr", 1));
    EXPECT_EQ(p->use_count, 0);
    EXPECT_EQ(p->created_at, kNow + 1);
    EXPECT_EQ(tx.Prompts().FindById("prm_missing").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Prompts().Insert(*p, FirstVersion(*p)).error().code, ErrorCode::kConflict);
  });
}

TEST_P(PromptRepositoryTest, AppendVersionMovesTheCurrentContentAndKeepsEveryVersion) {
  auto p = MakePrompt(1, PromptVisibility::kPrivate, IdAt("org", 1), IdAt("usr", 1), "one");
  Insert(p);
  Write([&](Tx& tx) {
    ASSERT_TRUE(
        tx.Prompts().AppendVersion({p.id, 2, "two", "note 2", IdAt("usr", 1), std::nullopt, kNow + 10}, kNow + 10));
    ASSERT_TRUE(tx.Prompts().AppendVersion({p.id, 3, "one", "", std::nullopt, 1, kNow + 20}, kNow + 20));
  });
  Write([&](Tx& tx) {
    auto current = tx.Prompts().FindById(p.id);
    ASSERT_TRUE(current);
    EXPECT_EQ(current->version, 3);
    EXPECT_EQ(current->content, "one");
    EXPECT_EQ(current->updated_at, kNow + 20);
    auto versions = tx.Prompts().ListVersions(p.id);
    ASSERT_TRUE(versions);
    ASSERT_EQ(versions->size(), 3u);
    EXPECT_EQ((*versions)[0].content, "one");
    EXPECT_EQ((*versions)[0].note, "最初");
    EXPECT_EQ((*versions)[1].content, "two");
    EXPECT_EQ((*versions)[1].author_id, IdAt("usr", 1));
    EXPECT_FALSE((*versions)[1].restored_from);
    EXPECT_EQ((*versions)[2].restored_from, 1);
    EXPECT_FALSE((*versions)[2].author_id);
    auto second = tx.Prompts().FindVersion(p.id, 2);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->note, "note 2");
    EXPECT_EQ(tx.Prompts().FindVersion(p.id, 7).error().code, ErrorCode::kNotFound);
  });
}

TEST_P(PromptRepositoryTest, AppendVersionRefusesAStaleNumberAndAnUnknownPrompt) {
  auto p = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1));
  Insert(p);
  auto status = store_->Write([&](Tx& tx) -> Status {
    EXPECT_TRUE(tx.Prompts().AppendVersion({p.id, 2, "a", "", std::nullopt, std::nullopt, kNow}, kNow));
    auto stale = tx.Prompts().AppendVersion({p.id, 2, "b", "", std::nullopt, std::nullopt, kNow}, kNow);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    auto missing = tx.Prompts().AppendVersion({"prm_missing", 2, "b", "", std::nullopt, std::nullopt, kNow}, kNow);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    // The transaction is still usable after the refusals (PostgreSQL savepoints).
    return tx.Prompts().IncrementUseCount(p.id);
  });
  ASSERT_TRUE(status) << status.error().detail;
}

TEST_P(PromptRepositoryTest, ConcurrentSavesOfTheSameVersionHaveOneWinner) {
  auto p = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1));
  Insert(p);
  std::atomic<int> won{0}, conflicts{0};
  std::vector<std::jthread> threads;
  threads.reserve(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto status = store_->Write([&](Tx& tx) {
        return tx.Prompts().AppendVersion({p.id, 2, "v" + std::to_string(i), "", std::nullopt, std::nullopt, kNow},
                                          kNow);
      });
      if (status)
        ++won;
      else if (status.error().code == ErrorCode::kConflict)
        ++conflicts;
    });
  }
  threads.clear();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
}

TEST_P(PromptRepositoryTest, UpdateMetadataLeavesContentVersionAndUseCountAlone) {
  auto p = MakePrompt(1, PromptVisibility::kPrivate, IdAt("org", 1), IdAt("usr", 1));
  Insert(p);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Prompts().IncrementUseCount(p.id));
    Prompt changed = p;
    changed.title = "新しい";
    changed.description = "";
    changed.category = "";
    changed.tags = {};
    changed.visibility = PromptVisibility::kPublic;
    changed.organization_id = std::nullopt;
    changed.content = "ignored";
    changed.version = 9;
    changed.use_count = 99;
    changed.updated_at = kNow + 100;
    ASSERT_TRUE(tx.Prompts().UpdateMetadata(changed));
    auto found = tx.Prompts().FindById(p.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->title, "新しい");
    EXPECT_TRUE(found->tags.empty());
    EXPECT_EQ(found->visibility, PromptVisibility::kPublic);
    EXPECT_FALSE(found->organization_id);
    EXPECT_EQ(found->content, p.content);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(found->use_count, 1);
    EXPECT_EQ(found->updated_at, kNow + 100);
    changed.id = "prm_missing";
    EXPECT_EQ(tx.Prompts().UpdateMetadata(changed).error().code, ErrorCode::kNotFound);
  });
}

TEST_P(PromptRepositoryTest, UnknownOrganizationIsAClearError) {
  auto p = MakePrompt(1, PromptVisibility::kOrganization, "org_nowhere", IdAt("usr", 1));
  auto status = store_->Write([&](Tx& tx) { return tx.Prompts().Insert(p, FirstVersion(p)); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(PromptRepositoryTest, ListAppliesTheScopeInSql) {
  const auto org1 = IdAt("org", 1), org2 = IdAt("org", 2);
  Insert(MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 3)));  // portal-wide
  Insert(MakePrompt(2, PromptVisibility::kOrganization, org1, IdAt("usr", 1)));
  Insert(MakePrompt(3, PromptVisibility::kOrganization, org2, IdAt("usr", 3)));
  Insert(MakePrompt(4, PromptVisibility::kPrivate, org1, IdAt("usr", 1)));
  Insert(MakePrompt(5, PromptVisibility::kPrivate, org1, IdAt("usr", 2)));
  Insert(MakePrompt(6, PromptVisibility::kPublic, org2, IdAt("usr", 3)));

  PromptQuery all;
  all.scope.everything = true;
  EXPECT_EQ(List(all).total, 6);
  PromptQuery user1;
  user1.scope = {false, org1, IdAt("usr", 1)};
  EXPECT_EQ(Ids(List(user1)),
            (std::vector<std::string>{IdAt("prm", 6), IdAt("prm", 4), IdAt("prm", 2), IdAt("prm", 1)}));
  PromptQuery user3;
  user3.scope = {false, org2, IdAt("usr", 3)};
  EXPECT_EQ(Ids(List(user3)), (std::vector<std::string>{IdAt("prm", 6), IdAt("prm", 3), IdAt("prm", 1)}));
  PromptQuery no_org;  // a SuperAdmin-like caller without everything: public and own only
  no_org.scope = {false, std::nullopt, IdAt("usr", 2)};
  EXPECT_EQ(Ids(List(no_org)), (std::vector<std::string>{IdAt("prm", 6), IdAt("prm", 5), IdAt("prm", 1)}));
}

TEST_P(PromptRepositoryTest, ListFiltersBySearchCategoryAndTagWithCursors) {
  auto a = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1), "ランディングページの構成");
  a.title = "LP Framework";
  a.tags = {"LP", "copy"};
  auto b = MakePrompt(2, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1), "メール");
  b.category = "email";
  b.tags = {"mail"};
  auto c = MakePrompt(3, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1), "100% 保証_文");
  c.tags = {"lpx"};
  for (auto& p : {a, b, c}) Insert(p);
  Write([&](Tx& tx) {
    ASSERT_TRUE(
        tx.Prompts().AppendVersion({b.id, 2, "新しい本文 landing", "", std::nullopt, std::nullopt, kNow}, kNow));
  });

  PromptQuery q;
  q.scope.everything = true;
  q.q = "framework";  // title, case-insensitive
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{a.id}));
  q.q = "LANDING";  // the current content only: b's version 1 did not match, version 2 does
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{b.id}));
  q.q = "メール";  // no longer current
  EXPECT_EQ(List(q).total, 0);
  q.q = "100%";  // LIKE wildcards are literal
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{c.id}));
  q.q = "保証";  // two characters: no trigram, read newest first
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{c.id}));
  q.q = "mework";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{a.id}));
  // The description is searched, a changed title at once, and no match spans two fields.
  Write([&](Tx& tx) {
    auto changed = *tx.Prompts().FindById(a.id);
    changed.title = "Landing Layout";
    changed.description = "見出しの順序";
    ASSERT_TRUE(tx.Prompts().UpdateMetadata(changed));
  });
  q.q = "framework";
  EXPECT_EQ(List(q).total, 0);
  q.q = "layout";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{a.id}));
  q.q = "見出しの";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{a.id}));
  q.q = "Layout見出し";
  EXPECT_EQ(List(q).total, 0);
  q.q = "landing";  // a's title and b's current content
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{b.id, a.id}));
  q.q.reset();
  q.category = "email";
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{b.id}));
  q.category.reset();
  q.tag = "lp";  // whole tags only, case-insensitive: not "lpx"
  EXPECT_EQ(Ids(List(q)), (std::vector<std::string>{a.id}));

  PromptQuery paged;
  paged.scope.everything = true;
  paged.page.limit = 2;
  auto first = List(paged);
  EXPECT_EQ(first.total, 3);
  EXPECT_EQ(Ids(first), (std::vector<std::string>{c.id, b.id}));
  ASSERT_TRUE(first.next_cursor);
  paged.page.cursor = first.next_cursor;
  auto second = List(paged);
  EXPECT_EQ(Ids(second), (std::vector<std::string>{a.id}));
  EXPECT_FALSE(second.next_cursor);
}

TEST_P(PromptRepositoryTest, UseCountIsAtomicUnderConcurrency) {
  auto p = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1));
  Insert(p);
  std::vector<std::jthread> threads;
  threads.reserve(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        auto ok = store_->Write([&](Tx& tx) { return tx.Prompts().IncrementUseCount(p.id); });
        EXPECT_TRUE(ok) << ok.error().detail;
      }
    });
  }
  threads.clear();
  Write([&](Tx& tx) { EXPECT_EQ(tx.Prompts().FindById(p.id)->use_count, 20); });
}

TEST_P(PromptRepositoryTest, DeleteRemovesThePromptWithItsVersions) {
  auto p = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 1));
  Insert(p);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Prompts().Delete(p.id));
    EXPECT_EQ(tx.Prompts().FindById(p.id).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(tx.Prompts().ListVersions(p.id)->empty());
    EXPECT_EQ(tx.Prompts().Delete(p.id).error().code, ErrorCode::kNotFound);
  });
}

TEST_P(PromptRepositoryTest, DeletingTheOwnerKeepsThePrompt) {
  auto p = MakePrompt(1, PromptVisibility::kPublic, std::nullopt, IdAt("usr", 2));
  Insert(p);
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Users().Delete(IdAt("usr", 2)));
    auto found = tx.Prompts().FindById(p.id);
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->owner_id);
    EXPECT_FALSE(tx.Prompts().ListVersions(p.id)->front().author_id);
  });
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& param) {
  return param.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

INSTANTIATE_TEST_SUITE_P(Backends, PromptRepositoryTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace portal::storage
