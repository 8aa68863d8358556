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
void AddEmulatorCommand(CLI::App& app);  // emulator_command.cpp (issue 3)

}  // namespace portal::cli
