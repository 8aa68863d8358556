#pragma once
// HMAC-SHA-256 (RFC 2104) over OpenSSL. Pure function; thread-safe.

#include <array>
#include <cstdint>
#include <string_view>

namespace portal::security {

// The 32-byte HMAC-SHA-256 of `data` under `key` (any length, including empty).
std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view data);

}  // namespace portal::security
