#pragma once
// Wiring: builds the whole portal (store, security, domain services, HTTP API) from a Config.
// Used by `portal serve`, the other subcommands that need the database, and the integration
// tests (which start a real portal on 127.0.0.1). No HTTP types leak through this header.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "core/error.hpp"
#include "domain/api_key_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/legacy_import.hpp"
#include "domain/organization_service.hpp"
#include "domain/repositories.hpp"
#include "domain/sync_service.hpp"
#include "domain/user_service.hpp"
#include "domain/vault.hpp"
#include "domain/workspace_service.hpp"

namespace portal::app {

struct DemoAccount {
  std::string role;
  std::string email;
  std::string name;
  std::string organization;
  std::string password;  // printed once at start-up; only the hash is stored
};

class Portal {
 public:
  // Opens (and migrates) the database and builds the services; does not listen yet.
  static Result<std::unique_ptr<Portal>> Open(const Config& config);
  ~Portal();

  // Starts listening on config.listen (port 0 = a free port).
  Status Start();
  std::uint16_t Port() const;
  std::uint16_t MetricsPort() const;  // the metrics_listen port; 0 when there is none
  // Drains in-flight requests (≤ 9 s) and stops.
  void Stop();
  // Blocks until SIGINT/SIGTERM, then stops.
  void RunUntilSignalled();

  // Creates the demo organizations and accounts when missing and gives every demo account a new
  // password (so that each `make run` prints working credentials).
  Result<std::vector<DemoAccount>> SeedDemo();

  domain::AuthService& Auth();
  domain::UserService& Users();
  domain::OrganizationService& Organizations();
  domain::Store& Store();
  // The Anthropic side (the users side calls ApiKeys().RevealOwnKey etc.).
  domain::SyncService& Sync();
  domain::ApiKeyService& ApiKeys();
  domain::LegacyImportService& LegacyImport();
  domain::WorkspaceService& Workspaces();
  domain::AnthropicConnection& Anthropic();
  const domain::Vault& Vault() const;
  const Config& GetConfig() const;
  // "METHOD /pattern" of every HTTP route, as registered by Start() (empty before).
  const std::vector<std::string>& Routes() const;

 private:
  struct Impl;
  explicit Portal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Opens the database named by the config and applies pending migrations; returns how many.
Result<int> MigrateDatabase(const Config& config);
// The migrations the database lacks ("0007_name"), changing nothing; an error when the database
// is newer than this binary. A database that does not exist yet lacks them all.
Result<std::vector<std::string>> PendingMigrations(const Config& config);

}  // namespace portal::app
