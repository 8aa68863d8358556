#include "emulator/emulator_types.hpp"

#include <cstdio>
#include <ctime>

#include "core/clock.hpp"

namespace portal::emulator {
namespace {

std::string FormatWith(Micros t, bool micros) {
  Micros seconds = t >= 0 ? t / kMicrosPerSecond : (t - kMicrosPerSecond + 1) / kMicrosPerSecond;
  Micros fraction = t - seconds * kMicrosPerSecond;
  auto tt = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buffer[96];
  if (micros) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(fraction));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return buffer;
}

}  // namespace

std::string FormatMicros(Micros t) { return FormatWith(t, true); }
std::string FormatSeconds(Micros t) { return FormatWith(t, false); }

bool IsIsoDate(std::string_view text) { return portal::IsIsoDate(text); }

std::optional<Micros> ParseRfc3339(std::string_view text) { return ParseRfc3339Micros(text); }

}  // namespace portal::emulator
