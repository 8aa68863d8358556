#pragma once
// Input rules shared by every entry point (HTTP, CLI, demo data). Messages are for the client.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace portal::domain {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Length in Unicode code points of UTF-8 text (invalid bytes count as one each).
std::size_t CodePointCount(std::string_view utf8);

Status ValidatePassword(std::string_view password);       // 12–128 characters, not a common one (password_too_common)
Status ValidateEmail(std::string_view normalized_email);  // plain addr-spec, ≤ 254
Status ValidateName(std::string_view name, std::string_view field, std::size_t max = 100);  // 1–max, trimmed
// kInvalidArgument naming `field` when the text is not UTF-8 or holds a control character (C0 —
// but newline and tab where `multiline` —, DEL, C1) or a bidi embedding/override/isolate. Names
// (ValidateName) always pass through it.
Status ValidateCharacters(std::string_view text, std::string_view field, bool multiline = false);

std::string Trimmed(std::string_view text);

}  // namespace portal::domain
