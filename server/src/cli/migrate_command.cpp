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
  command->callback([flags] {
    auto config = LoadConfigOrExit(*flags);
    auto applied = app::MigrateDatabase(config);
    if (!applied) Die("migrate: " + applied.error().message);
    std::cout << "applied " << *applied << " migration(s)\n";
  });
}

}  // namespace portal::cli
