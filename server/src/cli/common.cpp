#include "cli/common.hpp"

#include <cstdlib>
#include <iostream>

#include "core/log.hpp"
#include "core/text.hpp"

namespace portal::cli {

void AddDatabaseFlags(CLI::App& command, app::ConfigFlags& flags) {
  command.add_option("--config", flags.config_file, "TOML configuration file (see docs/portal.example.toml)");
  command.add_option_function<std::string>(
      "--data-dir", [&flags](const std::string& v) { flags.data_dir = v; }, "data directory (PORTAL_DATA_DIR)");
  command.add_option_function<std::string>(
      "--database-url", [&flags](const std::string& v) { flags.database_url = v; },
      "sqlite:PATH or postgresql://… (PORTAL_DATABASE_URL)");
}

app::Config LoadConfigOrExit(const app::ConfigFlags& flags) {
  auto config = app::LoadConfig(flags, app::ProcessEnvironment());
  if (!config) Die("configuration: " + config.error().message, 2);
  return *config;
}

void Die(const std::string& message, int status) {
  // Messages may quote names from the portal or an export: never raw control characters.
  log::Flush();  // the log lines before it come first
  std::cerr << "portal: " << VisibleText(message) << "\n";
  std::exit(status);
}

}  // namespace portal::cli
