// Contract suite for the Anthropic-side repositories (workspaces, API keys, sync runs) and the
// cluster lock: every test runs against SQLite and, when PORTAL_TEST_DATABASE_URL is set,
// PostgreSQL.
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/repositories.hpp"
#include "storage/store.hpp"
#include "storage/testing.hpp"

namespace portal::storage {
namespace {

using domain::ApiKeyRecord;
using domain::Tx;
using domain::WorkspaceRecord;

constexpr std::int64_t kNow = 1'742'800'000'000;

class AnthropicContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !TemporaryDatabase::PostgresAvailable()) {
      GTEST_SKIP() << "PostgreSQL run skipped: set PORTAL_TEST_DATABASE_URL";
    }
    auto db = TemporaryDatabase::Create(GetParam());
    ASSERT_TRUE(db) << db.error().message << ": " << db.error().detail;
    db_.emplace(std::move(*db));
    auto store = OpenStore({.url = db_->Url()});
    ASSERT_TRUE(store) << store.error().detail;
    store_ = std::move(*store);
    ASSERT_TRUE(Migrate(*store_));
  }
  void Write(const std::function<void(Tx&)>& fn) {
    auto status = store_->Write([&](Tx& tx) -> Status {
      fn(tx);
      return {};
    });
    ASSERT_TRUE(status) << status.error().message << ": " << status.error().detail;
  }

  static WorkspaceRecord MakeWorkspace(std::string id, std::string name,
                                       std::optional<std::string> archived_at = std::nullopt) {
    WorkspaceRecord w;
    w.id = std::move(id);
    w.name = std::move(name);
    w.display_color = "#6C5BB9";
    w.created_at = "2024-10-30T23:58:27.427722Z";
    w.archived_at = std::move(archived_at);
    w.synced_at = kNow;
    return w;
  }
  static ApiKeyRecord MakeKey(std::string id, std::string name, std::optional<std::string> workspace_id,
                              std::string created_at, std::string status = "active") {
    ApiKeyRecord k;
    k.id = std::move(id);
    k.name = std::move(name);
    k.status = std::move(status);
    k.partial_key_hint = "sk-ant-api03-" + k.id.substr(k.id.size() - 3) + "...abcd";
    k.workspace_id = std::move(workspace_id);
    k.created_at = std::move(created_at);
    k.created_by = "user_01";
    k.synced_at = kNow;
    return k;
  }
  void AddOrganization(const std::string& id, const std::string& name) {
    Write([&](Tx& tx) { ASSERT_TRUE(tx.Organizations().Insert({id, name, "", kNow, kNow})); });
  }

  std::optional<TemporaryDatabase> db_;
  std::unique_ptr<domain::Store> store_;
};

TEST_P(AnthropicContractTest, WorkspaceUpsertKeepsTheOrganizationLink) {
  AddOrganization("org_a", "Acme");
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_1", "Alpha")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_1", std::string("org_a")));
    auto renamed = MakeWorkspace("wrkspc_1", "Alpha 2", "2025-01-01T00:00:00Z");
    renamed.organization_id = std::nullopt;  // Anthropic knows no link: must not clear it
    renamed.synced_at = kNow + 5;
    ASSERT_TRUE(tx.Workspaces().Upsert(renamed));
    auto found = tx.Workspaces().FindById("wrkspc_1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Alpha 2");
    EXPECT_EQ(found->display_color, "#6C5BB9");
    EXPECT_EQ(found->archived_at, "2025-01-01T00:00:00Z");
    EXPECT_EQ(found->organization_id, "org_a");
    EXPECT_EQ(found->synced_at, kNow + 5);
    EXPECT_EQ(tx.Workspaces().FindById("wrkspc_x").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.Workspaces().SetOrganization("wrkspc_x", std::nullopt).error().code, ErrorCode::kNotFound);
  });
  auto bad = store_->Write([](Tx& tx) { return tx.Workspaces().SetOrganization("wrkspc_1", std::string("org_zz")); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(AnthropicContractTest, WorkspacesListFiltersAndPages) {
  AddOrganization("org_a", "Acme");
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_3", "charlie")));
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_1", "Alpha")));
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_2", "bravo", "2025-01-01T00:00:00Z")));
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_4", "Delta")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_1", std::string("org_a")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_2", std::string("org_a")));
  });
  Write([&](Tx& tx) {
    auto live = tx.Workspaces().List({});
    ASSERT_TRUE(live);
    ASSERT_EQ(live->items.size(), 3u);
    EXPECT_EQ(live->total, 3);
    EXPECT_EQ(live->items[0].name, "Alpha");
    EXPECT_EQ(live->items[1].name, "charlie");

    domain::WorkspaceQuery all{.page = {.limit = 2}, .include_archived = true};
    auto first = tx.Workspaces().List(all);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->items.size(), 2u);
    EXPECT_EQ(first->total, 4);
    EXPECT_EQ(first->items[1].name, "bravo");
    ASSERT_TRUE(first->next_cursor);
    all.page.cursor = first->next_cursor;
    auto second = tx.Workspaces().List(all);
    ASSERT_TRUE(second);
    ASSERT_EQ(second->items.size(), 2u);
    EXPECT_EQ(second->items[0].name, "charlie");
    EXPECT_FALSE(second->next_cursor);

    auto of_org = tx.Workspaces().List({.organization_id = std::string("org_a"), .include_archived = true});
    ASSERT_TRUE(of_org);
    EXPECT_EQ(of_org->items.size(), 2u);
    auto alpha = tx.Workspaces().FindActiveByName("ALPHA");
    ASSERT_TRUE(alpha && *alpha);
    EXPECT_EQ((*alpha)->id, "wrkspc_1");
    EXPECT_FALSE(*tx.Workspaces().FindActiveByName("bravo"));  // archived
    EXPECT_FALSE(*tx.Workspaces().FindActiveByName("echo"));
    // One of the two is archived: the count is what the list shows without archived ones.
    EXPECT_EQ(*tx.Workspaces().CountByOrganization("org_a"), 1);
    auto counts = tx.Organizations().CountsFor(std::vector<std::string>{"org_a"});
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->at("org_a").workspaces, 1);
    EXPECT_EQ(counts->at("org_a").archived_workspaces, 1);
    auto unlinked = tx.Workspaces().UnlinkOrganization("org_a");
    ASSERT_TRUE(unlinked);
    EXPECT_EQ(unlinked->size(), 2u);
    EXPECT_EQ(*tx.Workspaces().CountByOrganization("org_a"), 0);
    EXPECT_EQ(tx.Organizations().CountsFor(std::vector<std::string>{"org_a"})->at("org_a").archived_workspaces, 0);
    EXPECT_EQ(tx.Workspaces().List({.page = {.cursor = std::string("zz")}}).error().code, ErrorCode::kInvalidArgument);
  });
}

TEST_P(AnthropicContractTest, ApiKeyUpsertNeverTouchesTheSecretAndClearsVanished) {
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.ApiKeys().Upsert(MakeKey("apikey_001", "one", std::nullopt, "2025-01-01T00:00:00Z")));
    ASSERT_TRUE(tx.ApiKeys().SetSecret("apikey_001", std::string("sealed-bytes"), kNow));
    auto changed = MakeKey("apikey_001", "renamed", std::string("wrkspc_1"), "2025-01-01T00:00:00Z", "inactive");
    changed.synced_at = kNow + 10;
    ASSERT_TRUE(tx.ApiKeys().Upsert(changed));
    auto found = tx.ApiKeys().FindById("apikey_001");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "renamed");
    EXPECT_EQ(found->status, "inactive");
    EXPECT_EQ(found->workspace_id, "wrkspc_1");
    EXPECT_EQ(found->created_by, "user_01");
    EXPECT_EQ(found->secret_sealed, "sealed-bytes");
    EXPECT_EQ(found->secret_registered_at, kNow);
    EXPECT_EQ(found->synced_at, kNow + 10);
    EXPECT_FALSE(found->vanished_at);

    // Gone upstream: vanished, once.
    const std::vector<std::string> gone = {"apikey_001", "apikey_unknown"};
    EXPECT_EQ(*tx.ApiKeys().MarkVanished(gone, kNow + 30), 1);
    EXPECT_EQ(*tx.ApiKeys().MarkVanished(gone, kNow + 40), 0);
    EXPECT_EQ(tx.ApiKeys().FindById("apikey_001")->vanished_at, kNow + 30);
    changed.synced_at = kNow + 50;
    ASSERT_TRUE(tx.ApiKeys().Upsert(changed));
    EXPECT_FALSE(tx.ApiKeys().FindById("apikey_001")->vanished_at);

    auto with = tx.ApiKeys().ListWithSecrets();
    ASSERT_TRUE(with);
    ASSERT_EQ(with->size(), 1u);
    ASSERT_TRUE(tx.ApiKeys().SetSecret("apikey_001", std::nullopt, std::nullopt));
    EXPECT_TRUE(tx.ApiKeys().ListWithSecrets()->empty());
    EXPECT_FALSE(tx.ApiKeys().FindById("apikey_001")->secret_registered_at);
    EXPECT_EQ(tx.ApiKeys().SetSecret("apikey_zzz", std::nullopt, std::nullopt).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.ApiKeys().FindById("apikey_zzz").error().code, ErrorCode::kNotFound);
  });
}

TEST_P(AnthropicContractTest, ApiKeysListFiltersThroughWorkspacesAndHolders) {
  AddOrganization("org_a", "Acme");
  AddOrganization("org_b", "Beta");
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_a", "A")));
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_b", "B")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_a", std::string("org_a")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_b", std::string("org_b")));
    ASSERT_TRUE(
        tx.ApiKeys().Upsert(MakeKey("apikey_001", "Alice key", std::string("wrkspc_a"), "2025-01-01T00:00:01Z")));
    ASSERT_TRUE(tx.ApiKeys().Upsert(
        MakeKey("apikey_002", "Bob 100%", std::string("wrkspc_a"), "2025-01-01T00:00:02Z", "inactive")));
    ASSERT_TRUE(tx.ApiKeys().Upsert(MakeKey("apikey_003", "Carol", std::string("wrkspc_b"), "2025-01-01T00:00:03Z")));
    ASSERT_TRUE(tx.ApiKeys().Upsert(MakeKey("apikey_004", "Default", std::nullopt, "2025-01-01T00:00:04Z")));
    domain::User user;
    user.id = "usr_1";
    user.email = "alice@example.com";
    user.name = "Alice";
    user.password_hash = "x";
    user.organization_id = "org_a";
    user.api_key_id = "apikey_002";
    user.created_at = user.updated_at = kNow;
    ASSERT_TRUE(tx.Users().Insert(user));
  });
  Write([&](Tx& tx) {
    auto all = tx.ApiKeys().List({});
    ASSERT_TRUE(all);
    ASSERT_EQ(all->items.size(), 4u);
    EXPECT_EQ(all->items[0].key.id, "apikey_004");  // newest created first
    EXPECT_TRUE(all->total_exact);
    EXPECT_EQ(all->total, 4);
    EXPECT_FALSE(all->items[0].organization_id);  // the Default Workspace belongs to no organization
    EXPECT_EQ(all->items[2].key.id, "apikey_002");
    EXPECT_EQ(all->items[2].organization_id.value_or(""), "org_a");
    ASSERT_TRUE(all->items[2].holder);
    EXPECT_EQ(all->items[2].holder->id, "usr_1");
    EXPECT_EQ(all->items[2].holder->email, "alice@example.com");
    EXPECT_FALSE(all->items[1].holder);
    auto paged = tx.ApiKeys().List({.page = {.limit = 3}});
    ASSERT_TRUE(paged && paged->next_cursor);
    auto rest = tx.ApiKeys().List({.page = {.limit = 3, .cursor = paged->next_cursor}});
    ASSERT_TRUE(rest);
    ASSERT_EQ(rest->items.size(), 1u);
    EXPECT_EQ(rest->items[0].key.id, "apikey_001");

    auto org_a = tx.ApiKeys().List({.organization_id = std::string("org_a")});
    ASSERT_TRUE(org_a);
    EXPECT_EQ(org_a->items.size(), 2u);
    EXPECT_EQ(org_a->total, 2);
    EXPECT_EQ(tx.ApiKeys().List({.workspace_id = std::string("wrkspc_b")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.status = std::string("inactive")})->items.size(), 1u);
    auto assigned = tx.ApiKeys().List({.assigned = true});
    ASSERT_EQ(assigned->items.size(), 1u);
    EXPECT_EQ(assigned->items[0].key.id, "apikey_002");
    EXPECT_EQ(tx.ApiKeys().List({.assigned = false})->items.size(), 3u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("100%")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("apikey_003")})->items.size(), 1u);  // an id from its start
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("ALICE")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("sk-ant-api03-004")})->items.size(), 1u);
    // Searches of one or two characters (no trigram) and ones mixed with filters.
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("ca")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("alice KEY")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("key")})->items.size(), 1u);  // ids only by their start
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("pikey_00")})->items.size(), 0u);
    EXPECT_EQ(tx.ApiKeys().List({.status = std::string("inactive"), .q = std::string("bob")})->items.size(), 1u);
    EXPECT_EQ(tx.ApiKeys().List({.status = std::string("active"), .q = std::string("bob")})->items.size(), 0u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("\"quoted\"")})->items.size(), 0u);
    EXPECT_EQ(tx.ApiKeys().List({.q = std::string("wrkspc_a")})->items.size(), 0u);  // not a searched field
    EXPECT_EQ(*tx.ApiKeys().Count(), 4);
    // The lookups a page makes at once.
    EXPECT_EQ(tx.ApiKeys().FindByIds(std::vector<std::string>{"apikey_001", "apikey_004", "apikey_zzz"})->size(), 2u);
    EXPECT_TRUE(tx.ApiKeys().FindByIds({})->empty());
    auto holders = tx.Users().FindByIds(std::vector<std::string>{"usr_1", "usr_zzz"});
    ASSERT_TRUE(holders);
    ASSERT_EQ(holders->size(), 1u);
    EXPECT_EQ(holders->front().email, "alice@example.com");
    EXPECT_EQ(tx.Organizations().FindByIds(std::vector<std::string>{"org_a", "org_b", "org_zzz"})->size(), 2u);

    EXPECT_EQ(*tx.ApiKeys().CountByOrganization("org_a"), 2);
    EXPECT_EQ(*tx.ApiKeys().CountByWorkspace("wrkspc_b"), 1);
    EXPECT_EQ(tx.ApiKeys().FindHolder("apikey_002")->value_or(""), "usr_1");
    EXPECT_FALSE(*tx.ApiKeys().FindHolder("apikey_001"));
    auto by_hint = tx.ApiKeys().FindByHint("sk-ant-api03-003...abcd");
    ASSERT_TRUE(by_hint);
    ASSERT_EQ(by_hint->size(), 1u);
    EXPECT_EQ((*by_hint)[0].id, "apikey_003");

    auto drift = tx.ApiKeys().ListDrifted(std::nullopt);
    ASSERT_TRUE(drift);
    ASSERT_EQ(drift->size(), 1u);
    EXPECT_EQ((*drift)[0].first, "usr_1");
    EXPECT_EQ((*drift)[0].second.id, "apikey_002");
    EXPECT_TRUE(tx.ApiKeys().ListDrifted(std::string("org_b"))->empty());

    ASSERT_TRUE(tx.ApiKeys().SetSecret("apikey_001", std::string("sealed-1"), kNow));
    ASSERT_TRUE(tx.ApiKeys().SetSecret("apikey_003", std::string("sealed-3"), kNow));
    EXPECT_EQ(*tx.ApiKeys().ArchiveInWorkspace("wrkspc_a"), 2);
    EXPECT_EQ(tx.ApiKeys().FindById("apikey_001")->status, "archived");
    EXPECT_FALSE(tx.ApiKeys().FindById("apikey_001")->secret_sealed);  // an archived key's secret is erased
    EXPECT_FALSE(tx.ApiKeys().FindById("apikey_001")->secret_registered_at);
    EXPECT_EQ(tx.ApiKeys().FindById("apikey_003")->status, "active");
    EXPECT_EQ(tx.ApiKeys().FindById("apikey_003")->secret_sealed.value_or(""), "sealed-3");
    EXPECT_EQ(tx.ApiKeys().FindHolder("apikey_002")->value_or(""), "usr_1");  // the holder keeps it (R-X3)
  });
}

// The held/free filters follow users.api_key_id whatever changes it: an assignment, a move to
// another key, two holders swapping keys in one transaction, an unassignment, a deleted user; a
// sync's upsert of a held key keeps its holder.
TEST_P(AnthropicContractTest, HeldAndFreeKeysFollowEveryChangeOfAHolder) {
  AddOrganization("org_a", "Acme");
  auto held = [&](Tx& tx) {
    std::vector<std::string> ids;
    auto page = tx.ApiKeys().List({.assigned = true});
    EXPECT_TRUE(page);
    if (!page) return ids;
    for (const auto& view : page->items) ids.push_back(view.key.id + "=" + (view.holder ? view.holder->id : "?"));
    auto free_keys = tx.ApiKeys().List({.assigned = false});
    EXPECT_TRUE(free_keys);
    if (free_keys) {
      EXPECT_EQ(free_keys->items.size() + page->items.size(), 4u);
    }
    EXPECT_EQ(page->total, static_cast<std::int64_t>(page->items.size()));
    return ids;
  };
  auto make_user = [](const std::string& id, std::optional<std::string> key) {
    domain::User user;
    user.id = id;
    user.email = id + "@example.com";
    user.name = id;
    user.password_hash = "x";
    user.organization_id = "org_a";
    user.api_key_id = std::move(key);
    user.created_at = user.updated_at = kNow;
    return user;
  };
  using Ids = std::vector<std::string>;
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_a", "A")));
    for (int i = 1; i <= 4; ++i) {
      const std::string id = "apikey_00" + std::to_string(i);
      ASSERT_TRUE(tx.ApiKeys().Upsert(MakeKey(id, "Key " + std::to_string(i), std::string("wrkspc_a"),
                                              "2025-01-01T00:00:0" + std::to_string(i) + "Z")));
    }
    ASSERT_TRUE(tx.Users().Insert(make_user("usr_1", std::string("apikey_001"))));
    ASSERT_TRUE(tx.Users().Insert(make_user("usr_2", std::nullopt)));
    EXPECT_EQ(held(tx), (Ids{"apikey_001=usr_1"}));
  });
  Write([&](Tx& tx) {
    auto u2 = *tx.Users().FindById("usr_2");
    u2.api_key_id = "apikey_003";
    ASSERT_TRUE(tx.Users().Update(u2));
    EXPECT_EQ(held(tx), (Ids{"apikey_003=usr_2", "apikey_001=usr_1"}));
  });
  Write([&](Tx& tx) {  // swap: usr_1 moves to a free key, usr_2 takes usr_1's
    auto u1 = *tx.Users().FindById("usr_1");
    u1.api_key_id = "apikey_004";
    ASSERT_TRUE(tx.Users().Update(u1));
    auto u2 = *tx.Users().FindById("usr_2");
    u2.api_key_id = "apikey_001";
    ASSERT_TRUE(tx.Users().Update(u2));
    EXPECT_EQ(held(tx), (Ids{"apikey_004=usr_1", "apikey_001=usr_2"}));
  });
  Write([&](Tx& tx) {  // a sync writes the held keys again
    ASSERT_TRUE(tx.ApiKeys().Upsert(MakeKey("apikey_004", "Renamed", std::string("wrkspc_a"), "2025-01-01T00:00:04Z")));
    const std::vector<domain::ApiKeyRecord> batch{
        MakeKey("apikey_001", "Key 1", std::string("wrkspc_a"), "2025-01-01T00:00:01Z", "inactive")};
    ASSERT_TRUE(tx.ApiKeys().UpsertMany(batch));
    EXPECT_EQ(held(tx), (Ids{"apikey_004=usr_1", "apikey_001=usr_2"}));
  });
  Write([&](Tx& tx) {
    auto u1 = *tx.Users().FindById("usr_1");
    u1.api_key_id.reset();
    ASSERT_TRUE(tx.Users().Update(u1));
    ASSERT_TRUE(tx.Users().Delete("usr_2"));
    EXPECT_EQ(held(tx), Ids{});
  });
  // A failed transaction leaves the mirror as it was.
  Write([&](Tx& tx) { ASSERT_TRUE(tx.Users().Insert(make_user("usr_3", std::string("apikey_002")))); });
  auto failed = store_->Write([&](Tx& tx) -> Status {
    auto u3 = *tx.Users().FindById("usr_3");
    u3.api_key_id = "apikey_003";
    if (auto updated = tx.Users().Update(u3); !updated) return updated;
    return Fail(Error::Internal("abandoned"));
  });
  EXPECT_FALSE(failed);
  Write([&](Tx& tx) { EXPECT_EQ(held(tx), (Ids{"apikey_002=usr_3"})); });
}

// Past kExactTotalLimit matches a list says "10 000 or more"; searches and filters answer the
// same through whichever index narrows them (FTS5 / pg_trgm, hint and id prefixes, workspaces).
TEST_P(AnthropicContractTest, ListsAboveTheCountLimitSearchAndFilterTheSameWay) {
  AddOrganization("org_a", "Acme");
  constexpr int kKeys = 10050;
  Write([&](Tx& tx) {
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_a", "A")));
    ASSERT_TRUE(tx.Workspaces().Upsert(MakeWorkspace("wrkspc_b", "B")));
    ASSERT_TRUE(tx.Workspaces().SetOrganization("wrkspc_a", std::string("org_a")));
    std::vector<ApiKeyRecord> keys;
    for (int i = 0; i < kKeys; ++i) {
      char id[32], name[32], created[32];
      std::snprintf(id, sizeof id, "apikey_%05d", i);
      std::snprintf(name, sizeof name, "key-%05d", i);
      std::snprintf(created, sizeof created, "2025-01-01T%02d:%02d:%02dZ", i / 3600, i / 60 % 60, i % 60);
      keys.push_back(MakeKey(id, name, i % 2 ? std::optional<std::string>("wrkspc_a") : std::nullopt, created));
    }
    ASSERT_TRUE(tx.ApiKeys().UpsertMany(keys));
  });
  Write([&](Tx& tx) {
    auto all = tx.ApiKeys().List({});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->items.size(), 50u);
    EXPECT_EQ(all->total, domain::kExactTotalLimit);
    EXPECT_FALSE(all->total_exact);
    EXPECT_EQ(*tx.ApiKeys().Count(), kKeys);
    EXPECT_EQ(*tx.ApiKeys().CountByWorkspace("wrkspc_a"), kKeys / 2);
    EXPECT_EQ(*tx.ApiKeys().CountByOrganization("org_a"), kKeys / 2);
    std::int64_t streamed = 0;
    ASSERT_TRUE(tx.ApiKeys().ForEachSynced([&](const ApiKeyRecord&) { ++streamed; }));
    EXPECT_EQ(streamed, kKeys);

    // Paging through the cursor never repeats or skips a key.
    std::set<std::string> seen;
    std::optional<std::string> cursor;
    for (int page = 0; page < 4; ++page) {
      auto listed = tx.ApiKeys().List({.page = {.limit = 500, .cursor = cursor}});
      ASSERT_TRUE(listed && listed->next_cursor);
      for (const auto& view : listed->items) EXPECT_TRUE(seen.insert(view.key.id).second);
      cursor = listed->next_cursor;
    }
    EXPECT_EQ(seen.size(), 2000u);
    EXPECT_TRUE(seen.contains("apikey_10049") && seen.contains("apikey_08050"));

    auto rare = tx.ApiKeys().List({.q = std::string("KEY-0001")});  // key-00010 … key-00019
    ASSERT_TRUE(rare);
    EXPECT_EQ(rare->items.size(), 10u);
    EXPECT_EQ(rare->total, 10);
    EXPECT_TRUE(rare->total_exact);
    auto common = tx.ApiKeys().List({.q = std::string("key-")});
    ASSERT_TRUE(common);
    EXPECT_EQ(common->items.size(), 50u);
    EXPECT_FALSE(common->total_exact);
    EXPECT_EQ(common->total, domain::kExactTotalLimit);
    auto short_search = tx.ApiKeys().List({.q = std::string("y-")});
    ASSERT_TRUE(short_search);
    EXPECT_EQ(short_search->items.size(), 50u);
    EXPECT_FALSE(short_search->total_exact);  // a lower bound: what the sampled rows held
    EXPECT_EQ(short_search->total, 2000);     // kSampledRows
    auto short_rare = tx.ApiKeys().List({.q = std::string("zq")});
    ASSERT_TRUE(short_rare);
    EXPECT_TRUE(short_rare->items.empty());
    auto hint = tx.ApiKeys().List({.q = std::string("sk-ant-api03-001")});  // ids ending in 001
    ASSERT_TRUE(hint);
    EXPECT_EQ(hint->items.size(), 11u);
    EXPECT_TRUE(hint->total_exact);
    auto id = tx.ApiKeys().List({.q = std::string("apikey_0999")});
    ASSERT_TRUE(id);
    EXPECT_EQ(id->items.size(), 10u);
    EXPECT_EQ(id->items.front().key.id, "apikey_09999");
    auto in_org = tx.ApiKeys().List({.organization_id = std::string("org_a"), .q = std::string("key-0002")});
    ASSERT_TRUE(in_org);
    EXPECT_EQ(in_org->items.size(), 5u);  // the odd ones of key-00020 … key-00029
    auto workspace = tx.ApiKeys().List({.workspace_id = std::string("wrkspc_a")});
    ASSERT_TRUE(workspace);
    EXPECT_EQ(workspace->total, kKeys / 2);
    EXPECT_TRUE(workspace->total_exact);

    // A key moved to another workspace moves its count.
    auto moved = MakeKey("apikey_00001", "key-00001", std::string("wrkspc_b"), "2025-01-01T00:00:01Z");
    ASSERT_TRUE(tx.ApiKeys().UpsertMany(std::vector<ApiKeyRecord>{moved}));
    EXPECT_EQ(*tx.ApiKeys().CountByWorkspace("wrkspc_a"), kKeys / 2 - 1);
    EXPECT_EQ(*tx.ApiKeys().CountByWorkspace("wrkspc_b"), 1);
    EXPECT_EQ(*tx.ApiKeys().CountByOrganization("org_a"), kKeys / 2 - 1);
    EXPECT_EQ(*tx.ApiKeys().List({.q = std::string("key-00001")})->items.front().key.workspace_id, "wrkspc_b");
  });
}

TEST_P(AnthropicContractTest, SyncRunsInsertUpdateLatest) {
  Write([&](Tx& tx) {
    EXPECT_FALSE(*tx.SyncRuns().Latest());
    domain::SyncRun run;
    run.id = "syn_1";
    run.trigger = "manual";
    run.actor_id = "usr_1";
    run.started_at = kNow;
    ASSERT_TRUE(tx.SyncRuns().Insert(run));
    EXPECT_EQ(tx.SyncRuns().Insert(run).error().code, ErrorCode::kConflict);
    run.status = "failed";
    run.finished_at = kNow + 7;
    run.pages = 3;
    run.workspaces = 2;
    run.api_keys = 9;
    run.vanished = 1;
    run.error = "Anthropic answered 500";
    ASSERT_TRUE(tx.SyncRuns().Update(run));
    domain::SyncRun second;
    second.id = "syn_2";
    second.trigger = "periodic";
    second.started_at = kNow + 100;
    ASSERT_TRUE(tx.SyncRuns().Insert(second));

    auto found = tx.SyncRuns().FindById("syn_1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, "failed");
    EXPECT_EQ(found->trigger, "manual");
    EXPECT_EQ(found->actor_id, "usr_1");
    EXPECT_EQ(found->finished_at, kNow + 7);
    EXPECT_EQ(found->pages, 3);
    EXPECT_EQ(found->workspaces, 2);
    EXPECT_EQ(found->api_keys, 9);
    EXPECT_EQ(found->vanished, 1);
    EXPECT_EQ(found->error, "Anthropic answered 500");
    auto latest = tx.SyncRuns().Latest();
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->id, "syn_2");
    EXPECT_FALSE((*latest)->actor_id);
    EXPECT_FALSE((*latest)->finished_at);
    EXPECT_EQ((*latest)->status, "running");
    EXPECT_EQ(tx.SyncRuns().FindById("syn_x").error().code, ErrorCode::kNotFound);
  });
}

TEST_P(AnthropicContractTest, ClusterLockExcludesASecondHolderOnPostgres) {
  auto locks = MakeClusterLocks(*store_);
  ASSERT_TRUE(locks);
  auto first = (*locks)->TryAcquire(4242);
  ASSERT_TRUE(first);
  ASSERT_NE(*first, nullptr);
  auto second = (*locks)->TryAcquire(4242);
  ASSERT_TRUE(second);
  if (GetParam() == Backend::kPostgres) {
    EXPECT_EQ(*second, nullptr);
    first->reset();
    auto third = (*locks)->TryAcquire(4242);
    ASSERT_TRUE(third);
    EXPECT_NE(*third, nullptr);
  } else {
    EXPECT_NE(*second, nullptr);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AnthropicContractTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param) {
                           return param.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace portal::storage
