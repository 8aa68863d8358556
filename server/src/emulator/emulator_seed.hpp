#pragma once
// Deterministic demo data: the same options give byte-identical snapshots (ids, key values,
// times). Keys are spread over the workspaces and the Default Workspace; every 4th key is
// inactive and every 7th archived; the first user is the organization's admin.

#include <cstdint>

#include "emulator/emulator_types.hpp"

namespace portal::emulator {

struct GenerateOptions {
  int workspaces = 3;
  int api_keys = 10;
  int users = 5;
  std::uint64_t seed = 1;
  // When set (> 0), the one pending invite is dated a day before `now` so that it has not
  // expired; 0 keeps every time fixed (byte-identical snapshots).
  Micros now = 0;
};

Snapshot GenerateSnapshot(const GenerateOptions& options);

}  // namespace portal::emulator
