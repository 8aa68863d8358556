// Reports, fault parsing and query parameters.
#include <gtest/gtest.h>

#include <set>

#include "emulator/emulator_faults.hpp"
#include "emulator/emulator_params.hpp"
#include "emulator/emulator_reports.hpp"
#include "emulator/emulator_seed.hpp"

namespace portal::emulator {
namespace {

namespace json = boost::json;

const Micros kNow = *ParseRfc3339("2026-01-20T12:00:00Z");

Snapshot Data() { return GenerateSnapshot({3, 10, 5, 3, kNow}); }

TEST(EmulatorReportsTest, UsageReportPagesDailyBucketsWithNextPage) {
  auto state = Data();
  auto first = UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&limit=5"), kNow);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  const auto& data = first->at("data").as_array();
  ASSERT_EQ(data.size(), 5u);
  EXPECT_EQ(data[0].at("starting_at").as_string(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(data[0].at("ending_at").as_string(), "2026-01-02T00:00:00Z");
  EXPECT_TRUE(first->at("has_more").as_bool());
  // The token is "page_" + base64 of the next bucket's start, like the docs' example.
  EXPECT_EQ(first->at("next_page").as_string(), "page_" + Base64Encode("2026-01-06T00:00:00Z"));
  const auto& item = data[0].at("results").as_array().at(0).as_object();
  for (const char* field :
       {"uncached_input_tokens", "cache_creation", "cache_read_input_tokens", "output_tokens", "server_tool_use",
        "api_key_id", "workspace_id", "model", "service_tier", "context_window"}) {
    EXPECT_TRUE(item.contains(field)) << field;
  }
  EXPECT_TRUE(item.at("model").is_null());

  // Walk to the end: 20 buckets from Jan 1 to now (Jan 20 12:00 -> the 20th is partial).
  int buckets = static_cast<int>(data.size());
  std::string page = std::string(first->at("next_page").as_string());
  while (true) {
    auto next = UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&limit=5&page=" + page), kNow);
    ASSERT_TRUE(next.has_value()) << next.error().message;
    buckets += static_cast<int>(next->at("data").as_array().size());
    if (!next->at("has_more").as_bool()) {
      EXPECT_TRUE(next->at("next_page").is_null());
      break;
    }
    page = std::string(next->at("next_page").as_string());
  }
  EXPECT_EQ(buckets, 20);

  // Deterministic.
  auto again = UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&limit=5"), kNow);
  EXPECT_EQ(json::serialize(*again), json::serialize(*first));
}

TEST(EmulatorReportsTest, UsageReportGroupsAndFilters) {
  auto state = Data();
  auto grouped =
      UsageReport(state,
                  QueryParams::Parse("starting_at=2026-01-10T00:00:00Z&ending_at=2026-01-12T00:00:00Z&group_by[]=model&"
                                     "group_by[]=workspace_id"),
                  kNow);
  ASSERT_TRUE(grouped.has_value()) << grouped.error().message;
  const auto& data = grouped->at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_FALSE(grouped->at("has_more").as_bool());
  std::set<std::string> models;
  for (const auto& bucket : data) {
    for (const auto& r : bucket.at("results").as_array()) {
      EXPECT_TRUE(r.at("model").is_string());
      EXPECT_TRUE(r.at("api_key_id").is_null());
      models.insert(std::string(r.at("model").as_string()));
    }
  }
  EXPECT_FALSE(models.empty());

  auto one_model = *models.begin();
  auto filtered =
      UsageReport(state,
                  QueryParams::Parse("starting_at=2026-01-10T00:00:00Z&ending_at=2026-01-12T00:00:00Z&group_by[]=model&"
                                     "models[]=" +
                                     one_model),
                  kNow);
  for (const auto& bucket : filtered->at("data").as_array()) {
    for (const auto& r : bucket.at("results").as_array()) EXPECT_EQ(r.at("model").as_string(), one_model);
  }
}

TEST(EmulatorReportsTest, ReportsRejectBadParameters) {
  auto state = Data();
  EXPECT_EQ(UsageReport(state, QueryParams::Parse(""), kNow).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(UsageReport(state, QueryParams::Parse("starting_at=nope"), kNow).has_value());
  EXPECT_FALSE(
      UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&bucket_width=1h&limit=169"), kNow)
          .has_value());
  EXPECT_TRUE(UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&bucket_width=1h&limit=168"), kNow)
                  .has_value());
  EXPECT_FALSE(
      UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&group_by[]=colour"), kNow).has_value());
  EXPECT_FALSE(
      UsageReport(state, QueryParams::Parse("starting_at=2026-01-02T00:00:00Z&ending_at=2026-01-01T00:00:00Z"), kNow)
          .has_value());
  EXPECT_FALSE(
      UsageReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&page=garbage"), kNow).has_value());
  EXPECT_FALSE(
      CostReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&bucket_width=1h"), kNow).has_value());
  EXPECT_FALSE(CostReport(state, QueryParams::Parse("starting_at=2026-01-01T00:00:00Z&limit=32"), kNow).has_value());
}

TEST(EmulatorReportsTest, CostReportPricesTheUsageByDescription) {
  auto state = Data();
  auto total = CostReport(state, QueryParams::Parse("starting_at=2026-01-05T00:00:00Z&limit=2"), kNow);
  ASSERT_TRUE(total.has_value()) << total.error().message;
  const auto& data = total->at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_TRUE(total->at("has_more").as_bool());
  const auto& results = data[0].at("results").as_array();
  ASSERT_EQ(results.size(), 1u);  // no grouping: one total per bucket
  EXPECT_EQ(results[0].at("currency").as_string(), "USD");
  EXPECT_TRUE(results[0].at("amount").is_string());
  EXPECT_TRUE(results[0].at("description").is_null());

  auto detailed = CostReport(
      state,
      QueryParams::Parse("starting_at=2026-01-05T00:00:00Z&limit=1&group_by[]=description&group_by[]=workspace_id"),
      kNow);
  ASSERT_TRUE(detailed.has_value());
  bool saw_tokens = false;
  double sum = 0;
  for (const auto& r : detailed->at("data").as_array()[0].at("results").as_array()) {
    EXPECT_TRUE(r.at("description").is_string());
    if (r.at("cost_type").as_string() == "tokens") {
      saw_tokens = true;
      EXPECT_TRUE(r.at("model").is_string());
      EXPECT_TRUE(r.at("token_type").is_string());
    }
    sum += std::stod(std::string(r.at("amount").as_string()));
  }
  EXPECT_TRUE(saw_tokens);
  EXPECT_NEAR(sum, std::stod(std::string(results[0].at("amount").as_string())), 0.01);
}

TEST(EmulatorReportsTest, FutureBucketsAreEmpty) {
  auto state = Data();
  auto report =
      UsageReport(state, QueryParams::Parse("starting_at=2026-01-20T00:00:00Z&ending_at=2026-01-23T00:00:00Z"), kNow);
  ASSERT_TRUE(report.has_value());
  const auto& data = report->at("data").as_array();
  ASSERT_EQ(data.size(), 3u);
  EXPECT_FALSE(data[0].at("results").as_array().empty());
  EXPECT_TRUE(data[1].at("results").as_array().empty());
}

TEST(EmulatorFaultsTest, ParsesTheHeaderForms) {
  EXPECT_EQ(ParseFault("429")->kind, FaultKind::kRateLimited);
  EXPECT_EQ(ParseFault("429")->retry_after_seconds, 1);
  auto with_retry = ParseFault("429; retry-after=2");
  ASSERT_TRUE(with_retry.has_value());
  EXPECT_EQ(with_retry->retry_after_seconds, 2);
  EXPECT_EQ(ParseFault("529")->kind, FaultKind::kOverloaded);
  EXPECT_EQ(ParseFault("500")->kind, FaultKind::kInternal);
  EXPECT_EQ(ParseFault("TIMEOUT")->kind, FaultKind::kTimeout);
  EXPECT_EQ(ParseFault("reset")->kind, FaultKind::kReset);
  EXPECT_EQ(ParseFault("truncated")->kind, FaultKind::kTruncated);
  EXPECT_FALSE(ParseFault("418").has_value());
  EXPECT_FALSE(ParseFault("500;retry-after=2").has_value());
  EXPECT_FALSE(ParseFault("429;retry-after=soon").has_value());
  EXPECT_EQ(ParseFaultList({"429,500", "timeout"})->size(), 3u);
  EXPECT_FALSE(ParseFaultList({"429,boom"}).has_value());
}

TEST(EmulatorFaultsTest, InjectorUsesHeaderThenQueueThenRate) {
  FaultInjector never({}, 0.0, 0, 0, 1);
  for (int i = 0; i < 50; ++i) EXPECT_FALSE(never.Pick("")->has_value());
  EXPECT_EQ((*never.Pick("529"))->kind, FaultKind::kOverloaded);
  EXPECT_FALSE(never.Pick("nonsense").has_value());
  never.Queue({Fault{FaultKind::kTruncated}, Fault{FaultKind::kInternal}});
  EXPECT_EQ((*never.Pick(""))->kind, FaultKind::kTruncated);
  EXPECT_EQ((*never.Pick(""))->kind, FaultKind::kInternal);
  EXPECT_FALSE(never.Pick("")->has_value());

  FaultInjector always({Fault{FaultKind::kRateLimited}}, 1.0, 5, 10, 1);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ((*always.Pick(""))->kind, FaultKind::kRateLimited);
    auto latency = always.Latency().count();
    EXPECT_GE(latency, 5);
    EXPECT_LE(latency, 10);
  }
  FaultInjector half({}, 0.5, 0, 0, 9);
  int faults = 0;
  for (int i = 0; i < 400; ++i) faults += half.Pick("")->has_value() ? 1 : 0;
  EXPECT_GT(faults, 140);
  EXPECT_LT(faults, 260);
}

TEST(EmulatorParamsTest, ParsesQueriesArraysAndPages) {
  auto q = QueryParams::Parse(
      "limit=5&after_id=apikey_01x&beta=true&group_by%5B%5D=model&group_by[]=workspace_id&"
      "email=a%2Bb%40example.com");
  EXPECT_EQ(q.Get("email"), "a+b@example.com");
  EXPECT_EQ(q.GetAll("group_by"), (std::vector<std::string>{"model", "workspace_id"}));
  auto page = ParsePageRequest(q);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->limit, 5);
  EXPECT_EQ(page->after_id, "apikey_01x");
  EXPECT_FALSE(page->before_id.has_value());
  EXPECT_FALSE(ParsePageRequest(QueryParams::Parse("limit=abc")).has_value());
  EXPECT_FALSE(ParsePageRequest(QueryParams::Parse("limit=0")).has_value());
  EXPECT_FALSE(ParsePageRequest(QueryParams::Parse("limit=1001")).has_value());
  EXPECT_EQ(ParsePageRequest(QueryParams::Parse(""))->limit, 20);
  EXPECT_EQ(*ParseBool(QueryParams::Parse("include_archived=true"), "include_archived"), true);
  EXPECT_FALSE(ParseBool(QueryParams::Parse("include_archived=maybe"), "include_archived").has_value());
  EXPECT_EQ(Base64Decode(Base64Encode("2025-05-14T00:00:00Z")), "2025-05-14T00:00:00Z");
  EXPECT_EQ(Base64Encode("2025-05-14T00:00:00Z"), "MjAyNS0wNS0xNFQwMDowMDowMFo=");
}

}  // namespace
}  // namespace portal::emulator
