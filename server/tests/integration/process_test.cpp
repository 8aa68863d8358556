// The `portal` binary as a newcomer and an operator use it: subcommands, configuration errors,
// demo mode, and a graceful SIGTERM.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/ids.hpp"
#include "support/http_client.hpp"
#include "support/portal_process.hpp"

namespace portal::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

TEST_F(PortalProcess, VersionPrintsTheVersionAndSchema) {
  Process p;
  EXPECT_EQ(Run({"version"}, {}, p), 0);
  EXPECT_TRUE(p.Stdout().starts_with("portal 0.1.0 (schema ")) << p.Stdout();
}

TEST_F(PortalProcess, BadConfigurationStopsWithOneClearLine) {
  Process p;
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_LISTEN=nonsense"}, p), 2);
  EXPECT_EQ(p.Stderr(), "portal: configuration: listen: expected HOST:PORT such as 127.0.0.1:8080, got 'nonsense'\n");
  std::ofstream(dir / "bad.toml") << "worker_threads = \"many\"\n";
  EXPECT_EQ(Run({"migrate", "--config", (dir / "bad.toml").string()}, {}, p), 2);
  EXPECT_NE(p.Stderr().find("worker_threads"), std::string::npos) << p.Stderr();
  EXPECT_EQ(Run({"migrate", "--database-url", "mysql://x"}, {}, p), 2);
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_TRUSTED_PROXIES=10.0.0.0/8, 10.0.0.300"}, p), 2);
  EXPECT_EQ(p.Stderr(), "portal: configuration: trusted_proxies: '10.0.0.300' is not an IP address or network\n");
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_PUBLIC_URL=portal.example.co.jp"}, p), 2);
  EXPECT_NE(p.Stderr().find("public_url: expected https://HOST"), std::string::npos) << p.Stderr();
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_METRICS_TOKEN=short"}, p), 2);
  EXPECT_NE(p.Stderr().find("metrics_token: use at least 16 characters"), std::string::npos) << p.Stderr();
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_METRICS_LISTEN=9464"}, p), 2);
  EXPECT_NE(p.Stderr().find("metrics_listen: expected HOST:PORT"), std::string::npos) << p.Stderr();
  std::ofstream(dir / "proxies.toml") << "trusted_proxies = [\"127.0.0.1\", \"fd00::/8\"]\n"
                                      << "public_url = \"https://portal.example.co.jp\"\n";
  EXPECT_EQ(Run({"migrate", "--config", (dir / "proxies.toml").string(), "--data-dir", dir.string()}, {}, p), 0)
      << p.Stderr();
  // A link-local Anthropic base URL (an instance metadata service) only when the configuration says so.
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()}, {"PORTAL_ANTHROPIC_BASE_URL=http://169.254.169.254"}, p), 2);
  EXPECT_NE(p.Stderr().find("anthropic_base_url: baseUrl points at a link-local"), std::string::npos) << p.Stderr();
  EXPECT_EQ(Run({"migrate", "--data-dir", dir.string()},
                {"PORTAL_ANTHROPIC_BASE_URL=http://169.254.169.254", "PORTAL_ANTHROPIC_ALLOW_LINK_LOCAL=true"}, p),
            0)
      << p.Stderr();
}

TEST_F(PortalProcess, FlagsBeatEnvironmentWhichBeatsTheFile) {
  std::ofstream(dir / "portal.toml") << "data_dir = \"" << (dir / "from-file").string() << "\"\n";
  Process p;
  EXPECT_EQ(Run({"migrate", "--config", (dir / "portal.toml").string()}, {}, p), 0) << p.Stderr();
  EXPECT_TRUE(fs::exists(dir / "from-file" / "portal.db"));
  EXPECT_EQ(Run({"migrate", "--config", (dir / "portal.toml").string()},
                {"PORTAL_DATA_DIR=" + (dir / "from-env").string()}, p),
            0);
  EXPECT_TRUE(fs::exists(dir / "from-env" / "portal.db"));
  EXPECT_EQ(Run({"migrate", "--config", (dir / "portal.toml").string(), "--data-dir", (dir / "from-flag").string()},
                {"PORTAL_DATA_DIR=" + (dir / "from-env").string()}, p),
            0);
  EXPECT_TRUE(fs::exists(dir / "from-flag" / "portal.db"));
}

TEST_F(PortalProcess, TheExampleConfigurationIsValidAndComplete) {
  // docs/portal.example.toml documents every key: the portal must accept it as it is.
  const std::string example = PORTAL_SOURCE_DIR "/docs/portal.example.toml";
  Process p;
  EXPECT_EQ(Run({"migrate", "--config", example, "--data-dir", dir.string()}, {}, p), 0) << p.Stderr();
}

TEST_F(PortalProcess, MigrateIsIdempotent) {
  Process p;
  ASSERT_EQ(Run({"migrate", "--data-dir", dir.string()}, {}, p), 0) << p.Stderr();
  EXPECT_NE(p.Stdout().find("applied "), std::string::npos);
  EXPECT_EQ(p.Stdout().find("applied 0 "), std::string::npos);
  ASSERT_EQ(Run({"migrate", "--data-dir", dir.string()}, {}, p), 0);
  EXPECT_EQ(p.Stdout(), "applied 0 migration(s)\n");
}

// Type=notify in the systemd unit (deploy/systemd): READY=1 once the portal serves.
TEST_F(PortalProcess, TellsSystemdItIsReadyOnceItServes) {
  const std::string socket_path = (dir / "notify.sock").string();
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  timeval timeout{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  Process server =
      Spawn({"serve", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"}, {"NOTIFY_SOCKET=" + socket_path});
  char buffer[256] = {};
  const auto received = recv(fd, buffer, sizeof(buffer) - 1, 0);
  close(fd);
  ASSERT_GT(received, 0) << server.Stderr();
  EXPECT_TRUE(std::string(buffer).starts_with("READY=1\n")) << buffer;
  // By then it answers.
  HttpClient client(WaitListening(server));
  EXPECT_EQ(client.Get("/readyz").status, 200);
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server), 0);
}

// SIGTERM while a sync waits on an Anthropic call that would take 30 s: the process still ends
// within the drain time, and the run is recorded as failed, not left running.
TEST_F(PortalProcess, SigtermDoesNotWaitForASlowAnthropicCall) {
  const std::string admin_key = "sk-ant-admin01-sigterm-test";
  Process emulator = Spawn({"emulator", "--admin-key", admin_key, "--listen", "127.0.0.1:0"});
  std::string emulator_url;
  std::regex listening(R"(listening on (http://127\.0\.0\.1:\d+))");
  for (int i = 0; i < 1500 && emulator_url.empty(); ++i) {
    std::smatch m;
    auto out = emulator.Stdout();
    if (std::regex_search(out, m, listening)) emulator_url = m[1];
    if (emulator_url.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(emulator_url.empty()) << emulator.Stderr();
  Process server = Spawn(
      {"serve", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"},
      {"PORTAL_ANTHROPIC_BASE_URL=" + emulator_url, "PORTAL_SYNC_INTERVAL_MINUTES=0", "PORTAL_USAGE_AFTER_SYNC=false"});
  HttpClient client(WaitListening(server));
  json::object setup{{"name", "管理者"},
                     {"email", "owner@example.com"},
                     {"password", "correct horse battery"},
                     {"anthropicAdminKey", admin_key}};
  auto created = client.Post("/api/v1/setup", json::serialize(setup));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token(created.Json().at("accessToken").as_string());
  auto latest = [&] {
    auto run = client.Get("/api/v1/sync/runs/latest", {Bearer(token)});
    return run.status == 200 ? std::string(run.Json().at("status").as_string()) : std::string();
  };
  for (int i = 0; i < 1500 && latest() == "running"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(latest(), "succeeded");

  // The next request to Anthropic hangs for 30 s; a sync takes it.
  HttpClient anthropic(emulator_url);
  const std::string key_header = "x-api-key: " + admin_key;
  ASSERT_EQ(anthropic.Post("/_emulator/faults", R"({"faults":["timeout"]})", {key_header}).status, 200);
  ASSERT_EQ(client.Post("/api/v1/sync", "{}", {Bearer(token)}).status, 202);
  auto queued = [&] { return anthropic.Get("/_emulator/faults", {key_header}).Json().at("queued").as_int64(); };
  for (int i = 0; i < 1500 && queued() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(queued(), 0) << "the sync never called Anthropic";

  const auto signalled = std::chrono::steady_clock::now();
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server, std::chrono::seconds(25)), 0) << server.Stderr();
  const auto took = std::chrono::steady_clock::now() - signalled;
  // The documented drain time is 9 s; the call alone would have held it 30 s.
  EXPECT_LT(took, std::chrono::seconds(12)) << std::chrono::duration<double>(took).count() << " s";
  std::cout << "[ measured ] SIGTERM to exit with a sync waiting on Anthropic: "
            << std::chrono::duration<double>(took).count() << " s\n";

  // The run says what happened.
  Process again = Spawn({"serve", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"},
                        {"PORTAL_ANTHROPIC_BASE_URL=" + emulator_url, "PORTAL_SYNC_INTERVAL_MINUTES=0"});
  HttpClient restarted(WaitListening(again));
  auto login = restarted.Post("/api/v1/auth/login",
                              R"({"email":"owner@example.com","password":"correct horse battery","client":"cli"})");
  ASSERT_EQ(login.status, 200);
  auto run =
      restarted.Get("/api/v1/sync/runs/latest", {Bearer(std::string(login.Json().at("accessToken").as_string()))});
  EXPECT_EQ(run.Json().at("status"), "failed") << run.body;
  kill(again.pid, SIGTERM);
  EXPECT_EQ(Wait(again), 0);
  // The emulator, still holding the abandoned call, is killed with the test's other processes.
}

TEST_F(PortalProcess, UserCreateThenLoginOverHttp) {
  Process p;
  ASSERT_EQ(Run({"user", "create", "--data-dir", dir.string(), "--email", "Chief@Example.com", "--name", "Chief",
                 "--role", "Admin", "--organization", "株式会社サンプル", "--generate-password"},
                {}, p),
            0)
      << p.Stderr();
  std::smatch m;
  auto out = p.Stdout();
  ASSERT_TRUE(std::regex_search(out, m, std::regex("password: (\\S+)"))) << out;
  std::string password = m[1];
  EXPECT_NE(out.find("created organization 株式会社サンプル"), std::string::npos);
  EXPECT_EQ(Run({"user", "create", "--data-dir", dir.string(), "--email", "chief@example.com", "--name", "Again",
                 "--role", "SuperAdmin", "--password", "another password 1"},
                {}, p),
            1);
  EXPECT_NE(p.Stderr().find("email already in use"), std::string::npos) << p.Stderr();

  auto server = Spawn({"serve", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"});
  HttpClient client(WaitListening(server));
  auto login = client.Post(
      "/api/v1/auth/login",
      json::serialize(json::object{{"email", "chief@example.com"}, {"password", password}, {"client", "cli"}}));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json().at("user").at("organization").at("name"), "株式会社サンプル");
  // The CLI creates through the same services as the API: validated and audited (by the system).
  const std::string token(login.Json().at("accessToken").as_string());
  auto audit = client.Get("/api/v1/audit?limit=50", {"Authorization: Bearer " + token});
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  const auto events = audit.Json();
  for (const auto& e : events.at("items").as_array()) {
    const std::string action(e.at("action").as_string());
    actions.insert(action);
    if (action.ends_with(".create")) {
      EXPECT_TRUE(e.at("actorId").is_null()) << e;
    }
  }
  EXPECT_TRUE(actions.contains("organization.create")) << audit.body;
  EXPECT_TRUE(actions.contains("user.create")) << audit.body;
  EXPECT_EQ(Run({"user", "create", "--data-dir", dir.string(), "--email", "bad@example.com", "--name", "Bad", "--role",
                 "User", "--organization", "Bad\x1b[31mName", "--password", "another password 1"},
                {}, p),
            1);
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server), 0);
}

TEST_F(PortalProcess, ImportLegacyMongoDryRunThenApplyThenNothingChanges) {
  const std::string from = PORTAL_SOURCE_DIR "/server/tests/fixtures/legacy-mongo";
  const std::string report = (dir / "report.json").string();
  Process p;
  // No Anthropic connection and nothing synced: users, organizations and prompts come over; the key
  // values match no known key, and the users come over without keys (each reported).
  ASSERT_EQ(Run({"import", "legacy-mongo", "--from", from, "--dry-run", "--report", report, "--data-dir", dir.string()},
                {}, p),
            0)
      << p.Stderr();
  auto out = p.Stdout();
  EXPECT_NE(out.find("Dry run: nothing was changed."), std::string::npos) << out;
  EXPECT_NE(out.find("no connection configured"), std::string::npos) << out;
  EXPECT_NE(out.find("users                   6        0        0"), std::string::npos) << out;
  EXPECT_NE(out.find("[no_matching_key]"), std::string::npos) << out;
  EXPECT_EQ(out.find("sk-ant-api03-WDtkwtDDb"), std::string::npos) << "a full key value was printed";
  std::ifstream in(report);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = json::parse(text.str()).as_object();
  EXPECT_EQ(parsed.at("dryRun"), true);
  EXPECT_EQ(parsed.at("counts").at("users").at("created"), 6);
  EXPECT_FALSE(parsed.at("problems").as_array().empty());
  EXPECT_EQ(text.str().find("sk-ant-api03-WDtkwtDDb"), std::string::npos);

  // The apply backs the database up first and says how to undo it; the backup is what the
  // database was before the import.
  const std::string backup = (dir / "before.db").string();
  ASSERT_EQ(Run({"import", "legacy-mongo", "--from", from, "--data-dir", dir.string(), "--backup", backup, "--report",
                 report},
                {}, p),
            0)
      << p.Stderr();
  EXPECT_NE(p.Stdout().find("Backed up the database to " + backup), std::string::npos) << p.Stdout();
  EXPECT_NE(p.Stdout().find("Imported (one transaction)"), std::string::npos) << p.Stdout();
  EXPECT_NE(p.Stdout().find("To undo this import, stop the portal and put the backup " + backup), std::string::npos)
      << p.Stdout();
  {
    std::ifstream applied_in(report);
    std::stringstream applied;
    applied << applied_in.rdbuf();
    auto applied_report = json::parse(applied.str()).as_object();
    EXPECT_EQ(applied_report.at("backup"), backup.c_str());
    EXPECT_NE(std::string(applied_report.at("undo").as_string()).find(backup), std::string::npos);
  }
  ASSERT_TRUE(fs::exists(backup));
  {
    const fs::path restored = dir / "restored";
    fs::create_directories(restored);
    fs::copy_file(dir / "master.key", restored / "master.key");
    ASSERT_EQ(Run({"restore", "--from", backup, "--data-dir", restored.string()}, {}, p), 0) << p.Stderr();
    ASSERT_EQ(Run({"import", "legacy-mongo", "--from", from, "--dry-run", "--data-dir", restored.string()}, {}, p), 0)
        << p.Stderr();
    EXPECT_NE(p.Stdout().find("users                   6        0        0"), std::string::npos)
        << "the backup holds the database as it was before the import: " << p.Stdout();
  }
  ASSERT_EQ(Run({"import", "legacy-mongo", "--from", from, "--data-dir", dir.string()}, {}, p), 0) << p.Stderr();
  EXPECT_EQ(p.Stdout().find("To undo"), std::string::npos) << p.Stdout();
  EXPECT_TRUE(fs::is_empty(dir / "backups")) << "a backup of an import that changed nothing is not kept";
  EXPECT_NE(p.Stdout().find("Nothing changed: everything in this export was imported before."), std::string::npos)
      << p.Stdout();
  EXPECT_NE(p.Stdout().find("users                   0        6        0"), std::string::npos) << p.Stdout();

  // A broken export names the file and line and changes nothing.
  fs::create_directories(dir / "broken");
  std::ofstream(dir / "broken" / "simpleusers.json") << "{\"_id\": \"a\"}\n{\"_id\": \n";
  EXPECT_EQ(Run({"import", "legacy-mongo", "--from", (dir / "broken").string(), "--data-dir", dir.string()}, {}, p), 1);
  EXPECT_NE(p.Stderr().find("simpleusers.json line 2: the document is not complete"), std::string::npos) << p.Stderr();

  // An imported user logs in with the old portal's password.
  auto server = Spawn({"serve", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"});
  HttpClient client(WaitListening(server));
  auto login = client.Post(
      "/api/v1/auth/login",
      json::serialize(json::object{{"email", "ken@example.com"}, {"password", "ken-pass-2029"}, {"client", "cli"}}));
  EXPECT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json().at("user").at("organization").at("name"), "Sakura Labs");
  kill(server.pid, SIGTERM);
  EXPECT_EQ(Wait(server), 0);
}

TEST_F(PortalProcess, DemoModePrintsWorkingAccountsAndSigtermDrainsInFlightRequests) {
  auto server = Spawn({"serve", "--demo", "--data-dir", dir.string(), "--listen", "127.0.0.1:0"},
                      {"PORTAL_ARGON2_MEMORY_KIB=65536", "PORTAL_ARGON2_ITERATIONS=3"});
  HttpClient client(WaitListening(server));
  std::regex account(R"(demo account: role=(\w+) email=(\S+) password=(\S+))");
  auto out = server.Stdout();
  std::vector<std::tuple<std::string, std::string, std::string>> accounts;
  for (std::sregex_iterator it(out.begin(), out.end(), account), end; it != end; ++it) {
    accounts.emplace_back((*it)[1], (*it)[2], (*it)[3]);
  }
  ASSERT_EQ(accounts.size(), 7u) << out;
  int super = 0, admins = 0, users = 0;
  for (auto& [role, email, password] : accounts) {
    super += role == "SuperAdmin";
    admins += role == "Admin";
    users += role == "User";
  }
  EXPECT_EQ(super, 1);
  EXPECT_EQ(admins, 2);
  EXPECT_GE(users, 4);
  auto& [role, email, password] = accounts[1];
  auto body = json::serialize(json::object{{"email", email}, {"password", password}, {"client", "cli"}});

  // A login is in flight when SIGTERM arrives: it still completes. To be sure it is in flight
  // (and not already done, or not yet read), the request is sent in two parts over a raw socket:
  // headers and half the body, SIGTERM once /metrics counts it, then the rest of the body.
  const auto port = static_cast<std::uint16_t>(std::stoi(client.BaseUrl().substr(client.BaseUrl().rfind(':') + 1)));
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  auto send_all = [&](const std::string& text) {
    for (std::size_t sent = 0; sent < text.size();) {
      const auto n = ::send(sock, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  };
  const std::string head =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Connection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_TRUE(send_all(head + body.substr(0, body.size() / 2)));
  // The probe keeps one connection, whose own request is always exactly one of those counted.
  std::string metrics;
  CURL* probe = curl_easy_init();
  const std::string metrics_url = client.BaseUrl() + "/metrics";
  curl_easy_setopt(probe, CURLOPT_URL, metrics_url.c_str());
  curl_easy_setopt(
      probe, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* sink) {
        static_cast<std::string*>(sink)->append(data, size * n);
        return size * n;
      });
  curl_easy_setopt(probe, CURLOPT_WRITEDATA, &metrics);
  std::regex in_flight_gauge(R"(portal_http_in_flight_requests (\d+))");
  bool login_in_flight = false;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
       !login_in_flight && std::chrono::steady_clock::now() < deadline;) {
    metrics.clear();
    std::smatch m;
    login_in_flight =
        curl_easy_perform(probe) == CURLE_OK && std::regex_search(metrics, m, in_flight_gauge) && std::stoi(m[1]) >= 2;
  }
  curl_easy_cleanup(probe);
  auto start = std::chrono::steady_clock::now();
  kill(server.pid, SIGTERM);
  EXPECT_TRUE(login_in_flight) << "the login never showed as in flight";
  ASSERT_TRUE(send_all(body.substr(body.size() / 2)));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = recv(sock, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  close(sock);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 300);
  EXPECT_EQ(Wait(server, std::chrono::seconds(12)), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace portal::testing
