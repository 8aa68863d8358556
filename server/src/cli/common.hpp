#pragma once
// Options shared by the subcommands that touch the database (--config, --data-dir,
// --database-url), and loading the configuration from them.

#include <CLI/CLI.hpp>
#include <memory>

#include "app/config.hpp"

namespace portal::cli {

// Adds --config, --data-dir and --database-url to a subcommand; values land in `flags`.
void AddDatabaseFlags(CLI::App& command, app::ConfigFlags& flags);

// Loads the configuration or prints the one-line reason and exits with status 2.
app::Config LoadConfigOrExit(const app::ConfigFlags& flags);

// Prints "portal: <message>" to stderr and exits with `status`.
[[noreturn]] void Die(const std::string& message, int status = 1);

}  // namespace portal::cli
