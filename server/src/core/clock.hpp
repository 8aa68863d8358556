#pragma once
// Time comes in through Clock so that tests can move it (expiry, throttling windows).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// Milliseconds since the Unix epoch: how timestamps are stored (BIGINT on both databases).
std::int64_t ToUnixMillis(TimePoint t);
TimePoint FromUnixMillis(std::int64_t ms);
// RFC 3339 UTC with millisecond precision, e.g. 2025-03-24T09:30:00.000Z.
std::string FormatRfc3339(TimePoint t);
std::string FormatRfc3339Millis(std::int64_t ms);
// FormatRfc3339Millis appended to `out` (no string of its own).
void AppendRfc3339Millis(std::string& out, std::int64_t ms);
// RFC 3339 with an optional fraction and a Z or ±HH:MM offset, as microseconds since the Unix
// epoch; nullopt when malformed.
std::optional<std::int64_t> ParseRfc3339Micros(std::string_view text);
// A well-formed calendar date "YYYY-MM-DD".
bool IsIsoDate(std::string_view text);

}  // namespace portal
