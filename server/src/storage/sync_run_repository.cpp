#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kInsertRun[] =
    "INSERT INTO sync_runs (id, status, trigger_kind, actor_id, started_at, finished_at, pages,"
    " workspaces, api_keys, vanished, error) VALUES (:id, :status, :trigger_kind, :actor_id,"
    " :started_at, :finished_at, :pages, :workspaces, :api_keys, :vanished, :error)";
constexpr char kUpdateRun[] =
    "UPDATE sync_runs SET status = :status, finished_at = :finished_at, pages = :pages,"
    " workspaces = :workspaces, api_keys = :api_keys, vanished = :vanished, error = :error"
    " WHERE id = :id";
constexpr char kColumns[] =
    "SELECT id, status, trigger_kind, actor_id, started_at, finished_at, pages, workspaces,"
    " api_keys, vanished, error FROM sync_runs";
constexpr char kWhereId[] = " WHERE id = :id";
constexpr char kLatest[] = " ORDER BY started_at DESC, id DESC LIMIT 1";
constexpr char kFailRunning[] =
    "UPDATE sync_runs SET status = 'failed', finished_at = :finished_at, error = :error WHERE status = 'running'";

constexpr ConstraintRule kWriteRules[] = {
    {"sync_runs.id", "sync_runs_pkey", ErrorCode::kConflict, "sync run id already exists"},
};

struct RunRow {
  std::string id, status, trigger, actor_id, error;
  soci::indicator actor_id_ind = soci::i_null, finished_at_ind = soci::i_null;
  long long started_at = 0, finished_at = 0, pages = 0, workspaces = 0, api_keys = 0, vanished = 0;

  RunRow() = default;
  explicit RunRow(const domain::SyncRun& run)
      : id(run.id),
        status(run.status),
        trigger(run.trigger),
        actor_id(run.actor_id.value_or("")),
        error(run.error),
        actor_id_ind(run.actor_id ? soci::i_ok : soci::i_null),
        finished_at_ind(run.finished_at ? soci::i_ok : soci::i_null),
        started_at(run.started_at),
        finished_at(run.finished_at.value_or(0)),
        pages(run.pages),
        workspaces(run.workspaces),
        api_keys(run.api_keys),
        vanished(run.vanished) {}

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(status));
    st.exchange(soci::into(trigger));
    st.exchange(soci::into(actor_id, actor_id_ind));
    st.exchange(soci::into(started_at));
    st.exchange(soci::into(finished_at, finished_at_ind));
    st.exchange(soci::into(pages));
    st.exchange(soci::into(workspaces));
    st.exchange(soci::into(api_keys));
    st.exchange(soci::into(vanished));
    st.exchange(soci::into(error));
  }
  void BindMutableUses(soci::statement& st) {
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(finished_at, finished_at_ind, "finished_at"));
    st.exchange(soci::use(pages, "pages"));
    st.exchange(soci::use(workspaces, "workspaces"));
    st.exchange(soci::use(api_keys, "api_keys"));
    st.exchange(soci::use(vanished, "vanished"));
    st.exchange(soci::use(error, "error"));
  }
  domain::SyncRun ToEntity() const {
    domain::SyncRun run;
    run.id = id;
    run.status = status;
    run.trigger = trigger;
    if (actor_id_ind == soci::i_ok) run.actor_id = actor_id;
    run.started_at = started_at;
    if (finished_at_ind == soci::i_ok) run.finished_at = finished_at;
    run.pages = pages;
    run.workspaces = workspaces;
    run.api_keys = api_keys;
    run.vanished = vanished;
    run.error = error;
    return run;
  }
};

}  // namespace

Status SqlSyncRunRepository::Insert(const domain::SyncRun& run) {
  return conn_.Write("sync_runs.insert", kWriteRules, [&]() -> Status {
    RunRow row(run);
    soci::statement st(conn_.sql());
    st.exchange(soci::use(row.id, "id"));
    st.exchange(soci::use(row.trigger, "trigger_kind"));
    st.exchange(soci::use(row.actor_id, row.actor_id_ind, "actor_id"));
    st.exchange(soci::use(row.started_at, "started_at"));
    row.BindMutableUses(st);
    Prepare(st, kInsertRun);
    st.execute(true);
    return {};
  });
}

Status SqlSyncRunRepository::Update(const domain::SyncRun& run) {
  return conn_.Write("sync_runs.update", kWriteRules, [&]() -> Status {
    RunRow row(run);
    soci::statement st(conn_.sql());
    row.BindMutableUses(st);
    st.exchange(soci::use(row.id, "id"));
    Prepare(st, kUpdateRun);
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("sync run not found"));
    return {};
  });
}

Result<domain::SyncRun> SqlSyncRunRepository::FindById(std::string_view id) {
  return conn_.Read("sync_runs.find_by_id", [&]() -> Result<domain::SyncRun> {
    std::string key(id);
    RunRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    st.exchange(soci::use(key, "id"));
    Prepare(st, std::string(kColumns) + kWhereId);
    if (!st.execute(true)) return Fail(Error::NotFound("sync run not found"));
    return row.ToEntity();
  });
}

Result<std::optional<domain::SyncRun>> SqlSyncRunRepository::Latest() {
  return conn_.Read("sync_runs.latest", [&]() -> Result<std::optional<domain::SyncRun>> {
    RunRow row;
    soci::statement st(conn_.sql());
    row.BindInto(st);
    Prepare(st, std::string(kColumns) + kLatest);
    if (!st.execute(true)) return std::optional<domain::SyncRun>();
    return std::optional<domain::SyncRun>(row.ToEntity());
  });
}

Result<std::int64_t> SqlSyncRunRepository::FailRunning(std::int64_t now, std::string_view error) {
  return conn_.Write("sync_runs.fail_running", {}, [&]() -> Result<std::int64_t> {
    long long at = now;
    std::string text(error);
    soci::statement st = (conn_.sql().prepare << kFailRunning, soci::use(at, "finished_at"), soci::use(text, "error"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

}  // namespace portal::storage
