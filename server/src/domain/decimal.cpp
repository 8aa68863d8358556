#include "domain/decimal.hpp"

#include <algorithm>

namespace portal::domain {
namespace {
constexpr int kScale = 9;
constexpr std::size_t kMaxDigits = 27;  // far below 2^127 in units of 1e-9
}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) || fraction.size() > kScale || whole.size() > kMaxDigits) {
    return std::nullopt;
  }
  if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
  Int128 units = 0;
  for (char c : whole) units = units * 10 + (c - '0');
  for (int i = 0; i < kScale; ++i) units = units * 10 + (i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0);
  Decimal d;
  d.units_ = negative ? -units : units;
  return d;
}

std::string Decimal::ToString() const {
  Int128 v = units_ < 0 ? -units_ : units_;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v > 0);
  while (digits.size() <= kScale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  std::string whole = digits.substr(0, digits.size() - kScale);
  std::string fraction = digits.substr(digits.size() - kScale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = units_ < 0 ? "-" : "";
  out += whole;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

}  // namespace portal::domain
