#include "http/handlers/usage_handlers.hpp"

#include <boost/json.hpp>

#include "http/error_response.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json_body.hpp"

namespace portal::http {
namespace {

namespace json = boost::json;

json::object TotalsJson(const domain::UsageTotals& t) {
  return {{"uncachedInputTokens", t.uncached_input_tokens},
          {"cacheReadInputTokens", t.cache_read_input_tokens},
          {"cacheCreationInputTokens", t.cache_creation_input_tokens},
          {"inputTokens", t.uncached_input_tokens + t.cache_read_input_tokens + t.cache_creation_input_tokens},
          {"outputTokens", t.output_tokens},
          {"requests", t.requests},
          {"costCents", t.cost_cents.ToString()}};
}

json::value RunJson(const std::optional<domain::UsageRun>& run) {
  if (!run) return nullptr;
  return json::object{{"id", run->id},
                      {"trigger", run->trigger},
                      {"status", run->status},
                      {"source", run->source},
                      {"from", run->from_day},
                      {"to", run->to_day},
                      {"daysTotal", run->days_total},
                      {"daysDone", run->days_done},
                      {"rowsWritten", run->rows_written},
                      {"startedAt", run->started_at},
                      {"finishedAt", run->finished_at ? json::value(*run->finished_at) : json::value(nullptr)},
                      {"error", run->error}};
}

json::value ReportJson(const domain::UsageReport& report) {
  json::array groups;
  for (const auto& g : report.groups) {
    json::array days;
    for (const auto& [day, totals] : g.days) {
      auto item = TotalsJson(totals);
      item["day"] = day;
      days.push_back(std::move(item));
    }
    groups.push_back({{"key", g.key ? json::value(*g.key) : json::value(nullptr)},
                      {"label", g.label},
                      {"totals", TotalsJson(g.totals)},
                      {"days", std::move(days)}});
  }
  return json::object{{"from", report.from_day},
                      {"to", report.to_day},
                      {"groupBy", domain::ToString(report.group_by)},
                      {"currency", "USD"},
                      {"totals", TotalsJson(report.totals)},
                      {"groups", std::move(groups)},
                      {"latestRun", RunJson(report.latest_run)}};
}

std::string CsvField(std::string_view text) {
  // Quoted when needed; a leading =, +, - or @ is prefixed so that a spreadsheet never runs it.
  std::string value;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) value.push_back('\'');
  value.append(text);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvLine(std::string_view day, std::string_view key, std::string_view label, const domain::UsageTotals& t) {
  std::string line;
  line.append(CsvField(day)).append(",").append(CsvField(key)).append(",").append(CsvField(label));
  for (std::int64_t v : {t.uncached_input_tokens, t.cache_read_input_tokens, t.cache_creation_input_tokens,
                         t.output_tokens, t.requests}) {
    line.append(",").append(std::to_string(v));
  }
  line.append(",").append(t.cost_cents.ToString()).append("\r\n");
  return line;
}

Response ReportCsv(const domain::UsageReport& report) {
  std::string body = "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read UTF-8 names
  body +=
      "day,group,label,uncached_input_tokens,cache_read_input_tokens,cache_creation_input_tokens,output_tokens,"
      "requests,cost_cents\r\n";
  for (const auto& g : report.groups) {
    for (const auto& [day, totals] : g.days) body += CsvLine(day, g.key.value_or(""), g.label, totals);
  }
  body += CsvLine("total", "", "", report.totals);
  auto response = Response::Text(200, std::move(body), "text/csv; charset=utf-8");
  response.SetHeader("content-disposition", "attachment; filename=\"usage-" + report.from_day + "-" + report.to_day +
                                                "-" + std::string(domain::ToString(report.group_by)) + ".csv\"");
  return response;
}

Result<domain::UsageQuery> ReadQuery(const Request& request) {
  domain::UsageQuery query;
  query.from_day = request.Query("from").value_or("");
  query.to_day = request.Query("to").value_or("");
  if (auto group = request.Query("groupBy")) {
    auto parsed = domain::ParseUsageGroupBy(*group);
    if (!parsed) {
      return Fail(
          Error::InvalidArgument("groupBy: one of organization, user, apiKey, workspace, model").WithField("groupBy"));
    }
    query.group_by = *parsed;
  }
  auto text = [&](std::string_view name) -> std::optional<std::string> {
    auto value = request.Query(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  query.organization_id = text("organizationId");
  query.user_id = text("userId");
  query.api_key_id = text("apiKeyId");
  query.workspace_id = text("workspaceId");
  query.model = text("model");
  return query;
}

bool WantsCsv(const Request& request) {
  if (auto format = request.Query("format")) return *format == "csv";
  return request.Header("accept").find("text/csv") != std::string_view::npos;
}

}  // namespace

void AddUsageRoutes(Router& router, domain::AuthService& auth, domain::UsageService& usage) {
  router.Add(Method::kGet, "/api/v1/usage", WithActor(auth, [&usage](Request& request, const domain::Actor& actor) {
               if (auto format = request.Query("format"); format && *format != "csv" && *format != "json") {
                 return ErrorResponse(request, Error::InvalidArgument("format: csv or json").WithField("format"));
               }
               auto query = ReadQuery(request);
               if (!query) return ErrorResponse(request, query.error());
               auto report = usage.Query(actor, std::move(*query));
               if (!report) return ErrorResponse(request, report.error());
               if (WantsCsv(request)) return ReportCsv(*report);
               return JsonResponse(200, ReportJson(*report));
             }));

  router.Add(Method::kPost, "/api/v1/usage/collect",
             WithActor(auth, [&usage](Request& request, const domain::Actor& actor) {
               return Respond(request, usage.Start(actor), 202, [](const std::string& id) {
                 return json::object{{"runId", id}};
               });
             }));

  router.Add(Method::kGet, "/api/v1/usage/runs/latest",
             WithActor(auth, [&usage](Request& request, const domain::Actor& actor) {
               return Respond(request, usage.Latest(actor), 200,
                              [](const std::optional<domain::UsageRun>& run) { return RunJson(run); });
             }));
}

}  // namespace portal::http
