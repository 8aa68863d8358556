// Where the server runs a route's handler, seen over real HTTP: a list page with no filter or search
// (Dispatch::kPage) on the I/O thread when reads run inline (SQLite), any other on the worker pool.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>

#include "http/server.hpp"
#include "support/http_client.hpp"

namespace portal::http {
namespace {

// The handler's answer: the thread it ran on.
Response ThreadAnswer(Request& /*request*/) {
  std::ostringstream id;
  id << std::this_thread::get_id();
  return Response::Text(200, id.str());
}

class ServerDispatch : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    Router router;
    router.Add(Method::kGet, "/io", ThreadAnswer, Dispatch::kInline);
    router.Add(Method::kGet, "/worker", ThreadAnswer, Dispatch::kBlocking);
    router.Add(Method::kGet, "/list", ThreadAnswer, Dispatch::kPage);
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 1;
    options.heavy_threads = 1;
    options.inline_reads = GetParam();
    options.access_log = false;
    server_ = std::make_unique<Server>(std::move(options), std::move(router));
    ASSERT_TRUE(server_->Start());
    client_ = std::make_unique<testing::HttpClient>("http://127.0.0.1:" + std::to_string(server_->Port()));
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  std::string ThreadOf(const std::string& path) const {
    auto result = client_->Get(path);
    EXPECT_EQ(result.status, 200) << path;
    return result.body;
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<testing::HttpClient> client_;
};

std::string ReadsName(const ::testing::TestParamInfo<bool>& param) { return param.param ? "Inline" : "WorkerPool"; }

INSTANTIATE_TEST_SUITE_P(InlineReads, ServerDispatch, ::testing::Bool(), ReadsName);

TEST_P(ServerDispatch, APlainListPageRunsOnTheIoThreadOnlyWhenReadsRunInline) {
  const auto io = ThreadOf("/io");
  const auto worker = ThreadOf("/worker");
  ASSERT_FALSE(io.empty());
  ASSERT_NE(io, worker);
  const auto plain = GetParam() ? io : worker;
  EXPECT_EQ(ThreadOf("/list"), plain);
  EXPECT_EQ(ThreadOf("/list?limit=50"), plain);
  EXPECT_EQ(ThreadOf("/list?limit=50&cursor=usr_01"), plain);
  // A search or a filter can read many rows: never on the I/O thread.
  EXPECT_EQ(ThreadOf("/list?limit=50&q=alice"), worker);
  EXPECT_EQ(ThreadOf("/list?status=active"), worker);
  EXPECT_EQ(ThreadOf("/list?limit=50&organizationId=org_1&cursor=usr_01"), worker);
}

}  // namespace
}  // namespace portal::http
