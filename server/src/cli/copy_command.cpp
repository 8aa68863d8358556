// portal copy-database --to URL: every row of the configured database into a new, empty one —
// how an installation moves from SQLite to PostgreSQL (docs/deploy.md).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "storage/store.hpp"

namespace portal::cli {

void AddCopyDatabaseCommand(CLI::App& app) {
  auto flags = std::make_shared<app::ConfigFlags>();
  auto to = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "copy-database", "Copy every row of the database into a new, empty one (e.g. SQLite to PostgreSQL)");
  AddDatabaseFlags(*command, *flags);
  command->add_option("--to", *to, "the new database: postgresql://… or sqlite:PATH (migrated, must be empty)")
      ->required();
  command->callback([flags, to] {
    auto config = LoadConfigOrExit(*flags);
    if (*to == config.database_url) Die("copy-database: --to names the database being copied");
    auto source = storage::OpenStore({.url = config.database_url, .pool_size = 1});
    if (!source) Die("copy-database: the database: " + source.error().message);
    if (auto migrated = storage::Migrate(**source); !migrated) Die("copy-database: " + migrated.error().message);
    auto target = storage::OpenStore({.url = *to, .pool_size = 1});
    if (!target) Die("copy-database: --to: " + target.error().message);
    if (auto migrated = storage::Migrate(**target); !migrated) Die("copy-database: --to: " + migrated.error().message);
    auto copied = storage::CopyDatabase(**source, **target, [](const std::string& table, long long rows) {
      std::cout << "copied " << table << ": " << rows << " row(s)\n";
    });
    if (!copied) Die("copy-database: " + copied.error().message + " (nothing was written)");
    auto integrity = storage::IntegrityCheck(**target);
    if (!integrity || *integrity != "ok") Die("copy-database: the copy does not check out");
    std::cout << "copied " << copied->rows << " row(s) into " << (*target)->Backend()
              << "; point database_url at it, keep master_key_file and jwt_key_file, and start the portal\n";
  });
}

}  // namespace portal::cli
