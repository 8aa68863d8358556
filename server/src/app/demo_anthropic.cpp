#include "app/demo_anthropic.hpp"

#include <algorithm>
#include <iostream>
#include <set>

#include "core/log.hpp"
#include "domain/repositories.hpp"

namespace portal::app {

Result<std::unique_ptr<emulator::Emulator>> SeedDemoAnthropic(
    const DemoAnthropicDeps& deps, const std::map<std::string, std::string>& org_ids,
    const std::vector<std::pair<std::string, std::string>>& key_holders) {
  emulator::EmulatorOptions options;
  options.admin_key = "sk-ant-admin01-demo-" + deps.tokens.RandomToken(24);
  options.workspaces = 3;
  options.api_keys = 12;
  options.seed = 1;
  options.access_log = false;
  auto emu = std::make_unique<emulator::Emulator>(std::move(options));
  if (auto started = emu->Start(); !started) return Fail(started.error());

  auto configured = deps.anthropic.Configure(emu->AdminKey(), emu->BaseUrl(), std::nullopt, "demo-seed");
  if (!configured) return Fail(configured.error());
  auto run = deps.sync.RunNow("demo", std::nullopt, "demo-seed");
  if (!run) return Fail(run.error());
  if (run->status != "succeeded") return Fail(Error::Internal("demo sync failed: " + run->error));

  std::vector<std::string> org_order;
  for (const auto& [email, org] : key_holders) {
    if (std::find(org_order.begin(), org_order.end(), org) == org_order.end()) org_order.push_back(org);
  }
  const auto secrets = emu->Keys();
  const auto now = ToUnixMillis(deps.clock.Now());
  auto wrote = deps.store.Write([&](domain::Tx& tx) -> Status {
    auto workspaces = tx.Workspaces().List({.page = {.limit = 100}});
    if (!workspaces) return Fail(workspaces.error());
    // Link: the first workspaces to the first organization, the last one to the second.
    std::map<std::string, std::string> workspace_org;  // workspace id → organization id
    for (std::size_t i = 0; i < workspaces->items.size() && !org_order.empty(); ++i) {
      auto& w = workspaces->items[i];
      const std::string& org_name =
          i + 1 == workspaces->items.size() && org_order.size() > 1 ? org_order[1] : org_order[0];
      auto org = org_ids.find(org_name);
      if (org == org_ids.end()) continue;
      if (!w.organization_id) {
        if (auto s = tx.Workspaces().SetOrganization(w.id, org->second); !s) return s;
        w.organization_id = org->second;
      }
      workspace_org[w.id] = *w.organization_id;
    }
    // Register the secrets of the active keys in linked workspaces; hand one to each demo user.
    std::set<std::string> taken;
    for (const auto& [email, org_name] : key_holders) {
      auto user = tx.Users().FindByEmail(email);
      if (!user) continue;
      if (user->api_key_id) taken.insert(*user->api_key_id);
    }
    std::map<std::string, std::vector<std::string>> free_keys;  // organization id → key ids
    for (const auto& key : secrets) {
      if (key.status != "active" || !key.workspace_id) continue;
      auto org = workspace_org.find(*key.workspace_id);
      if (org == workspace_org.end()) continue;
      auto record = tx.ApiKeys().FindById(key.id);
      if (!record) continue;
      if (!record->secret_sealed) {
        auto sealed = deps.vault.Seal(key.value, key.id);
        if (!sealed) return Fail(sealed.error());
        if (auto s = tx.ApiKeys().SetSecret(key.id, *sealed, now); !s) return s;
      }
      auto holder = tx.ApiKeys().FindHolder(key.id);
      if (!holder) return Fail(holder.error());
      if (!*holder && !taken.contains(key.id)) free_keys[org->second].push_back(key.id);
    }
    for (const auto& [email, org_name] : key_holders) {
      auto user = tx.Users().FindByEmail(email);
      if (!user || user->api_key_id) continue;
      auto org = org_ids.find(org_name);
      if (org == org_ids.end()) continue;
      auto& pool = free_keys[org->second];
      if (pool.empty()) continue;
      user->api_key_id = pool.front();
      pool.erase(pool.begin());
      user->updated_at = now;
      if (auto s = tx.Users().Update(*user); !s) return s;
    }
    // The demo's links stand for ones that have always been: its usage history is attributed.
    return tx.Usage().BackdateFirstLinks();
  });
  if (!wrote) return Fail(wrote.error());
  log::Info("demo_anthropic_ready", {{"emulator", emu->BaseUrl()}, {"apiKeys", run->api_keys}});
  // Demo only: the built-in emulator's own fake admin key, so that tests can read its key values
  // (GET {url}/_emulator/keys) and paste one into the portal. Never a real secret.
  std::cout << "demo emulator: url=" << emu->BaseUrl() << " admin_key=" << emu->AdminKey() << std::endl;
  return emu;
}

}  // namespace portal::app
