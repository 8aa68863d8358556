#include "http/router.hpp"

#include <gtest/gtest.h>

namespace portal::http {
namespace {

Handler Named(const std::string& name) {
  return [name](Request&) { return Response::Text(200, name); };
}

TEST(Router, MatchesExactAndParameterSegments) {
  Router router;
  router.Add(Method::kGet, "/api/v1/users", Named("list"));
  router.Add(Method::kGet, "/api/v1/users/{id}", Named("get"));
  router.Add(Method::kPost, "/api/v1/users/{id}/reset-password", Named("reset"));
  Request request;
  request.method = Method::kGet;
  request.path = "/api/v1/users/usr_1";
  auto match = router.Find(request);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->handler(request).body, "get");
  EXPECT_EQ(request.PathParam("id"), "usr_1");
  EXPECT_EQ(request.route, "/api/v1/users/{id}");

  request.method = Method::kPost;
  request.path = "/api/v1/users/usr_2/reset-password";
  match = router.Find(request);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(request.PathParam("id"), "usr_2");
}

TEST(Router, KnownPathWithOtherMethodReportsAllowedMethods) {
  Router router;
  router.Add(Method::kGet, "/a", Named("a"));
  router.Add(Method::kPost, "/a", Named("b"));
  Request request;
  request.method = Method::kDelete;
  request.path = "/a";
  auto match = router.Find(request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "HEAD", "POST", "OPTIONS"}));
}

TEST(Router, HeadUsesTheGetRoute) {
  Router router;
  router.Add(Method::kGet, "/a", Named("a"));
  Request request;
  request.method = Method::kHead;
  request.path = "/a";
  EXPECT_NE(router.Find(request).route, nullptr);
}

TEST(Router, UnknownPathIsNotKnown) {
  Router router;
  router.Add(Method::kGet, "/a/{x}", Named("a"));
  Request request;
  request.path = "/a/b/c";
  auto match = router.Find(request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(Router, PlainPageNamesOnlyLimitAndCursor) {
  EXPECT_TRUE(IsPlainPage(""));
  EXPECT_TRUE(IsPlainPage("limit=50"));
  EXPECT_TRUE(IsPlainPage("limit=50&cursor=usr_01"));
  EXPECT_TRUE(IsPlainPage("cursor=&limit=20&"));
  EXPECT_FALSE(IsPlainPage("q=alice"));
  EXPECT_FALSE(IsPlainPage("limit=50&q"));
  EXPECT_FALSE(IsPlainPage("limit=50&status=active"));
  EXPECT_FALSE(IsPlainPage("limit=50&organizationId=org_1"));
  EXPECT_FALSE(IsPlainPage("%6Cimit=50"));  // a name is not decoded: not plain, so on the worker pool
}

}  // namespace
}  // namespace portal::http
