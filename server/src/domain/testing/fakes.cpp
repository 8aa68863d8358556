#include "domain/testing/fakes.hpp"

#include <optional>
#include <stdexcept>
#include <vector>

namespace portal::domain::testing {
namespace {

std::string Hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

Result<std::string> FakeVault::Seal(std::string_view plaintext, std::string_view row_id) const {
  if (sealed) return Fail(VaultSealedError());
  return "sealed:" + std::string(row_id) + ":" + Hex(plaintext);
}

Result<std::string> FakeVault::Open(std::string_view sealed_value, std::string_view row_id) const {
  if (sealed) return Fail(VaultSealedError());
  const std::string prefix = "sealed:" + std::string(row_id) + ":";
  if (!sealed_value.starts_with(prefix)) return Fail(Error::Internal("sealed for another row"));
  auto value = Unhex(sealed_value.substr(prefix.size()));
  if (!value) return Fail(Error::Internal("not a sealed value"));
  return *value;
}

Result<std::string> FakePasswordHasher::Hash(std::string_view password) {
  if (unavailable) return Fail(Error::Unavailable("the password hashing queue is full"));
  return "hash:" + std::string(password);
}

Result<bool> FakePasswordHasher::Verify(std::string_view password, std::string_view hash) {
  if (unavailable) return Fail(Error::Unavailable("the password hashing queue is full"));
  return hash == "hash:" + std::string(password);
}

std::string FakeAccessTokenCodec::Issue(const AccessClaims& claims) const {
  return claims.user_id + "|" + claims.session_id + "|" + std::to_string(claims.issued_at) + "|" +
         std::to_string(claims.expires_at);
}

Result<AccessClaims> FakeAccessTokenCodec::Verify(std::string_view token, TimePoint now) const {
  std::vector<std::string> parts(1);
  for (char c : token) {
    if (c == '|') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (parts.size() != 4) return Fail(Error::Unauthenticated("invalid token"));
  AccessClaims claims{parts[0], parts[1], 0, 0};
  try {
    claims.issued_at = std::stoll(parts[2]);
    claims.expires_at = std::stoll(parts[3]);
  } catch (const std::exception&) {
    return Fail(Error::Unauthenticated("invalid token"));
  }
  if (claims.expires_at * 1000 <= ToUnixMillis(now)) return Fail(Error::Unauthenticated("token expired"));
  return claims;
}

std::string FakeTokenGenerator::RandomToken(std::size_t bytes) {
  return "token-" + std::to_string(next_++) + "-" + std::string(bytes, 'a');
}

std::string FakeTokenGenerator::RandomPassword(std::size_t length) {
  std::string password = "Password-" + std::to_string(next_++) + "-";
  while (password.size() < length) password += 'x';
  return password;
}

}  // namespace portal::domain::testing
