#include "http/message.hpp"

#include <gtest/gtest.h>

namespace portal::http {
namespace {

TEST(Request, QueryParametersArePercentDecoded) {
  Request request;
  request.query = "q=%E7%94%B0%E4%B8%AD+taro&limit=10&flag";
  EXPECT_EQ(request.Query("q"), "田中 taro");
  EXPECT_EQ(request.Query("limit"), "10");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Query("missing"), std::nullopt);
}

TEST(Request, HeadersAreCaseInsensitiveAndCookiesParse) {
  Request request;
  request.headers = {{"cookie", "a=1; portal_refresh=abc.def ; b=2"}, {"x-requested-with", "XMLHttpRequest"}};
  EXPECT_EQ(request.Header("X-Requested-With"), "XMLHttpRequest");
  EXPECT_EQ(request.Cookie("portal_refresh"), "abc.def");
  EXPECT_EQ(request.Cookie("nope"), std::nullopt);
}

TEST(PercentDecode, LeavesBrokenEscapesAlone) {
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
}

}  // namespace
}  // namespace portal::http
