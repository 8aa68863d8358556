// The request parser and router: bytes off the wire → http::Request → the API's routes, the
// accessors handlers use, and the client address behind trusted proxies.

#include <string>

#include "core/net.hpp"
#include "fuzz_support.hpp"
#include "http/openapi_document.hpp"
#include "http/router.hpp"
#include "http/wire.hpp"

namespace {
using namespace portal;

// Every path of the API document, with the methods the API uses.
http::Router ApiShapedRouter() {
  http::Router router;
  std::string_view doc = http::OpenApiDocument();
  while (!doc.empty()) {
    auto end = doc.find('\n');
    auto line = doc.substr(0, end);
    doc.remove_prefix(end == std::string_view::npos ? doc.size() : end + 1);
    if (line.size() < 4 || !line.starts_with("  /") || !line.ends_with(':')) continue;
    std::string pattern(line.substr(2, line.size() - 3));
    for (auto method : {http::Method::kGet, http::Method::kPost, http::Method::kPatch, http::Method::kDelete}) {
      router.Add(method, pattern, [](http::Request&) { return http::Response::NoContent(); });
    }
  }
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::Router router = ApiShapedRouter();
  static const auto trusted = ParseIpNetworks("127.0.0.0/8,10.0.0.0/8,::1/128").value();
  auto request = http::ParseRequestBytes(fuzz::AsText(data, size), 64 * 1024);
  if (!request) return 0;
  FUZZ_CHECK(request->body.size() <= 64 * 1024);
  auto match = router.Find(*request);
  if (match.route != nullptr) {
    FUZZ_CHECK(request->route == match.route->pattern);
    FUZZ_CHECK(match.path_known);
  }
  for (const auto& [name, value] : request->path_params) FUZZ_CHECK(!name.empty());
  (void)request->Query("limit");
  (void)request->Query("cursor");
  (void)request->Cookie("portal_refresh");
  (void)request->Header("Authorization");
  std::vector<std::string_view> forwarded;
  for (const auto& [name, value] : request->headers) {
    FUZZ_CHECK(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos);
    if (name == "x-forwarded-for") forwarded.emplace_back(value);
  }
  auto client = ClientAddress("127.0.0.1", forwarded, trusted);
  auto parsed = ParseIpAddress(client);
  FUZZ_CHECK(parsed.has_value());
  FUZZ_CHECK(parsed->ToString() == client);
  return 0;
}
