// portal seed-scale: fills an empty database with the scale benchmarks' data set
// (storage/scale_seed.hpp; bench/list_scale.sh, docs/benchmarks.md).
#include <chrono>
#include <iostream>

#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "security/password_hasher.hpp"
#include "storage/scale_seed.hpp"
#include "storage/store.hpp"

namespace portal::cli {

void AddSeedScaleCommand(CLI::App& app) {
  auto flags = std::make_shared<app::ConfigFlags>();
  auto spec = std::make_shared<storage::ScaleSeedSpec>();
  auto password = std::make_shared<std::string>("scale password 1");
  auto* command = app.add_subcommand(
      "seed-scale", "Fill an empty database with a large benchmark data set (every user's password is --password)");
  AddDatabaseFlags(*command, *flags);
  command->add_option("--organizations", spec->organizations, "organizations")->capture_default_str();
  command->add_option("--workspaces", spec->workspaces, "workspaces, one per organization")->capture_default_str();
  command->add_option("--keys", spec->keys, "API keys")->capture_default_str();
  command->add_option("--users", spec->users, "users (plus scale-admin@example.com, a SuperAdmin)")
      ->capture_default_str();
  command->add_option("--audit-events", spec->audit_events, "audit events")->capture_default_str();
  command->add_option("--prompts", spec->prompts, "prompts")->capture_default_str();
  command->add_option("--password", *password, "every seeded user's password")->capture_default_str();
  command->callback([flags, spec, password] {
    for (auto n : {spec->organizations, spec->workspaces, spec->keys, spec->users, spec->audit_events, spec->prompts}) {
      if (n < 0) Die("seed-scale: counts cannot be negative", 2);
    }
    auto config = LoadConfigOrExit(*flags);
    if (auto applied = app::MigrateDatabase(config); !applied) Die("seed-scale: " + applied.error().message);
    auto store = storage::OpenStore({.url = config.database_url, .pool_size = 2});
    if (!store) Die("seed-scale: " + store.error().message);
    security::Argon2Params params;
    params.opslimit = static_cast<unsigned long long>(config.argon2_iterations);
    params.memlimit = static_cast<std::size_t>(config.argon2_memory_kib) * 1024;
    auto hash = security::SodiumPasswordHasher(params).Hash(*password);
    if (!hash) Die("seed-scale: " + hash.error().message);
    spec->password_hash = *hash;
    spec->now_ms = ToUnixMillis(std::chrono::system_clock::now());
    const auto started = std::chrono::steady_clock::now();
    auto report = storage::SeedScale(**store, *spec, [&](const std::string& table, std::int64_t rows) {
      const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << "seeded " << table << ": " << rows << " rows (" << seconds << " s)" << std::endl;
    });
    if (!report) Die("seed-scale: " + report.error().message);
    std::cout << report->key_holders << " users hold a key; log in as scale-admin@example.com" << std::endl;
  });
}

}  // namespace portal::cli
