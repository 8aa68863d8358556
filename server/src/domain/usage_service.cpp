#include "domain/usage_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "domain/key_brief.hpp"

namespace portal::domain {
namespace {

using namespace std::chrono;

constexpr std::int64_t kBackfillDays = 90;
constexpr std::int64_t kRefetchDays = 2;  // Anthropic revises the latest days
constexpr std::int64_t kWindowDays = 31;  // the analytics endpoints' longest range
constexpr std::int64_t kMaxQueryDays = 366;
constexpr std::int64_t kDayMs = 86'400'000;

std::optional<std::int64_t> DayNumber(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd).time_since_epoch().count();
}

std::string DayString(std::int64_t day_number) {
  year_month_day ymd{sys_days(days(day_number))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::string Rfc3339Day(std::int64_t day_number) { return DayString(day_number) + "T00:00:00Z"; }

std::int64_t TodayNumber(const Clock& clock) { return floor<days>(clock.Now()).time_since_epoch().count(); }

// The day of an Anthropic bucket start ("2026-11-29T00:00:00Z").
std::optional<std::int64_t> BucketDay(const std::string& starting_at) {
  if (starting_at.size() < 10) return std::nullopt;
  return DayNumber(std::string_view(starting_at).substr(0, 10));
}

using RowKey = std::tuple<std::int64_t, std::string, std::string, std::string>;  // day, key, workspace, model

struct Collected {
  std::map<RowKey, UsageRow> rows;
  std::map<RowKey, Decimal> cost;

  UsageRow& Row(std::int64_t day, const std::string& key, const std::string& workspace, const std::string& model) {
    auto [it, inserted] = rows.try_emplace(RowKey{day, key, workspace, model});
    if (inserted) {
      it->second.day = DayString(day);
      it->second.api_key_id = key;
      it->second.workspace_id = workspace;
      it->second.model = model;
      it->second.day_start = day * kDayMs;
      it->second.day_end = (day + 1) * kDayMs;
    }
    return it->second;
  }
};

Error BadAmount(const std::string& amount) {
  return Error{ErrorCode::kUpstream, "Anthropic returned a cost the portal could not read",
               "usage: unreadable amount \"" + amount + "\"", "anthropic_bad_response"};
}

// Whether an analytics failure means "this organization has no analytics endpoints".
bool AnalyticsUnavailable(const Error& error) {
  return error.code == ErrorCode::kNotFound || error.code == ErrorCode::kForbidden ||
         error.code == ErrorCode::kInvalidArgument;
}

}  // namespace

std::optional<UsageGroupBy> ParseUsageGroupBy(std::string_view text) {
  if (text == "organization") return UsageGroupBy::kOrganization;
  if (text == "user") return UsageGroupBy::kUser;
  if (text == "apiKey") return UsageGroupBy::kApiKey;
  if (text == "workspace") return UsageGroupBy::kWorkspace;
  if (text == "model") return UsageGroupBy::kModel;
  return std::nullopt;
}

std::string_view ToString(UsageGroupBy group_by) {
  switch (group_by) {
    case UsageGroupBy::kOrganization: return "organization";
    case UsageGroupBy::kUser: return "user";
    case UsageGroupBy::kApiKey: return "apiKey";
    case UsageGroupBy::kWorkspace: return "workspace";
    case UsageGroupBy::kModel: return "model";
  }
  return "organization";
}

void UsageTotals::Add(const UsageRow& row, const Decimal& cost) {
  uncached_input_tokens += row.uncached_input_tokens;
  cache_read_input_tokens += row.cache_read_input_tokens;
  cache_creation_input_tokens += row.cache_creation_input_tokens;
  output_tokens += row.output_tokens;
  requests += row.requests;
  cost_cents += cost;
}

UsageService::~UsageService() { Stop(); }

// ---------------------------------------------------------------- reading

Result<UsageReport> UsageService::Query(const Actor& actor, UsageQuery query) {
  if (query.from_day.empty() || query.to_day.empty()) {
    const std::int64_t today = TodayNumber(clock_);
    year_month_day ymd{sys_days(days(today))};
    if (query.from_day.empty())
      query.from_day = DayString(sys_days(ymd.year() / ymd.month() / 1).time_since_epoch().count());
    if (query.to_day.empty()) query.to_day = DayString(today);
  }
  auto from = DayNumber(query.from_day);
  auto to = DayNumber(query.to_day);
  if (!from) return Fail(Error::InvalidArgument("from: a date YYYY-MM-DD").WithField("from"));
  if (!to) return Fail(Error::InvalidArgument("to: a date YYYY-MM-DD").WithField("to"));
  if (*to < *from) return Fail(Error::InvalidArgument("to: must not be before from").WithField("to"));
  if (*to - *from >= kMaxQueryDays)
    return Fail(Error::InvalidArgument("the range may span at most 366 days").WithField("to"));
  // Scope: an Admin sees their organization, a User their own usage; another tenant is not found.
  if (!IsSuperAdmin(actor)) {
    if (query.organization_id && query.organization_id != actor.organization_id) {
      return Fail(Error::NotFound("organization not found"));
    }
    query.organization_id = actor.organization_id;
    if (actor.role == Role::kUser) {
      if (query.user_id && *query.user_id != actor.user_id) return Fail(Error::NotFound("user not found"));
      query.user_id = actor.user_id;
    }
  }

  if (!IsSuperAdmin(actor) && (query.user_id || query.api_key_id || query.workspace_id)) {
    // Another organization's user, key or workspace is not found, as everywhere else.
    auto check = store_.Read([&](Tx& tx) -> Status {
      if (query.user_id && actor.role != Role::kUser) {
        auto user = tx.Users().FindById(*query.user_id);
        if (!user || user->organization_id != actor.organization_id) return Fail(Error::NotFound("user not found"));
      }
      if (query.api_key_id) {
        auto key = tx.ApiKeys().FindById(*query.api_key_id);
        if (!key) return Fail(Error::NotFound("API key not found"));
        auto organization = KeyOrganization(tx, *key);
        if (!organization) return Fail(organization.error());
        if (*organization != actor.organization_id) return Fail(Error::NotFound("API key not found"));
      }
      if (query.workspace_id) {
        auto workspace = tx.Workspaces().FindById(*query.workspace_id);
        if (!workspace || workspace->organization_id != actor.organization_id) {
          return Fail(Error::NotFound("workspace not found"));
        }
      }
      return {};
    });
    if (!check) return Fail(check.error());
  }
  UsageReport report;
  report.from_day = query.from_day;
  report.to_day = query.to_day;
  report.group_by = query.group_by;
  std::map<std::optional<std::string>, UsageGroup> groups;
  auto read = store_.Read([&](Tx& tx) -> Status {
    UsageRowFilter filter{query.from_day, query.to_day, query.api_key_id, query.workspace_id, query.model};
    auto rows = tx.Usage().List(filter);
    if (!rows) return Fail(rows.error());
    // Usage of a workspace the portal does not list (the Default Workspace, named by its real id)
    // is grouped as no workspace, as its keys are.
    std::map<std::string, bool> listed_workspaces;
    auto listed = [&](const std::string& id) -> Result<bool> {
      if (id.empty()) return false;
      if (auto it = listed_workspaces.find(id); it != listed_workspaces.end()) return it->second;
      auto w = tx.Workspaces().FindById(id);
      if (!w && w.error().code != ErrorCode::kNotFound) return Fail(w.error());
      return listed_workspaces[id] = w.has_value();
    };
    for (const auto& a : *rows) {
      if (query.organization_id && a.organization_id != query.organization_id) continue;
      if (query.user_id && a.user_id != query.user_id) continue;
      auto cost = Decimal::Parse(a.row.cost_cents);
      if (!cost) return Fail(Error::Internal("usage_daily holds an unreadable cost: " + a.row.cost_cents));
      std::optional<std::string> key;
      switch (query.group_by) {
        case UsageGroupBy::kOrganization: key = a.organization_id; break;
        case UsageGroupBy::kUser: key = a.user_id; break;
        case UsageGroupBy::kApiKey:
          if (!a.row.api_key_id.empty()) key = a.row.api_key_id;
          break;
        case UsageGroupBy::kWorkspace: {
          auto known = listed(a.row.workspace_id);
          if (!known) return Fail(known.error());
          if (*known) key = a.row.workspace_id;
          break;
        }
        case UsageGroupBy::kModel: key = a.row.model; break;
      }
      auto& group = groups[key];
      group.key = key;
      group.totals.Add(a.row, *cost);
      group.days[a.row.day].Add(a.row, *cost);
      report.totals.Add(a.row, *cost);
    }
    // Names for people.
    for (auto& [key, group] : groups) {
      if (!key) continue;
      switch (query.group_by) {
        case UsageGroupBy::kOrganization:
          if (auto org = tx.Organizations().FindById(*key)) group.label = org->name;
          break;
        case UsageGroupBy::kUser:
          if (auto user = tx.Users().FindById(*key)) group.label = user->name + " <" + user->email + ">";
          break;
        case UsageGroupBy::kApiKey:
          if (auto k = tx.ApiKeys().FindById(*key)) group.label = k->name + " (" + k->partial_key_hint + ")";
          break;
        case UsageGroupBy::kWorkspace:
          if (auto w = tx.Workspaces().FindById(*key)) group.label = w->name;
          break;
        case UsageGroupBy::kModel: group.label = *key; break;
      }
    }
    auto latest = tx.Usage().LatestRun();
    if (!latest) return Fail(latest.error());
    report.latest_run = *latest;
    return {};
  });
  if (!read) return Fail(read.error());
  for (auto& [key, group] : groups) report.groups.push_back(std::move(group));
  std::stable_sort(report.groups.begin(), report.groups.end(), [](const UsageGroup& a, const UsageGroup& b) {
    if (!(a.totals.cost_cents == b.totals.cost_cents)) return b.totals.cost_cents < a.totals.cost_cents;
    return a.totals.output_tokens + a.totals.uncached_input_tokens >
           b.totals.output_tokens + b.totals.uncached_input_tokens;
  });
  if (auto progress = Progress()) report.latest_run = progress;
  return report;
}

// ---------------------------------------------------------------- collecting

Result<std::string> UsageService::Start(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  return StartAs("manual");
}

Result<std::string> UsageService::StartAs(const std::string& trigger) {
  std::unique_lock lock(mutex_);
  if (running_) return running_->id;
  if (stopping_) return Fail(Error::Unavailable("the portal is shutting down"));
  UsageRun run;
  run.id = NewId("ucr");
  run.trigger = trigger;
  run.status = "running";
  run.started_at = NowMs();
  auto inserted = store_.Write([&](Tx& tx) { return tx.Usage().InsertRun(run); });
  if (!inserted) return Fail(inserted.error());
  running_ = run;
  if (worker_.joinable()) worker_.join();
  worker_ = std::thread([this, run]() mutable { Execute(std::move(run)); });
  return run.id;
}

Result<std::optional<UsageRun>> UsageService::Latest(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  if (auto progress = Progress()) return progress;
  std::optional<UsageRun> latest;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Usage().LatestRun();
    if (!found) return Fail(found.error());
    latest = *found;
    return {};
  });
  if (!read) return Fail(read.error());
  return latest;
}

std::optional<UsageRun> UsageService::Progress() {
  std::lock_guard lock(mutex_);
  return running_;
}

Status UsageService::RecoverInterrupted() {
  std::lock_guard lock(mutex_);
  if (running_) return {};
  return store_.Write([&](Tx& tx) -> Status {
    auto failed = tx.Usage().FailRunning(NowMs(), "the portal stopped during the collection; nothing was stored");
    if (!failed) return Fail(failed.error());
    return {};
  });
}

void UsageService::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return !running_.has_value(); });
}

void UsageService::Stop() {
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

void UsageService::Execute(UsageRun run) {
  auto collected = Collect(run);
  run.finished_at = NowMs();
  if (collected) {
    run.status = "succeeded";
    log::Info("usage_collected", {{"run", run.id},
                                  {"source", run.source},
                                  {"from", run.from_day},
                                  {"to", run.to_day},
                                  {"rows", run.rows_written}});
  } else {
    run.status = "failed";
    run.error = collected.error().message;
    if (!collected.error().api_code.empty()) run.error += " (" + collected.error().api_code + ")";
    log::Warn("usage_collection_failed",
              {{"run", run.id}, {"error", collected.error().message}, {"detail", collected.error().detail}});
    auto recorded = store_.Write([&](Tx& tx) { return tx.Usage().UpdateRun(run); });
    if (!recorded) log::Warn("usage_run_record_failed", {{"run", run.id}, {"error", recorded.error().detail}});
  }
  {
    std::lock_guard lock(mutex_);
    running_.reset();
  }
  idle_.notify_all();
}

Status UsageService::Collect(UsageRun& run) {
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto& admin = **client;
  const std::int64_t today = TodayNumber(clock_);
  std::optional<std::string> latest;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Usage().LatestDay();
    if (!found) return Fail(found.error());
    latest = *found;
    return {};
  });
  if (!read) return read;
  std::int64_t from = today - (kBackfillDays - 1);
  if (latest) {
    if (auto last = DayNumber(*latest)) from = std::max(from, std::min(*last, today) - kRefetchDays);
  }
  run.from_day = DayString(from);
  run.to_day = DayString(today);
  run.days_total = today - from + 1;
  auto progress = [&](std::int64_t done) {
    run.days_done = done;
    std::lock_guard lock(mutex_);
    if (running_ && running_->id == run.id) running_ = run;
  };
  progress(0);

  Collected collected;
  const std::int64_t fetched_at = NowMs();
  // The analytics endpoints first; without them, the usage and cost reports.
  run.source = "analytics";
  for (std::int64_t start = from; start <= today; start += kWindowDays) {
    const std::int64_t end = std::min(start + kWindowDays, today + 1);  // exclusive
    AnalyticsQuery query{Rfc3339Day(start), Rfc3339Day(end), {"api_key_id", "workspace_id", "model"}};
    auto usage = admin.ForEachAnalyticsUsage(query, [&](std::span<const AnalyticsUsageRow> page) -> Status {
      for (const auto& u : page) {
        auto day = BucketDay(u.starting_at);
        if (!day)
          return Fail(Error{ErrorCode::kUpstream, "Anthropic returned usage the portal could not read",
                            "usage: bucket " + u.starting_at, "anthropic_bad_response"});
        auto& row = collected.Row(*day, u.api_key_id.value_or(""), u.workspace_id.value_or(""), u.model.value_or(""));
        row.uncached_input_tokens += u.uncached_input_tokens;
        row.cache_read_input_tokens += u.cache_read_input_tokens;
        row.cache_creation_input_tokens += u.cache_creation_input_tokens;
        row.output_tokens += u.output_tokens;
        row.requests += u.requests;
      }
      return {};
    });
    if (!usage && start == from && AnalyticsUnavailable(usage.error())) {
      run.source = "reports";
      break;
    }
    if (!usage) return usage;
    auto cost = admin.ForEachAnalyticsCost(query, [&](std::span<const AnalyticsCostRow> page) -> Status {
      for (const auto& c : page) {
        auto day = BucketDay(c.starting_at);
        auto amount = Decimal::Parse(c.amount);
        if (!day || !amount) return Fail(BadAmount(c.amount));
        collected.Row(*day, c.api_key_id.value_or(""), c.workspace_id.value_or(""), c.model.value_or(""));
        collected.cost[RowKey{*day, c.api_key_id.value_or(""), c.workspace_id.value_or(""), c.model.value_or("")}] +=
            *amount;
      }
      return {};
    });
    if (!cost) return cost;
    progress(std::min(end, today + 1) - from);
  }
  if (run.source == "reports") {
    collected = {};
    UsageReportQuery usage_query;
    usage_query.starting_at = Rfc3339Day(from);
    usage_query.ending_at = Rfc3339Day(today + 1);
    usage_query.bucket_width = "1d";
    usage_query.limit = 31;
    usage_query.group_by = {"api_key_id", "workspace_id", "model"};
    std::int64_t done = 0;
    auto usage = admin.ForEachUsageBucket(usage_query, [&](std::span<const UsageBucket> page) -> Status {
      for (const auto& bucket : page) {
        auto day = BucketDay(bucket.starting_at);
        if (!day) return Fail(BadAmount(bucket.starting_at));
        for (const auto& r : bucket.results) {
          auto& row = collected.Row(*day, r.api_key_id.value_or(""), r.workspace_id.value_or(""), r.model.value_or(""));
          row.uncached_input_tokens += r.uncached_input_tokens;
          row.cache_read_input_tokens += r.cache_read_input_tokens;
          row.cache_creation_input_tokens += r.cache_creation_1h_input_tokens + r.cache_creation_5m_input_tokens;
          row.output_tokens += r.output_tokens;
        }
        progress(++done / 2);
      }
      return {};
    });
    if (!usage) return usage;
    // The cost report prices per workspace and model: its rows carry no key.
    CostReportQuery cost_query{Rfc3339Day(from), Rfc3339Day(today + 1), 31, {"workspace_id", "description"}};
    auto cost = admin.ForEachCostBucket(cost_query, [&](std::span<const CostBucket> page) -> Status {
      for (const auto& bucket : page) {
        auto day = BucketDay(bucket.starting_at);
        if (!day) return Fail(BadAmount(bucket.starting_at));
        for (const auto& c : bucket.results) {
          auto amount = Decimal::Parse(c.amount);
          if (!amount) return Fail(BadAmount(c.amount));
          collected.Row(*day, "", c.workspace_id.value_or(""), c.model.value_or(""));
          collected.cost[RowKey{*day, "", c.workspace_id.value_or(""), c.model.value_or("")}] += *amount;
        }
        progress(std::min(run.days_total, ++done / 2));
      }
      return {};
    });
    if (!cost) return cost;
  }

  std::vector<UsageRow> rows;
  rows.reserve(collected.rows.size());
  for (auto& [key, row] : collected.rows) {
    if (auto it = collected.cost.find(key); it != collected.cost.end()) row.cost_cents = it->second.ToString();
    row.fetched_at = fetched_at;
    rows.push_back(std::move(row));
  }
  run.rows_written = static_cast<std::int64_t>(rows.size());
  run.days_done = run.days_total;
  run.status = "succeeded";
  run.finished_at = NowMs();
  return store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.Usage().ReplaceDays(run.from_day, run.to_day, rows); !s) return s;
    return tx.Usage().UpdateRun(run);
  });
}

}  // namespace portal::domain
