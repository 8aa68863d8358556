#pragma once
// A lock that excludes other portal instances sharing the database (one sync run at a
// time across instances). Storage implements it: a PostgreSQL session advisory lock held on a
// dedicated connection; on SQLite (one process per database file) it is always granted.

#include <cstdint>
#include <memory>

#include "core/error.hpp"

namespace portal::domain {

// Held while alive; released on destruction (or when its connection drops).
class ClusterLock {
 public:
  virtual ~ClusterLock() = default;
};

class ClusterLocks {
 public:
  virtual ~ClusterLocks() = default;
  // nullptr (not an error) when another holder has it; an error when the database is unreachable.
  virtual Result<std::unique_ptr<ClusterLock>> TryAcquire(std::int64_t key) = 0;
};

}  // namespace portal::domain
