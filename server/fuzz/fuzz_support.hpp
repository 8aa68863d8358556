#pragma once
// Shared by the fuzz targets: the input as text, split into parts, and a check that aborts (so that
// libFuzzer reports the input) when a property the target asserts does not hold.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace portal::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at NUL bytes (at most `max_parts`; the last part keeps the rest).
inline std::vector<std::string_view> Parts(std::string_view text, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    auto nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  parts.push_back(text);
  return parts;
}

inline bool IsUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    auto cp = DecodeUtf8(text, pos);
    if (!cp.valid) return false;
    pos += cp.length;
  }
  return true;
}

[[noreturn]] inline void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: property does not hold: %s\n", file, line, condition);
  std::abort();
}

}  // namespace portal::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::portal::fuzz::CheckFailed(#condition, __FILE__, __LINE__))
