#pragma once
// Test support (portal_domain_testing): the domain services wired to the in-memory fakes (one
// world per test; SyncService and UsageService run their work on threads of their own), and
// shortcuts that arrange organizations, users, workspaces and keys (locally and, for workspaces
// and keys, in the fake Anthropic too, as a sync would have left them).

#include <memory>
#include <optional>
#include <string>

#include "domain/api_key_service.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/dashboard_service.hpp"
#include "domain/limits_service.hpp"
#include "domain/organization_service.hpp"
#include "domain/policy.hpp"
#include "domain/setup_service.hpp"
#include "domain/sync_service.hpp"
#include "domain/testing/fake_anthropic.hpp"
#include "domain/testing/fakes.hpp"
#include "domain/testing/memory_store.hpp"
#include "domain/usage_service.hpp"
#include "domain/user_service.hpp"
#include "domain/workspace_service.hpp"

namespace portal::domain::testing {

// A value that looks like an Anthropic API key; `n` makes it unique, `middle` changes only the
// part the hint hides (two values with the same `n` share their hint).
std::string KeyValue(int n, char middle = 'm');

struct TestWorld {
  FixedClock clock;
  MemoryStore store{&clock};
  FakeVault vault;
  std::shared_ptr<FakeAnthropic> anthropic = std::make_shared<FakeAnthropic>();
  std::unique_ptr<AnthropicConnection> connection = ConnectFake(store, vault, clock, anthropic);
  SyncService sync{store, *connection, nullptr, clock};
  ApiKeyService api_keys{store, *connection, sync, vault, clock};
  WorkspaceService workspaces{store, *connection, clock};
  OrganizationService organizations{store, clock, workspaces};
  FakePasswordHasher hasher;
  FakeTokenGenerator tokens;
  UserService users{store, hasher, tokens, clock, api_keys};
  AuditService audit{store};
  LimitsService limits{store, *connection, clock};
  DashboardService dashboard{store};
  UsageService usage{store, *connection, clock};
  FakeAccessTokenCodec codec;
  AuthService auth{store, hasher, codec, tokens, clock};
  SetupService setup{auth, *connection, sync};

  Organization AddOrganization(const std::string& id, const std::string& name);
  // email: <id>@portal.test
  User AddUser(const std::string& id, Role role, const std::optional<std::string>& organization_id,
               const std::optional<std::string>& api_key_id = std::nullopt);
  // A live session (expires in an hour).
  Session AddSession(const std::string& id, const std::string& user_id);
  // Locally (linked to `organization_id`) and upstream.
  WorkspaceRecord AddWorkspace(const std::string& id, const std::string& name,
                               const std::optional<std::string>& organization_id);
  // Locally and upstream, hint MaskSecret(value); its secret sealed when `registered`.
  ApiKeyRecord AddKey(const std::string& id, const std::optional<std::string>& workspace_id, const std::string& value,
                      bool registered = true, ApiKeyStatus status = ApiKeyStatus::kActive);

  std::optional<User> FindUser(const std::string& id) const;
  ApiKeyRecord KeyRecord(const std::string& id) const;  // throws when absent
};

// An actor for a user (as the HTTP layer builds it).
Actor ActorFor(const User& user);
Actor MakeActor(std::string user_id, Role role, std::optional<std::string> organization_id);

}  // namespace portal::domain::testing
