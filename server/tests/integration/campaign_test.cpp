// Reliability campaigns against real processes (docs/reliability.md), on SQLite and PostgreSQL:
//   CrashCampaign: `kill -9` at a random moment of a stream of mixed writes (key secrets
//     registered, users holding keys, organizations, prompts and their versions, syncs); after each restart the
//     database passes its integrity check and every write the portal acknowledged is there.
//   FaultCampaign: syncs against an Anthropic that fails 30 % of its requests (429, 500, 529,
//     resets, truncated bodies, timeouts) while its data changes between syncs; each run is
//     complete (the portal holds Anthropic's data) or changes nothing (it holds what it held), and
//     its status says which.
// `make test` runs a few rounds; bench/reliability-campaigns.sh runs 100 (PORTAL_CAMPAIGN_ROUNDS).
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "storage/store.hpp"
#include "storage/testing.hpp"
#include "support/http_client.hpp"
#include "support/portal_process.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
using storage::Backend;

constexpr const char* kAdminKey = "sk-ant-admin01-campaign";
const std::string kOkFault = "x-emulator-fault: ok";  // the campaign's own calls are never faulted
const std::string kAdminHeader = std::string("x-api-key: ") + kAdminKey;
const std::string kVersionHeader = "anthropic-version: 2023-06-01";

int Rounds(int fallback) {
  const char* text = std::getenv("PORTAL_CAMPAIGN_ROUNDS");
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

std::uint32_t Seed() {
  const char* text = std::getenv("PORTAL_CAMPAIGN_SEED");
  return text != nullptr ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : std::random_device{}();
}

std::string Field(const json::value& value, std::string_view name) {
  const auto* object = value.if_object();
  const auto* field = object != nullptr ? object->if_contains(name) : nullptr;
  return field != nullptr && field->is_string() ? std::string(field->as_string()) : std::string();
}

// SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: amcheck over every B-tree index
// (with heapallindexed) and every table of the test's schema. Empty when all is well.
std::string IntegrityProblems(Backend backend, const std::string& url) {
  std::string problems;
  if (backend == Backend::kSqlite) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(storage::SqliteFilePath(url).value().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
      sqlite3_close(db);
      return "cannot open the database";
    }
    for (const char* pragma : {"PRAGMA integrity_check", "PRAGMA foreign_key_check"}) {
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(db, pragma, -1, &st, nullptr);
      while (sqlite3_step(st) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        std::string row = text != nullptr ? text : "";
        if (row != "ok") problems += std::string(pragma) + ": " + row + "\n";
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return problems;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    problems = std::string("cannot connect: ") + PQerrorMessage(conn);
    PQfinish(conn);
    return problems;
  }
  // Rows are problems when `rows_are_problems`; an error always is (amcheck raises one).
  auto exec = [&](const char* sql, bool rows_are_problems) {
    PGresult* result = PQexec(conn, sql);
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      problems += std::string(sql).substr(0, 40) + "…: " + PQresultErrorMessage(result);
    } else if (rows_are_problems) {
      for (int row = 0; row < PQntuples(result); ++row) problems += std::string(PQgetvalue(result, row, 0)) + "\n";
    }
    PQclear(result);
  };
  // Tests starting together may race to create it; the loser finds it there.
  PQclear(PQexec(conn, "CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public"));
  exec(
      "SELECT public.bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
      "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace",
      false);
  exec(
      "SELECT c.relname || ': ' || v.msg FROM pg_class c CROSS JOIN LATERAL public.verify_heapam(c.oid) v "
      "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace",
      true);
  PQfinish(conn);
  return problems;
}

class Campaign : public PortalProcess, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    PortalProcess::SetUp();
    if (GetParam() == Backend::kPostgres && !storage::TemporaryDatabase::PostgresAvailable()) {
      GTEST_SKIP() << "PORTAL_TEST_DATABASE_URL is not set";
    }
    auto created = storage::TemporaryDatabase::Create(GetParam());
    ASSERT_TRUE(created) << created.error().message;
    database.emplace(std::move(*created));
    seed = Seed();
    random.seed(seed);
    std::cout << "[ campaign ] seed " << seed << " (PORTAL_CAMPAIGN_SEED repeats a run's choices)\n";
  }

  std::string StartEmulator(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"emulator", "--admin-key", kAdminKey, "--listen", "127.0.0.1:0", "--seed", std::to_string(seed)});
    emulator = Spawn(args);
    return WaitListening(*emulator);
  }

  // The portal on the test's database; its data folder (keys) stays across restarts.
  std::string StartPortal(const std::string& emulator_url) {
    portal = Spawn(
        {"serve", "--data-dir", (dir / "data").string(), "--database-url", database->Url(), "--listen", "127.0.0.1:0"},
        {"PORTAL_ANTHROPIC_BASE_URL=" + emulator_url, "PORTAL_SYNC_INTERVAL_MINUTES=0", "PORTAL_USAGE_AFTER_SYNC=false",
         "PORTAL_ANTHROPIC_TIMEOUT_SECONDS=1", "PORTAL_LOG_LEVEL=warn"});
    return WaitListening(*portal);
  }

  std::string Setup(HttpClient& client) {
    json::object setup{{"name", "運用者"},
                       {"email", "owner@campaign.example"},
                       {"password", "correct horse battery"},
                       {"anthropicAdminKey", kAdminKey}};
    auto created = client.Post("/api/v1/setup", json::serialize(setup));
    EXPECT_EQ(created.status, 201) << created.body;
    return Field(created.Json(), "accessToken");
  }

  std::string Login(HttpClient& client) {
    auto login = client.Post("/api/v1/auth/login",
                             R"({"email":"owner@campaign.example","password":"correct horse battery","client":"cli"})");
    EXPECT_EQ(login.status, 200) << login.body;
    return Field(login.Json(), "accessToken");
  }

  // The run's final status ("succeeded" or "failed"), waiting while it runs.
  std::string WaitForRun(HttpClient& client, const std::string& token, const std::string& run_id) {
    for (int i = 0; i < 6000; ++i) {
      auto run = client.Get("/api/v1/sync/runs/" + run_id, {Bearer(token)});
      auto status = Field(run.Json(), "status");
      if (status != "running") return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "running";
  }

  // Every item of a paged portal list.
  std::vector<json::value> ListAll(HttpClient& client, const std::string& token, const std::string& path) {
    std::vector<json::value> items;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      const auto sep = path.find('?') == std::string::npos ? "?" : "&";
      auto answer = client.Get(path + sep + "limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), {Bearer(token)});
      EXPECT_EQ(answer.status, 200) << path << ": " << answer.body;
      if (answer.status != 200) break;
      auto body = answer.Json();
      for (const auto& item : body.at("items").as_array()) items.push_back(item);
      if (!body.at("nextCursor").is_string()) break;
      cursor = std::string(body.at("nextCursor").as_string());
    }
    return items;
  }

  void KillPortal() {
    kill(portal->pid, SIGKILL);
    waitpid(portal->pid, nullptr, 0);
    std::erase(running, portal->pid);
    portal.reset();
  }

  std::optional<storage::TemporaryDatabase> database;
  std::optional<Process> emulator;
  std::optional<Process> portal;
  std::uint32_t seed = 0;
  std::mt19937 random;
};

// What the portal acknowledged (a 2xx answer), to be found after every restart.
struct Ledger {
  std::mutex mutex;
  std::map<std::string, std::pair<std::string, std::string>> users;  // id → email, key id ("" = none)
  std::map<std::string, std::string> organizations;                  // id → name
  std::map<std::string, std::pair<int, std::string>> prompts;        // id → version, its content
  std::vector<std::string> sync_runs;
  std::vector<std::string> registered;                            // keys whose secret was stored
  std::vector<std::pair<std::string, std::string>> unregistered;  // id, value: never sent yet
  std::vector<std::string> free_keys;                             // registered and never offered to a user yet
  int acknowledged = 0;
  int cut_off = 0;  // requests the kill left unanswered (neither acknowledged nor checked)

  template <typename T>
  static std::optional<T> Take(std::vector<T>& pool, std::mutex& mutex) {
    std::lock_guard lock(mutex);
    if (pool.empty()) return std::nullopt;
    auto item = std::move(pool.back());
    pool.pop_back();
    return item;
  }
};

// One writer: a stream of mixed writes until the portal stops answering.
void WriteUntilGone(const std::string& base_url, const std::string& token, const std::string& organization_id,
                    int writer, int round, std::uint32_t seed, Ledger& ledger) {
  HttpClient client(base_url);
  std::mt19937 random(seed);
  std::vector<std::string> own_prompts;
  for (int n = 0;; ++n) {
    const std::string tag = std::to_string(round) + "-" + std::to_string(writer) + "-" + std::to_string(n);
    const auto op = random() % 12;
    HttpResult answer;
    if (op < 2) {
      auto key = Ledger::Take(ledger.unregistered, ledger.mutex);
      if (!key) continue;
      answer = client.Post("/api/v1/api-keys/register", json::serialize(json::object{{"value", key->second}}),
                           {Bearer(token)});
      if (answer.status == 200) {
        std::lock_guard lock(ledger.mutex);
        ledger.registered.push_back(key->first);
        ledger.free_keys.push_back(key->first);
      }
    } else if (op < 5) {
      auto key = Ledger::Take(ledger.free_keys, ledger.mutex);
      json::object body{{"name", "利用者 " + tag},
                        {"email", "user-" + tag + "@campaign.example"},
                        {"role", "User"},
                        {"organizationId", organization_id}};
      if (key) body["apiKeyId"] = *key;
      answer = client.Post("/api/v1/users", json::serialize(body), {Bearer(token)});
      if (answer.status == 201) {
        std::lock_guard lock(ledger.mutex);
        ledger.users[Field(answer.Json().at("user"), "id")] = {"user-" + tag + "@campaign.example", key.value_or("")};
      }
    } else if (op < 7) {
      const std::string content = "プロンプト " + tag + " {{topic}}";
      answer = client.Post("/api/v1/prompts",
                           json::serialize(json::object{{"title", "題 " + tag},
                                                        {"content", content},
                                                        {"visibility", "organization"},
                                                        {"organizationId", organization_id}}),
                           {Bearer(token)});
      if (answer.status == 201) {
        own_prompts.push_back(Field(answer.Json(), "id"));
        std::lock_guard lock(ledger.mutex);
        ledger.prompts[own_prompts.back()] = {1, content};
      }
    } else if (op < 10 && !own_prompts.empty()) {
      const auto& id = own_prompts[random() % own_prompts.size()];
      const std::string content = "改訂 " + tag + " {{topic}}";
      answer = client.Send("PATCH", "/api/v1/prompts/" + id, json::serialize(json::object{{"content", content}}),
                           {Bearer(token)});
      if (answer.status == 200) {
        std::lock_guard lock(ledger.mutex);
        ledger.prompts[id] = {static_cast<int>(answer.Json().at("version").as_int64()), content};
      }
    } else if (op < 11) {
      const std::string name = "組織 " + tag;
      answer = client.Post("/api/v1/organizations", json::serialize(json::object{{"name", name}}), {Bearer(token)});
      if (answer.status == 201) {
        std::lock_guard lock(ledger.mutex);
        ledger.organizations[Field(answer.Json(), "id")] = name;
      }
    } else {
      answer = client.Post("/api/v1/sync", "{}", {Bearer(token)});
      if (answer.status == 202) {
        std::lock_guard lock(ledger.mutex);
        ledger.sync_runs.push_back(Field(answer.Json(), "runId"));
      }
    }
    if (answer.status >= 200 && answer.status < 300) {
      std::lock_guard lock(ledger.mutex);
      ++ledger.acknowledged;
    } else {
      ADD_FAILURE() << "unexpected answer " << answer.status << ": " << answer.body;
      return;
    }
  }
}

// A request the portal never answered (it was killed) ends the stream; it is not acknowledged.
void Write(const std::string& base_url, const std::string& token, const std::string& organization_id, int writer,
           int round, std::uint32_t seed, Ledger& ledger) {
  try {
    WriteUntilGone(base_url, token, organization_id, writer, round, seed, ledger);
  } catch (const std::runtime_error&) {
    std::lock_guard lock(ledger.mutex);
    ++ledger.cut_off;
  }
}

TEST_P(Campaign, KillNineDuringMixedWritesLosesNothingAcknowledged) {
  const int rounds = Rounds(4);
  const auto dump = (dir / "keys.json").string();
  const auto emulator_url = StartEmulator({"--keys", "1500", "--workspaces", "4", "--users", "3", "--dump-keys", dump});
  HttpClient client(StartPortal(emulator_url));
  std::string token = Setup(client);
  ASSERT_FALSE(token.empty());
  auto first = client.Get("/api/v1/sync/runs/latest", {Bearer(token)});
  ASSERT_EQ(WaitForRun(client, token, Field(first.Json(), "id")), "succeeded");

  // One customer organization owns every workspace, so that its users may hold any key.
  auto organization = client.Post("/api/v1/organizations", R"({"name":"クラッシュ試験株式会社"})", {Bearer(token)});
  ASSERT_EQ(organization.status, 201) << organization.body;
  const std::string organization_id = Field(organization.Json(), "id");
  for (const auto& workspace : ListAll(client, token, "/api/v1/workspaces")) {
    auto linked = client.Send("PATCH", "/api/v1/workspaces/" + Field(workspace, "id"),
                              json::serialize(json::object{{"organizationId", organization_id}}), {Bearer(token)});
    ASSERT_EQ(linked.status, 200) << linked.body;
  }
  Ledger ledger;
  std::set<std::string> assignable;  // active, in a workspace (so in the organization)
  for (const auto& key : ListAll(client, token, "/api/v1/api-keys?status=active")) {
    if (!Field(key, "workspaceId").empty()) assignable.insert(Field(key, "id"));
  }
  std::ifstream dumped(dump);
  std::stringstream dumped_text;
  dumped_text << dumped.rdbuf();
  const json::value dumped_keys = json::parse(dumped_text.str());
  for (const auto& key : dumped_keys.as_array()) {
    if (assignable.contains(Field(key, "id"))) ledger.unregistered.emplace_back(Field(key, "id"), Field(key, "value"));
  }
  ASSERT_GT(ledger.unregistered.size(), 100u);

  int checked_rounds = 0;
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::thread> writers;
    writers.reserve(3);
    for (int w = 0; w < 3; ++w) {
      writers.emplace_back(Write, client.BaseUrl(), token, organization_id, w, round,
                           static_cast<std::uint32_t>(random()), std::ref(ledger));
    }
    // The random moment: somewhere in the first half second of writing.
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + random() % 480));
    KillPortal();
    for (auto& writer : writers) writer.join();

    const auto problems = IntegrityProblems(GetParam(), database->Url());
    ASSERT_EQ(problems, "") << "round " << round;
    client = HttpClient(StartPortal(emulator_url));
    token = Login(client);
    ASSERT_FALSE(token.empty()) << "round " << round;

    std::lock_guard lock(ledger.mutex);
    for (const auto& [id, expected] : ledger.users) {
      auto user = client.Get("/api/v1/users/" + id, {Bearer(token)});
      ASSERT_EQ(user.status, 200) << "round " << round << ": acknowledged user " << id << " is gone";
      auto body = user.Json();
      EXPECT_EQ(Field(body, "email"), expected.first);
      const auto& key = body.at("apiKey");
      EXPECT_EQ(key.is_object() ? Field(key, "id") : std::string(), expected.second) << "user " << id;
    }
    for (const auto& [id, name] : ledger.organizations) {
      auto found = client.Get("/api/v1/organizations/" + id, {Bearer(token)});
      ASSERT_EQ(found.status, 200) << "round " << round << ": acknowledged organization " << id << " is gone";
      EXPECT_EQ(Field(found.Json(), "name"), name);
    }
    for (const auto& [id, expected] : ledger.prompts) {
      auto versions = client.Get("/api/v1/prompts/" + id + "/versions?limit=500", {Bearer(token)});
      ASSERT_EQ(versions.status, 200) << "round " << round << ": acknowledged prompt " << id << " is gone";
      bool found = false;
      const auto listed = versions.Json();
      for (const auto& version : listed.at("items").as_array()) {
        if (version.at("number").as_int64() == expected.first) {
          found = true;
          EXPECT_EQ(Field(version, "content"), expected.second);
        }
      }
      EXPECT_TRUE(found) << "round " << round << ": acknowledged version " << expected.first << " of " << id;
    }
    for (const auto& id : ledger.registered) {
      auto key = client.Get("/api/v1/api-keys/" + id, {Bearer(token)});
      ASSERT_EQ(key.status, 200) << key.body;
      EXPECT_TRUE(key.Json().at("secretRegistered").as_bool())
          << "round " << round << ": the secret of " << id << " was registered and acknowledged";
    }
    for (const auto& id : ledger.sync_runs) {
      auto run = client.Get("/api/v1/sync/runs/" + id, {Bearer(token)});
      ASSERT_EQ(run.status, 200) << "round " << round << ": acknowledged sync run " << id << " is gone";
      EXPECT_NE(Field(run.Json(), "status"), "running") << "a run cut off by the kill still says running";
    }
    if (HasFailure()) break;
    ++checked_rounds;
  }
  std::cout << "[ measured ] " << (GetParam() == Backend::kSqlite ? "SQLite" : "PostgreSQL") << ": " << checked_rounds
            << " kill -9 rounds, " << ledger.acknowledged << " acknowledged writes (" << ledger.registered.size()
            << " key secrets, " << ledger.users.size() << " users, " << ledger.organizations.size()
            << " organizations, " << ledger.prompts.size() << " prompts, " << ledger.sync_runs.size()
            << " syncs), all present; " << ledger.cut_off << " cut off by the kill; integrity checks passed\n";
}

// Anthropic's data as the emulator holds it: key id → "name|status", workspace id → name.
struct Upstream {
  std::map<std::string, std::string> keys;
  std::map<std::string, std::string> workspaces;
  bool operator==(const Upstream&) const = default;
};

Upstream ReadEmulator(HttpClient& anthropic) {
  Upstream upstream;
  std::string after;
  for (int page = 0; page < 100; ++page) {
    auto answer = anthropic.Get("/v1/organizations/api_keys?limit=1000" + (after.empty() ? "" : "&after_id=" + after),
                                {kAdminHeader, kVersionHeader, kOkFault});
    EXPECT_EQ(answer.status, 200) << answer.body;
    if (answer.status != 200) break;
    auto body = answer.Json();
    for (const auto& key : body.at("data").as_array()) {
      upstream.keys[Field(key, "id")] = Field(key, "name") + "|" + Field(key, "status");
    }
    if (!body.at("has_more").as_bool()) break;
    after = Field(body, "last_id");
  }
  auto workspaces = anthropic.Get("/v1/organizations/workspaces?limit=100&include_archived=true",
                                  {kAdminHeader, kVersionHeader, kOkFault});
  const auto listed = workspaces.Json();
  for (const auto& workspace : listed.at("data").as_array()) {
    upstream.workspaces[Field(workspace, "id")] = Field(workspace, "name");
  }
  return upstream;
}

TEST_P(Campaign, SyncsUnderUpstreamFaultsAreCompleteOrChangeNothing) {
  const int rounds = Rounds(4);
  const auto emulator_url =
      StartEmulator({"--keys", "10000", "--workspaces", "4", "--users", "3", "--timeout-fault-seconds", "3"});
  HttpClient anthropic(emulator_url);
  HttpClient client(StartPortal(emulator_url));
  const std::string token = Setup(client);
  ASSERT_FALSE(token.empty());
  auto first = client.Get("/api/v1/sync/runs/latest", {Bearer(token)});
  ASSERT_EQ(WaitForRun(client, token, Field(first.Json(), "id")), "succeeded");
  auto set_faults =
      anthropic.Post("/_emulator/faults", R"({"rate":0.3,"kinds":["429","500","529","timeout","reset","truncated"]})",
                     {kAdminHeader, kOkFault});
  ASSERT_EQ(set_faults.status, 200) << set_faults.body;

  // What the portal holds, in the emulator's terms.
  auto portal_view = [&](const Upstream& shape) {
    Upstream held;
    for (const auto& key : ListAll(client, token, "/api/v1/api-keys")) {
      if (shape.keys.contains(Field(key, "id")))
        held.keys[Field(key, "id")] = Field(key, "name") + "|" + Field(key, "status");
    }
    for (const auto& workspace : ListAll(client, token, "/api/v1/workspaces?includeArchived=true")) {
      if (shape.workspaces.contains(Field(workspace, "id"))) {
        held.workspaces[Field(workspace, "id")] = Field(workspace, "name");
      }
    }
    return held;
  };

  int succeeded = 0, failed = 0, requests_changed = 0;
  for (int round = 0; round < rounds; ++round) {
    // Anthropic's data changes: keys renamed and switched on or off, a workspace renamed.
    Upstream before_change = ReadEmulator(anthropic);
    std::vector<std::string> ids;
    for (const auto& [id, value] : before_change.keys) {
      if (value.ends_with("|active") || value.ends_with("|inactive")) ids.push_back(id);  // archived ones are final
    }
    for (int i = 0; i < 20; ++i) {
      const auto& id = ids[random() % ids.size()];
      json::object change{{"name", "鍵 " + std::to_string(round) + "-" + std::to_string(i)}};
      if (i % 4 == 0) change["status"] = before_change.keys[id].ends_with("|active") ? "inactive" : "active";
      auto changed = anthropic.Post("/v1/organizations/api_keys/" + id, json::serialize(change),
                                    {kAdminHeader, kVersionHeader, kOkFault});
      ASSERT_EQ(changed.status, 200) << changed.body;
      ++requests_changed;
    }
    const auto workspace_id = std::next(before_change.workspaces.begin(), random() % before_change.workspaces.size());
    auto renamed = anthropic.Post("/v1/organizations/workspaces/" + workspace_id->first,
                                  json::serialize(json::object{{"name", "WS " + std::to_string(round)}}),
                                  {kAdminHeader, kVersionHeader, kOkFault});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    const Upstream truth = ReadEmulator(anthropic);
    const Upstream held_before = portal_view(truth);
    ASSERT_NE(held_before, truth) << "round " << round << ": the change did not change anything";

    auto started = client.Post("/api/v1/sync", "{}", {Bearer(token)});
    ASSERT_EQ(started.status, 202) << started.body;
    const auto run_id = Field(started.Json(), "runId");
    const auto status = WaitForRun(client, token, run_id);
    auto run = client.Get("/api/v1/sync/runs/" + run_id, {Bearer(token)}).Json();
    const Upstream held_after = portal_view(truth);
    if (status == "succeeded") {
      ++succeeded;
      EXPECT_EQ(held_after, truth) << "round " << round << ": a run that says it succeeded left the portal behind";
    } else {
      ASSERT_EQ(status, "failed") << "round " << round;
      ++failed;
      EXPECT_EQ(held_after, held_before) << "round " << round << ": a failed run changed the portal";
      EXPECT_FALSE(Field(run, "error").empty()) << "a failed run says why: " << json::serialize(run);
    }
    if (HasFailure()) break;
  }
  std::cout << "[ measured ] " << (GetParam() == Backend::kSqlite ? "SQLite" : "PostgreSQL") << ": "
            << succeeded + failed << " syncs with 30 % of Anthropic's answers faulted: " << succeeded << " complete, "
            << failed << " failed and changed nothing (" << requests_changed << " upstream changes)\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, Campaign, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& test) {
                           return test.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace portal::testing
