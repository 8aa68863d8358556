// portal backup --to FILE and portal restore --from FILE (SQLite; docs/deploy.md).
#include <iostream>

#include "app/backup.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace portal::cli {

void AddBackupCommands(CLI::App& app) {
  auto backup_flags = std::make_shared<app::ConfigFlags>();
  auto to = std::make_shared<std::string>();
  auto* backup = app.add_subcommand("backup", "Copy the live SQLite database to a new file (the portal may run)");
  AddDatabaseFlags(*backup, *backup_flags);
  backup->add_option("--to", *to, "the backup file to create (must not exist)")->required();
  backup->callback([backup_flags, to] {
    auto config = LoadConfigOrExit(*backup_flags);
    auto done = app::BackupDatabase(config, *to);
    if (!done) Die("backup: " + done.error().message);
    std::cout << "backup written: " << done->path << " (" << done->bytes << " bytes, schema " << done->schema_version
              << ", integrity ok, master key ok)\n"
              << "keep " << config.master_key_file
              << " safe as well, apart from the backup: the secrets in it open only with that key\n";
  });

  auto restore_flags = std::make_shared<app::ConfigFlags>();
  auto from = std::make_shared<std::string>();
  auto* restore = app.add_subcommand("restore", "Put a backup in place as the database of an empty data directory");
  AddDatabaseFlags(*restore, *restore_flags);
  restore->add_option("--from", *from, "a file made by `portal backup`")->required();
  restore->callback([restore_flags, from] {
    auto config = LoadConfigOrExit(*restore_flags);
    auto done = app::RestoreDatabase(config, *from);
    if (!done) Die("restore: " + done.error().message);
    std::cout << "restored " << *from << " to " << done->database << " (schema " << done->schema_version
              << ", integrity ok, master key ok)";
    if (done->pending_migrations > 0) {
      std::cout << "; " << done->pending_migrations << " migration(s) will run at the next start";
    }
    std::cout << "\n";
  });
}

}  // namespace portal::cli
