#pragma once
// Exact decimal amounts for money: Anthropic sends costs as decimal strings of cents
// ("123.45678"); sums stay exact (never a float). Nine fractional digits, signed 128-bit units.

#include <optional>
#include <string>
#include <string_view>

namespace portal::domain {

// GCC's 128-bit integer (__extension__: no -Wpedantic warning).
__extension__ typedef __int128 Int128;

class Decimal {
 public:
  Decimal() = default;
  // "12", "-0.5", "123.456789"; nullopt for anything else or more than nine fractional digits.
  static std::optional<Decimal> Parse(std::string_view text);
  Decimal& operator+=(const Decimal& other) {
    units_ += other.units_;
    return *this;
  }
  friend Decimal operator+(Decimal a, const Decimal& b) { return a += b; }
  bool operator==(const Decimal& other) const = default;
  bool operator<(const Decimal& other) const { return units_ < other.units_; }
  bool IsZero() const { return units_ == 0; }
  // Shortest exact form: "0", "12.5", "-0.000001".
  std::string ToString() const;

 private:
  Int128 units_ = 0;  // 1e-9
};

}  // namespace portal::domain
