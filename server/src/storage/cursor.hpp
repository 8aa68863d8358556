#pragma once
// Keyset cursors over (sort key, id): the hex of the sort key, '.', the id. Opaque to clients;
// carrying the sort key (not only the id) keeps paging right when that row goes away meanwhile.
// Internal to portal_storage.

#include <string>
#include <string_view>

namespace portal::storage {

inline std::string EncodeKeyCursor(std::string_view sort_key, std::string_view id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : sort_key) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
  }
  out += '.';
  out += id;
  return out;
}

inline bool DecodeKeyCursor(std::string_view cursor, std::string& sort_key, std::string& id) {
  const auto dot = cursor.find('.');
  if (dot == std::string_view::npos || dot % 2 != 0 || dot + 1 == cursor.size()) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  sort_key.clear();
  for (std::size_t i = 0; i < dot; i += 2) {
    const int hi = nibble(cursor[i]), lo = nibble(cursor[i + 1]);
    if (hi < 0 || lo < 0) return false;
    sort_key += static_cast<char>(hi * 16 + lo);
  }
  id = std::string(cursor.substr(dot + 1));
  return true;
}

// Cursors that are an id ("usr_01JD…", newest-first lists): the prefix, '_', then 1–64 letters or
// digits. Anything else is not a cursor this portal handed out (→ 400, not an empty page).
inline bool IsIdCursor(std::string_view cursor, std::string_view prefix) {
  if (cursor.size() <= prefix.size() + 1 || cursor.size() > prefix.size() + 65 || !cursor.starts_with(prefix) ||
      cursor[prefix.size()] != '_') {
    return false;
  }
  for (char c : cursor.substr(prefix.size() + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

}  // namespace portal::storage
