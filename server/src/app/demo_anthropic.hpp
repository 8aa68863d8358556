#pragma once
// Demo mode's Anthropic side: the built-in emulator in-process, the portal
// pointed at it like at a real organization, a first sync, workspaces linked to the demo
// organizations, some secrets registered and keys assigned to demo users.

#include <map>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/ports.hpp"
#include "domain/sync_service.hpp"
#include "domain/vault.hpp"
#include "emulator/emulator.hpp"

namespace portal::app {

struct DemoAnthropicDeps {
  domain::Store& store;
  domain::AnthropicConnection& anthropic;
  domain::SyncService& sync;
  const domain::Vault& vault;
  const Clock& clock;
  domain::TokenGenerator& tokens;
};

// `org_ids`: demo organization name → id; `key_holders`: demo user email → organization name.
// Returns the running emulator (the caller stops it on shutdown).
Result<std::unique_ptr<emulator::Emulator>> SeedDemoAnthropic(
    const DemoAnthropicDeps& deps, const std::map<std::string, std::string>& org_ids,
    const std::vector<std::pair<std::string, std::string>>& key_holders);

}  // namespace portal::app
