// portal version
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "storage/store.hpp"

#ifndef PORTAL_VERSION
#define PORTAL_VERSION "0.0.0"
#endif

namespace portal::cli {

void AddVersionCommand(CLI::App& app) {
  auto* command = app.add_subcommand("version", "Print the version");
  command->callback(
      [] { std::cout << "portal " << PORTAL_VERSION << " (schema " << storage::LatestSchemaVersion() << ")\n"; });
}

}  // namespace portal::cli
