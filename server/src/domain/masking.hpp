#pragma once
// How secret values are shown to people (R-K3): enough to recognise a key, never enough to use it.

#include <string>
#include <string_view>

namespace portal::domain {

// First 16 characters + "..." + last 4, e.g. "sk-ant-api03-aXy...1AAA" — the same form as
// Anthropic's partial_key_hint. Values shorter than 24 characters (too short to hide anything
// by showing 20 of them) become "***".
std::string MaskSecret(std::string_view value);

}  // namespace portal::domain
