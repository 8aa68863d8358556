#pragma once
// Fills an empty portal database with a large, deterministic data set for the scale benchmarks
// (`portal seed-scale`, bench/list_scale.sh): organizations, Anthropic workspaces linked to some
// of them, API keys spread over the workspaces, users (those of a linked organization each hold
// one of its keys), audit events and prompts. Rows are written with multi-row INSERTs in one
// transaction per table, straight into the tables: the data is shaped like what the services
// write, without their per-row checks, so that a million keys take minutes, not hours.

#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "domain/repositories.hpp"

namespace portal::storage {

struct ScaleSeedSpec {
  std::int64_t organizations = 1000;
  std::int64_t workspaces = 100;  // linked to the first `workspaces` organizations, one each
  std::int64_t keys = 1000000;
  std::int64_t users = 100000;
  std::int64_t audit_events = 1000000;
  std::int64_t prompts = 10000;
  std::string password_hash;  // every seeded user's (one argon2id hash, computed by the caller)
  std::int64_t now_ms = 0;
};

struct ScaleSeedReport {
  std::int64_t organizations = 0, workspaces = 0, keys = 0, users = 0, key_holders = 0, audit_events = 0, prompts = 0;
};

// The database must be migrated and hold no organizations, workspaces, keys or users
// (kInvalidArgument otherwise). `progress` is called after each table with its name and rows.
Result<ScaleSeedReport> SeedScale(domain::Store& store, const ScaleSeedSpec& spec,
                                  const std::function<void(const std::string&, std::int64_t)>& progress = {});

}  // namespace portal::storage
