#pragma once
// Sync from the Admin API (R-K1): every workspace (archived too) and every API key (every
// status), all pages, applied to the database in ONE transaction per run — a failure halfway
// (429s, 5xx, a dropped connection, a truncated page) changes nothing and is recorded on the
// run with an admin-readable reason. Keys no longer listed upstream are marked vanished, never
// dropped.
//
// One run at a time: a mutex in this process, and a ClusterLock (PostgreSQL advisory lock)
// across instances. Runs execute on a background thread; progress (pages, counts) is kept in
// memory for the running run and persisted when it ends.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/cluster_lock.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

// A run as `actor` may see it. A run covers every tenant, so for anyone but a SuperAdmin its
// counts become those of the actor's organization (its workspaces and their keys, as they are now);
// pages and vanished (whole-organization figures) read 0.
Status ScopeSyncRun(Tx& tx, const Actor& actor, SyncRun& run);

// A key as the store holds it, for comparing: a hash of Anthropic's fields and whether it is
// marked vanished; `listed` once Anthropic listed it again.
struct KnownKey {
  std::uint64_t fingerprint = 0;
  bool vanished = false;
  bool listed = false;
};
using KnownKeys = std::unordered_map<std::string, KnownKey>;

// Everything Anthropic lists (workspaces, archived too; keys of every status), as records. When
// fetched against `known` (what the store held before), `keys` holds only the keys that differ
// from it, the others are marked `listed` there: a sync in which little changed never holds a
// hundred thousand keys at once.
struct SyncSnapshot {
  std::vector<WorkspaceRecord> workspaces;
  std::vector<ApiKeyRecord> keys;
  std::optional<KnownKeys> known;
  std::int64_t keys_listed = 0;
  std::int64_t pages = 0;
};

class SyncService {
 public:
  // `locks` may be null (single instance). The advisory-lock key is fixed.
  SyncService(Store& store, AnthropicConnection& connection, ClusterLocks* locks, const Clock& clock);
  ~SyncService();
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  static constexpr std::int64_t kClusterLockKey = 0x706f7274616c7331;  // "portals1"

  // SuperAdmin or Admin: starts a run in the background and returns its id; while one runs
  // (here or on another instance) returns the running run's id instead of starting another.
  Result<std::string> Start(const Actor& actor);
  // Same without the role check ("periodic", "setup", "demo", "register").
  Result<std::string> StartAs(const std::string& trigger, const std::optional<std::string>& actor_id,
                              const std::string& request_id);
  // Runs synchronously (waits for a running one to finish first when another is in progress in
  // this process) and returns the finished run.
  Result<SyncRun> RunNow(const std::string& trigger, const std::optional<std::string>& actor_id,
                         const std::string& request_id);
  // SuperAdmin or Admin. The running run's live progress, else the stored row.
  Result<SyncRun> Get(const Actor& actor, const std::string& id);
  Result<std::optional<SyncRun>> Latest(const Actor& actor);
  // Waits until no run of this process is in progress (tests, shutdown).
  void WaitIdle();

  // A run a crash cut off (still "running" while no instance syncs) is marked failed, so that it
  // does not show as running forever. Called at start; StartAs does the same before each run.
  Status RecoverInterrupted();

  // Periodic runs every `interval` (0 disables); a run already in progress is not doubled.
  void StartPeriodic(std::chrono::milliseconds interval);
  // Stops the timer and waits for a running run.
  void Stop();
  // Reads everything from Anthropic without writing anything (a run's first half; the import's
  // dry run matches against it). `progress` is called after every page.
  using FetchProgress = std::function<void(const SyncSnapshot&)>;
  // With `known`, keys equal to what it holds are only marked listed there (see SyncSnapshot).
  Result<SyncSnapshot> Fetch(std::int64_t seen_at, const FetchProgress& progress = {},
                             std::optional<KnownKeys> known = std::nullopt);
  // What the store holds of every key (for Fetch).
  static Result<KnownKeys> ReadKnownKeys(Tx& tx);
  // A run's second half, in the caller's transaction: writes the workspaces and keys that changed,
  // marks keys no longer listed as vanished (at `now`); returns how many vanished. Logs what it
  // wrote (`sync_writes`, with `run_id` when given).
  static Result<std::int64_t> ApplySnapshot(Tx& tx, SyncSnapshot snapshot, std::int64_t now,
                                            std::string_view run_id = {});

  // Called on the run's thread after every successful run (the usage collector starts from it).
  void OnSucceeded(std::function<void()> callback) { on_succeeded_ = std::move(callback); }

 private:
  Result<SyncRun> Begin(const std::string& trigger, const std::optional<std::string>& actor_id);
  // Marks runs still "running" failed; the caller holds the cluster lock (and mutex_).
  Status FailInterrupted();
  static constexpr std::string_view kInterrupted =
      "the portal stopped during this run (a crash or a kill); nothing of it was applied — sync again";
  void Execute(SyncRun run, std::unique_ptr<ClusterLock> lock, const std::string& request_id);
  Status Apply(SyncRun& run, const std::string& request_id);
  void Finish(SyncRun run, const std::string& request_id, std::unique_ptr<ClusterLock> cluster);

  Store& store_;
  AnthropicConnection& connection_;
  ClusterLocks* locks_;
  const Clock& clock_;

  std::mutex mutex_;
  std::condition_variable idle_;
  std::optional<SyncRun> running_;  // guarded by mutex_
  std::thread worker_;              // guarded by mutex_

  std::mutex timer_mutex_;
  std::condition_variable timer_cv_;
  std::atomic<bool> stopping_{false};
  std::thread timer_;
  std::function<void()> on_succeeded_;
};

}  // namespace portal::domain
