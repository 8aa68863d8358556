// The `portal` binary: wiring only; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"AppGenius Portal: admin portal for an Anthropic organization", "portal"};
  app.require_subcommand(1);
  portal::cli::AddServeCommand(app);
  portal::cli::AddMigrateCommand(app);
  portal::cli::AddUserCommand(app);
  portal::cli::AddVersionCommand(app);
  portal::cli::AddClientCommands(app);
  portal::cli::AddVaultCommand(app);
  portal::cli::AddImportCommand(app);
  portal::cli::AddBackupCommands(app);
  portal::cli::AddCopyDatabaseCommand(app);
  portal::cli::AddSeedScaleCommand(app);
#ifdef PORTAL_HAVE_EMULATOR
  portal::cli::AddEmulatorCommand(app);
#endif
  CLI11_PARSE(app, argc, argv);
  return 0;
}
