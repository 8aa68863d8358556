#include "domain/common_passwords.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace portal::domain {

extern const std::string_view kCommonPasswordList;

namespace {

const std::vector<std::string_view>& SortedList() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> out;
    std::string_view rest = kCommonPasswordList;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      auto word = rest.substr(0, end);
      if (!word.empty()) out.push_back(word);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return list;
}

bool Listed(std::string_view word) {
  const auto& list = SortedList();
  return !word.empty() && std::binary_search(list.begin(), list.end(), word);
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  std::string lower(password);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (Listed(lower)) return true;
  std::string_view base = lower;
  while (!base.empty() && !std::isalpha(static_cast<unsigned char>(base.back())) &&
         static_cast<unsigned char>(base.back()) < 0x80) {
    base.remove_suffix(1);
  }
  if (base.size() >= 4 && base.size() < lower.size() && Listed(base)) return true;
  for (std::size_t unit = 4; unit <= lower.size() / 2; ++unit) {
    if (lower.size() % unit != 0) continue;
    const std::string_view piece = std::string_view(lower).substr(0, unit);
    bool repeated = true;
    for (std::size_t at = unit; at < lower.size() && repeated; at += unit) {
      repeated = std::string_view(lower).substr(at, unit) == piece;
    }
    if (repeated && Listed(piece)) return true;
  }
  return false;
}

}  // namespace portal::domain
