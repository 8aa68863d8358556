// portal import legacy-mongo: brings the old Node/MongoDB portal's export over (docs/migration.md).
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/backup.hpp"
#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "legacy/mongo_export.hpp"

namespace portal::cli {
namespace {

struct ImportArgs {
  app::ConfigFlags flags;
  std::string from;
  std::string report;
  std::string backup;
  bool dry_run = false;
  bool no_sync = false;
};

// Where an import's SQLite backup goes unless --backup names a file.
std::string DefaultBackupPath(const app::Config& config) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char name[64];
  std::strftime(name, sizeof name, "before-import-%Y%m%dT%H%M%SZ.db", &utc);
  return (std::filesystem::path(config.data_dir) / "backups" / name).string();
}

void RunImport(const ImportArgs& args) {
  auto data = legacy::ReadExportDirectory(args.from);
  if (!data) Die("import: " + data.error().message);
  auto config = LoadConfigOrExit(args.flags);
  config.demo = false;
  auto portal = app::Portal::Open(config);
  if (!portal) Die("import: " + portal.error().message);
  // An apply on SQLite backs the database up first (PostgreSQL: pg_dump beforehand, docs/migration.md).
  const bool sqlite = config.database_url.starts_with("sqlite:");
  std::string backup;
  if (!args.dry_run && sqlite) {
    backup = args.backup.empty() ? DefaultBackupPath(config) : args.backup;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(backup).parent_path(), ec);
    auto made = app::BackupDatabase(config, backup);
    if (!made) Die("import: the backup before the import failed (" + made.error().message + "); nothing was imported");
    std::cout << "Backed up the database to " << backup << " before importing.\n";
  }
  domain::Actor cli;
  cli.request_id = "cli-import";
  auto report = (*portal)->LegacyImport().Run(cli, *data, {.dry_run = args.dry_run, .sync_first = !args.no_sync});
  if (!report) Die("import: " + report.error().message);
  std::string undo;
  if (!report->dry_run && report->changed) {
    undo = sqlite ? "stop the portal and put the backup " + backup + " in place of its database (docs/migration.md)"
                  : "stop the portal and restore the pg_dump you took before the import (docs/migration.md)";
  } else if (!backup.empty()) {
    std::filesystem::remove(backup);  // nothing changed: nothing to undo
  }
  if (!args.report.empty()) {
    auto json = legacy::ReportJson(*report);
    json["backup"] = backup.empty() || undo.empty() ? boost::json::value(nullptr) : boost::json::value(backup);
    json["undo"] = undo.empty() ? boost::json::value(nullptr) : boost::json::value(undo);
    std::ofstream out(args.report, std::ios::trunc);
    out << boost::json::serialize(json) << "\n";
    if (!out) Die("import: cannot write the report to " + args.report);
  }
  std::cout << legacy::ReportText(*report);
  if (report->dry_run && report->changed) {
    std::cout << (sqlite ? "Next: run the same command without --dry-run (it backs the database up first).\n"
                         : "Next: back up the database with pg_dump (docs/migration.md), then run the same command "
                           "without --dry-run.\n");
  } else if (!undo.empty()) {
    std::cout << "To undo this import, " << undo << ".\n";
  }
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand("import", "Import data from another portal");
  import->require_subcommand(1);
  auto* mongo = import->add_subcommand(
      "legacy-mongo", "Import the old Node/MongoDB portal's mongoexport files (users, organizations, keys, prompts)");
  AddDatabaseFlags(*mongo, args->flags);
  mongo->add_option("--from", args->from, "folder with simpleusers.json, simpleorganizations.json, …")->required();
  mongo->add_flag("--dry-run", args->dry_run, "report what would happen and change nothing");
  mongo->add_option("--report", args->report, "also write the report as JSON to this file");
  mongo->add_option("--backup", args->backup,
                    "SQLite: back the database up to this file before applying (default: "
                    "DATA_DIR/backups/before-import-TIME.db)");
  mongo->add_flag("--no-sync", args->no_sync, "do not sync from Anthropic first (match keys against the last sync)");
  mongo->callback([args] { RunImport(*args); });
}

}  // namespace portal::cli
