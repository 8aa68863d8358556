#pragma once
// UTF-8 text from untrusted sources (names, titles, request paths, exports): decoding, the
// characters the portal refuses in names, and showing such text safely in a terminal or a log.

#include <cstddef>
#include <string>
#include <string_view>

namespace portal {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;  // bytes taken; 1 for an invalid byte
  bool valid = false;      // false: not well-formed UTF-8 (overlong, surrogate, truncated, > U+10FFFF)
};

// The code point that starts at text[pos] (pos < text.size()).
CodePoint DecodeUtf8(std::string_view text, std::size_t pos);

// C0 controls, DEL and C1 controls (U+0000–U+001F, U+007F–U+009F).
bool IsControl(char32_t cp);
// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
// a line read differently from what it holds.
bool IsBidiControl(char32_t cp);

// Text for a terminal: control and bidi characters as \xNN / \uNNNN escapes (with keep_newlines,
// newline and tab stay as they are), invalid UTF-8 bytes as \xNN; everything else unchanged.
std::string VisibleText(std::string_view text, bool keep_newlines = false);

}  // namespace portal
