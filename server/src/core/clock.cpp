#include "core/clock.hpp"

#include <cstdio>
#include <ctime>
#include <optional>

namespace portal {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm); no time zone involved.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The civil date of a day count since 1970-01-01 (the inverse of DaysFromCivil).
struct CivilDate {
  std::int64_t year;
  unsigned month, day;
};
CivilDate CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// Writes `value` as `width` decimal digits (zero-padded) at `out`.
void PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool ValidDate(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

}  // namespace

std::int64_t ToUnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint FromUnixMillis(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

// By hand rather than gmtime_r + snprintf: lists format three timestamps per row (snprintf was 9 %
// of the samples of GET /users).
void AppendRfc3339Millis(std::string& out, std::int64_t ms) {
  constexpr std::int64_t kMsPerDay = 86'400'000;
  std::int64_t days = ms / kMsPerDay, in_day = ms % kMsPerDay;
  if (in_day < 0) {
    in_day += kMsPerDay;
    days -= 1;
  }
  const auto date = CivilFromDays(days);
  const auto millis_of_day = static_cast<unsigned>(in_day);
  if (date.year < 0 || date.year > 9999) {  // not an RFC 3339 year; never a stored timestamp
    char buf[80];
    std::snprintf(buf, sizeof buf, "%lld-%02u-%02uT%02u:%02u:%02u.%03uZ", static_cast<long long>(date.year), date.month,
                  date.day, millis_of_day / 3'600'000, millis_of_day / 60'000 % 60, millis_of_day / 1000 % 60,
                  millis_of_day % 1000);
    out += buf;
    return;
  }
  const std::size_t at = out.size();
  out += "0000-00-00T00:00:00.000Z";
  char* p = out.data() + at;
  PutDigits(p, static_cast<unsigned>(date.year), 4);
  PutDigits(p + 5, date.month, 2);
  PutDigits(p + 8, date.day, 2);
  PutDigits(p + 11, millis_of_day / 3'600'000, 2);
  PutDigits(p + 14, millis_of_day / 60'000 % 60, 2);
  PutDigits(p + 17, millis_of_day / 1000 % 60, 2);
  PutDigits(p + 20, millis_of_day % 1000, 3);
}

std::string FormatRfc3339Millis(std::int64_t ms) {
  std::string out;
  AppendRfc3339Millis(out, ms);
  return out;
}

std::string FormatRfc3339(TimePoint t) { return FormatRfc3339Millis(ToUnixMillis(t)); }

bool IsIsoDate(std::string_view text) {
  int year = 0, month = 0, day = 0;
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && ReadDigits(text, 0, 4, year) &&
         ReadDigits(text, 5, 2, month) && ReadDigits(text, 8, 2, day) && ValidDate(year, month, day);
}

std::optional<std::int64_t> ParseRfc3339Micros(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || !IsIsoDate(text.substr(0, 10))) return std::nullopt;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  if (!ReadDigits(text, 0, 4, year) || !ReadDigits(text, 5, 2, month) || !ReadDigits(text, 8, 2, day)) {
    return std::nullopt;
  }
  if (!ReadDigits(text, 11, 2, hour) || text[13] != ':' || !ReadDigits(text, 14, 2, minute) || text[16] != ':' ||
      !ReadDigits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = 19;
  std::int64_t fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100'000;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, om)) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * kMicrosPerSecond * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  std::int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return (days * 86'400 + hour * 3600 + minute * 60 + second) * kMicrosPerSecond + fraction - offset;
}

}  // namespace portal
