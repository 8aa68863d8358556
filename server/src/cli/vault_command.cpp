// portal vault rotate: re-seals every secret under a new master key (docs/security.md).
#include <iostream>

#include "app/vault_setup.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "storage/store.hpp"

namespace portal::cli {

void AddVaultCommand(CLI::App& app) {
  auto* vault = app.add_subcommand("vault", "Manage the master key that encrypts secrets at rest");
  vault->require_subcommand(1);
  auto flags = std::make_shared<app::ConfigFlags>();
  auto* rotate = vault->add_subcommand("rotate", "Re-seal every secret under a new master key");
  AddDatabaseFlags(*rotate, *flags);
  rotate->callback([flags] {
    auto config = LoadConfigOrExit(*flags);
    auto store = storage::OpenStore({.url = config.database_url, .pool_size = 2});
    if (!store) Die("vault rotate: " + store.error().message);
    if (auto migrated = storage::Migrate(**store); !migrated) Die("vault rotate: " + migrated.error().message);
    SystemClock clock;
    auto done = app::RotateVault(config, **store, clock);
    if (!done) Die("vault rotate: " + done.error().message);
    std::cout << "re-sealed " << done->settings_resealed << " setting(s) and " << done->api_keys_resealed
              << " API key secret(s); new master key in " << config.master_key_file
              << "\nrestart every portal instance now\n";
  });
}

}  // namespace portal::cli
