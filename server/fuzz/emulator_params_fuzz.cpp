// The emulator's query-string parsing (page parameters, booleans, integers, array parameters), its
// URL decoding checked against the HTTP layer's, and its base64 cursors.
// Input: a raw query string.

#include "emulator/emulator_params.hpp"
#include "fuzz_support.hpp"
#include "http/message.hpp"

using namespace portal;
using namespace portal::emulator;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto raw = fuzz::AsText(data, size);
  auto query = QueryParams::Parse(raw);
  if (auto page = ParsePageRequest(query)) {
    FUZZ_CHECK(page->limit >= 1 && page->limit <= 1000);
    FUZZ_CHECK(!page->before_id || !page->before_id->empty());
    FUZZ_CHECK(!page->after_id || !page->after_id->empty());
  } else {
    FUZZ_CHECK(page.error().code == ErrorCode::kInvalidArgument);
  }
  (void)ParseBool(query, "include_default");
  if (auto days = ParseInt(query, "limit", 7, 1, 31)) FUZZ_CHECK(*days >= 1 && *days <= 31);
  for (const auto& id : query.GetAll("ids")) FUZZ_CHECK(id.size() <= raw.size());

  FUZZ_CHECK(UrlDecode(raw) == http::PercentDecode(raw, true));
  FUZZ_CHECK(Base64Decode(Base64Encode(raw)) == std::string(raw));
  if (auto decoded = Base64Decode(raw)) (void)Base64Encode(*decoded);
  return 0;
}
