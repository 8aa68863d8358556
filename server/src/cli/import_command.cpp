// portal import legacy-mongo: brings the old Node/MongoDB portal's export over (docs/migration.md).
#include <boost/json.hpp>
#include <fstream>
#include <iostream>

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
  bool dry_run = false;
  bool no_sync = false;
};

void RunImport(const ImportArgs& args) {
  auto data = legacy::ReadExportDirectory(args.from);
  if (!data) Die("import: " + data.error().message);
  auto config = LoadConfigOrExit(args.flags);
  config.demo = false;
  auto portal = app::Portal::Open(config);
  if (!portal) Die("import: " + portal.error().message);
  domain::Actor cli;
  cli.request_id = "cli-import";
  auto report = (*portal)->LegacyImport().Run(cli, *data, {.dry_run = args.dry_run, .sync_first = !args.no_sync});
  if (!report) Die("import: " + report.error().message);
  if (!args.report.empty()) {
    std::ofstream out(args.report, std::ios::trunc);
    out << boost::json::serialize(legacy::ReportJson(*report)) << "\n";
    if (!out) Die("import: cannot write the report to " + args.report);
  }
  std::cout << legacy::ReportText(*report);
  if (report->dry_run && report->changed) {
    std::cout << "Next: back up the database (docs/migration.md), then run the same command without --dry-run.\n";
  } else if (!report->dry_run && report->changed) {
    std::cout << "To undo this import, restore the backup you took before it (docs/migration.md).\n";
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
  mongo->add_flag("--no-sync", args->no_sync, "do not sync from Anthropic first (match keys against the last sync)");
  mongo->callback([args] { RunImport(*args); });
}

}  // namespace portal::cli
