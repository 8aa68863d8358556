#include "domain/sync_service.hpp"

#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/memory.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"

namespace portal::domain {
namespace {

WorkspaceRecord ToRecord(const Workspace& w, std::int64_t synced_at) {
  WorkspaceRecord r;
  r.id = w.id;
  r.name = w.name;
  r.display_color = w.display_color;
  r.created_at = w.created_at;
  r.archived_at = w.archived_at;
  r.synced_at = synced_at;
  return r;
}

ApiKeyRecord ToRecord(const ApiKey& k, std::int64_t synced_at) {
  ApiKeyRecord r;
  r.id = k.id;
  r.name = k.name;
  r.status = std::string(ToString(k.status));
  r.partial_key_hint = k.partial_key_hint.value_or("");
  r.workspace_id = k.workspace_id;
  r.created_at = k.created_at;
  r.created_by = k.created_by ? k.created_by->id : "";
  r.synced_at = synced_at;
  return r;
}

// Anthropic's fields of a key, hashed (FNV-1a, 64 bits; fields separated by a byte no field
// holds): what a sync compares to write only the keys that changed.
std::uint64_t Fingerprint(const ApiKeyRecord& k) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto add = [&](std::string_view field) {
    for (unsigned char c : field) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0x1f;
    hash *= 0x100000001b3ULL;
  };
  add(k.name);
  add(k.status);
  add(k.partial_key_hint);
  add(k.workspace_id ? std::string_view(*k.workspace_id) : std::string_view("\x1e"));
  add(k.created_at);
  add(k.created_by);
  return hash;
}

bool SameAnthropicFields(const WorkspaceRecord& a, const WorkspaceRecord& b) {
  return a.name == b.name && a.display_color == b.display_color && a.created_at == b.created_at &&
         a.archived_at == b.archived_at;
}

// What an admin reads on the run: the client's message is already admin-readable.
std::string Reason(const Error& error) {
  std::string reason = error.message;
  if (!error.api_code.empty()) reason += " (" + error.api_code + ")";
  return reason;
}

}  // namespace

SyncService::SyncService(Store& store, AnthropicConnection& connection, ClusterLocks* locks, const Clock& clock)
    : store_(store), connection_(connection), locks_(locks), clock_(clock) {}

SyncService::~SyncService() { Stop(); }

Result<std::string> SyncService::Start(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  return StartAs("manual", actor.user_id, actor.request_id);
}

Result<SyncRun> SyncService::Begin(const std::string& trigger, const std::optional<std::string>& actor_id) {
  SyncRun run;
  run.id = NewId("syn");
  run.trigger = trigger;
  run.actor_id = actor_id;
  run.started_at = ToUnixMillis(clock_.Now());
  auto inserted = store_.Write([&](Tx& tx) { return tx.SyncRuns().Insert(run); });
  if (!inserted) return Fail(inserted.error());
  return run;
}

Result<std::string> SyncService::StartAs(const std::string& trigger, const std::optional<std::string>& actor_id,
                                         const std::string& request_id) {
  std::unique_lock lock(mutex_);
  if (running_) return running_->id;
  if (stopping_) return Fail(Error::Unavailable("the portal is shutting down"));
  std::unique_ptr<ClusterLock> cluster;
  // Another instance holds the lock: answer with its run. It records the run just after taking
  // the lock, so for a moment the lock is held and no run shows yet: look again, briefly.
  for (int attempt = 0; locks_ && !cluster; ++attempt) {
    auto acquired = locks_->TryAcquire(kClusterLockKey);
    if (!acquired) return Fail(acquired.error());
    if (*acquired) {
      cluster = std::move(*acquired);
      break;
    }
    std::optional<SyncRun> latest;
    auto read = store_.Read([&](Tx& tx) -> Status {
      auto found = tx.SyncRuns().Latest();
      if (!found) return Fail(found.error());
      latest = *found;
      return {};
    });
    if (read && latest && latest->status == "running") return latest->id;
    if (attempt == 20) return Fail(Error::Conflict("a sync is already running on another portal instance"));
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    lock.lock();
    if (running_) return running_->id;
    if (stopping_) return Fail(Error::Unavailable("the portal is shutting down"));
  }
  // Nobody else syncs now: a run still marked running was cut off by a crash.
  if (auto s = FailInterrupted(); !s) return Fail(s.error());
  auto run = Begin(trigger, actor_id);
  if (!run) return Fail(run.error());
  running_ = *run;
  if (worker_.joinable()) worker_.join();  // the previous run's thread has finished (running_ was empty)
  worker_ = std::thread([this, r = *run, c = std::move(cluster), request_id]() mutable {
    Execute(std::move(r), std::move(c), request_id);
  });
  return run->id;
}

Status SyncService::FailInterrupted() {
  auto failed = store_.Write([&](Tx& tx) -> Status {
    auto n = tx.SyncRuns().FailRunning(ToUnixMillis(clock_.Now()), kInterrupted);
    if (!n) return Fail(n.error());
    if (*n > 0) log::Warn("sync_runs_interrupted", {{"runs", *n}});
    return {};
  });
  return failed;
}

Status SyncService::RecoverInterrupted() {
  std::unique_lock lock(mutex_);
  if (running_) return {};
  std::unique_ptr<ClusterLock> cluster;
  if (locks_) {
    auto acquired = locks_->TryAcquire(kClusterLockKey);
    if (!acquired) return Fail(acquired.error());
    if (!*acquired) return {};  // another instance is syncing: its run is not stale
    cluster = std::move(*acquired);
  }
  return FailInterrupted();
}

Result<SyncRun> SyncService::RunNow(const std::string& trigger, const std::optional<std::string>& actor_id,
                                    const std::string& request_id) {
  WaitIdle();
  auto id = StartAs(trigger, actor_id, request_id);
  if (!id) return Fail(id.error());
  WaitIdle();
  SyncRun run;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.SyncRuns().FindById(*id);
    if (!found) return Fail(found.error());
    run = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  return run;
}

void SyncService::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return !running_.has_value(); });
}

void SyncService::Execute(SyncRun run, std::unique_ptr<ClusterLock> lock, const std::string& request_id) {
  auto applied = Apply(run, request_id);
  ReturnFreedMemory();  // what the fetched keys took, before the next sync takes it again
  run.finished_at = ToUnixMillis(clock_.Now());
  if (applied) {
    run.status = "succeeded";
  } else {
    run.status = "failed";
    run.error = Reason(applied.error());
    log::Warn("sync_failed", {{"run", run.id}, {"error", applied.error().message}, {"detail", applied.error().detail}});
  }
  Finish(std::move(run), request_id, std::move(lock));
}

Result<SyncSnapshot> SyncService::Fetch(std::int64_t seen_at, const FetchProgress& progress,
                                        std::optional<KnownKeys> known) {
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  SyncSnapshot snapshot;
  snapshot.known = std::move(known);
  auto listed = (*client)->ForEachWorkspace({.include_archived = true}, [&](std::span<const Workspace> page) -> Status {
    for (const auto& w : page) snapshot.workspaces.push_back(ToRecord(w, seen_at));
    ++snapshot.pages;
    if (progress) progress(snapshot);
    return {};
  });
  if (!listed) return Fail(listed.error());
  // The listed workspaces never include the Default Workspace; a key in it (which 2026-10-21
  // names by its real id) or one scoped to the whole organization belongs to no workspace here.
  std::set<std::string> listed_ids;
  for (const auto& w : snapshot.workspaces) listed_ids.insert(w.id);
  listed = (*client)->ForEachApiKey({}, [&](std::span<const ApiKey> page) -> Status {
    for (const auto& k : page) {
      ApiKeyRecord record = ToRecord(k, seen_at);
      if (record.workspace_id && !listed_ids.contains(*record.workspace_id)) record.workspace_id.reset();
      ++snapshot.keys_listed;
      if (snapshot.known) {
        auto stored = snapshot.known->find(record.id);
        if (stored != snapshot.known->end() && !stored->second.vanished &&
            stored->second.fingerprint == Fingerprint(record)) {
          stored->second.listed = true;
          continue;
        }
      }
      snapshot.keys.push_back(std::move(record));
    }
    ++snapshot.pages;
    if (progress) progress(snapshot);
    return {};
  });
  if (!listed) return Fail(listed.error());
  return snapshot;
}

Result<KnownKeys> SyncService::ReadKnownKeys(Tx& tx) {
  KnownKeys known;
  auto read = tx.ApiKeys().ForEachSynced([&](const ApiKeyRecord& k) {
    known.emplace(k.id, KnownKey{Fingerprint(k), k.vanished_at.has_value(), false});
  });
  if (!read) return Fail(read.error());
  return known;
}

Result<std::int64_t> SyncService::ApplySnapshot(Tx& tx, SyncSnapshot snapshot, std::int64_t now,
                                                std::string_view run_id) {
  // Only what changed is written: a sync in which nothing changed writes no key or workspace.
  std::unordered_map<std::string, WorkspaceRecord> stored_workspaces;
  WorkspaceQuery all_workspaces;
  all_workspaces.page.limit = 500;
  all_workspaces.include_archived = true;
  for (;;) {
    auto page = tx.Workspaces().List(all_workspaces);
    if (!page) return Fail(page.error());
    for (auto& w : page->items) stored_workspaces.emplace(w.id, std::move(w));
    if (!page->next_cursor) break;
    all_workspaces.page.cursor = page->next_cursor;
  }
  for (const auto& w : snapshot.workspaces) {
    auto stored = stored_workspaces.find(w.id);
    if (stored != stored_workspaces.end() && SameAnthropicFields(stored->second, w)) continue;
    if (auto s = tx.Workspaces().Upsert(w); !s) return Fail(s.error());
  }
  if (!snapshot.known) {
    auto known = ReadKnownKeys(tx);
    if (!known) return Fail(known.error());
    snapshot.known = std::move(*known);
  }
  KnownKeys& known = *snapshot.known;
  // The changed keys are gathered at the front of the snapshot itself (no second copy of a
  // hundred thousand keys), then written.
  std::size_t changed = 0;
  for (auto& k : snapshot.keys) {
    auto stored = known.find(k.id);
    bool write = stored == known.end();
    if (!write) {
      write = stored->second.vanished || stored->second.fingerprint != Fingerprint(k);
      stored->second.listed = true;
    }
    if (!write) continue;
    if (&snapshot.keys[changed] != &k) snapshot.keys[changed] = std::move(k);
    ++changed;
  }
  snapshot.keys.resize(changed);
  if (auto s = tx.ApiKeys().UpsertMany(snapshot.keys); !s) return Fail(s.error());
  std::vector<std::string> gone;
  for (const auto& [id, stored] : known) {
    if (!stored.listed && !stored.vanished) gone.push_back(id);
  }
  auto vanished = tx.ApiKeys().MarkVanished(gone, now);
  if (!vanished) return Fail(vanished.error());
  log::Info("sync_writes", {{"run", std::string(run_id)},
                            {"apiKeysWritten", static_cast<std::int64_t>(changed)},
                            {"apiKeysVanished", *vanished}});
  return *vanished;
}

Status SyncService::Apply(SyncRun& run, const std::string& request_id) {
  // Everything is read first, then applied in one short transaction: a failure on any page
  // leaves the tables as they were, and no database lock is held during network calls. Keys are
  // compared with what the store held before the fetch as they arrive, so only those that differ
  // are kept (only syncs add keys, one at a time; a key changed by the portal meanwhile is left
  // as the portal wrote it unless Anthropic lists it differently from before).
  KnownKeys known;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto stored = ReadKnownKeys(tx);
    if (!stored) return Fail(stored.error());
    known = std::move(*stored);
    return {};
  });
  if (!read) return Fail(read.error());
  auto snapshot = Fetch(
      run.started_at,
      [&](const SyncSnapshot& so_far) {
        std::lock_guard lock(mutex_);
        if (running_ && running_->id == run.id) {
          running_->pages = so_far.pages;
          running_->workspaces = static_cast<std::int64_t>(so_far.workspaces.size());
          running_->api_keys = so_far.keys_listed;
        }
      },
      std::move(known));
  if (!snapshot) return Fail(snapshot.error());
  run.pages = snapshot->pages;
  run.workspaces = static_cast<std::int64_t>(snapshot->workspaces.size());
  run.api_keys = snapshot->keys_listed;

  return store_.Write([&](Tx& tx) -> Status {
    auto vanished = ApplySnapshot(tx, std::move(*snapshot), ToUnixMillis(clock_.Now()), run.id);
    if (!vanished) return Fail(vanished.error());
    run.vanished = *vanished;
    SyncRun done = run;
    done.status = "succeeded";
    done.finished_at = ToUnixMillis(clock_.Now());
    if (auto s = tx.SyncRuns().Update(done); !s) return s;
    return tx.Audit().Append(MakeAuditEvent(run.actor_id, "anthropic.sync", "sync_run", run.id, std::nullopt,
                                            request_id, *done.finished_at,
                                            AuditDetails()
                                                .Add("trigger", run.trigger)
                                                .Add("workspaces", run.workspaces)
                                                .Add("apiKeys", run.api_keys)
                                                .Add("vanished", run.vanished)
                                                .Json()));
  });
}

void SyncService::Finish(SyncRun run, const std::string& request_id, std::unique_ptr<ClusterLock> cluster) {
  if (run.status == "failed") {
    auto wrote = store_.Write([&](Tx& tx) -> Status {
      if (auto s = tx.SyncRuns().Update(run); !s) return s;
      return tx.Audit().Append(MakeAuditEvent(
          run.actor_id, "anthropic.sync_failed", "sync_run", run.id, std::nullopt, request_id,
          run.finished_at.value_or(0), AuditDetails().Add("trigger", run.trigger).Add("error", run.error).Json()));
    });
    if (!wrote) log::Warn("sync_record_failed", {{"run", run.id}, {"error", wrote.error().detail}});
  } else {
    log::Info("sync_succeeded", {{"run", run.id},
                                 {"workspaces", run.workspaces},
                                 {"apiKeys", run.api_keys},
                                 {"vanished", run.vanished},
                                 {"pages", run.pages}});
  }
  cluster.reset();  // before running_ clears, so that the next run of this process gets the lock
  {
    std::lock_guard lock(mutex_);
    running_.reset();
  }
  idle_.notify_all();
  if (run.status == "succeeded" && on_succeeded_ && !stopping_) on_succeeded_();
}

Status ScopeSyncRun(Tx& tx, const Actor& actor, SyncRun& run) {
  if (IsSuperAdmin(actor)) return {};
  run.pages = 0;
  run.vanished = 0;
  run.workspaces = 0;
  run.api_keys = 0;
  if (!actor.organization_id) return {};
  auto workspaces = tx.Workspaces().CountByOrganization(*actor.organization_id);
  if (!workspaces) return Fail(workspaces.error());
  auto keys = tx.ApiKeys().CountByOrganization(*actor.organization_id);
  if (!keys) return Fail(keys.error());
  run.workspaces = *workspaces;
  run.api_keys = *keys;
  return {};
}

Result<SyncRun> SyncService::Get(const Actor& actor, const std::string& id) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  std::optional<SyncRun> live;
  {
    std::lock_guard lock(mutex_);
    if (running_ && running_->id == id) live = *running_;
  }
  SyncRun run;
  auto read = store_.Read([&](Tx& tx) -> Status {
    if (live) {
      run = std::move(*live);
    } else {
      auto found = tx.SyncRuns().FindById(id);
      if (!found) return Fail(found.error());
      run = std::move(*found);
    }
    return ScopeSyncRun(tx, actor, run);
  });
  if (!read) return Fail(read.error());
  return run;
}

Result<std::optional<SyncRun>> SyncService::Latest(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  std::optional<SyncRun> latest;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.SyncRuns().Latest();
    if (!found) return Fail(found.error());
    latest = std::move(*found);
    {
      std::lock_guard lock(mutex_);
      if (latest && running_ && running_->id == latest->id) latest = *running_;
    }
    return latest ? ScopeSyncRun(tx, actor, *latest) : Status{};
  });
  if (!read) return Fail(read.error());
  return latest;
}

void SyncService::StartPeriodic(std::chrono::milliseconds interval) {
  if (interval.count() <= 0 || timer_.joinable()) return;
  timer_ = std::thread([this, interval] {
    std::unique_lock lock(timer_mutex_);
    while (!timer_cv_.wait_for(lock, interval, [&] { return stopping_.load(); })) {
      lock.unlock();
      auto configured = connection_.Configured();
      if (configured && *configured) {
        auto started = StartAs("periodic", std::nullopt, "periodic-sync");
        if (!started) log::Warn("periodic_sync_not_started", {{"error", started.error().message}});
      }
      lock.lock();
    }
  });
}

void SyncService::Stop() {
  {
    std::lock_guard lock(timer_mutex_);
    stopping_.store(true);
  }
  timer_cv_.notify_all();
  if (timer_.joinable()) timer_.join();
  WaitIdle();
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

}  // namespace portal::domain
