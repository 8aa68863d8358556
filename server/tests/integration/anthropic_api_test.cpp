// The Anthropic side over real HTTP, on SQLite and PostgreSQL, against the
// in-process emulator: settings, sync (faults, concurrency, vanished keys), workspaces, API keys
// (register by paste, rename, deactivate), the vault (sealed, rotate), and no plaintext secrets.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/vault_setup.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "domain/decimal.hpp"
#include "emulator/emulator.hpp"
#include "security/secret_box.hpp"
#include "security/secret_box_vault.hpp"
#include "storage/sql_store.hpp"
#include "storage/store.hpp"
#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAdminKey = "sk-ant-admin01-test-0123456789abcdefghijklmnopqrstuvwxyz";

std::string Str(const json::value& v) { return std::string(v.as_string()); }

class AnthropicApi : public PortalTest {
 protected:
  void Configure(app::Config& config) override {
    emulator::EmulatorOptions options;
    options.admin_key = kAdminKey;
    options.workspaces = 3;
    options.api_keys = 12;
    options.seed = 1;
    options.access_log = false;
    emu = std::make_unique<emulator::Emulator>(options);
    ASSERT_TRUE(emu->Start());
    config.sync_interval_minutes = 0;
    config.usage_after_sync = false;  // a background collection would take faults meant for the sync
    config.anthropic_base_url = emu->BaseUrl();
    log_file = config.data_dir + "/portal.log";
    std::filesystem::create_directories(config.data_dir);
    log::SetFile(log_file);
  }
  void TearDown() override {
    PortalTest::TearDown();
    if (emu) emu->Stop();
  }

  std::string SuperAdmin() {
    if (super_token.empty()) {
      if (!super_created) CreateUser("root@example.com", domain::Role::kSuperAdmin, std::nullopt);
      super_created = true;
      super_token = LoginCli("root@example.com").access;
    }
    return super_token;
  }
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json::value& body = nullptr) {
    auto result = client->Send(method, path, body.is_null() ? "" : json::serialize(body), {Bearer(token)});
    bodies += result.body;
    return result;
  }
  void Connect() {
    auto put = Call("PUT", "/api/v1/settings/anthropic", SuperAdmin(), json::object{{"adminKey", kAdminKey}});
    ASSERT_EQ(put.status, 200) << put.body;
  }
  json::value WaitRun(const std::string& run_id) {
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < deadline;) {
      auto run = Call("GET", "/api/v1/sync/runs/" + run_id, SuperAdmin());
      if (run.status == 200 && run.Json().at("status") != "running") return run.Json();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "sync run did not finish";
    return nullptr;
  }
  json::value Sync() {
    auto started = Call("POST", "/api/v1/sync", SuperAdmin());
    EXPECT_EQ(started.status, 202) << started.body;
    return WaitRun(Str(started.Json().at("runId")));
  }
  json::array Keys(const std::string& query = "") {
    auto list = Call("GET", "/api/v1/api-keys?limit=500" + query, SuperAdmin());
    EXPECT_EQ(list.status, 200) << list.body;
    return list.Json().at("items").as_array();
  }
  json::array Workspaces(const std::string& query = "") {
    auto list = Call("GET", "/api/v1/workspaces?limit=500" + query, SuperAdmin());
    EXPECT_EQ(list.status, 200) << list.body;
    return list.Json().at("items").as_array();
  }
  // An active key of the emulator in a (non-default) workspace.
  emulator::EmulatedKey ActiveKey(int skip = 0) {
    for (const auto& key : emu->Keys()) {
      if (key.status == "active" && key.workspace_id && skip-- == 0) return key;
    }
    ADD_FAILURE() << "no active key";
    return {};
  }
  // Talks to the emulator directly (as someone using the Console would).
  HttpResult Upstream(const std::string& method, const std::string& path, const json::value& body) {
    HttpClient upstream(emu->BaseUrl());
    return upstream.Send(
        method, path, json::serialize(body),
        {std::string("x-api-key: ") + kAdminKey, "anthropic-version: 2023-06-01", "content-type: application/json"});
  }
  void Restart(const std::function<void(app::Config&)>& change = {}) {
    auto config = portal->GetConfig();
    portal->Stop();
    portal.reset();
    if (change) change(config);
    auto opened = app::Portal::Open(config);
    ASSERT_TRUE(opened) << opened.error().message;
    portal = std::move(*opened);
    ASSERT_TRUE(portal->Start());
    client = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(portal->Port()));
  }

  std::unique_ptr<emulator::Emulator> emu;
  std::string super_token;
  bool super_created = false;
  std::string log_file;
  std::string bodies;  // every response body seen
};
PORTAL_INSTANTIATE_BACKENDS(AnthropicApi);

TEST_P(AnthropicApi, SettingsVerifyTheKeyBeforeSavingAndMaskIt) {
  auto before = client->Get("/api/v1/setup");
  EXPECT_EQ(before.Json().at("anthropicConfigured"), false);
  auto empty = Call("GET", "/api/v1/settings/anthropic", SuperAdmin());
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.Json().at("configured"), false);

  auto bad = Call("PUT", "/api/v1/settings/anthropic", SuperAdmin(),
                  json::object{{"adminKey", "sk-ant-admin01-wrong-0123456789abcdefghijkl"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.ErrorCode(), "admin_key_rejected");
  EXPECT_EQ(Call("GET", "/api/v1/settings/anthropic", SuperAdmin()).Json().at("configured"), false);

  Connect();
  auto got = Call("GET", "/api/v1/settings/anthropic", SuperAdmin());
  EXPECT_EQ(got.Json().at("configured"), true);
  EXPECT_EQ(Str(got.Json().at("adminKeyHint")),
            std::string(kAdminKey).substr(0, 16) + "..." + std::string(kAdminKey).substr(std::strlen(kAdminKey) - 4));
  EXPECT_EQ(Str(got.Json().at("baseUrl")), emu->BaseUrl());
  EXPECT_FALSE(got.Json().at("organization").is_null());
  EXPECT_EQ(client->Get("/api/v1/setup").Json().at("anthropicConfigured"), true);

  auto admin_org = CreateOrganization("Acme");
  CreateUser("admin@acme.example", domain::Role::kAdmin, admin_org);
  auto admin = LoginCli("admin@acme.example").access;
  EXPECT_EQ(Call("GET", "/api/v1/settings/anthropic", admin).status, 403);
}

TEST_P(AnthropicApi, SyncImportsEverythingAndConcurrentRequestsMakeOneRun) {
  Connect();
  std::vector<std::string> ids(4);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto started = client->Send("POST", "/api/v1/sync", "", {Bearer(SuperAdmin())});
      if (started.status == 202) ids[i] = Str(started.Json().at("runId"));
    });
  }
  for (auto& t : threads) t.join();
  auto run = WaitRun(ids[0]);
  ASSERT_EQ(run.at("status"), "succeeded") << json::serialize(run);
  // Runs are fast: later requests may start a new run once the first ended, never two at once.
  int distinct_running_overlap = 0;
  for (auto& id : ids) distinct_running_overlap += id == ids[0];
  EXPECT_GE(distinct_running_overlap, 1);
  EXPECT_EQ(run.at("apiKeys").as_int64(), 12);
  EXPECT_EQ(run.at("workspaces").as_int64(), 3);
  EXPECT_GE(run.at("pages").as_int64(), 2);
  EXPECT_EQ(Keys().size(), 12u);
  EXPECT_EQ(Workspaces("&includeArchived=true").size(), 3u);
  // Each key in the workspace Anthropic names for it (2026-10-21 names it in scope, the Default
  // Workspace by its real id): a key of the Default Workspace belongs to no workspace here.
  std::map<std::string, std::optional<std::string>> upstream;
  for (const auto& k : emu->Keys()) upstream[k.id] = k.workspace_id;
  std::map<std::string, std::string> workspace_names;
  for (const auto& w : Workspaces("&includeArchived=true")) workspace_names[Str(w.at("id"))] = Str(w.at("name"));
  int in_default = 0;
  for (const auto& k : Keys()) {
    const auto& expected = upstream.at(Str(k.at("id")));
    if (!expected) ++in_default;
    EXPECT_EQ(k.at("workspaceId").is_null() ? std::nullopt : std::optional<std::string>(Str(k.at("workspaceId"))),
              expected)
        << k;
    // Named in the list too, so that the keys screen needs no list of every workspace.
    EXPECT_EQ(k.at("workspaceName"), expected ? json::value(workspace_names.at(*expected)) : json::value(nullptr)) << k;
  }
  EXPECT_GT(in_default, 0) << "the emulator has keys in the Default Workspace";
  // A later request may have started a second run after the first ended: the latest is finished
  // once every run the requests got is.
  for (const auto& id : ids) {
    if (!id.empty()) {
      EXPECT_NE(WaitRun(id).at("status"), "running");
    }
  }
  auto latest = Call("GET", "/api/v1/sync/runs/latest", SuperAdmin());
  EXPECT_EQ(latest.status, 200);
  EXPECT_FALSE(latest.Json().at("finishedAt").is_null());
}

// Two instances on one PostgreSQL, both with the periodic sync on (every 100 ms here): runs take
// turns through the cluster lock and never overlap.
// (PostgreSQL only: one portal process serves a SQLite database.)
class TwoInstanceSync : public AnthropicApi {};
INSTANTIATE_TEST_SUITE_P(Backends, TwoInstanceSync, ::testing::Values(storage::Backend::kPostgres), BackendName);

TEST_P(TwoInstanceSync, PeriodicSyncsOfTwoInstancesNeverOverlap) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto config = portal->GetConfig();
  auto second = app::Portal::Open(config);
  ASSERT_TRUE(second) << second.error().message;
  portal->Sync().StartPeriodic(std::chrono::milliseconds(100));
  (*second)->Sync().StartPeriodic(std::chrono::milliseconds(100));

  struct Run {
    long long started = 0;
    long long finished = 0;
    std::string status;
  };
  auto periodic_runs = [&] {
    std::vector<Run> runs;
    PGconn* conn = PQconnectdb(database->Url().c_str());
    PGresult* rows = PQexec(conn,
                            "SELECT started_at, coalesce(finished_at, 0), status FROM sync_runs "
                            "WHERE trigger_kind = 'periodic' ORDER BY started_at");
    runs.reserve(PQntuples(rows));
    for (int i = 0; i < PQntuples(rows); ++i) {
      runs.push_back({std::stoll(PQgetvalue(rows, i, 0)), std::stoll(PQgetvalue(rows, i, 1)), PQgetvalue(rows, i, 2)});
    }
    PQclear(rows);
    PQfinish(conn);
    return runs;
  };
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       periodic_runs().size() < 12 && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Stop the timers and let a run in progress finish (stopping a portal would cancel it).
  (*second)->Sync().Stop();
  portal->Sync().Stop();
  (*second)->Stop();
  auto runs = periodic_runs();
  ASSERT_GE(runs.size(), 12u);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i].status, "succeeded") << i;
    if (i > 0) {
      EXPECT_LE(runs[i - 1].finished, runs[i].started) << "runs " << i - 1 << " and " << i << " overlap";
    }
  }
}

TEST_P(AnthropicApi, TwoSimultaneousSyncRequestsShareOneRun) {
  Connect();
  // Slow every request down so that the first run is surely running when the second asks.
  ASSERT_TRUE(emu->QueueFaults({"429;retry-after=1"}));
  auto first = Call("POST", "/api/v1/sync", SuperAdmin());
  auto second = Call("POST", "/api/v1/sync", SuperAdmin());
  ASSERT_EQ(first.status, 202);
  ASSERT_EQ(second.status, 202);
  EXPECT_EQ(first.Json().at("runId"), second.Json().at("runId"));
  auto running = Call("GET", "/api/v1/sync/runs/" + Str(first.Json().at("runId")), SuperAdmin());
  EXPECT_EQ(running.Json().at("status"), "running");
  EXPECT_EQ(WaitRun(Str(first.Json().at("runId"))).at("status"), "succeeded");
}

// A run a crash cut off stays "running" in the database; the next start (or the next run, once
// the cluster lock says nobody else syncs) marks it failed instead of showing it running forever.
TEST_P(AnthropicApi, ARunCutOffByACrashIsMarkedFailedNotRunningForever) {
  Connect();
  auto stale = [&] {
    domain::SyncRun run;
    run.id = NewId("syn");
    run.trigger = "periodic";
    run.started_at = 1;
    EXPECT_TRUE(portal->Store().Write([&](domain::Tx& tx) { return tx.SyncRuns().Insert(run); }));
    return run.id;
  };
  const auto cut_off = stale();
  EXPECT_EQ(Str(Call("GET", "/api/v1/sync/runs/" + cut_off, SuperAdmin()).Json().at("status")), "running");
  // At start: a SyncService on the same database recovers it (nothing else holds the sync lock).
  auto locks = storage::MakeClusterLocks(portal->Store());
  ASSERT_TRUE(locks);
  SystemClock clock;
  domain::SyncService restarted(portal->Store(), portal->Anthropic(), locks->get(), clock);
  ASSERT_TRUE(restarted.RecoverInterrupted());
  auto recovered = Call("GET", "/api/v1/sync/runs/" + cut_off, SuperAdmin()).Json();
  EXPECT_EQ(Str(recovered.at("status")), "failed");
  EXPECT_NE(Str(recovered.at("error")).find("the portal stopped during this run"), std::string::npos);
  EXPECT_FALSE(recovered.at("finishedAt").is_null());
  // Before a run: the same.
  const auto another = stale();
  auto run = Sync();
  EXPECT_EQ(Str(run.at("status")), "succeeded");
  EXPECT_EQ(Str(Call("GET", "/api/v1/sync/runs/" + another, SuperAdmin()).Json().at("status")), "failed");
}

TEST_P(AnthropicApi, AFailedSyncChangesNothingAndSaysWhy) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto key = ActiveKey();
  auto renamed = Upstream("POST", "/v1/organizations/api_keys/" + key.id, json::object{{"name", "renamed upstream"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  auto before = json::serialize(Keys());
  for (const char* fault : {"500", "reset", "truncated", "529"}) {
    ASSERT_TRUE(emu->QueueFaults({fault, fault, fault, fault}));
    auto run = Sync();
    EXPECT_EQ(run.at("status"), "failed") << fault;
    EXPECT_FALSE(run.at("error").is_null()) << fault;
    EXPECT_FALSE(Str(run.at("error")).empty()) << fault;
    EXPECT_EQ(json::serialize(Keys()), before) << fault;
    ASSERT_TRUE(emu->QueueFaults({}));
  }
  // Unqueue whatever is left, then a clean run applies the rename.
  for (int i = 0; i < 4; ++i) Upstream("GET", "/v1/organizations/me", nullptr);
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto all = Keys();
  bool seen = false;
  for (const auto& k : all) seen = seen || (Str(k.at("id")) == key.id && k.at("name") == "renamed upstream");
  EXPECT_TRUE(seen);
}

TEST_P(AnthropicApi, KeysGoneUpstreamAreMarkedVanishedNotDropped) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  emulator::EmulatorOptions options;
  options.admin_key = kAdminKey;
  options.workspaces = 1;
  options.api_keys = 2;
  options.seed = 2;
  options.access_log = false;
  emulator::Emulator other(options);
  ASSERT_TRUE(other.Start());
  auto put = Call("PUT", "/api/v1/settings/anthropic", SuperAdmin(),
                  json::object{{"adminKey", kAdminKey}, {"baseUrl", other.BaseUrl()}});
  ASSERT_EQ(put.status, 200) << put.body;
  auto run = Sync();
  ASSERT_EQ(run.at("status"), "succeeded");
  EXPECT_EQ(run.at("vanished").as_int64(), 12);
  auto keys = Keys();
  EXPECT_EQ(keys.size(), 14u);
  int vanished = 0;
  for (const auto& k : keys) vanished += k.at("vanished").as_bool();
  EXPECT_EQ(vanished, 12);
  // The list filters on it on the server.
  EXPECT_EQ(Keys("&vanished=true").size(), 12u);
  EXPECT_EQ(Keys("&vanished=false").size(), 2u);
  for (const auto& k : Keys("&vanished=false")) EXPECT_FALSE(k.at("vanished").as_bool());
  EXPECT_EQ(Call("GET", "/api/v1/api-keys?vanished=maybe", SuperAdmin()).status, 400);
  other.Stop();
}

TEST_P(AnthropicApi, RegisterByPasteMatchesRejectsAndIsolatesTenants) {
  Connect();
  // No sync yet: registering syncs once by itself.
  auto key = ActiveKey();
  auto registered = Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}});
  ASSERT_EQ(registered.status, 200) << registered.body;
  EXPECT_EQ(Str(registered.Json().at("id")), key.id);
  EXPECT_EQ(registered.Json().at("secretRegistered"), true);
  EXPECT_EQ(Str(registered.Json().at("hint")),
            key.value.substr(0, 16) + "..." + key.value.substr(key.value.size() - 4));
  EXPECT_EQ(Str(registered.Json().at("label")),
            key.id + ": " + Str(registered.Json().at("hint")) + " (" + Str(registered.Json().at("name")) + ")");

  // Registered keys are a filter of the list, on the server.
  auto with_secret = Keys("&registered=true");
  ASSERT_EQ(with_secret.size(), 1u);
  EXPECT_EQ(Str(with_secret[0].at("id")), key.id);
  const auto without_secret = Keys("&registered=false");
  EXPECT_EQ(without_secret.size() + 1, Keys().size());
  for (const auto& k : without_secret) EXPECT_FALSE(k.at("secretRegistered").as_bool());

  auto unknown = Call("POST", "/api/v1/api-keys/register", SuperAdmin(),
                      json::object{{"value", "sk-ant-api03-ZZZZnotakeyatall0123456789abcdefghijklmnopqrstuvwxyzQQAA"}});
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.ErrorCode(), "no_matching_key");
  EXPECT_NE(unknown.body.find("Anthropic Console"), std::string::npos);
  EXPECT_EQ(Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", "hello"}}).status, 400);

  for (const auto& k : emu->Keys()) {
    if (k.status != "inactive") continue;
    auto rejected = Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", k.value}});
    EXPECT_EQ(rejected.status, 400) << rejected.body;
    EXPECT_EQ(rejected.ErrorCode(), "key_rejected");
    break;
  }

  // Tenants: the key's workspace belongs to Acme; Globex's Admin cannot register or see it.
  auto acme = CreateOrganization("Acme");
  auto globex = CreateOrganization("Globex");
  auto link =
      Call("PATCH", "/api/v1/workspaces/" + *key.workspace_id, SuperAdmin(), json::object{{"organizationId", acme}});
  ASSERT_EQ(link.status, 200) << link.body;
  EXPECT_EQ(link.Json().at("organizationName"), "Acme");
  for (const auto& w : Workspaces()) {
    const bool linked = w.at("id") == json::value(*key.workspace_id);
    EXPECT_EQ(w.at("organizationName"), linked ? json::value("Acme") : json::value(nullptr)) << w;
  }
  CreateUser("admin@globex.example", domain::Role::kAdmin, globex);
  CreateUser("admin@acme.example", domain::Role::kAdmin, acme);
  auto globex_admin = LoginCli("admin@globex.example").access;
  auto acme_admin = LoginCli("admin@acme.example").access;
  auto foreign = Call("POST", "/api/v1/api-keys/register", globex_admin, json::object{{"value", key.value}});
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(Call("GET", "/api/v1/api-keys/" + key.id, globex_admin).status, 404);
  EXPECT_EQ(Call("PATCH", "/api/v1/api-keys/" + key.id, globex_admin, json::object{{"name", "x"}}).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/workspaces/" + *key.workspace_id, globex_admin).status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/workspaces/" + *key.workspace_id + "/archive", globex_admin).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/api-keys?organizationId=" + acme, globex_admin).status, 404);
  auto own = Call("POST", "/api/v1/api-keys/register", acme_admin, json::object{{"value", key.value}});
  EXPECT_EQ(own.status, 200) << own.body;
  auto acme_keys = Call("GET", "/api/v1/api-keys", acme_admin);
  ASSERT_EQ(acme_keys.status, 200);
  const auto acme_items = acme_keys.Json();
  for (const auto& k : acme_items.at("items").as_array()) EXPECT_EQ(Str(k.at("organizationId")), acme);
  EXPECT_EQ(Call("GET", "/api/v1/api-keys", globex_admin).Json().at("total").as_int64(), 0);
}

TEST_P(AnthropicApi, ALeakedKeyIsReplacedForItsHolderAndAnArchivedKeyIsGoneForGood) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  // Three active keys of one workspace, linked to Acme.
  std::vector<emulator::EmulatedKey> same;
  for (const auto& k : emu->Keys()) {
    if (k.status != "active" || !k.workspace_id) continue;
    if (same.empty() || k.workspace_id == same.front().workspace_id) same.push_back(k);
  }
  if (same.size() < 3) {
    // Activate more keys of the first key's workspace through the Console.
    for (const auto& k : emu->Keys()) {
      if (same.size() >= 3) break;
      if (k.workspace_id == same.front().workspace_id && k.status == "inactive") {
        ASSERT_EQ(Upstream("POST", "/v1/organizations/api_keys/" + k.id, json::object{{"status", "active"}}).status,
                  200);
        same.push_back(k);
        same.back().status = "active";
      }
    }
    ASSERT_EQ(Sync().at("status"), "succeeded");
  }
  ASSERT_GE(same.size(), 3u);
  const auto &old_key = same[0], &new_key = same[1], &third = same[2];
  auto acme = CreateOrganization("Acme");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + *old_key.workspace_id, SuperAdmin(), json::object{{"organizationId", acme}})
          .status,
      200);
  CreateUser("admin@acme.example", domain::Role::kAdmin, acme);
  auto holder = CreateUser("dev@acme.example", domain::Role::kUser, acme);
  auto admin = LoginCli("admin@acme.example").access;
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", admin, json::object{{"value", old_key.value}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + holder, admin, json::object{{"apiKeyId", old_key.id}}).status, 200);
  auto dev = LoginCli("dev@acme.example").access;
  ASSERT_EQ(Str(Call("GET", "/api/v1/me/api-key", dev).Json().at("value")), old_key.value);

  // The replacement is the old key's own value: refused, nothing changes.
  auto same_value =
      Call("POST", "/api/v1/api-keys/" + old_key.id + "/replace", admin, json::object{{"value", old_key.value}});
  EXPECT_EQ(same_value.status, 409) << same_value.body;
  EXPECT_EQ(same_value.ErrorCode(), "replacement_is_same_key");
  EXPECT_EQ(Str(Call("GET", "/api/v1/users/" + holder, admin).Json().at("apiKey").at("id")), old_key.id);

  auto replaced =
      Call("POST", "/api/v1/api-keys/" + old_key.id + "/replace", admin, json::object{{"value", new_key.value}});
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Str(replaced.Json().at("id")), new_key.id);
  EXPECT_EQ(Str(replaced.Json().at("assignedUser").at("id")), holder);
  // The holder's tools get the new key on their next `portal key`.
  auto mine = Call("GET", "/api/v1/me/api-key", dev);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Str(mine.Json().at("value")), new_key.value);
  EXPECT_EQ(Str(mine.Json().at("id")), new_key.id);
  // The old key: archived at Anthropic, its secret erased, held by nobody.
  for (const auto& k : emu->Keys()) {
    if (k.id == old_key.id) {
      EXPECT_EQ(k.status, "archived");
    }
  }
  auto old_view = Call("GET", "/api/v1/api-keys/" + old_key.id, admin).Json();
  EXPECT_EQ(old_view.at("status"), "archived");
  EXPECT_EQ(old_view.at("secretRegistered"), false);
  EXPECT_TRUE(old_view.at("assignedUser").is_null());
  // Nobody holds the old key now, and the new one is taken.
  auto taken =
      Call("POST", "/api/v1/api-keys/" + old_key.id + "/replace", admin, json::object{{"value", new_key.value}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.ErrorCode(), "api_key_taken");

  // Archiving the new key: the holder loses it at once, and it never comes back.
  auto archived = Call("POST", "/api/v1/api-keys/" + new_key.id + "/archive", admin);
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.Json().at("status"), "archived");
  EXPECT_EQ(archived.Json().at("secretRegistered"), false);
  EXPECT_TRUE(archived.Json().at("assignedUser").is_null());
  EXPECT_EQ(Call("GET", "/api/v1/me/api-key", dev).status, 404);
  auto revived = Call("PATCH", "/api/v1/api-keys/" + new_key.id, admin, json::object{{"status", "active"}});
  EXPECT_EQ(revived.status, 400) << revived.body;
  EXPECT_EQ(Call("POST", "/api/v1/api-keys/" + new_key.id + "/archive", admin).status, 200);  // idempotent

  // Off-boarding with 「廃止」: the user is deleted and their key archived.
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", admin, json::object{{"value", third.value}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + holder, admin, json::object{{"apiKeyId", third.id}}).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/users/" + holder + "?archiveKey=true&deactivateKey=true", admin).status, 400);
  auto gone = Call("DELETE", "/api/v1/users/" + holder + "?archiveKey=true", admin);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(gone.Json().at("keyArchived"), true);
  EXPECT_EQ(gone.Json().at("keyDeactivated"), false);
  for (const auto& k : emu->Keys()) {
    if (k.id == third.id) {
      EXPECT_EQ(k.status, "archived");
    }
  }
  EXPECT_EQ(Call("GET", "/api/v1/api-keys/" + third.id, admin).Json().at("secretRegistered"), false);

  auto audit = Call("GET", "/api/v1/audit?limit=100", SuperAdmin()).body;
  EXPECT_NE(audit.find("api_key.replace"), std::string::npos);
  EXPECT_NE(audit.find("api_key.archive"), std::string::npos);
  // No secret in any response but the holder's own.
  EXPECT_EQ(bodies.find(third.value), std::string::npos);
}

TEST_P(AnthropicApi, LimitsPerOrganizationAreCappedAuditedAndDriftIsReported) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto workspace = *ActiveKey().workspace_id;
  auto acme = CreateOrganization("Acme");
  auto globex = CreateOrganization("Globex");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + workspace, SuperAdmin(), json::object{{"organizationId", acme}}).status,
      200);
  CreateUser("admin@acme.example", domain::Role::kAdmin, acme);
  CreateUser("dev@acme.example", domain::Role::kUser, acme);
  CreateUser("admin@globex.example", domain::Role::kAdmin, globex);
  auto acme_admin = LoginCli("admin@acme.example").access;
  auto acme_user = LoginCli("dev@acme.example").access;
  auto globex_admin = LoginCli("admin@globex.example").access;
  const std::string base = "/api/v1/organizations/" + acme + "/limits";

  auto read = Call("GET", base, SuperAdmin());
  ASSERT_EQ(read.status, 200) << read.body;
  auto limits = read.Json();
  ASSERT_EQ(limits.at("organizationLimits").as_array().size(), 8u);
  ASSERT_EQ(limits.at("workspaces").as_array().size(), 1u);
  EXPECT_EQ(Str(limits.at("workspaces").at(0).at("id")), workspace);
  EXPECT_EQ(limits.at("workspaces").at(0).at("groups").as_array().size(), 8u);
  EXPECT_EQ(limits.at("spendLimitsAvailable"), true);
  EXPECT_TRUE(limits.at("workspaces").at(0).at("spendLimit").at("amountCents").is_null());
  EXPECT_TRUE(limits.at("drift").as_array().empty());
  const auto sonnet = Str(limits.at("organizationLimits").at(1).at("rateLimitId"));
  const auto ceiling = limits.at("organizationLimits").at(1).at("limits").at(0).at("value").as_int64();

  // An Admin reads their own organization's limits, never changes them, never sees another's.
  EXPECT_EQ(Call("GET", base, acme_admin).status, 200);
  EXPECT_EQ(Call("GET", base, globex_admin).status, 404);
  EXPECT_EQ(Call("GET", base, acme_user).status, 403);
  const std::string rate = base + "/workspaces/" + workspace + "/rate-limits/" + sonnet;
  const json::object hundred{{"limits", json::array{json::object{{"type", "requests_per_minute"}, {"value", 100}}}}};
  EXPECT_EQ(Call("PUT", rate, acme_admin, hundred).status, 403);
  EXPECT_EQ(Call("PUT", rate, globex_admin, hundred).status, 404);

  auto set = Call("PUT", rate, SuperAdmin(), hundred);
  ASSERT_EQ(set.status, 200) << set.body;
  auto group = set.Json().at("workspaces").at(0).at("groups").at(1).at("limits").at(0);
  EXPECT_EQ(group.at("value").as_int64(), 100);
  EXPECT_EQ(group.at("overridden"), true);
  EXPECT_EQ(group.at("orgLimit").as_int64(), ceiling);

  auto above = Call(
      "PUT", rate, SuperAdmin(),
      json::object{{"limits", json::array{json::object{{"type", "requests_per_minute"}, {"value", ceiling + 1}}}}});
  EXPECT_EQ(above.status, 400) << above.body;
  EXPECT_EQ(above.ErrorCode(), "limit_above_organization");
  EXPECT_EQ(Call("PUT", rate, SuperAdmin(), json::object{{"limits", "nope"}}).status, 400);
  EXPECT_EQ(Call("PUT", base + "/workspaces/wrkspc_01nope/rate-limits/" + sonnet, SuperAdmin(), hundred).status, 404);
  EXPECT_EQ(
      Call("GET", base, SuperAdmin()).Json().at("workspaces").at(0).at("groups").at(1).at("limits").at(0).at("value"),
      100);  // the refused change changed nothing

  const std::string spend = base + "/workspaces/" + workspace + "/spend-limit";
  auto monthly = Call("PUT", spend, SuperAdmin(), json::object{{"amountCents", "50000"}});
  ASSERT_EQ(monthly.status, 200) << monthly.body;
  EXPECT_EQ(monthly.Json().at("workspaces").at(0).at("spendLimit").at("amountCents"), "50000");
  EXPECT_EQ(Call("PUT", spend, SuperAdmin(), json::object{{"amountCents", "12.5"}}).status, 400);

  // Changed in the Console: the portal reports the drift from what it set.
  auto console =
      Upstream("POST", "/v1/organizations/workspaces/" + workspace + "/rate_limits/" + sonnet,
               json::object{{"limits", json::array{json::object{{"type", "requests_per_minute"}, {"value", 200}}}}});
  ASSERT_EQ(console.status, 200) << console.body;
  // The next sync notices it: the dashboard alerts the SuperAdmin and Acme's Admin, not Globex's.
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto limit_alerts = [&](const std::string& token) {
    return Call("GET", "/api/v1/dashboard", token).Json().at("limitAlerts").as_array();
  };
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
       limit_alerts(acme_admin).empty() && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto alerted = limit_alerts(acme_admin);
  ASSERT_EQ(alerted.size(), 1u);
  EXPECT_EQ(Str(alerted[0].at("organizationId")), acme);
  EXPECT_EQ(alerted[0].at("changes").as_int64(), 1);
  EXPECT_EQ(limit_alerts(SuperAdmin()).size(), 1u);
  EXPECT_TRUE(limit_alerts(globex_admin).empty());
  auto drifted = Call("GET", base, acme_admin).Json().at("drift").as_array();
  ASSERT_EQ(drifted.size(), 1u);
  EXPECT_EQ(drifted[0].at("type"), "requests_per_minute");
  EXPECT_EQ(drifted[0].at("expected").as_int64(), 100);
  EXPECT_EQ(drifted[0].at("actual").as_int64(), 200);

  auto cleared =
      Call("PUT", rate, SuperAdmin(),
           json::object{{"limits", json::array{json::object{{"type", "requests_per_minute"}, {"value", nullptr}}}}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.Json().at("workspaces").at(0).at("groups").at(1).at("limits").at(0).at("overridden"), false);
  EXPECT_TRUE(cleared.Json().at("drift").as_array().empty());
  EXPECT_TRUE(limit_alerts(acme_admin).empty()) << "setting the limit again ends the alert";

  // A limiter type the organization does not limit (tokens per day here) can still cap a
  // customer's workspace, with no ceiling; a type Anthropic does not have is refused.
  auto daily =
      Call("PUT", rate, SuperAdmin(),
           json::object{{"limits", json::array{json::object{{"type", "tokens_per_day"}, {"value", 5000000}}}}});
  ASSERT_EQ(daily.status, 200) << daily.body;
  bool capped = false;
  const auto daily_view = daily.Json();
  for (const auto& l : daily_view.at("workspaces").at(0).at("groups").at(1).at("limits").as_array()) {
    if (l.at("type") != "tokens_per_day") continue;
    capped = true;
    EXPECT_EQ(l.at("value").as_int64(), 5000000);
    EXPECT_EQ(l.at("overridden"), true);
    EXPECT_TRUE(l.at("orgLimit").is_null()) << l;
  }
  EXPECT_TRUE(capped) << daily.body;
  auto bananas = Call("PUT", rate, SuperAdmin(),
                      json::object{{"limits", json::array{json::object{{"type", "bananas_per_hour"}, {"value", 5}}}}});
  EXPECT_EQ(bananas.status, 400) << bananas.body;
  EXPECT_EQ(bananas.ErrorCode(), "limit_type_unknown");
  ASSERT_EQ(Call("PUT", rate, SuperAdmin(),
                 json::object{{"limits", json::array{json::object{{"type", "tokens_per_day"}, {"value", nullptr}}}}})
                .status,
            200);

  // The monthly spend limit changed in the Console: drift too; removed from the portal: gone upstream.
  auto console_spend = Upstream(
      "POST", "/v1/organizations/spend_limits",
      json::object{{"amount", "70000"}, {"scope", json::object{{"type", "workspace"}, {"workspace_id", workspace}}}});
  ASSERT_EQ(console_spend.status, 200) << console_spend.body;
  auto spend_drift = Call("GET", base, acme_admin).Json().at("drift").as_array();
  ASSERT_EQ(spend_drift.size(), 1u) << json::serialize(spend_drift);
  EXPECT_EQ(spend_drift[0].at("expected").as_int64(), 50000);
  EXPECT_EQ(spend_drift[0].at("actual").as_int64(), 70000);
  auto removed = Call("PUT", spend, SuperAdmin(), json::object{{"amountCents", nullptr}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  const auto removed_view = removed.Json();
  const auto& removed_spend = removed_view.at("workspaces").at(0).at("spendLimit");
  EXPECT_TRUE(removed_spend.is_null() || removed_spend.at("amountCents").is_null()) << removed.body;
  EXPECT_TRUE(removed_view.at("drift").as_array().empty()) << removed.body;

  // Without Anthropic's spend-limit preview: said plainly, and a change is refused.
  ASSERT_EQ(Upstream("POST", "/_emulator/settings", json::object{{"spend_limits_enabled", false}}).status, 200);
  auto without = Call("GET", base, SuperAdmin()).Json();
  EXPECT_EQ(without.at("spendLimitsAvailable"), false);
  EXPECT_EQ(without.at("spendLimitsUnavailableReason"), "anthropic_spend_limits_admin_api_writes_not_enabled");
  EXPECT_TRUE(without.at("workspaces").at(0).at("spendLimit").is_null());
  auto refused = Call("PUT", spend, SuperAdmin(), json::object{{"amountCents", "100"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "anthropic_spend_limits_admin_api_writes_not_enabled");

  auto audit = Call("GET", "/api/v1/audit?limit=100", SuperAdmin()).body;
  EXPECT_NE(audit.find("organization.rate_limits_set"), std::string::npos);
  EXPECT_NE(audit.find("organization.spend_limit_set"), std::string::npos);
}

// ---- Usage and cost

namespace {

std::int64_t TodayNumber() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() /
         86'400;
}

std::string Day(std::int64_t day_number) {
  std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day_number))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

struct Expected {
  std::int64_t output_tokens = 0;
  domain::Decimal cost;
};

}  // namespace

TEST_P(AnthropicApi, UsageIsAttributedByTheHoldersOfEachDayExportedAndCollectedAllOrNothing) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  const auto key = ActiveKey();
  const std::string workspace = *key.workspace_id;
  auto acme = CreateOrganization("Acme");
  auto globex = CreateOrganization("Globex");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + workspace, SuperAdmin(), json::object{{"organizationId", acme}}).status,
      200);
  auto early = CreateUser("early@acme.example", domain::Role::kUser, acme);
  auto late = CreateUser("late@acme.example", domain::Role::kUser, acme);
  CreateUser("admin@acme.example", domain::Role::kAdmin, acme);
  CreateUser("admin@globex.example", domain::Role::kAdmin, globex);
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + early, SuperAdmin(), json::object{{"apiKeyId", key.id}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + early, SuperAdmin(), json::object{{"apiKeyId", nullptr}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + late, SuperAdmin(), json::object{{"apiKeyId", key.id}}).status, 200);

  // The key changed hands mid-month: `early` held it until noon of the day ten days ago, `late`
  // since then; the workspace has belonged to Acme all along. (History moved back in time.)
  const std::int64_t today = TodayNumber();
  const std::int64_t split_ms = (today - 10) * 86'400'000 + 12 * 3'600'000;
  auto store = storage::SqlStoreOf(portal->Store());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->WithConnection([&](storage::Conn& conn) -> Status {
    long long split = split_ms;
    std::string k = key.id, e = early, l = late, w = workspace;
    conn.sql() << "UPDATE key_holder_history SET from_ms = 0, to_ms = :split WHERE api_key_id = :k AND user_id = :e",
        soci::use(split, "split"), soci::use(k, "k"), soci::use(e, "e");
    conn.sql() << "UPDATE key_holder_history SET from_ms = :split WHERE api_key_id = :k AND user_id = :l",
        soci::use(split, "split"), soci::use(k, "k"), soci::use(l, "l");
    conn.sql() << "UPDATE workspace_link_history SET from_ms = 0 WHERE workspace_id = :w", soci::use(w, "w");
    return {};
  }));

  auto collect = [&]() -> json::value {
    auto started = Call("POST", "/api/v1/usage/collect", SuperAdmin());
    EXPECT_EQ(started.status, 202) << started.body;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < deadline;) {
      auto run = Call("GET", "/api/v1/usage/runs/latest", SuperAdmin());
      if (run.status == 200 && run.Json().is_object() && run.Json().at("status") != "running") return run.Json();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the collection did not finish";
    return nullptr;
  };
  auto first = collect();
  ASSERT_EQ(first.at("status"), "succeeded") << json::serialize(first);
  EXPECT_EQ(first.at("source"), "analytics");
  EXPECT_EQ(first.at("daysTotal").as_int64(), 90);
  EXPECT_EQ(Str(first.at("from")), Day(today - 89));

  // What the emulator served, summed here without the portal.
  const std::int64_t from = today - 29;
  std::map<std::string, Expected> by_user, by_org;
  Expected key_total;
  for (std::int64_t d = from; d <= today; ++d) {
    for (const auto& u : emu->DailyUsage(d * 86'400)) {
      auto cost = *domain::Decimal::Parse(u.cost_cents);
      if (u.workspace_id == workspace) {
        by_org[acme].output_tokens += u.output_tokens;
        by_org[acme].cost += cost;
      }
      if (u.api_key_id != key.id) continue;
      auto& holder = d < today - 10 ? by_user[early] : by_user[late];
      holder.output_tokens += u.output_tokens;
      holder.cost += cost;
      key_total.output_tokens += u.output_tokens;
      key_total.cost += cost;
    }
  }
  ASSERT_GT(by_user[early].output_tokens, 0);
  ASSERT_GT(by_user[late].output_tokens, 0);
  const std::string range = "from=" + Day(from) + "&to=" + Day(today);
  auto by = [&](const std::string& group, const std::string& token, const std::string& extra = "") {
    auto r = Call("GET", "/api/v1/usage?" + range + "&groupBy=" + group + extra, token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json::value> out;
    const auto body = r.Json();
    for (const auto& g : body.at("groups").as_array()) {
      out[g.at("key").is_null() ? "" : Str(g.at("key"))] = g.at("totals");
    }
    return out;
  };
  auto users = by("user", SuperAdmin(), "&organizationId=" + acme);
  for (const auto& who : {early, late}) {
    ASSERT_TRUE(users.contains(who)) << who;
    EXPECT_EQ(users[who].at("outputTokens").as_int64(), by_user[who].output_tokens) << who;
    EXPECT_EQ(Str(users[who].at("costCents")), by_user[who].cost.ToString()) << who;
  }
  auto orgs = by("organization", SuperAdmin());
  ASSERT_TRUE(orgs.contains(acme));
  EXPECT_EQ(orgs[acme].at("outputTokens").as_int64(), by_org[acme].output_tokens);
  EXPECT_EQ(Str(orgs[acme].at("costCents")), by_org[acme].cost.ToString());
  auto keys = by("apiKey", SuperAdmin(), "&organizationId=" + acme);
  EXPECT_EQ(keys[key.id].at("outputTokens").as_int64(), key_total.output_tokens);
  EXPECT_EQ(Str(keys[key.id].at("costCents")), key_total.cost.ToString());

  // Each role sees what it may.
  auto acme_admin = LoginCli("admin@acme.example").access;
  auto admin_orgs = by("organization", acme_admin);
  EXPECT_EQ(admin_orgs.size(), 1u);
  EXPECT_TRUE(admin_orgs.contains(acme));
  EXPECT_EQ(
      Call("GET", "/api/v1/usage?" + range + "&organizationId=" + acme, LoginCli("admin@globex.example").access).status,
      404);
  auto own = by("user", LoginCli("late@acme.example").access);
  EXPECT_EQ(own.size(), 1u);
  EXPECT_EQ(own[late].at("outputTokens").as_int64(), by_user[late].output_tokens);
  EXPECT_EQ(Call("POST", "/api/v1/usage/collect", LoginCli("late@acme.example").access).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/usage?from=2026-13-01", SuperAdmin()).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/usage?groupBy=planet", SuperAdmin()).status, 400);

  // CSV: the same numbers, the group lines adding up to the total line.
  auto csv = client->Send("GET", "/api/v1/usage?" + range + "&groupBy=user&organizationId=" + acme + "&format=csv", "",
                          {Bearer(SuperAdmin())});
  ASSERT_EQ(csv.status, 200);
  auto content_type = csv.headers.find("content-type");
  ASSERT_NE(content_type, csv.headers.end());
  EXPECT_NE(content_type->second.find("text/csv"), std::string::npos);
  std::istringstream lines(csv.body);
  std::string line;
  domain::Decimal line_sum;
  std::string total_line;
  std::getline(lines, line);  // header (after the BOM)
  EXPECT_NE(line.find("day,group,label"), std::string::npos);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto cost = line.substr(line.rfind(',') + 1);
    if (line.starts_with("total,")) {
      total_line = cost;
    } else {
      line_sum += *domain::Decimal::Parse(cost);
    }
  }
  EXPECT_EQ(line_sum.ToString(), total_line);
  EXPECT_EQ(total_line, by_org[acme].cost.ToString());  // the held key's and the workspace's other keys'

  // Collecting again changes nothing.
  auto before = Call("GET", "/api/v1/usage?" + range + "&groupBy=apiKey", SuperAdmin()).Json().at("groups");
  ASSERT_EQ(collect().at("status"), "succeeded");
  EXPECT_EQ(Call("GET", "/api/v1/usage?" + range + "&groupBy=apiKey", SuperAdmin()).Json().at("groups"), before);

  // A failure halfway through (the usage is read, the cost request and its retries fail) stores
  // nothing. (Later runs fetch from two days before the latest day: one request for each.)
  ASSERT_TRUE(emu->QueueFaults({"ok", "500", "500", "500"}));
  auto failed = collect();
  EXPECT_EQ(failed.at("status"), "failed") << json::serialize(failed);
  EXPECT_NE(Str(failed.at("error")).find("anthropic"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/usage?" + range + "&groupBy=apiKey", SuperAdmin()).Json().at("groups"), before);
}

// Every grouping and filter of /usage against sums of what the emulator served; CSV by Accept;
// and a successful sync starts a collection when usage_after_sync is on.
TEST_P(AnthropicApi, UsageGroupsAndFiltersAgreeWithWhatAnthropicServed) {
  Restart([](app::Config& config) { config.usage_after_sync = true; });
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  json::value run;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       std::chrono::steady_clock::now() < deadline;) {
    auto latest = Call("GET", "/api/v1/usage/runs/latest", SuperAdmin());
    if (latest.status == 200 && latest.Json().is_object() && latest.Json().at("status") != "running") {
      run = latest.Json();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(run.is_object()) << "no collection followed the sync";
  EXPECT_EQ(run.at("trigger"), "sync");
  ASSERT_EQ(run.at("status"), "succeeded") << json::serialize(run);

  const std::int64_t today = TodayNumber();
  const std::int64_t from = today - 13;
  const std::string range = "from=" + Day(from) + "&to=" + Day(today);
  std::set<std::string> listed;
  for (const auto& w : Workspaces("&includeArchived=true")) listed.insert(Str(w.at("id")));
  const auto key = ActiveKey();
  const std::string workspace = *key.workspace_id;
  std::map<std::string, Expected> by_workspace, by_model, key_by_model, workspace_by_key, model_by_workspace;
  std::string model;
  for (std::int64_t d = from; d <= today; ++d) {
    for (const auto& u : emu->DailyUsage(d * 86'400)) {
      if (model.empty()) model = u.model;
      auto cost = *domain::Decimal::Parse(u.cost_cents);
      auto add = [&](Expected& e) {
        e.output_tokens += u.output_tokens;
        e.cost += cost;
      };
      add(by_workspace[listed.contains(u.workspace_id) ? u.workspace_id : ""]);
      add(by_model[u.model]);
      if (u.api_key_id == key.id) add(key_by_model[u.model]);
      if (u.workspace_id == workspace) add(workspace_by_key[u.api_key_id]);
      if (u.model == model) add(model_by_workspace[listed.contains(u.workspace_id) ? u.workspace_id : ""]);
    }
  }
  ASSERT_FALSE(model.empty());
  auto groups = [&](const std::string& query) {
    auto r = Call("GET", "/api/v1/usage?" + range + query, SuperAdmin());
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    std::map<std::string, Expected> out;
    const auto body = r.Json();
    for (const auto& g : body.at("groups").as_array()) {
      auto& e = out[g.at("key").is_null() ? "" : Str(g.at("key"))];
      e.output_tokens = g.at("totals").at("outputTokens").as_int64();
      e.cost = *domain::Decimal::Parse(Str(g.at("totals").at("costCents")));
    }
    return out;
  };
  auto same = [](const std::map<std::string, Expected>& got, const std::map<std::string, Expected>& want,
                 const std::string& what) {
    EXPECT_EQ(got.size(), want.size()) << what;
    for (const auto& [k, e] : want) {
      auto it = got.find(k);
      ASSERT_NE(it, got.end()) << what << ": no group " << k;
      EXPECT_EQ(it->second.output_tokens, e.output_tokens) << what << " " << k;
      EXPECT_EQ(it->second.cost.ToString(), e.cost.ToString()) << what << " " << k;
    }
  };
  same(groups("&groupBy=workspace"), by_workspace, "by workspace");
  same(groups("&groupBy=model"), by_model, "by model");
  same(groups("&groupBy=model&apiKeyId=" + key.id), key_by_model, "one key by model");
  same(groups("&groupBy=apiKey&workspaceId=" + workspace), workspace_by_key, "one workspace by key");
  same(groups("&groupBy=workspace&model=" + model), model_by_workspace, "one model by workspace");

  // A user's filter: the usage of the key while they held it (here: the whole range).
  auto acme = CreateOrganization("Acme");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + workspace, SuperAdmin(), json::object{{"organizationId", acme}}).status,
      200);
  auto holder = CreateUser("holder@acme.example", domain::Role::kUser, acme);
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}}).status, 200);
  ASSERT_EQ(Call("PATCH", "/api/v1/users/" + holder, SuperAdmin(), json::object{{"apiKeyId", key.id}}).status, 200);
  auto store = storage::SqlStoreOf(portal->Store());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->WithConnection([&](storage::Conn& conn) -> Status {
    std::string k = key.id;
    conn.sql() << "UPDATE key_holder_history SET from_ms = 0 WHERE api_key_id = :k", soci::use(k, "k");
    return {};
  }));
  Expected key_total;
  for (const auto& [m, e] : key_by_model) {
    key_total.output_tokens += e.output_tokens;
    key_total.cost += e.cost;
  }
  same(groups("&groupBy=user&userId=" + holder), {{holder, key_total}}, "one user");

  // CSV asked for by its media type.
  auto csv =
      client->Send("GET", "/api/v1/usage?" + range + "&groupBy=model", "", {Bearer(SuperAdmin()), "Accept: text/csv"});
  ASSERT_EQ(csv.status, 200);
  auto csv_type = csv.headers.find("content-type");
  ASSERT_NE(csv_type, csv.headers.end());
  EXPECT_NE(csv_type->second.find("text/csv"), std::string::npos);
  domain::Decimal all;
  for (const auto& [m, e] : by_model) all += e.cost;
  EXPECT_NE(csv.body.find("total,"), std::string::npos);
  EXPECT_EQ(csv.body.substr(csv.body.rfind(',') + 1, all.ToString().size()), all.ToString()) << csv.body;

  // Anthropic revises the last two days: the next collection replaces them (each bucket once),
  // reading them a day (one bucket) per page.
  ASSERT_EQ(
      Upstream("POST", "/_emulator/settings", json::object{{"usage_revision", 7}, {"analytics_page_limit", 1}}).status,
      200);
  std::map<std::string, Expected> revised;
  for (std::int64_t d = from; d <= today; ++d) {
    for (const auto& u : emu->DailyUsage(d * 86'400)) {
      revised[u.model].output_tokens += u.output_tokens;
      revised[u.model].cost += *domain::Decimal::Parse(u.cost_cents);
    }
  }
  ASSERT_NE(revised[model].output_tokens, by_model[model].output_tokens) << "the revision changed the numbers";
  ASSERT_EQ(Call("POST", "/api/v1/usage/collect", SuperAdmin()).status, 202);
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       std::chrono::steady_clock::now() < deadline;) {
    auto latest = Call("GET", "/api/v1/usage/runs/latest", SuperAdmin()).Json();
    if (latest.is_object() && latest.at("status") != "running" && latest.at("trigger") == "manual") {
      ASSERT_EQ(latest.at("status"), "succeeded") << json::serialize(latest);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  same(groups("&groupBy=model"), revised, "after the revision");
}

TEST_P(AnthropicApi, WithoutAnalyticsUsageComesFromTheClassicReportsAndCostPerWorkspace) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  ASSERT_EQ(Upstream("POST", "/_emulator/settings", json::object{{"analytics_enabled", false}}).status, 200);
  const auto key = ActiveKey();
  auto acme = CreateOrganization("Acme");
  ASSERT_EQ(
      Call("PATCH", "/api/v1/workspaces/" + *key.workspace_id, SuperAdmin(), json::object{{"organizationId", acme}})
          .status,
      200);
  ASSERT_EQ(Call("POST", "/api/v1/usage/collect", SuperAdmin()).status, 202);
  json::value run;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       std::chrono::steady_clock::now() < deadline;) {
    run = Call("GET", "/api/v1/usage/runs/latest", SuperAdmin()).Json();
    if (run.is_object() && run.at("status") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(run.at("status"), "succeeded") << json::serialize(run);
  EXPECT_EQ(run.at("source"), "reports");

  const std::int64_t today = TodayNumber();
  const std::string range = "from=" + Day(today - 6) + "&to=" + Day(today);
  // Tokens per key as the emulator served them; cost per workspace from its cost report.
  std::int64_t output = 0;
  for (std::int64_t d = today - 6; d <= today; ++d) {
    for (const auto& u : emu->DailyUsage(d * 86'400)) {
      if (u.api_key_id == key.id) output += u.output_tokens;
    }
  }
  auto keys = Call("GET", "/api/v1/usage?" + range + "&groupBy=apiKey", SuperAdmin()).Json();
  bool found = false;
  for (const auto& g : keys.at("groups").as_array()) {
    if (!g.at("key").is_null() && Str(g.at("key")) == key.id) {
      found = true;
      EXPECT_EQ(g.at("totals").at("outputTokens").as_int64(), output);
      EXPECT_EQ(g.at("totals").at("costCents"), "0");  // the cost report prices per workspace, not per key
    }
  }
  EXPECT_TRUE(found);
  // The workspace joined Acme today: only today's cost is Acme's.
  auto report =
      Upstream("GET",
               "/v1/organizations/cost_report?starting_at=" + Day(today) + "T00:00:00Z&ending_at=" + Day(today + 1) +
                   "T00:00:00Z&group_by[]=workspace_id&group_by[]=description&limit=31",
               nullptr);
  ASSERT_EQ(report.status, 200) << report.body;
  domain::Decimal expected;
  const auto buckets = report.Json();
  for (const auto& bucket : buckets.at("data").as_array()) {
    for (const auto& line : bucket.at("results").as_array()) {
      if (!line.at("workspace_id").is_null() && Str(line.at("workspace_id")) == *key.workspace_id) {
        expected += *domain::Decimal::Parse(Str(line.at("amount")));
      }
    }
  }
  auto orgs =
      Call("GET",
           "/api/v1/usage?from=" + Day(today) + "&to=" + Day(today) + "&groupBy=organization&organizationId=" + acme,
           SuperAdmin())
          .Json();
  ASSERT_EQ(orgs.at("groups").as_array().size(), 1u);
  EXPECT_EQ(Str(orgs.at("groups").at(0).at("totals").at("costCents")), expected.ToString());
}

TEST_P(AnthropicApi, WorkspacesCreateRenameArchiveCascadeAndKeysRenameDeactivate) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  auto acme = CreateOrganization("Acme");
  EXPECT_EQ(Call("POST", "/api/v1/workspaces", SuperAdmin(),
                 json::object{{"name", std::string(41, 'x')}, {"organizationId", acme}})
                .status,
            400);
  auto created =
      Call("POST", "/api/v1/workspaces", SuperAdmin(), json::object{{"name", "Acme dev"}, {"organizationId", acme}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = Str(created.Json().at("id"));
  EXPECT_EQ(Str(created.Json().at("organizationId")), acme);
  auto renamed = Call("PATCH", "/api/v1/workspaces/" + id, SuperAdmin(), json::object{{"name", "Acme prod"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name"), "Acme prod");
  EXPECT_EQ(Workspaces("&organizationId=" + acme).size(), 1u);

  // Archive a synced workspace that holds keys: its keys become archived too.
  auto key = ActiveKey();
  auto archived = Call("POST", "/api/v1/workspaces/" + *key.workspace_id + "/archive", SuperAdmin());
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_FALSE(archived.Json().at("archivedAt").is_null());
  for (const auto& k : Keys("&workspaceId=" + *key.workspace_id)) EXPECT_EQ(k.at("status"), "archived");
  bool listed = false;
  for (const auto& w : Workspaces()) listed = listed || Str(w.at("id")) == *key.workspace_id;
  EXPECT_FALSE(listed);
  EXPECT_EQ(Sync().at("status"), "succeeded");  // and Anthropic agrees
  for (const auto& k : Keys("&workspaceId=" + *key.workspace_id)) EXPECT_EQ(k.at("status"), "archived");

  auto other = ActiveKey(0);
  for (const auto& k : emu->Keys()) {
    if (k.status == "active" && k.workspace_id != key.workspace_id) other = k;
  }
  auto patched = Call("PATCH", "/api/v1/api-keys/" + other.id, SuperAdmin(),
                      json::object{{"name", "CI key"}, {"status", "inactive"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json().at("name"), "CI key");
  EXPECT_EQ(patched.Json().at("status"), "inactive");
  EXPECT_EQ(Call("PATCH", "/api/v1/api-keys/" + other.id, SuperAdmin(), json::object{{"status", "archived"}}).status,
            400);
  ASSERT_EQ(Sync().at("status"), "succeeded");
  for (const auto& k : Keys()) {
    if (Str(k.at("id")) == other.id) {
      EXPECT_EQ(k.at("status"), "inactive");
    }
  }
}

TEST_P(AnthropicApi, WrongMasterKeySealsTheVaultWithoutOverwriting) {
  Connect();
  auto key = ActiveKey();
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}}).status, 200);
  auto user_id = CreateUser("holder@example.com", domain::Role::kUser, CreateOrganization("Acme"));
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(user_id);
    if (!user) return Fail(user.error());
    user->api_key_id = key.id;
    return tx.Users().Update(*user);
  }));
  auto sealed_before = [&] {
    std::string out;
    EXPECT_TRUE(portal->Store().Read([&](domain::Tx& tx) -> Status {
      out = tx.Settings().Get(domain::kAdminKeySetting)->value_or("") + "|" +
            tx.ApiKeys().FindById(key.id)->secret_sealed.value_or("");
      return {};
    }));
    return out;
  };
  const auto stored = sealed_before();

  // Wrong key: the portal starts, reports sealed, refuses secret work, overwrites nothing.
  const auto key_file = portal->GetConfig().master_key_file;
  ASSERT_TRUE(security::WriteMasterKeyFile(key_file, security::NewMasterKey()));
  Restart();
  EXPECT_TRUE(portal->Vault().Sealed());
  super_token.clear();
  auto settings = Call("GET", "/api/v1/settings/anthropic", LoginCli("root@example.com").access);
  EXPECT_EQ(settings.status, 503) << settings.body;
  EXPECT_EQ(settings.ErrorCode(), "vault_sealed");
  auto reveal = client->Get("/api/v1/me/api-key", {Bearer(LoginCli("holder@example.com").access)});
  EXPECT_EQ(reveal.status, 503) << reveal.body;
  auto put = Call("PUT", "/api/v1/settings/anthropic", LoginCli("root@example.com").access,
                  json::object{{"adminKey", kAdminKey}});
  EXPECT_EQ(put.status, 503);
  EXPECT_EQ(sealed_before(), stored);
  EXPECT_EQ(client->Get("/healthz").status, 200);
}

TEST_P(AnthropicApi, VaultRotateReSealsEverySecret) {
  Connect();
  auto key = ActiveKey();
  ASSERT_EQ(Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}}).status, 200);
  auto user_id = CreateUser("holder@example.com", domain::Role::kUser, CreateOrganization("Acme"));
  ASSERT_TRUE(portal->Store().Write([&](domain::Tx& tx) -> Status {
    auto user = tx.Users().FindById(user_id);
    if (!user) return Fail(user.error());
    user->api_key_id = key.id;
    return tx.Users().Update(*user);
  }));
  const auto config = portal->GetConfig();
  std::ifstream old_file(config.master_key_file);
  std::string old_text((std::istreambuf_iterator<char>(old_file)), {});
  SystemClock clock;
  auto rotated = app::RotateVault(config, portal->Store(), clock);
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_EQ(rotated->api_keys_resealed, 1);
  EXPECT_EQ(rotated->settings_resealed, 2);
  std::ifstream new_file(config.master_key_file);
  std::string new_text((std::istreambuf_iterator<char>(new_file)), {});
  EXPECT_NE(old_text, new_text);
  EXPECT_FALSE(std::filesystem::exists(config.master_key_file + ".previous"));
  EXPECT_EQ(std::filesystem::status(config.master_key_file).permissions() & std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  Restart();
  EXPECT_FALSE(portal->Vault().Sealed());
  super_token.clear();
  EXPECT_EQ(Call("GET", "/api/v1/settings/anthropic", SuperAdmin()).status, 200);
  auto reveal = client->Get("/api/v1/me/api-key", {Bearer(LoginCli("holder@example.com").access)});
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_EQ(Str(reveal.Json().at("value")), key.value);
}

TEST_P(AnthropicApi, NoPlaintextSecretInResponsesLogsOrDatabase) {
  Connect();
  ASSERT_EQ(Sync().at("status"), "succeeded");
  std::vector<std::string> values;
  for (int i = 0; i < 3; ++i) {
    auto key = ActiveKey(i);
    auto r = Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", key.value}});
    if (r.status == 200) values.push_back(key.value);
  }
  ASSERT_FALSE(values.empty());
  values.push_back(kAdminKey);
  // Every endpoint of this side once more.
  Call("GET", "/api/v1/settings/anthropic", SuperAdmin());
  Call("GET", "/api/v1/api-keys", SuperAdmin());
  Call("GET", "/api/v1/api-keys?q=sk-ant", SuperAdmin());
  Call("GET", "/api/v1/workspaces?includeArchived=true", SuperAdmin());
  Call("GET", "/api/v1/sync/runs/latest", SuperAdmin());
  Call("POST", "/api/v1/api-keys/register", SuperAdmin(), json::object{{"value", values[0]}});
  Call("GET", "/api/v1/audit?limit=500", SuperAdmin());
  for (const auto& k : Keys()) Call("GET", "/api/v1/api-keys/" + Str(k.at("id")), SuperAdmin());
  portal->Sync().WaitIdle();

  std::ifstream log_in(log_file);
  std::string log_text((std::istreambuf_iterator<char>(log_in)), {});
  std::string db_text;
  if (GetParam() == storage::Backend::kSqlite) {
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream db_in(database->Url().substr(std::string("sqlite:").size()) + suffix, std::ios::binary);
      db_text += std::string((std::istreambuf_iterator<char>(db_in)), {});
    }
    EXPECT_FALSE(db_text.empty());
  } else {
    // Every text column of the tables this side writes.
    ASSERT_TRUE(portal->Store().Read([&](domain::Tx& tx) -> Status {
      auto keys = tx.ApiKeys().ListWithSecrets();
      if (!keys) return Fail(keys.error());
      for (const auto& k : *keys) db_text += *k.secret_sealed + k.name;
      db_text += tx.Settings().Get(domain::kAdminKeySetting)->value_or("");
      auto events = tx.Audit().List({.page = {.limit = 500}});
      if (!events) return Fail(events.error());
      for (const auto& e : events->items) db_text += e.details_json;
      return {};
    }));
  }
  for (const auto& value : values) {
    EXPECT_EQ(bodies.find(value), std::string::npos);
    EXPECT_EQ(log_text.find(value), std::string::npos);
    EXPECT_EQ(db_text.find(value), std::string::npos);
  }
}

}  // namespace
}  // namespace portal::testing
