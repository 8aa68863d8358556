#pragma once
// Query-string handling for the emulator: the raw query split into decoded pairs (array params
// arrive as `name[]=a&name[]=b`, docs §2.4), the cursor-page parameters (§3.1) and booleans.
// Unknown parameters (e.g. the SDK's `beta=true`) are simply never looked at.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {

class QueryParams {
 public:
  static QueryParams Parse(std::string_view raw);

  // The last value of `name`; nullopt when absent.
  std::optional<std::string> Get(std::string_view name) const;
  // Every value of `name[]` and of `name` (both spellings), in order.
  std::vector<std::string> GetAll(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// before_id / after_id / limit (default 20, 1..1000; anything else is a 400).
Result<PageRequest> ParsePageRequest(const QueryParams& query);
// "true"/"false" (also 1/0); nullopt when absent, kInvalidArgument when malformed.
Result<std::optional<bool>> ParseBool(const QueryParams& query, std::string_view name);
// A base-10 integer in [min, max] or `fallback` when absent.
Result<int> ParseInt(const QueryParams& query, std::string_view name, int fallback, int min, int max);

std::string UrlDecode(std::string_view text);
std::string Base64Encode(std::string_view data);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace portal::emulator
