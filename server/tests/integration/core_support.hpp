#pragma once
// Shared set-up for the core tests (organizations, users, keys by tenant): two customer
// organizations with an Admin, a User and a plain member each, a linked workspace and registered
// API keys, plus a SuperAdmin. Keys are written straight through the Store (as a sync and a
// register-by-paste would leave them), sealed with the portal's own master key file.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/ids.hpp"
#include "domain/masking.hpp"
#include "security/secret_box.hpp"
#include "security/tokens.hpp"
#include "support/portal_fixture.hpp"

namespace portal::testing {

struct Tenant {
  std::string name;
  std::string org;
  std::string admin, user, member;  // user ids
  std::string admin_email, user_email, member_email;
  std::string admin_token, user_token;
  std::string workspace;  // linked, not archived
  std::string workspace_name;
  std::string key;  // registered, active, unassigned
  std::string key_value;
};

// A finished, successful sync run (not yet stored): sync runs belong to no organization.
inline domain::SyncRun FinishedSyncRun() {
  domain::SyncRun run;
  run.id = NewId("syn");
  run.status = "succeeded";
  run.trigger = "manual";
  run.started_at = 1;
  run.finished_at = 2;
  return run;
}

class CoreTest : public PortalTest {
 protected:
  // A fresh, unique, realistic-looking key value: 93 random base64url characters, so that hints
  // (first 16 + last 4 characters) never collide between the keys of one test.
  static std::string NewKeyValue() {
    return "sk-ant-api03-" + security::SodiumTokenGenerator().RandomToken(70).substr(0, 93) + "AA";
  }

  static std::string WorkspaceName(const std::string& id) { return "ws-" + id.substr(id.size() - 6); }

  std::string AddWorkspace(const std::optional<std::string>& org, bool archived = false) {
    domain::WorkspaceRecord ws;
    ws.id = NewId("wrkspc");
    ws.name = WorkspaceName(ws.id);
    ws.display_color = "#6C5BB9";
    ws.created_at = "2025-03-24T00:00:00Z";
    if (archived) ws.archived_at = "2025-03-25T00:00:00Z";
    ws.synced_at = 1;
    auto written = portal->Store().Write([&](domain::Tx& tx) -> Status {
      if (auto s = tx.Workspaces().Upsert(ws); !s) return s;
      return tx.Workspaces().SetOrganization(ws.id, org);
    });
    EXPECT_TRUE(written) << (written ? "" : written.error().detail);
    return ws.id;
  }

  // A key in `workspace` with `value` as its secret (sealed as the vault does: bound to the id).
  std::string AddKey(const std::optional<std::string>& workspace, const std::string& value,
                     const std::string& status = "active", bool registered = true) {
    domain::ApiKeyRecord key;
    key.id = NewId("apikey");
    key.name = "key-" + key.id.substr(key.id.size() - 6);
    key.status = status;
    key.partial_key_hint = domain::MaskSecret(value);
    key.workspace_id = workspace;
    key.created_at = "2025-03-24T00:00:00Z";
    key.synced_at = 1;
    std::optional<std::string> sealed;
    if (registered) sealed = Box().Seal(value, key.id);
    auto written = portal->Store().Write([&](domain::Tx& tx) -> Status {
      if (auto s = tx.ApiKeys().Upsert(key); !s) return s;
      if (!sealed) return {};
      return tx.ApiKeys().SetSecret(key.id, sealed, 1);
    });
    EXPECT_TRUE(written) << (written ? "" : written.error().detail);
    return key.id;
  }

  security::SecretBox Box() {
    auto key = security::LoadOrCreateMasterKey(portal->GetConfig().master_key_file);
    EXPECT_TRUE(key);
    return security::SecretBox(security::SecretKey{1, key ? *key : std::string(32, 'x')});
  }

  Tenant MakeTenant(const std::string& name, const std::string& slug) {
    Tenant t;
    t.name = name;
    t.org = CreateOrganization(name);
    t.admin_email = "admin@" + slug + ".example";
    t.user_email = "user@" + slug + ".example";
    t.member_email = "member@" + slug + ".example";
    t.admin = CreateUser(t.admin_email, domain::Role::kAdmin, t.org);
    t.user = CreateUser(t.user_email, domain::Role::kUser, t.org);
    t.member = CreateUser(t.member_email, domain::Role::kUser, t.org);
    t.admin_token = LoginCli(t.admin_email).access;
    t.user_token = LoginCli(t.user_email).access;
    t.workspace = AddWorkspace(t.org);
    t.workspace_name = WorkspaceName(t.workspace);
    t.key_value = NewKeyValue();
    t.key = AddKey(t.workspace, t.key_value);
    return t;
  }

  std::string MakeSuperAdmin() {
    CreateUser("super@appgenius.example", domain::Role::kSuperAdmin, std::nullopt);
    return LoginCli("super@appgenius.example").access;
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back(Bearer(token));
    if (!body.empty()) headers.push_back("Content-Type: application/json");
    return client->Send(method, path, body, headers);
  }
};

}  // namespace portal::testing
