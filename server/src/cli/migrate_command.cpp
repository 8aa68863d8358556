// portal migrate: applies pending database migrations and exits.
#include <iostream>

#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace portal::cli {

void AddMigrateCommand(CLI::App& app) {
  auto flags = std::make_shared<app::ConfigFlags>();
  auto* command = app.add_subcommand("migrate", "Apply pending database migrations");
  AddDatabaseFlags(*command, *flags);
  auto dry_run = std::make_shared<bool>(false);
  command->add_flag("--dry-run", *dry_run, "list the migrations that would run and change nothing");
  command->callback([flags, dry_run] {
    auto config = LoadConfigOrExit(*flags);
    if (*dry_run) {
      auto pending = app::PendingMigrations(config);
      if (!pending) Die("migrate: " + pending.error().message);
      if (pending->empty()) std::cout << "nothing to apply: the database is up to date\n";
      for (const auto& name : *pending) std::cout << "would apply " << name << "\n";
      return;
    }
    auto applied = app::MigrateDatabase(config);
    if (!applied) Die("migrate: " + applied.error().message);
    std::cout << "applied " << *applied << " migration(s)\n";
  });
}

}  // namespace portal::cli
