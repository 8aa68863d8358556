#include "core/text.hpp"

#include <cstdio>

namespace portal {

CodePoint DecodeUtf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char c = byte(pos);
  if (c < 0x80) return {c, 1, true};
  std::size_t length = 0;
  char32_t value = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    value = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    value = c & 0x07;
  } else {
    return {c, 1, false};
  }
  if (pos + length > text.size()) return {c, 1, false};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {c, 1, false};
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  const bool overlong =
      (length == 2 && value < 0x80) || (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {c, 1, false};
  return {value, length, true};
}

bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool IsBidiControl(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

std::string VisibleText(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  char buf[16];
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp = DecodeUtf8(text, pos);
    if (!cp.valid) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[pos])));
      out += buf;
    } else if (keep_newlines && (cp.value == '\n' || cp.value == '\t')) {
      out += static_cast<char>(cp.value);
    } else if (cp.value < 0x80 && IsControl(cp.value)) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp.value));
      out += buf;
    } else if (IsControl(cp.value) || IsBidiControl(cp.value)) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp.value));
      out += buf;
    } else {
      out.append(text.substr(pos, cp.length));
    }
    pos += cp.length;
  }
  return out;
}

}  // namespace portal
