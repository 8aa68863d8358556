#include "app/portal.hpp"
#include "app/demo_prompts.hpp"

#include <filesystem>
#include <map>
#include <thread>

#include "anthropic/client.hpp"
#include "app/demo_anthropic.hpp"
#include "app/vault_setup.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/net.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/api_key_service.hpp"
#include "domain/prompt_service.hpp"
#include "domain/setup_service.hpp"
#include "domain/sync_service.hpp"
#include "domain/workspace_service.hpp"
#include "emulator/emulator.hpp"
#include "http/api.hpp"
#include "http/error_response.hpp"
#include "http/server.hpp"
#include "security/jwt.hpp"
#include "security/password_hasher.hpp"
#include "security/secret_box.hpp"
#include "security/secret_box_vault.hpp"
#include "security/tokens.hpp"
#include "storage/store.hpp"

namespace portal::app {
namespace {

std::string DefaultWebDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file("web/dist/index.html", ec)) return "web/dist";
  // build/<preset>/bin/portal → <repo>/web/dist
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path() / "../../../web/dist";
    if (fs::is_regular_file(candidate / "index.html", ec)) return fs::weakly_canonical(candidate).string();
  }
  return "web/dist";
}

}  // namespace

struct Portal::Impl {
  Config config;
  SystemClock clock;
  std::unique_ptr<domain::Store> store;
  std::unique_ptr<security::BoundedPasswordHasher> hasher;
  std::unique_ptr<security::Hs256JwtCodec> codec;
  security::SodiumTokenGenerator tokens;
  std::unique_ptr<domain::AuthService> auth;
  std::unique_ptr<domain::OrganizationService> organizations;
  std::unique_ptr<domain::UserService> users;
  std::unique_ptr<domain::AuditService> audit;
  std::unique_ptr<domain::DashboardService> dashboard;
  std::shared_ptr<http::Metrics> metrics = std::make_shared<http::Metrics>();
  std::unique_ptr<http::Server> server;
  std::unique_ptr<http::Server> metrics_server;  // metrics_listen
  // Cancelled when the portal stops: Anthropic calls still waiting (a sync, a request the drain
  // gave up on) end at once instead of holding the process (docs/operations.md "Stopping").
  std::shared_ptr<anthropic::Cancellation> upstream_cancellation = std::make_shared<anthropic::Cancellation>();
  std::vector<std::string> routes;  // "METHOD /pattern", filled by Start()
  // The Anthropic side. Declared last: stopped and destroyed first.
  std::unique_ptr<domain::Vault> vault;
  std::unique_ptr<domain::ClusterLocks> cluster_locks;
  std::unique_ptr<domain::AnthropicConnection> anthropic;
  std::unique_ptr<domain::SyncService> sync;
  std::unique_ptr<domain::WorkspaceService> workspaces;
  std::unique_ptr<domain::ApiKeyService> api_keys;
  std::unique_ptr<domain::LegacyImportService> legacy_import;
  std::unique_ptr<domain::LimitsService> limits;
  std::unique_ptr<domain::UsageService> usage;
  std::unique_ptr<domain::SetupService> setup;
  std::unique_ptr<domain::PromptService> prompts;
  std::unique_ptr<emulator::Emulator> emulator;  // demo mode only
};

Portal::Portal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Portal::~Portal() { Stop(); }

Result<int> MigrateDatabase(const Config& config) {
  std::error_code ec;
  if (config.database_url.starts_with("sqlite:")) std::filesystem::create_directories(config.data_dir, ec);
  auto store = storage::OpenStore({.url = config.database_url, .pool_size = 2});
  if (!store) return Fail(store.error());
  return storage::Migrate(**store);
}

Result<std::vector<std::string>> PendingMigrations(const Config& config) {
  if (auto file = storage::SqliteFilePath(config.database_url)) {
    std::error_code ec;
    if (!std::filesystem::exists(*file, ec)) {
      auto empty = storage::OpenStore({.url = "sqlite::memory:", .pool_size = 1});
      if (!empty) return Fail(empty.error());
      return storage::PendingMigrations(**empty);
    }
  }
  auto store = storage::OpenStore({.url = config.database_url, .pool_size = 1});
  if (!store) return Fail(store.error());
  return storage::PendingMigrations(**store);
}

Result<std::unique_ptr<Portal>> Portal::Open(const Config& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  if (impl->config.web_dir.empty()) impl->config.web_dir = DefaultWebDir();
  log::SetLevel(config.log_level);

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Fail(Error::InvalidArgument("data_dir: cannot create " + config.data_dir + ": " + ec.message()));
  std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all, ec);

  auto store = storage::OpenStore({.url = config.database_url, .pool_size = config.database_pool_size});
  if (!store) return Fail(store.error());
  impl->store = std::move(*store);
  auto applied = storage::Migrate(*impl->store, impl->clock);
  if (!applied) return Fail(applied.error());
  if (*applied > 0) log::Info("migrated", {{"applied", *applied}, {"backend", impl->store->Backend()}});

  auto jwt_key = security::LoadOrCreateMasterKey(config.jwt_key_file);
  if (!jwt_key) return Fail(std::move(jwt_key.error()).WithDetail("jwt_key_file: " + config.jwt_key_file));
  impl->codec = std::make_unique<security::Hs256JwtCodec>(*jwt_key, "appgenius-portal", "appgenius-portal");

  security::Argon2Params params;
  params.opslimit = static_cast<unsigned long long>(config.argon2_iterations);
  params.memlimit = static_cast<std::size_t>(config.argon2_memory_kib) * 1024;
  security::BoundedHasherLimits limits;
  limits.max_concurrent = static_cast<std::size_t>(config.hash_concurrency);
  limits.max_waiting = static_cast<std::size_t>(config.hash_queue);
  impl->hasher = std::make_unique<security::BoundedPasswordHasher>(
      std::make_unique<security::SodiumPasswordHasher>(params), limits);

  domain::AuthSettings settings;
  settings.access_ttl = std::chrono::seconds(config.access_token_ttl_seconds);
  settings.refresh_ttl = std::chrono::hours(24 * config.refresh_token_ttl_days);
  // Several instances share a PostgreSQL: their login throttle counts in it. One SQLite portal
  // is one process: memory is enough.
  auto throttle_counters = impl->store->Backend() == "postgresql" ? domain::MakeStoreThrottleCounters(*impl->store)
                                                                  : domain::MakeMemoryThrottleCounters();
  impl->auth = std::make_unique<domain::AuthService>(*impl->store, *impl->hasher, *impl->codec, impl->tokens,
                                                     impl->clock, settings, std::move(throttle_counters));
  // Vault, Anthropic connection, sync, workspaces, API keys.
  impl->vault = OpenVault(config, *impl->store, impl->clock);
  if (auto locks = storage::MakeClusterLocks(*impl->store)) impl->cluster_locks = std::move(*locks);
  impl->anthropic = std::make_unique<domain::AnthropicConnection>(
      *impl->store, *impl->vault, impl->clock,
      [cancellation = impl->upstream_cancellation, timeout = std::chrono::seconds(config.anthropic_timeout_seconds)](
          const std::string& base_url, const std::string& admin_key) -> std::shared_ptr<domain::AnthropicAdmin> {
        anthropic::AnthropicAdminClientOptions options;
        options.base_url = base_url;
        options.admin_key = admin_key;
        options.timeout = timeout;
        anthropic::AnthropicAdminClientDeps deps;
        deps.cancellation = cancellation;
        return std::make_shared<anthropic::AnthropicAdminClient>(std::move(options), std::move(deps));
      },
      config.anthropic_base_url, config.anthropic_allow_link_local);
  if (auto loaded = impl->anthropic->Load(); !loaded) {
    log::Warn("anthropic_client_not_loaded", {{"error", loaded.error().message}});
  }
  impl->sync =
      std::make_unique<domain::SyncService>(*impl->store, *impl->anthropic, impl->cluster_locks.get(), impl->clock);
  if (auto recovered = impl->sync->RecoverInterrupted(); !recovered) {
    log::Warn("sync_recovery_failed", {{"error", recovered.error().message}});
  }
  impl->workspaces = std::make_unique<domain::WorkspaceService>(*impl->store, *impl->anthropic, impl->clock);
  impl->api_keys =
      std::make_unique<domain::ApiKeyService>(*impl->store, *impl->anthropic, *impl->sync, *impl->vault, impl->clock);
  // Organizations, users, audit, dashboard. The upstream operations (archive a workspace, deactivate a key) come from
  // the Anthropic side's services.
  impl->organizations = std::make_unique<domain::OrganizationService>(*impl->store, impl->clock, *impl->workspaces);
  impl->users =
      std::make_unique<domain::UserService>(*impl->store, *impl->hasher, impl->tokens, impl->clock, *impl->api_keys);
  impl->audit = std::make_unique<domain::AuditService>(*impl->store);
  impl->setup = std::make_unique<domain::SetupService>(*impl->auth, *impl->anthropic, *impl->sync);
  impl->prompts = std::make_unique<domain::PromptService>(*impl->store, impl->clock);
  impl->dashboard = std::make_unique<domain::DashboardService>(*impl->store);
  impl->legacy_import = std::make_unique<domain::LegacyImportService>(*impl->store, *impl->vault, impl->sync.get(),
                                                                      impl->anthropic.get(), impl->clock);
  impl->limits = std::make_unique<domain::LimitsService>(*impl->store, *impl->anthropic, impl->clock);
  impl->usage = std::make_unique<domain::UsageService>(*impl->store, *impl->anthropic, impl->clock);
  if (auto recovered = impl->usage->RecoverInterrupted(); !recovered) {
    log::Warn("usage_recovery_failed", {{"error", recovered.error().message}});
  }
  // After each successful sync: the limits the portal set are compared with Anthropic's (drift
  // for the dashboard), and usage is collected when configured.
  impl->sync->OnSucceeded(
      [usage = impl->usage.get(), limits = impl->limits.get(), collect = impl->config.usage_after_sync] {
        if (auto checked = limits->CheckDrift(); !checked) {
          log::Warn("limits_drift_not_checked", {{"error", checked.error().message}});
        }
        if (!collect) return;
        if (auto started = usage->StartAs("sync"); !started) {
          log::Warn("usage_collection_not_started", {{"error", started.error().message}});
        }
      });
  return std::unique_ptr<Portal>(new Portal(std::move(impl)));
}

Status Portal::Start() {
  auto& s = *impl_;
  http::ApiOptions api_options{s.config.demo, s.config.secure_cookies, s.config.web_dir, s.config.metrics_token,
                               s.config.metrics_listen.empty()};
  http::ApiDeps deps{*s.store,      s.metrics,   api_options,      *s.auth,    *s.setup,     *s.organizations,
                     *s.users,      *s.audit,    *s.dashboard,     *s.prompts, *s.anthropic, *s.sync,
                     *s.workspaces, *s.api_keys, *s.legacy_import, *s.limits,  *s.usage};
  s.sync->StartPeriodic(std::chrono::minutes(s.config.sync_interval_minutes));
  auto router = http::BuildPortalRouter(deps);
  s.routes.clear();
  for (const auto& route : router.Routes()) {
    s.routes.push_back(std::string(http::ToString(route.method)) + " " + route.pattern);
  }
  http::ServerOptions options;
  options.address = s.config.ListenAddress();
  options.port = s.config.ListenPort();
  options.io_threads = s.config.io_threads;
  options.worker_threads = s.config.worker_threads;
  options.inline_reads = s.config.database_url.starts_with("sqlite:");
  options.heavy_threads = s.config.hash_concurrency;
  options.heavy_queue = s.config.hash_queue;
  options.metrics = s.metrics;
  options.render_error = [](const http::Request& request, const Error& error) {
    return http::ErrorResponse(request, error);
  };
  options.on_drain_deadline = [cancellation = s.upstream_cancellation] { cancellation->Cancel(); };
  if (auto proxies = ParseIpNetworks(s.config.trusted_proxies)) options.trusted_proxies = std::move(*proxies);
  options.tls_cert_file = s.config.tls_cert_file;
  options.tls_key_file = s.config.tls_key_file;
  if (s.config.ServesHttps()) options.strict_transport_security = "max-age=31536000";
  if (!s.config.metrics_listen.empty()) {
    http::ServerOptions metrics_options;
    metrics_options.address = ListenHost(s.config.metrics_listen);
    metrics_options.port = ListenPortOf(s.config.metrics_listen);
    metrics_options.io_threads = 1;
    metrics_options.worker_threads = 1;
    metrics_options.heavy_threads = 1;
    metrics_options.access_log = false;
    metrics_options.render_error = [](const http::Request& request, const Error& error) {
      return http::ErrorResponse(request, error);
    };
    metrics_options.metrics = std::make_shared<http::Metrics>();  // its own requests are not the portal's
    metrics_options.trusted_proxies = options.trusted_proxies;
    s.metrics_server = std::make_unique<http::Server>(std::move(metrics_options),
                                                      http::BuildMetricsRouter(s.metrics, s.config.metrics_token));
    if (auto started = s.metrics_server->Start(); !started) return started;
  }
  s.server = std::make_unique<http::Server>(std::move(options), std::move(router));
  return s.server->Start();
}

std::uint16_t Portal::Port() const { return impl_->server ? impl_->server->Port() : 0; }
std::uint16_t Portal::MetricsPort() const { return impl_->metrics_server ? impl_->metrics_server->Port() : 0; }

void Portal::Stop() {
  if (!impl_) return;
  // Requests in flight finish (≤ 9 s; then their Anthropic calls are cancelled), then a sync
  // still waiting on Anthropic is cancelled: it rolls back and is recorded as failed.
  if (impl_->server) impl_->server->Stop();
  impl_->upstream_cancellation->Cancel();
  if (impl_->metrics_server) impl_->metrics_server->Stop(std::chrono::milliseconds(1000));
  if (impl_->sync) impl_->sync->Stop();
  if (impl_->usage) impl_->usage->Stop();
  if (impl_->emulator) impl_->emulator->Stop();
}

void Portal::RunUntilSignalled() {
  if (impl_->server) http::RunUntilSignalled(*impl_->server);
}

domain::AuthService& Portal::Auth() { return *impl_->auth; }
domain::UserService& Portal::Users() { return *impl_->users; }
domain::OrganizationService& Portal::Organizations() { return *impl_->organizations; }
domain::Store& Portal::Store() { return *impl_->store; }
domain::SyncService& Portal::Sync() { return *impl_->sync; }
domain::ApiKeyService& Portal::ApiKeys() { return *impl_->api_keys; }
domain::LegacyImportService& Portal::LegacyImport() { return *impl_->legacy_import; }
domain::WorkspaceService& Portal::Workspaces() { return *impl_->workspaces; }
domain::AnthropicConnection& Portal::Anthropic() { return *impl_->anthropic; }
const domain::Vault& Portal::Vault() const { return *impl_->vault; }
const Config& Portal::GetConfig() const { return impl_->config; }
const std::vector<std::string>& Portal::Routes() const { return impl_->routes; }

Result<std::vector<DemoAccount>> Portal::SeedDemo() {
  struct Spec {
    domain::Role role;
    const char* email;
    const char* name;
    const char* organization;  // empty for the SuperAdmin
  };
  static const Spec kAccounts[] = {
      {domain::Role::kSuperAdmin, "super@appgenius.example", "佐藤 一郎", ""},
      {domain::Role::kAdmin, "admin@sample.example", "高橋 花子", "株式会社サンプル"},
      {domain::Role::kUser, "tanaka@sample.example", "田中 太郎", "株式会社サンプル"},
      {domain::Role::kUser, "saitou@sample.example", "斎藤 次郎", "株式会社サンプル"},
      {domain::Role::kAdmin, "admin@test-shoji.example", "山田 美咲", "テスト商事"},
      {domain::Role::kUser, "suzuki@test-shoji.example", "鈴木 健", "テスト商事"},
      {domain::Role::kUser, "ito@test-shoji.example", "伊藤 さくらさん", "テスト商事"},
  };
  static const std::pair<const char*, const char*> kOrganizations[] = {
      {"株式会社サンプル", "デモ用の顧客組織（開発チーム）"},
      {"テスト商事", "デモ用の顧客組織（営業支援）"},
  };
  auto& s = *impl_;
  auto now = ToUnixMillis(s.clock.Now());
  const domain::Actor system = domain::SystemActor("demo-seed");
  std::map<std::string, std::string> org_ids;
  for (const auto& [name, description] : kOrganizations) {
    bool created = false;
    auto org = s.organizations->FindOrCreate(system, {name, description}, created);
    if (!org) return Fail(org.error());
    org_ids[name] = org->id;
  }

  std::vector<DemoAccount> accounts;
  for (const auto& spec : kAccounts) {
    DemoAccount account{std::string(domain::ToString(spec.role)), spec.email, spec.name, spec.organization,
                        s.tokens.RandomPassword(16)};
    auto hash = s.hasher->Hash(account.password);
    if (!hash) return Fail(hash.error());
    bool exists = false;
    auto reset = s.store->Write([&](domain::Tx& tx) -> Status {
      auto user = tx.Users().FindByEmail(spec.email);
      if (!user) return user.error().code == ErrorCode::kNotFound ? Status{} : Fail(user.error());
      exists = true;
      user->password_hash = *hash;
      user->status = domain::UserStatus::kActive;
      user->updated_at = now;
      return tx.Users().Update(*user);
    });
    if (!reset) return Fail(reset.error());
    if (!exists) {
      domain::CreateUserRequest request{spec.name, spec.email, spec.role, std::nullopt, account.password, std::nullopt};
      if (*spec.organization) request.organization_id = org_ids[spec.organization];
      auto created = s.users->Create(system, request);
      if (!created) return Fail(created.error());
    }
    accounts.push_back(std::move(account));
  }
  // The emulator, a first sync, linked workspaces, registered secrets, keys held.
  if (!s.emulator) {
    auto emu = SeedDemoAnthropic({*s.store, *s.anthropic, *s.sync, *s.vault, s.clock, s.tokens}, org_ids,
                                 {{"tanaka@sample.example", "株式会社サンプル"},
                                  {"saitou@sample.example", "株式会社サンプル"},
                                  {"suzuki@test-shoji.example", "テスト商事"}});
    if (!emu) return Fail(emu.error());
    s.emulator = std::move(*emu);
  }
  // The prompt library's demo templates (once per database).
  if (auto prompts = SeedDemoPrompts(*s.store, s.clock, kAccounts[0].email, org_ids); !prompts)
    return Fail(prompts.error());
  return accounts;
}

}  // namespace portal::app
