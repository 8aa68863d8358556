#pragma once
// One file per subcommand (cli/<name>_command.cpp); main.cpp only wires them.

namespace CLI {
class App;
}

namespace portal::cli {

void AddServeCommand(CLI::App& app);
void AddMigrateCommand(CLI::App& app);
void AddUserCommand(CLI::App& app);
void AddVersionCommand(CLI::App& app);
void AddEmulatorCommand(CLI::App& app);  // emulator_command.cpp
// login, whoami, key, prompts, prompt get, logout: the public-API client (client_commands.cpp)
void AddClientCommands(CLI::App& app);
void AddVaultCommand(CLI::App& app);  // vault_command.cpp
void AddImportCommand(CLI::App& app);
void AddBackupCommands(CLI::App& app);  // backup, restore
void AddCopyDatabaseCommand(CLI::App& app);
void AddSeedScaleCommand(CLI::App& app);  // seed_command.cpp: the scale benchmarks' data

}  // namespace portal::cli
