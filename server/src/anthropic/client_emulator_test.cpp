// AnthropicAdminClient over real HTTP (libcurl) against the in-process emulator on 127.0.0.1:
// paging, filters, writes, injected faults (X-Emulator-Fault), retries, the breaker and the
// error mapping. Waits between retries are recorded, not slept.

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "anthropic/client.hpp"
#include "emulator/emulator.hpp"

namespace portal::anthropic {
namespace {

using std::chrono::milliseconds;

constexpr char kAdminKey[] = "sk-ant-admin01-EMULATORTESTKEYEMULATORTESTKEYEMULATORTESTKEY0123456789AA";

class RecordingSleeper final : public Sleeper {
 public:
  void SleepFor(milliseconds duration) override { waits.push_back(duration); }
  std::vector<milliseconds> waits;
};

std::unique_ptr<emulator::Emulator> StartEmulator(int api_keys, int workspaces = 3) {
  emulator::EmulatorOptions options;
  options.admin_key = kAdminKey;
  options.api_keys = api_keys;
  options.workspaces = workspaces;
  options.access_log = false;
  auto emu = std::make_unique<emulator::Emulator>(options);
  auto started = emu->Start();
  EXPECT_TRUE(started) << (started ? "" : started.error().detail);
  return emu;
}

class EmulatorClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { shared_ = StartEmulator(2500).release(); }
  static void TearDownTestSuite() {
    shared_->Stop();
    delete shared_;
    shared_ = nullptr;
  }

  // A client for the shared emulator; `fault_on` maps attempt number → X-Emulator-Fault value.
  std::unique_ptr<AnthropicAdminClient> Client(const std::map<int, std::string>& fault_on = {},
                                               AnthropicAdminClientOptions options = {},
                                               const emulator::Emulator* emu = nullptr) {
    options.base_url = (emu ? emu : shared_)->BaseUrl();
    if (options.admin_key.empty()) options.admin_key = kAdminKey;
    if (!fault_on.empty()) {
      options.decorate_request = [fault_on](int attempt, Headers& headers) {
        if (auto it = fault_on.find(attempt); it != fault_on.end())
          headers.emplace_back("X-Emulator-Fault", it->second);
      };
    }
    AnthropicAdminClientDeps deps;
    deps.sleeper = &sleeper_;
    return std::make_unique<AnthropicAdminClient>(std::move(options), std::move(deps));
  }

  static std::vector<domain::ApiKey> AllKeys(AnthropicAdminClient& client, const domain::ApiKeyFilter& filter = {}) {
    std::vector<domain::ApiKey> keys;
    auto status = client.ForEachApiKey(filter, [&](std::span<const domain::ApiKey> page) -> Status {
      keys.insert(keys.end(), page.begin(), page.end());
      return {};
    });
    EXPECT_TRUE(status) << (status ? "" : status.error().detail);
    return keys;
  }

  static emulator::Emulator* shared_;
  RecordingSleeper sleeper_;
};

emulator::Emulator* EmulatorClientTest::shared_ = nullptr;

TEST_F(EmulatorClientTest, PagesThroughTwoAndAHalfThousandKeys) {
  auto client = Client();
  std::vector<std::size_t> pages;
  std::set<std::string> ids;
  auto status = client->ForEachApiKey({}, [&](std::span<const domain::ApiKey> page) -> Status {
    pages.push_back(page.size());
    for (const auto& key : page) {
      ids.insert(key.id);
      EXPECT_TRUE(key.id.starts_with("apikey_"));
      EXPECT_NE(key.status, domain::ApiKeyStatus::kUnknown);
    }
    return {};
  });
  ASSERT_TRUE(status) << status.error().detail;
  EXPECT_EQ(pages, (std::vector<std::size_t>{1000, 1000, 500}));
  EXPECT_EQ(ids.size(), 2500u);
  EXPECT_EQ(client->RequestsSent(), 3u);
}

TEST_F(EmulatorClientTest, FiltersMatchTheEmulatorsState) {
  std::map<std::string, std::size_t> by_status;
  std::map<std::string, std::size_t> by_workspace;
  for (const auto& key : shared_->Keys()) {
    ++by_status[key.status];
    if (key.workspace_id) ++by_workspace[*key.workspace_id];
  }
  auto client = Client();
  for (auto status :
       {domain::ApiKeyStatus::kActive, domain::ApiKeyStatus::kInactive, domain::ApiKeyStatus::kArchived}) {
    auto keys = AllKeys(*client, {status, std::nullopt, std::nullopt});
    EXPECT_EQ(keys.size(), by_status[std::string(domain::ToString(status))]) << domain::ToString(status);
    for (const auto& key : keys) EXPECT_EQ(key.status, status);
  }
  ASSERT_FALSE(by_workspace.empty());
  const auto& [workspace_id, count] = *by_workspace.begin();
  auto keys = AllKeys(*client, {std::nullopt, workspace_id, std::nullopt});
  EXPECT_EQ(keys.size(), count);
  for (const auto& key : keys) EXPECT_EQ(key.workspace_id, workspace_id);
}

TEST_F(EmulatorClientTest, ReadsOrganizationUsersAndWorkspaces) {
  auto client = Client();
  auto org = client->GetOrganization();
  ASSERT_TRUE(org) << org.error().detail;
  EXPECT_FALSE(org->id.empty());

  std::vector<domain::Workspace> workspaces;
  ASSERT_TRUE(client->ForEachWorkspace({}, [&](std::span<const domain::Workspace> page) -> Status {
    workspaces.insert(workspaces.end(), page.begin(), page.end());
    return {};
  }));
  ASSERT_FALSE(workspaces.empty());
  auto one = client->GetWorkspace(workspaces[0].id);
  ASSERT_TRUE(one) << one.error().detail;
  EXPECT_EQ(one->name, workspaces[0].name);

  std::size_t users = 0;
  ASSERT_TRUE(client->ForEachUser({}, [&](std::span<const domain::AdminUser> page) -> Status {
    users += page.size();
    return {};
  }));
  EXPECT_GT(users, 0u);
}

TEST_F(EmulatorClientTest, WritesRoundTrip) {
  auto emu = StartEmulator(5);
  auto client = Client({}, {}, emu.get());
  auto created = client->CreateWorkspace({"Client test", "#112233"});
  ASSERT_TRUE(created) << created.error().detail;
  EXPECT_EQ(created->name, "Client test");
  auto renamed = client->UpdateWorkspace(created->id, {"Renamed", std::nullopt});
  ASSERT_TRUE(renamed) << renamed.error().detail;
  EXPECT_EQ(renamed->name, "Renamed");
  auto archived = client->ArchiveWorkspace(created->id);
  ASSERT_TRUE(archived) << archived.error().detail;
  EXPECT_TRUE(archived->archived_at);

  const auto key_id = emu->Keys().front().id;
  auto key = client->UpdateApiKey(key_id, {"Renamed key", domain::ApiKeyStatus::kInactive});
  ASSERT_TRUE(key) << key.error().detail;
  EXPECT_EQ(key->name, "Renamed key");
  EXPECT_EQ(key->status, domain::ApiKeyStatus::kInactive);
  EXPECT_EQ(client->GetApiKey(key_id)->status, domain::ApiKeyStatus::kInactive);

  auto invite = client->CreateInvite("new.person@example.com", "developer");
  ASSERT_TRUE(invite) << invite.error().detail;
  EXPECT_EQ(invite->status, "pending");
  EXPECT_TRUE(client->GetInvite(invite->id));
  auto deleted = client->DeleteInvite(invite->id);
  EXPECT_TRUE(deleted) << deleted.error().detail;
  emu->Stop();
}

TEST_F(EmulatorClientTest, RetriesInjected429HonouringRetryAfter) {
  auto client = Client({{0, "429;retry-after=2"}});
  auto org = client->GetOrganization();
  ASSERT_TRUE(org) << org.error().detail;
  EXPECT_EQ(client->RequestsSent(), 2u);
  EXPECT_EQ(sleeper_.waits, (std::vector<milliseconds>{milliseconds(2000)}));
}

TEST_F(EmulatorClientTest, RetriesOverloadedAndReportsExhaustion) {
  auto client = Client({{0, "529"}});
  EXPECT_TRUE(client->GetOrganization());
  EXPECT_EQ(client->RequestsSent(), 2u);

  auto always = Client({{0, "529"}, {1, "529"}, {2, "529"}});
  auto failed = always->GetOrganization();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(failed.error().message, "Anthropic is overloaded (retried 2 times)");
  EXPECT_NE(failed.error().detail.find("overloaded_error"), std::string::npos);
  EXPECT_EQ(always->RequestsSent(), 3u);
}

TEST_F(EmulatorClientTest, ResetsAndTruncatedBodiesAreRetriedForReads) {
  for (const char* fault : {"reset", "truncated", "500"}) {
    auto client = Client({{0, fault}});
    auto org = client->GetOrganization();
    EXPECT_TRUE(org) << fault << ": " << (org ? "" : org.error().detail);
    EXPECT_EQ(client->RequestsSent(), 2u) << fault;
  }
}

TEST_F(EmulatorClientTest, CreatesAreNotReplayedAfterAmbiguousFailures) {
  auto emu = StartEmulator(1);
  for (const char* fault : {"reset", "500"}) {
    auto client = Client({{0, fault}}, {}, emu.get());
    auto created = client->CreateWorkspace({std::string("ambiguous ") + fault, std::nullopt});
    EXPECT_FALSE(created) << fault;
    EXPECT_EQ(client->RequestsSent(), 1u) << fault;
  }
  auto client = Client({{0, "429;retry-after=1"}}, {}, emu.get());
  EXPECT_TRUE(client->CreateWorkspace({"after 429", std::nullopt}));
  EXPECT_EQ(client->RequestsSent(), 2u);
  emu->Stop();
}

TEST_F(EmulatorClientTest, NewOutcomesOfTheCurrentVersion) {
  auto emu = StartEmulator(1);
  // Queued: the fault hits the next request only (a decorated attempt 0 would hit the GET too).
  ASSERT_TRUE(emu->QueueFaults({"503:workspace_created_incomplete"}));
  auto client = Client({}, {}, emu.get());
  auto adopted = client->CreateWorkspace({"half made", std::nullopt});
  ASSERT_TRUE(adopted) << adopted.error().detail;
  EXPECT_EQ(adopted->name, "half made");
  EXPECT_EQ(client->RequestsSent(), 2u);  // the create and one GET of the workspace it made
  int named = 0;
  ASSERT_TRUE(client->ForEachWorkspace({}, [&](std::span<const domain::Workspace> page) -> Status {
    for (const auto& w : page) named += w.name == "half made" ? 1 : 0;
    return {};
  }));
  EXPECT_EQ(named, 1);

  ASSERT_TRUE(emu->QueueFaults({"503:change_outcome_unknown"}));
  auto renamer = Client({}, {}, emu.get());
  auto renamed = renamer->UpdateWorkspace(adopted->id, {.name = "whole"});
  ASSERT_TRUE(renamed) << renamed.error().detail;
  EXPECT_EQ(renamed->name, "whole");
  EXPECT_EQ(renamer->RequestsSent(), 2u);

  auto refused = Client({{0, "409:concurrent_membership_change"}}, {}, emu.get());
  auto removed = refused->RemoveUser("user_01AnyoneAnyoneAnyoneAny");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().api_code, "anthropic_concurrent_membership_change");
  EXPECT_EQ(refused->RequestsSent(), 1u);  // x-should-retry: false
  emu->Stop();
}

TEST_F(EmulatorClientTest, RateLimitsAndSpendLimitsRoundTrip) {
  auto client = Client();
  std::vector<domain::RateLimitGroup> org;
  ASSERT_TRUE(client->ForEachOrganizationRateLimit([&](std::span<const domain::RateLimitGroup> page) -> Status {
    org.insert(org.end(), page.begin(), page.end());
    return {};
  }));
  ASSERT_EQ(org.size(), 8u);
  EXPECT_EQ(org[0].group_type, "model_group");
  EXPECT_EQ(org[0].display_name, "Claude Opus");
  EXPECT_FALSE(org[0].models.empty());
  EXPECT_EQ(org[0].limits[0].type, "requests_per_minute");
  EXPECT_EQ(org[0].limits[0].value, 4000);

  std::string workspace;
  ASSERT_TRUE(client->ForEachWorkspace({}, [&](std::span<const domain::Workspace> page) -> Status {
    if (workspace.empty() && !page.empty()) workspace = page.front().id;
    return {};
  }));
  auto set = client->SetWorkspaceRateLimits(workspace, org[0].rate_limit_id, {{"requests_per_minute", 50}});
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->rate_limit_id, org[0].rate_limit_id);
  ASSERT_EQ(set->limits.size(), 1u);
  EXPECT_EQ(set->limits[0].value, 50);
  EXPECT_EQ(set->limits[0].org_limit, 4000);
  EXPECT_EQ(set->limits[0].source, "workspace");
  std::vector<domain::RateLimitGroup> inherited;
  ASSERT_TRUE(
      client->ForEachWorkspaceRateLimit(workspace, true, [&](std::span<const domain::RateLimitGroup> page) -> Status {
        inherited.insert(inherited.end(), page.begin(), page.end());
        return {};
      }));
  ASSERT_EQ(inherited.size(), 8u);
  EXPECT_EQ(inherited[0].limits[0].source, "workspace");
  EXPECT_EQ(inherited[0].limits[1].source, "organization");
  ASSERT_TRUE(client->SetWorkspaceRateLimits(workspace, org[0].rate_limit_id, {{"requests_per_minute", std::nullopt}}));

  auto limit = client->SetSpendLimit(workspace, "25000");
  ASSERT_TRUE(limit) << limit.error().detail;
  EXPECT_EQ(limit->amount, "25000");
  EXPECT_EQ(limit->scope_type, "workspace");
  EXPECT_EQ(limit->workspace_id, workspace);
  std::vector<domain::SpendLimit> limits;
  ASSERT_TRUE(client->ForEachSpendLimit([&](std::span<const domain::SpendLimit> page) -> Status {
    limits.insert(limits.end(), page.begin(), page.end());
    return {};
  }));
  ASSERT_EQ(limits.size(), 1u);
  ASSERT_TRUE(client->DeleteSpendLimit(limit->id));
  EXPECT_FALSE(client->SetSpendLimit(std::nullopt, "12.50"));
}

TEST_F(EmulatorClientTest, ClientErrorsAreNotRetried) {
  auto client = Client();
  auto missing = client->GetApiKey("apikey_01DoesNotExistDoesNotExist");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().detail.find("not_found_error"), std::string::npos);
  EXPECT_NE(missing.error().detail.find("request-id=req_"), std::string::npos) << missing.error().detail;
  EXPECT_EQ(client->RequestsSent(), 1u);

  auto invalid = client->CreateWorkspace({std::string(300, 'x'), std::nullopt});
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(client->RequestsSent(), 2u);

  AnthropicAdminClientOptions wrong;
  wrong.admin_key = "sk-ant-admin01-WRONGWRONGWRONGWRONGWRONGWRONGWRONG0123456789AA";
  auto rejected_client = Client({}, wrong);
  auto rejected = rejected_client->GetOrganization();
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().message, "the admin key was rejected by Anthropic");
  EXPECT_EQ(rejected.error().api_code, "anthropic_auth_failed");
  EXPECT_EQ(rejected_client->RequestsSent(), 1u);
  for (const std::string* text : {&rejected.error().message, &rejected.error().detail}) {
    EXPECT_EQ(text->find("WRONGWRONG"), std::string::npos);
  }
  EXPECT_TRUE(sleeper_.waits.empty());
}

TEST_F(EmulatorClientTest, TimeoutIsRetriedForReads) {
  AnthropicAdminClientOptions options;
  options.timeout = milliseconds(400);
  auto client = Client({{0, "timeout"}}, options);
  auto org = client->GetOrganization();
  EXPECT_TRUE(org) << (org ? "" : org.error().detail);
  EXPECT_EQ(client->RequestsSent(), 2u);

  options.max_retries = 0;
  auto once = Client({{0, "timeout"}}, options);
  auto failed = once->GetOrganization();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().api_code, "anthropic_timeout");
}

TEST_F(EmulatorClientTest, BreakerOpensOnRepeatedServerErrors) {
  AnthropicAdminClientOptions options;
  options.max_retries = 0;
  options.breaker_failures = 3;
  auto client = Client({{0, "500"}}, options);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client->GetOrganization().error().api_code, "anthropic_server_error");
  auto rejected = client->GetOrganization();
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().api_code, "anthropic_circuit_open");
  EXPECT_EQ(client->RequestsSent(), 3u);
}

TEST_F(EmulatorClientTest, UnreachableServerIsAConnectionFailure) {
  auto emu = StartEmulator(1);
  const std::string url = emu->BaseUrl();
  emu->Stop();  // nothing listens on that port any more
  AnthropicAdminClientOptions options;
  options.base_url = url;
  options.admin_key = kAdminKey;
  options.breaker_failures = 2;
  AnthropicAdminClientDeps deps;
  deps.sleeper = &sleeper_;
  AnthropicAdminClient client(options, deps);
  auto failed = client.GetOrganization();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().api_code, "anthropic_unreachable");
  EXPECT_EQ(failed.error().message, "could not connect to Anthropic (retried 2 times)");
  EXPECT_EQ(client.CreateWorkspace({"x", std::nullopt}).error().api_code, "anthropic_unreachable");
  EXPECT_EQ(client.RequestsSent(), 6u);  // connection refused proves nothing was sent: creates retry too
  EXPECT_EQ(client.GetOrganization().error().api_code, "anthropic_circuit_open");
  EXPECT_EQ(client.RequestsSent(), 6u);
}

TEST_F(EmulatorClientTest, OneClientServesConcurrentCallers) {
  auto client = Client();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (client->GetOrganization()) ++ok;
      }
      std::size_t keys = 0;
      if (client->ForEachApiKey({},
                                [&](std::span<const domain::ApiKey> page) -> Status {
                                  keys += page.size();
                                  return {};
                                }) &&
          keys == 2500) {
        ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 44);
  EXPECT_EQ(client->RequestsSent(), 52u);
}

TEST_F(EmulatorClientTest, ChecksPastedKeys) {
  auto client = Client();
  std::optional<std::string> active;
  for (const auto& key : shared_->Keys()) {
    if (key.status == "active") {
      active = key.value;
      break;
    }
  }
  ASSERT_TRUE(active);
  auto good = client->CheckApiKey(*active);
  ASSERT_TRUE(good) << good.error().detail;
  EXPECT_TRUE(*good);
  auto bad = client->CheckApiKey("sk-ant-api03-NOTAKEYNOTAKEYNOTAKEYNOTAKEYNOTAKEY0123456789AA");
  ASSERT_TRUE(bad) << bad.error().detail;
  EXPECT_FALSE(*bad);
}

}  // namespace
}  // namespace portal::anthropic
