#include <string>
#include <vector>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kDeleteDays[] = "DELETE FROM usage_daily WHERE day >= :from_day AND day <= :to_day";
constexpr char kInsertRow[] =
    "INSERT INTO usage_daily (day, api_key_id, workspace_id, model, day_start, day_end, uncached_input_tokens,"
    " cache_read_input_tokens, cache_creation_input_tokens, output_tokens, requests, cost_cents, fetched_at)"
    " VALUES (:day, :api_key_id, :workspace_id, :model, :day_start, :day_end, :uncached, :cache_read,"
    " :cache_creation, :output, :requests, :cost_cents, :fetched_at)";
// The holder of the key and the organization of the workspace at the end of the row's day.
constexpr char kSelectRows[] =
    "SELECT u.day, u.api_key_id, u.workspace_id, u.model, u.day_start, u.day_end, u.uncached_input_tokens,"
    " u.cache_read_input_tokens, u.cache_creation_input_tokens, u.output_tokens, u.requests, u.cost_cents,"
    " u.fetched_at,"
    " (SELECT h.user_id FROM key_holder_history h WHERE h.api_key_id = u.api_key_id AND h.from_ms < u.day_end"
    "   AND (h.to_ms IS NULL OR h.to_ms >= u.day_end) ORDER BY h.from_ms DESC LIMIT 1),"
    " (SELECT l.organization_id FROM workspace_link_history l WHERE l.workspace_id = u.workspace_id"
    "   AND l.from_ms < u.day_end AND (l.to_ms IS NULL OR l.to_ms >= u.day_end) ORDER BY l.from_ms DESC LIMIT 1)"
    " FROM usage_daily u WHERE u.day >= :from_day AND u.day <= :to_day";
constexpr char kByKey[] = " AND u.api_key_id = :api_key_id";
constexpr char kByWorkspace[] = " AND u.workspace_id = :workspace_id";
constexpr char kByModel[] = " AND u.model = :model";
constexpr char kOrder[] = " ORDER BY u.day, u.api_key_id, u.workspace_id, u.model";
constexpr char kLatestDay[] = "SELECT max(day) FROM usage_daily";
constexpr char kRunColumns[] =
    "id, trigger_kind, status, source, from_day, to_day, days_total, days_done, rows_written, started_at,"
    " finished_at, error";
constexpr char kInsertRun[] =
    "INSERT INTO usage_runs (id, trigger_kind, status, source, from_day, to_day, days_total, days_done, rows_written,"
    " started_at, finished_at, error) VALUES (:id, :trigger_kind, :status, :source, :from_day, :to_day, :days_total,"
    " :days_done, :rows_written, :started_at, :finished_at, :error)";
constexpr char kUpdateRun[] =
    "UPDATE usage_runs SET status = :status, source = :source, from_day = :from_day, to_day = :to_day,"
    " days_total = :days_total, days_done = :days_done, rows_written = :rows_written, finished_at = :finished_at,"
    " error = :error WHERE id = :id";
constexpr char kFailRunning[] =
    "UPDATE usage_runs SET status = 'failed', finished_at = :now, error = :error WHERE status = 'running'";

constexpr char kBackdateHolders[] =
    "UPDATE key_holder_history SET from_ms = 0 WHERE to_ms IS NULL AND NOT EXISTS (SELECT 1 FROM key_holder_history e"
    " WHERE e.api_key_id = key_holder_history.api_key_id AND e.from_ms < key_holder_history.from_ms)";
constexpr char kBackdateLinks[] =
    "UPDATE workspace_link_history SET from_ms = 0 WHERE to_ms IS NULL AND NOT EXISTS (SELECT 1 FROM"
    " workspace_link_history e WHERE e.workspace_id = workspace_link_history.workspace_id"
    " AND e.from_ms < workspace_link_history.from_ms)";

constexpr std::size_t kBatch = 500;

struct RunRow {
  std::string id, trigger, status, source, from_day, to_day, error;
  long long days_total = 0, days_done = 0, rows_written = 0, started_at = 0, finished_at = 0;
  soci::indicator finished_ind = soci::i_null;

  RunRow() = default;
  explicit RunRow(const domain::UsageRun& r)
      : id(r.id),
        trigger(r.trigger),
        status(r.status),
        source(r.source),
        from_day(r.from_day),
        to_day(r.to_day),
        error(r.error),
        days_total(r.days_total),
        days_done(r.days_done),
        rows_written(r.rows_written),
        started_at(r.started_at),
        finished_at(r.finished_at.value_or(0)),
        finished_ind(r.finished_at ? soci::i_ok : soci::i_null) {}
  void BindUpdatable(soci::statement& st) {
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(source, "source"));
    st.exchange(soci::use(from_day, "from_day"));
    st.exchange(soci::use(to_day, "to_day"));
    st.exchange(soci::use(days_total, "days_total"));
    st.exchange(soci::use(days_done, "days_done"));
    st.exchange(soci::use(rows_written, "rows_written"));
    st.exchange(soci::use(finished_at, finished_ind, "finished_at"));
    st.exchange(soci::use(error, "error"));
  }
  domain::UsageRun ToEntity() const {
    domain::UsageRun r;
    r.id = id;
    r.trigger = trigger;
    r.status = status;
    r.source = source;
    r.from_day = from_day;
    r.to_day = to_day;
    r.error = error;
    r.days_total = days_total;
    r.days_done = days_done;
    r.rows_written = rows_written;
    r.started_at = started_at;
    if (finished_ind == soci::i_ok) r.finished_at = finished_at;
    return r;
  }
};

}  // namespace

Status SqlUsageRepository::ReplaceDays(std::string_view from_day, std::string_view to_day,
                                       const std::vector<domain::UsageRow>& rows) {
  return conn_.Write("usage.replace_days", {}, [&]() -> Status {
    std::string from(from_day), to(to_day);
    conn_.sql() << kDeleteDays, soci::use(from, "from_day"), soci::use(to, "to_day");
    // Bulk binds, a batch at a time: one round trip per batch on PostgreSQL.
    std::vector<std::string> day, key, workspace, model, cost;
    std::vector<long long> start, end, uncached, cache_read, cache_creation, output, requests, fetched;
    for (std::size_t offset = 0; offset < rows.size(); offset += kBatch) {
      const std::size_t n = std::min(kBatch, rows.size() - offset);
      for (auto* v : {&day, &key, &workspace, &model, &cost}) v->clear();
      for (auto* v : {&start, &end, &uncached, &cache_read, &cache_creation, &output, &requests, &fetched}) v->clear();
      for (std::size_t i = offset; i < offset + n; ++i) {
        const auto& r = rows[i];
        day.push_back(r.day);
        key.push_back(r.api_key_id);
        workspace.push_back(r.workspace_id);
        model.push_back(r.model);
        cost.push_back(r.cost_cents);
        start.push_back(r.day_start);
        end.push_back(r.day_end);
        uncached.push_back(r.uncached_input_tokens);
        cache_read.push_back(r.cache_read_input_tokens);
        cache_creation.push_back(r.cache_creation_input_tokens);
        output.push_back(r.output_tokens);
        requests.push_back(r.requests);
        fetched.push_back(r.fetched_at);
      }
      conn_.sql() << kInsertRow, soci::use(day, "day"), soci::use(key, "api_key_id"),
          soci::use(workspace, "workspace_id"), soci::use(model, "model"), soci::use(start, "day_start"),
          soci::use(end, "day_end"), soci::use(uncached, "uncached"), soci::use(cache_read, "cache_read"),
          soci::use(cache_creation, "cache_creation"), soci::use(output, "output"), soci::use(requests, "requests"),
          soci::use(cost, "cost_cents"), soci::use(fetched, "fetched_at");
    }
    return {};
  });
}

Result<std::vector<domain::AttributedUsage>> SqlUsageRepository::List(const domain::UsageRowFilter& filter) {
  return conn_.Read("usage.list", [&]() -> Result<std::vector<domain::AttributedUsage>> {
    std::string from = filter.from_day, to = filter.to_day;
    std::string key = filter.api_key_id.value_or(""), workspace = filter.workspace_id.value_or(""),
                model_filter = filter.model.value_or("");
    std::string sql = kSelectRows;
    if (filter.api_key_id) sql += kByKey;
    if (filter.workspace_id) sql += kByWorkspace;
    if (filter.model) sql += kByModel;
    sql += kOrder;
    domain::UsageRow row;
    std::string user, org;
    long long start = 0, end = 0, uncached = 0, cache_read = 0, cache_creation = 0, output = 0, requests = 0,
              fetched = 0;
    soci::indicator user_ind = soci::i_null, org_ind = soci::i_null;
    soci::statement st(conn_.sql());
    st.exchange(soci::into(row.day));
    st.exchange(soci::into(row.api_key_id));
    st.exchange(soci::into(row.workspace_id));
    st.exchange(soci::into(row.model));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end));
    st.exchange(soci::into(uncached));
    st.exchange(soci::into(cache_read));
    st.exchange(soci::into(cache_creation));
    st.exchange(soci::into(output));
    st.exchange(soci::into(requests));
    st.exchange(soci::into(row.cost_cents));
    st.exchange(soci::into(fetched));
    st.exchange(soci::into(user, user_ind));
    st.exchange(soci::into(org, org_ind));
    st.exchange(soci::use(from, "from_day"));
    st.exchange(soci::use(to, "to_day"));
    if (filter.api_key_id) st.exchange(soci::use(key, "api_key_id"));
    if (filter.workspace_id) st.exchange(soci::use(workspace, "workspace_id"));
    if (filter.model) st.exchange(soci::use(model_filter, "model"));
    Prepare(st, sql);
    std::vector<domain::AttributedUsage> out;
    if (!st.execute(true)) return out;
    do {
      domain::AttributedUsage a;
      a.row = row;
      a.row.day_start = start;
      a.row.day_end = end;
      a.row.uncached_input_tokens = uncached;
      a.row.cache_read_input_tokens = cache_read;
      a.row.cache_creation_input_tokens = cache_creation;
      a.row.output_tokens = output;
      a.row.requests = requests;
      a.row.fetched_at = fetched;
      if (user_ind == soci::i_ok) a.user_id = user;
      if (org_ind == soci::i_ok) a.organization_id = org;
      out.push_back(std::move(a));
    } while (st.fetch());
    return out;
  });
}

Result<std::optional<std::string>> SqlUsageRepository::LatestDay() {
  return conn_.Read("usage.latest_day", [&]() -> Result<std::optional<std::string>> {
    std::string day;
    soci::indicator ind = soci::i_null;
    conn_.sql() << kLatestDay, soci::into(day, ind);
    if (ind != soci::i_ok) return std::optional<std::string>();
    return std::optional<std::string>(day);
  });
}

Status SqlUsageRepository::InsertRun(const domain::UsageRun& run) {
  return conn_.Write("usage_runs.insert", {}, [&]() -> Status {
    RunRow row(run);
    soci::statement st(conn_.sql());
    st.exchange(soci::use(row.id, "id"));
    st.exchange(soci::use(row.trigger, "trigger_kind"));
    st.exchange(soci::use(row.started_at, "started_at"));
    row.BindUpdatable(st);
    Prepare(st, kInsertRun);
    st.execute(true);
    return {};
  });
}

Status SqlUsageRepository::UpdateRun(const domain::UsageRun& run) {
  return conn_.Write("usage_runs.update", {}, [&]() -> Status {
    RunRow row(run);
    soci::statement st(conn_.sql());
    row.BindUpdatable(st);
    st.exchange(soci::use(row.id, "id"));
    Prepare(st, kUpdateRun);
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Error::NotFound("usage run not found"));
    return {};
  });
}

Result<std::optional<domain::UsageRun>> SqlUsageRepository::LatestRun() {
  return conn_.Read("usage_runs.latest", [&]() -> Result<std::optional<domain::UsageRun>> {
    RunRow row;
    soci::statement st(conn_.sql());
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.trigger));
    st.exchange(soci::into(row.status));
    st.exchange(soci::into(row.source));
    st.exchange(soci::into(row.from_day));
    st.exchange(soci::into(row.to_day));
    st.exchange(soci::into(row.days_total));
    st.exchange(soci::into(row.days_done));
    st.exchange(soci::into(row.rows_written));
    st.exchange(soci::into(row.started_at));
    st.exchange(soci::into(row.finished_at, row.finished_ind));
    st.exchange(soci::into(row.error));
    Prepare(st, std::string("SELECT ") + kRunColumns + " FROM usage_runs ORDER BY started_at DESC, id DESC LIMIT 1");
    if (!st.execute(true)) return std::optional<domain::UsageRun>();
    return std::optional<domain::UsageRun>(row.ToEntity());
  });
}

Result<std::int64_t> SqlUsageRepository::FailRunning(std::int64_t now, std::string_view error) {
  return conn_.Write("usage_runs.fail_running", {}, [&]() -> Result<std::int64_t> {
    long long at = now;
    std::string e(error);
    soci::statement st = (conn_.sql().prepare << kFailRunning, soci::use(at, "now"), soci::use(e, "error"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Status SqlUsageRepository::BackdateFirstLinks() {
  return conn_.Write("usage.backdate_first_links", {}, [&]() -> Status {
    conn_.sql() << kBackdateHolders;
    conn_.sql() << kBackdateLinks;
    return {};
  });
}

}  // namespace portal::storage
